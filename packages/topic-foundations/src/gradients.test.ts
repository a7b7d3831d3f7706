import { describe, expect, it } from 'vitest';
import {
  gradShapes,
  linearGrad,
  linearGradNumeric,
  linregGradNumeric,
  linregShapes,
  numpyShapes,
  partialDerivatives,
  type TermParam,
} from '@dlexam/topic-foundations';
import { generateVariant, type AnyTemplate, type Params } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  checkValidPins,
  correctTexts,
  numericValue,
  type ValidPinsOptions,
} from '@dlexam/generator/testing';
import { quickProperty } from '../test/quick-property.js';

type Pt = { x: number; y: number; z: number };

/** Evaluates f from the raw params (independent of the math core). */
function evalParams(terms: TermParam[], at: Pt): number {
  return terms.reduce(
    (s, t) =>
      s + t.c * (t.e ? Math.exp(at[t.e]) : 1) * at.x ** t.p[0] * at.y ** t.p[1] * at.z ** t.p[2],
    0,
  );
}

/** Parses and evaluates the TeX of a sum of terms such as `2xy + 3e^{x}y^{2}z^{2} - 1`. */
function evalTex(tex: string, at: Pt): number {
  const src = tex.trim();
  if (src === '0') return 0;
  const parts = src.replace(/^-/, '~').split(/ (?=[+-] )/);
  let total = 0;
  for (const raw of parts) {
    let s = raw.trim();
    let sign = 1;
    if (s.startsWith('~')) ((sign = -1), (s = s.slice(1)));
    else if (s.startsWith('- ')) ((sign = -1), (s = s.slice(2)));
    else if (s.startsWith('+ ')) s = s.slice(2);
    const m = /^(\d*)(.*)$/.exec(s)!;
    let v = m[1] ? Number(m[1]) : 1;
    const re = /e\^\{([xyz])\}|([xyz])(?:\^\{(\d+)\})?/g;
    let rest = m[2]!;
    let k: RegExpExecArray | null;
    let consumed = 0;
    while ((k = re.exec(rest))) {
      if (k.index !== consumed) throw new Error(`unparsed TeX ${raw}`);
      consumed = k.index + k[0].length;
      if (k[1]) v *= Math.exp(at[k[1] as 'x']);
      else v *= at[k[2] as 'x'] ** (k[3] ? Number(k[3]) : 1);
    }
    if (consumed !== rest.length) throw new Error(`unparsed TeX ${raw}`);
    total += sign * v;
  }
  return total;
}

const fd = (terms: TermParam[], v: 'x' | 'y' | 'z', at: Pt, h = 1e-5) =>
  (evalParams(terms, { ...at, [v]: at[v] + h }) - evalParams(terms, { ...at, [v]: at[v] - h })) /
  (2 * h);

const PROBES: Pt[] = [
  { x: 0.3, y: -0.7, z: 1.1 },
  { x: -0.9, y: 1.3, z: 0.6 },
];

type NumpyP = { p: number; q: number; r: number; axis: number; keepdims: boolean; ask: string };
const numpyShapesCheck = (v: Variant, p: NumpyP) => {
  // B (r,q) · Aᵀ (q,p) = (r,p); summing over `axis` keeps the other one.
  const kept = p.axis === 0 ? p.p : p.r;
  const want =
    p.ask === 'product'
      ? `(${p.r}, ${p.p})`
      : p.keepdims
        ? p.axis === 0
          ? `(1, ${p.p})`
          : `(${p.r}, 1)`
        : `(${kept},)`;
  expect(correctTexts(v)).toEqual([`\`${want}\``]);
};

/** A shape as the options print it: `\(m \times n\)`. */
const times = (s: number[]) => `\\(${s[0]} \\times ${s[1]}\\)`;

const gradShapesCheck = (v: Variant, p: { nl: number; nk: number; ask: string }) => {
  const shapes: Record<string, number[]> = {
    dh: [p.nl, 1],
    da: [p.nl, 1],
    'da-next': [p.nk, 1],
    dW: [p.nk, p.nl],
    'db-next': [p.nk, 1],
  };
  if (v.answer.kind === 'table')
    expect(
      v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : []))),
    ).toEqual(['dh', 'da', 'da-next', 'dW'].map((q) => shapes[q]));
  else expect(correctTexts(v)).toEqual([times(shapes[p.ask] ?? [])]);
};

describe('gradient templates', () => {
  it('partial-derivatives: the correct option equals finite differences; wrong options do not', () => {
    quickProperty(
      partialDerivatives,
      20,
      (v, p: { terms: TermParam[]; variable: string; point: number[] }) => {
        if (v.kind === 'numeric') {
          const at = { x: p.point[0]!, y: p.point[1]!, z: p.point[2]! };
          const exact = fd(p.terms, p.variable as 'x', at);
          expect(Math.abs(numericValue(v) - exact)).toBeLessThanOrEqual(
            0.005 + 1e-4 * Math.abs(exact),
          );
          return;
        }
        const parse = (text: string) =>
          [...text.matchAll(/\\frac\{\\partial f\}\{\\partial ([xyz])\} = (.*?)\\\)/g)].map(
            (m) => [m[1] as 'x', m[2]!] as const,
          );
        for (const c of v.choices) {
          const parts = parse(c.text);
          expect(parts.length).toBe(p.variable === 'all' ? 3 : 1);
          const matches = PROBES.every((at) =>
            parts.every(
              ([w, tex]) =>
                Math.abs(evalTex(tex, at) - fd(p.terms, w, at)) <
                1e-4 * (1 + Math.abs(fd(p.terms, w, at))),
            ),
          );
          expect(matches).toBe(c.correct);
        }
      },
    );
  });

  it('linear-grad: formulas per target and shapes equal the variable’s shape', () => {
    const G = '\\frac{\\partial L}{\\partial y}';
    const expected: Record<string, string> = { x: `W^{T} ${G}`, W: `${G} x^{T}`, b: G };
    quickProperty(linearGrad, 15, (v, p: { target: string; ask: string; m: number; n: number }) => {
      const [text] = correctTexts(v);
      if (p.ask === 'formula') expect(text!.endsWith(`= ${expected[p.target]}\\)`)).toBe(true);
      else {
        const shape = { x: [p.n, 1], W: [p.m, p.n], b: [p.m, 1] }[p.target as 'x'];
        expect(text).toBe(times(shape));
      }
    });
  });

  const linearGradCheck = (
    v: Variant,
    p: { W: number[][]; x: number[]; g: number[]; target: string; i: number; j: number },
  ) => {
    const b0 = p.g.map(() => 0);
    const L = (W: number[][], x: number[], b: number[]) =>
      W.reduce((s, row, r) => s + p.g[r]! * (row.reduce((t, w, c) => t + w * x[c]!, 0) + b[r]!), 0);
    const base = L(p.W, p.x, b0);
    const i = p.i - 1;
    const j = p.j - 1;
    // L is linear in each argument, so a unit step gives the exact derivative.
    const expected =
      p.target === 'x'
        ? L(
            p.W,
            p.x.map((v, k) => v + (k === i ? 1 : 0)),
            b0,
          ) - base
        : p.target === 'b'
          ? L(
              p.W,
              p.x,
              b0.map((v, k) => v + (k === i ? 1 : 0)),
            ) - base
          : L(
              p.W.map((row, r) => row.map((w, c) => w + (r === i && c === j ? 1 : 0))),
              p.x,
              b0,
            ) - base;
    expect(numericValue(v)).toBe(expected);
  };

  it('linear-grad-numeric: entries match finite differences of L = gᵀ(Wx + b)', () => {
    quickProperty(linearGradNumeric, 30, linearGradCheck);
  });

  it('linear-grad-numeric: any valid pin (square W, up to 8 × 8, entries to ±100) matches', () => {
    const r = checkValidPins(linearGradNumeric, {
      count: 800,
      adjust(p, rng) {
        const W = p.W as number[][];
        const m = W.length;
        const n = W[0]!.length;
        const fit = (v: number[], k: number) =>
          Array.from({ length: k }, (_, i) => v[i % v.length]!);
        p.x = fit(p.x as number[], n);
        p.g = fit(p.g as number[], m);
        p.i = rng.int(1, p.target === 'x' ? n : m);
        p.j = p.target === 'W' ? rng.int(1, n) : 1;
      },
      check: linearGradCheck,
    });
    expect(r.accepted).toBeGreaterThan(700);
    expect(r.offDraw).toBeGreaterThan(500);
  });

  it('linreg-shapes: shapes from the product rule (a,b)(b,c) = (a,c); gradient formula verified numerically', () => {
    quickProperty(linregShapes, 15, (v, p: { F: number; m: number; ask: string }) => {
      const [text] = correctTexts(v);
      const mul = (a: number[], b: number[]) => {
        expect(a[1]).toBe(b[0]);
        return [a[0]!, b[1]!];
      };
      const yhat = mul([1, p.F], [p.F, p.m]);
      const want: Record<string, string> = {
        'yhat-shape': `(${yhat.join(', ')})`,
        'dw-shape': `(${mul(yhat, [p.m, p.F]).join(', ')})`,
        'dX-shape': `(${mul([p.F, 1], yhat).join(', ')})`,
      };
      if (want[p.ask]) expect(text).toBe(want[p.ask]);
      else
        expect(text).toContain(
          p.ask === 'dw-formula'
            ? '(\\hat{y} - y)X^{T}'
            : '\\sum_{i=1}^{m} \\frac{2}{m}(\\hat{y}_i - y_i)',
        );
    });
    // The formula itself: finite differences of the MSE on a small batch.
    const X = [
      [1, 2, -1, 0.5],
      [0, -2, 3, 1],
    ];
    const y = [1, -1, 2, 0];
    const w = [0.3, -0.4];
    const b = 0.2;
    const L = (w2: number[], b2: number) =>
      y.reduce((s, yi, i) => s + (w2[0]! * X[0]![i]! + w2[1]! * X[1]![i]! + b2 - yi) ** 2, 0) /
      y.length;
    const yhat = y.map((_, i) => w[0]! * X[0]![i]! + w[1]! * X[1]![i]! + b);
    for (let f = 0; f < 2; f++) {
      const formula = yhat.reduce((s, yh, i) => s + (2 / y.length) * (yh - y[i]!) * X[f]![i]!, 0);
      const h = 1e-6;
      const num =
        (L(
          w.map((x, k) => x + (k === f ? h : 0)),
          b,
        ) -
          L(
            w.map((x, k) => x - (k === f ? h : 0)),
            b,
          )) /
        (2 * h);
      expect(formula).toBeCloseTo(num, 6);
    }
    expect(yhat.reduce((s, yh, i) => s + (2 / y.length) * (yh - y[i]!), 0)).toBeCloseTo(
      (L(w, b + 1e-6) - L(w, b - 1e-6)) / 2e-6,
      6,
    );
  });

  it('linreg-grad-numeric: matches central differences of the MSE', () => {
    quickProperty(
      linregGradNumeric,
      30,
      (v, p: { X: number[][]; w: number[]; b: number; y: number[]; target: string }) => {
        const m = p.y.length;
        const L = (w: number[], b: number) =>
          p.y.reduce(
            (s, yi, i) => s + (w.reduce((t, wk, k) => t + wk * p.X[k]![i]!, 0) + b - yi) ** 2,
            0,
          ) / m;
        const h = 1e-6;
        const expected =
          p.target === 'b'
            ? (L(p.w, p.b + h) - L(p.w, p.b - h)) / (2 * h)
            : (L(
                p.w.map((x, k) => x + (k === Number(p.target) - 1 ? h : 0)),
                p.b,
              ) -
                L(
                  p.w.map((x, k) => x - (k === Number(p.target) - 1 ? h : 0)),
                  p.b,
                )) /
              (2 * h);
        expect(Math.abs(numericValue(v) - expected)).toBeLessThanOrEqual(0.05 + 1e-6);
      },
    );
  });

  it('numpy-shapes: shapes follow NumPy rules', () => {
    quickProperty(numpyShapes, 3, numpyShapesCheck);
  });

  it('grad-shapes: each gradient has the shape of its variable', () => {
    quickProperty(gradShapes, 15, gradShapesCheck);
  });
});

/**
 * A shape question off its draw: a hand-worked single-choice pin gives `want`, and any valid pin
 * (most of them off the draw) passes `check`.
 */
function shapesOffDraw(
  t: AnyTemplate,
  pins: Params,
  want: string,
  check: ValidPinsOptions['check'],
) {
  expect(correctTexts(generateVariant(t, 1, { kind: 'single', pins }))).toEqual([want]);
  const r = checkValidPins(t, { count: 200, partial: true, check });
  expect(r.accepted).toBeGreaterThan(150);
  expect(r.offDraw).toBeGreaterThan(50);
}

describe('gradient templates under valid pins', () => {
  it('partial-derivatives: a point off the draw range, and any valid point, match finite differences', () => {
    // Seed 001's f = x²y + xyz + z + eˣy³z²: ∂f/∂z = xy + 1 + 2eˣy³z, at (3, 1, 1) = 4 + 2e³ ≈ 44.17.
    const terms = [
      { c: 1, p: [2, 1, 0], e: null },
      { c: 1, p: [1, 1, 1], e: null },
      { c: 1, p: [0, 0, 1], e: null },
      { c: 1, p: [0, 3, 2], e: 'x' },
    ];
    const v = generateVariant(partialDerivatives, 1, {
      kind: 'numeric',
      pins: { terms, variable: 'z', point: [3, 1, 1] },
    });
    expect(numericValue(v)).toBeCloseTo(44.17, 2);
    const r = checkValidPins(partialDerivatives, {
      count: 200,
      partial: true,
      kinds: ['numeric'],
      adjust(p) {
        if (p.variable === 'all') p.variable = 'x';
      },
      check(v, p: { terms: TermParam[]; variable: string; point: number[] }) {
        const [x = NaN, y = NaN, z = NaN] = p.point;
        const exact = fd(p.terms, p.variable as 'x', { x, y, z }, 1e-4);
        expect(Math.abs(numericValue(v) - exact)).toBeLessThanOrEqual(
          0.005 + 1e-5 * Math.abs(exact),
        );
      },
    });
    expect(r.accepted).toBeGreaterThan(150);
    expect(r.offDraw).toBeGreaterThan(50);
  });

  it('linear-grad: a square or 1-row W (off the draw) keeps the shape of the variable', () => {
    // A textbook layer of 784 inputs and one output: ∇_W L is 1 × 784.
    shapesOffDraw(
      linearGrad,
      { target: 'W', ask: 'shape', m: 1, n: 784 },
      times([1, 784]),
      (v, p: { target: string; ask: string; m: number; n: number }) => {
        if (p.ask !== 'shape') return;
        const shape = { x: [p.n, 1], W: [p.m, p.n], b: [p.m, 1] }[p.target as 'x'];
        expect(correctTexts(v)).toEqual([times(shape)]);
      },
    );
    expect(() =>
      generateVariant(linearGrad, 1, {
        kind: 'single',
        pins: { target: 'x', ask: 'shape', m: 1, n: 1 },
      }),
    ).toThrow(/larger than 1 × 1/);
  });
  it('grad-shapes: equal or single-unit layers (off the draw) give the shapes of the variables', () => {
    // Layer 3 of 10 units feeding a single output unit: ∂L/∂W₄ is 1 × 10.
    shapesOffDraw(gradShapes, { l: 3, nl: 10, nk: 1, ask: 'dW' }, times([1, 10]), gradShapesCheck);
  });
  it('linreg-shapes: a single feature or example (off the draw) keeps the product rule', () => {
    // One feature, a batch of 1000: ∂L/∂w is (1, 1) like w.
    shapesOffDraw(
      linregShapes,
      { F: 1, m: 1000, ask: 'dw-shape' },
      '(1, 1)',
      (v, p: { F: number; m: number; ask: string }) => {
        const want: Record<string, string> = {
          'yhat-shape': `(1, ${p.m})`,
          'dw-shape': `(1, ${p.F})`,
          'dX-shape': `(${p.F}, ${p.m})`,
        };
        if (want[p.ask]) expect(correctTexts(v)).toEqual([want[p.ask]]);
      },
    );
  });
  it('numpy-shapes: repeated or small sizes (off the draw) follow NumPy rules', () => {
    // A (3, 5), B (3, 5), C (3, 3): B·Aᵀ is (3, 3); sum over axis 1 with keepdims → (3, 1).
    shapesOffDraw(
      numpyShapes,
      { p: 3, q: 5, r: 3, axis: 1, keepdims: true, ask: 'final' },
      '`(3, 1)`',
      numpyShapesCheck,
    );
  });
  it('linreg-grad-numeric: a batch of 3 with decimals (off the draw) and any valid pin match the MSE', () => {
    // One feature, X = [1 2 3], w = 0.5, b = 1, y = (2, 2, 3): ŷ − y = (−0.5, 0, −0.5), so
    // ∂L/∂w₁ = (2/3)(−0.5·1 − 0.5·3) = −4/3 ≈ −1.3.
    const v = generateVariant(linregGradNumeric, 1, {
      kind: 'numeric',
      pins: { X: [[1, 2, 3]], w: [0.5], b: 1, y: [2, 2, 3], target: '1' },
    });
    expect(Math.abs(numericValue(v) + 4 / 3)).toBeLessThanOrEqual(0.05);
    const r = checkValidPins(linregGradNumeric, {
      count: 300,
      adjust(p, rng) {
        const X = p.X as number[][];
        const fit = (v: number[], k: number) =>
          Array.from({ length: k }, (_, i) => v[i % v.length] ?? 0);
        p.w = fit(p.w as number[], X.length);
        p.y = fit(p.y as number[], (X[0] ?? []).length);
        const F = X.length;
        p.target = rng.bool(0.25) ? 'b' : String(rng.int(1, Math.min(F, 3)));
      },
      check(v, p: { X: number[][]; w: number[]; b: number; y: number[]; target: string }) {
        const m = p.y.length;
        const L = (w: number[], b: number) =>
          p.y.reduce(
            (s, yi, i) =>
              s + (w.reduce((t, wk, k) => t + wk * (p.X[k]?.[i] ?? NaN), 0) + b - yi) ** 2,
            0,
          ) / m;
        // L is quadratic: a central difference with any step is exact (h = 1 keeps roundoff small).
        const k = Number(p.target) - 1;
        const expected =
          p.target === 'b'
            ? (L(p.w, p.b + 1) - L(p.w, p.b - 1)) / 2
            : (L(
                p.w.map((x, j) => x + (j === k ? 1 : 0)),
                p.b,
              ) -
                L(
                  p.w.map((x, j) => x - (j === k ? 1 : 0)),
                  p.b,
                )) /
              2;
        if (v.kind === 'numeric')
          expect(Math.abs(numericValue(v) - expected)).toBeLessThanOrEqual(0.05 + 1e-6);
      },
    });
    expect(r.accepted).toBeGreaterThan(250);
    expect(r.offDraw).toBeGreaterThan(200);
  });
});
