import { describe, expect, it } from 'vitest';
import {
  evaluateTerms,
  linearLayerGrads,
  partialDerivative,
  termsToTex,
  type CalcVar,
  type ExpMonomial,
} from './calculus.js';
import { lcg } from '../test/lcg.js';

/** Seed 001: x²y + xyz + z + eˣy³z². */
const SEED_F: ExpMonomial[] = [
  { coef: 1, powers: [2, 1, 0] },
  { coef: 1, powers: [1, 1, 1] },
  { coef: 1, powers: [0, 0, 1] },
  { coef: 1, powers: [0, 3, 2], expVar: 'x' },
];

describe('symbolic partial derivatives', () => {
  it('reproduces seed 001 exactly', () => {
    expect(termsToTex(SEED_F)).toBe('x^{2}y + xyz + z + e^{x}y^{3}z^{2}');
    expect(termsToTex(partialDerivative(SEED_F, 'x'))).toBe('2xy + yz + e^{x}y^{3}z^{2}');
    expect(termsToTex(partialDerivative(SEED_F, 'y'))).toBe('x^{2} + xz + 3e^{x}y^{2}z^{2}');
    expect(termsToTex(partialDerivative(SEED_F, 'z'))).toBe('xy + 1 + 2e^{x}y^{3}z');
  });

  it('formats signs, coefficients and the zero function', () => {
    expect(
      termsToTex([
        { coef: -3, powers: [1, 0, 0] },
        { coef: -1, powers: [0, 0, 0] },
        { coef: 2, powers: [0, 0, 0], expVar: 'z' },
      ]),
    ).toBe('-3x - 1 + 2e^{z}');
    expect(termsToTex(partialDerivative([{ coef: 4, powers: [0, 2, 0] }], 'x'))).toBe('0');
    // Product rule: ∂/∂x of x·eˣ = eˣ + x·eˣ, collected into two terms.
    expect(termsToTex(partialDerivative([{ coef: 1, powers: [1, 0, 0], expVar: 'x' }], 'x'))).toBe(
      'e^{x}x + e^{x}',
    );
  });

  it('agrees with central finite differences on random functions and points', () => {
    const r = lcg(3);
    const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    for (let trial = 0; trial < 2000; trial++) {
      const terms: ExpMonomial[] = Array.from({ length: ri(1, 5) }, () => ({
        coef: ri(-4, 4) || 1,
        powers: [ri(0, 3), ri(0, 3), ri(0, 3)] as [number, number, number],
        expVar: r() < 0.3 ? (['x', 'y', 'z'] as const)[ri(0, 2)] : null,
      }));
      const at = { x: ri(-2, 2) + 0.5 * ri(0, 1), y: ri(-2, 2), z: ri(-2, 2) };
      for (const v of ['x', 'y', 'z'] as CalcVar[]) {
        const h = 1e-5;
        const f = (d: number) => evaluateTerms(terms, { ...at, [v]: at[v] + d });
        const fd = (f(h) - f(-h)) / (2 * h);
        const exact = evaluateTerms(partialDerivative(terms, v), at);
        expect(Math.abs(exact - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(exact)));
      }
    }
  });

  it('rejects malformed terms', () => {
    expect(() => evaluateTerms([{ coef: 1.5, powers: [1, 0, 0] }], { x: 1, y: 1, z: 1 })).toThrow(
      /integer/,
    );
    expect(() => partialDerivative([{ coef: 1, powers: [-1, 0, 0] }], 'x')).toThrow(/non-negative/);
  });
});

describe('linear layer gradients', () => {
  it('match finite differences of L = gᵀ(Wx + b)', () => {
    const r = lcg(5);
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(r() * 4);
      const n = 1 + Math.floor(r() * 4);
      const W = Array.from({ length: m }, () =>
        Array.from({ length: n }, () => Math.round(r() * 10 - 5)),
      );
      const x = Array.from({ length: n }, () => Math.round(r() * 10 - 5));
      const b = Array.from({ length: m }, () => Math.round(r() * 10 - 5));
      const g = Array.from({ length: m }, () => Math.round(r() * 10 - 5));
      // L is linear in every argument, so a unit difference is exact.
      const L = (W2: number[][], x2: number[], b2: number[]) =>
        W2.reduce(
          (s, row, i) => s + g[i]! * (row.reduce((t, w, j) => t + w * x2[j]!, 0) + b2[i]!),
          0,
        );
      const base = L(W, x, b);
      const grads = linearLayerGrads(W, x, g);
      for (let j = 0; j < n; j++)
        expect(grads.dx[j]).toBeCloseTo(
          L(
            W,
            x.map((v, k) => v + (k === j ? 1 : 0)),
            b,
          ) - base,
          9,
        );
      for (let i = 0; i < m; i++) {
        expect(grads.db[i]).toBeCloseTo(
          L(
            W,
            x,
            b.map((v, k) => v + (k === i ? 1 : 0)),
          ) - base,
          9,
        );
        for (let j = 0; j < n; j++) {
          const W2 = W.map((row, a) => row.map((w, c) => w + (a === i && c === j ? 1 : 0)));
          expect(grads.dW[i]![j]).toBeCloseTo(L(W2, x, b) - base, 9);
        }
      }
    }
    expect(() => linearLayerGrads([[1, 2]], [1], [1])).toThrow(/W is 1×2/);
  });
});
