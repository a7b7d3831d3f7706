import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import { bpttTemplate as t, type BpttParams } from '@dlexam/topic-rnn';
import {
  assertAnswer,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { expectPartialPinsAccepted } from './valid-pins.js';

type P = BpttParams;
const PHI = {
  tanh: Math.tanh,
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  relu: (z: number) => Math.max(0, z),
  identity: (z: number) => z,
};

/** Independent forward pass: every state and the loss. */
function states(p: P, over: Partial<P> = {}, from = 0, hAt?: number): number[] {
  const q = { ...p, ...over };
  const h = [q.h0];
  for (let s = 1; s <= q.xs.length; s++) {
    const prev = s - 1 === from && hAt !== undefined ? hAt : h[s - 1]!;
    h.push(PHI[q.activation](q.w * prev + q.u * q.xs[s - 1]! + q.b));
  }
  return h;
}
const lossOf = (h: number[], y: number) => 0.5 * (h[h.length - 1]! - y) ** 2;

/** Central finite differences of the independent forward pass. */
function reference(p: P): { value: number; table: number[][] } {
  const e = 1e-6;
  const h = states(p);
  const T = p.xs.length;
  const d = (k: 'w' | 'u' | 'b' | 'h0') =>
    (lossOf(states(p, { [k]: p[k] + e }), p.y) - lossOf(states(p, { [k]: p[k] - e }), p.y)) /
    (2 * e);
  // ∂L/∂h_t: perturb h_t and rerun the steps after it.
  const dh = (s: number) =>
    s === T
      ? h[T]! - p.y
      : (lossOf(states(p, {}, s, h[s]! + e), p.y) - lossOf(states(p, {}, s, h[s]! - e), p.y)) /
        (2 * e);
  const jac = () => (states(p, { h0: p.h0 + e })[T]! - states(p, { h0: p.h0 - e })[T]!) / (2 * e);
  const value =
    p.ask === 'dw'
      ? d('w')
      : p.ask === 'du'
        ? d('u')
        : p.ask === 'db'
          ? d('b')
          : p.ask === 'dh0'
            ? d('h0')
            : jac();
  const table = Array.from({ length: T }, (_, i) => [h[i + 1]!, dh(i + 1)]);
  return { value, table };
}

/** The key against finite differences of the independent forward pass. */
function checkBptt(v: Variant, p: P): void {
  const ref = reference(p);
  if (v.kind === 'table') {
    tableNumbers(v).forEach((row, i) => {
      expect(Math.abs(row[0]! - ref.table[i]![0]!)).toBeLessThanOrEqual(0.0005 + 1e-7);
      expect(Math.abs(row[1]! - ref.table[i]![1]!)).toBeLessThanOrEqual(0.0005 + 1e-7);
    });
  } else assertAnswer(v, ref.value, 3);
}

describe('rnn.bptt', () => {
  it('answers match finite differences of an independent forward pass over 10,000 seeds', () => {
    runProperty(t, checkBptt);
  });

  it('accepts a textbook network off the draw grid: 5 steps, weights with decimals', () => {
    // Linear, w = 0.9, u = 0.25, b = 0, h₀ = 0, x = (4, 0, 0, 0, 0), y = 0: h₁ = 1, h_t = 0.9^(t−1),
    // h₅ = 0.6561 = δ₅; ∂L/∂h₀ = δ₅ · w⁵ = 0.6561 · 0.59049 = 0.38742…
    const pins = {
      activation: 'identity',
      w: 0.9,
      u: 0.25,
      b: 0,
      h0: 0,
      xs: [4, 0, 0, 0, 0],
      y: 0,
      ask: 'dh0',
    };
    const v = generateVariant(t, 1, { pins, kind: 'numeric' });
    expect(numericValue(v)).toBe(0.387);
    expect(v.stem).toContain('w = 0.9');
    // ∂h₅/∂h₀ = 0.9⁵ = 0.59049.
    expect(numericValue(generateVariant(t, 1, { pins: { ...pins, ask: 'jacobian' } }))).toBe(0.59);
    // A linear network with w = 10 over 16 steps explodes past what can be graded: refused by its rule.
    expect(() =>
      generateVariant(t, 1, { pins: { ...pins, w: 10, xs: Array(16).fill(1) } }),
    ).toThrow(/stay within ±1000000/);
    expectPartialPinsAccepted(t, checkBptt);
  });

  it('reproduces the examples worked by hand', () => {
    // Linear: h = 0, 1, 2.5; δ₂ = 2.5, δ₁ = 2.5 · 0.5 = 1.25; ∂L/∂w = 2.5 · h₁ + 1.25 · h₀ = 2.5.
    expect(numericValue(generateFixture(t, 'rnn-bptt-linear-two-steps'))).toBe(2.5);
    // tanh, w = u = 1: h₁ = tanh 1, h₂ = tanh h₁, h₃ = tanh h₂; ∂L/∂h₀ = h₃ (1 − h₃²)(1 − h₂²)(1 − h₁²).
    const h1 = Math.tanh(1);
    const h2 = Math.tanh(h1);
    const h3 = Math.tanh(h2);
    const want = h3 * (1 - h3 ** 2) * (1 - h2 ** 2) * (1 - h1 ** 2);
    expect(want).toBeCloseTo(0.09497, 4);
    expect(numericValue(generateFixture(t, 'rnn-bptt-tanh-three-steps'))).toBe(0.095);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100 });
  });
});
