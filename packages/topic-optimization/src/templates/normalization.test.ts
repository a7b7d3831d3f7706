import { describe, expect, it } from 'vitest';
import {
  normalizationConcepts,
  normalizationModes,
  type NormalizationModesParams,
} from '@dlexam/topic-optimization';
import { generateVariant } from '@dlexam/generator';
import {
  assertClose,
  checkValidPins,
  commonTests,
  forSeeds,
  numericValue,
} from '@dlexam/generator/testing';
import { assertOneCorrectOfFourTagged } from '../../test/option-checks.js';
import { onePassStats } from '../../test/one-pass-stats.js';
import { expectPartialPins, forNumericSeeds } from '../../test/property-checks.js';

/** Independent reference: one-pass sums (E[x²] − E[x]²) over a column or a row. */
function reference(p: NormalizationModesParams): number {
  const i = p.sample - 1;
  const j = p.feature - 1;
  const eps = 1e-5;
  const col = p.x.map((r) => r[j]!);
  switch (p.mode) {
    case 'bn-eval':
      return (p.gamma * (p.x[i]![j]! - p.runningMean)) / Math.sqrt(p.runningVar + eps) + p.beta;
    case 'running-mean':
      return (1 - p.momentum) * p.runningMean + p.momentum * onePassStats(col).mean;
    case 'running-var':
      return (1 - p.momentum) * p.runningVar + p.momentum * onePassStats(col).unbiased;
    case 'layer-norm': {
      const r = onePassStats(p.x[i]!);
      return (p.gamma * (p.x[i]![j]! - r.mean)) / Math.sqrt(r.biased + eps) + p.beta;
    }
  }
}

describe('optimization.normalization-modes', () => {
  commonTests(it, normalizationModes, { minStems: 3 });
  it('matches the one-pass reference over 10,000 seeds', () => {
    forNumericSeeds(normalizationModes, (a, p: NormalizationModesParams, v) => {
      assertClose(a.value, reference(p), 0.5e-3 + 1e-9);
      if (!/Round to 3 decimals/.test(v.stem)) throw new Error('rounding not stated');
    });
  });
});

describe('optimization.normalization-modes under pins', () => {
  const base = {
    runningMean: 0,
    runningVar: 1,
    momentum: 0.1,
    gamma: 1,
    beta: 0,
  };
  it('a textbook layer norm with γ = 1, β = 0 on a 2 × 4 input (a constant row included)', () => {
    // Row 1 = (1, 2, 3, 4): μ = 2.5, σ² = 1.25, y₁₄ = 1.5/√1.25000001… ≈ 1.342.
    const p = {
      ...base,
      mode: 'layer-norm',
      x: [
        [1, 2, 3, 4],
        [0.5, 0.5, 0.5, 0.5],
      ],
      sample: 1,
      feature: 4,
    } as NormalizationModesParams;
    const v = generateVariant(normalizationModes, 1, { kind: 'numeric', pins: p });
    expect(numericValue(v)).toBe(1.342);
    expect(v.stem).toContain('over the 4 features');
    // The constant row normalizes to 0 (ε > 0), so y₂₁ = β = 0.
    const flat = generateVariant(normalizationModes, 1, {
      kind: 'numeric',
      pins: { ...p, sample: 2, feature: 1 },
    });
    expect(numericValue(flat)).toBe(0);
    // Running variance with momentum 0.01 over the column (1, 0.5): unbiased s = 0.125;
    // 0.99 · 1 + 0.01 · 0.125 = 0.99125 → 0.991.
    const run = generateVariant(normalizationModes, 1, {
      kind: 'numeric',
      pins: { ...p, mode: 'running-var', momentum: 0.01, sample: 1, feature: 1 },
    });
    expect(numericValue(run)).toBe(0.991);
    expect(() => generateVariant(normalizationModes, 1, { pins: { ...p, feature: 5 } })).toThrow(
      'the asked feature exists',
    );
  });

  it('any valid pin (up to 8 × 8, off-grid γ, β, momentum) matches the one-pass reference', () => {
    expectPartialPins(normalizationModes, 300, (v, p: NormalizationModesParams) => {
      assertClose(numericValue(v), reference(p), 0.5e-3 + 1e-9);
    });
  });
});

describe('optimization.normalization-concepts', () => {
  commonTests(it, normalizationConcepts, { minStems: 6 });
  it('never marks running statistics as trainable and always has one tagged-distractor set (10,000 seeds)', () => {
    forSeeds(normalizationConcepts, 10_000, 'single', (v) => {
      assertOneCorrectOfFourTagged(v);
      for (const c of v.choices)
        if (
          c.correct &&
          /running (mean|variance).*(are|is) (trainable|learned)|4F trainable/.test(c.plain)
        )
          throw new Error(`wrong claim marked correct: ${c.plain}`);
    });
  });
  it('pinned statement indices anywhere in the bank are accepted', () => {
    const r = checkValidPins(normalizationConcepts, { count: 200, partial: true });
    expect(r.accepted).toBeGreaterThan(0);
  });
});
