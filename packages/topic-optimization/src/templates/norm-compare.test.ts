import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import { normCompare as t, type NormCompareParams } from '@dlexam/topic-optimization';
import { assertAnswer, checkTemplate, numericValue, runProperty } from '@dlexam/generator/testing';
import { expectPartialPins } from '../../test/property-checks.js';

/** Independent: gather the group by axis and standardize by hand. */
function reference(p: NormCompareParams): number {
  const group = p.method === 'batch' ? p.x.map((r) => r[p.col - 1]!) : [...p.x[p.row - 1]!];
  let sum = 0;
  for (const v of group) sum += v;
  const mu = sum / group.length;
  let ss = 0;
  for (const v of group) ss += (v - mu) * (v - mu);
  const sd = Math.sqrt(ss / group.length + p.eps);
  return p.gamma * ((p.x[p.row - 1]![p.col - 1]! - mu) / sd) + p.beta;
}

describe('optimization.norm-compare', () => {
  it('answers match a hand-standardized group over 10,000 seeds', () => {
    runProperty(t, (v, p) => assertAnswer(v, reference(p), 4));
  });

  it('reproduces the examples worked by hand (γ = 1, β = 0, ε = 0 accepted)', () => {
    // Layer norm of (4, 6, 8): μ = 6, σ² = 8/3, (8 − 6)/√(8/3) = 1.2247.
    expect(numericValue(generateFixture(t, 'optimization-norm-compare-layer'))).toBe(1.2247);
    // Batch norm of feature 3 (3, 8): μ = 5.5, σ = 2.5, (8 − 5.5)/2.5 = 1.
    expect(numericValue(generateFixture(t, 'optimization-norm-compare-batch'))).toBe(1);
  });

  it('a textbook batch norm with γ = 1, β = 0, ε = 0 on decimal activations is accepted', () => {
    // Feature 2 over the batch: (0.5, 1.5): μ = 1, σ² = 0.25, (1.5 − 1)/0.5 = 1.
    const p = {
      method: 'batch',
      x: [
        [2, 0.5],
        [-1, 1.5],
      ],
      gamma: 1,
      beta: 0,
      eps: 0,
      row: 2,
      col: 2,
    };
    const v = generateVariant(t, 1, { kind: 'numeric', pins: p });
    expect(numericValue(v)).toBe(1);
    expect(v.solution).toContain('values 0.5, 1.5');
    // One example: each batch-norm group is constant, valid only with ε > 0 (then y = β).
    const one = { ...p, x: [[2, 0.5]], row: 1, beta: 0.25 };
    expect(() => generateVariant(t, 1, { kind: 'numeric', pins: one })).toThrow('σ² + ε > 0');
    expect(
      numericValue(generateVariant(t, 1, { kind: 'numeric', pins: { ...one, eps: 0.00001 } })),
    ).toBe(0.25);
  });

  it('any valid pin (1–8 × 1–8 with decimals, ε ≥ 0, any γ, β) matches the hand standardization', () => {
    expectPartialPins(t, 200, (v, p: NormCompareParams) => assertAnswer(v, reference(p), 4));
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 40 });
  });
});
