import { describe, expect, it } from 'vitest';
import {
  normalizationConcepts,
  normalizationModes,
  type NormalizationModesParams,
} from '@dlexam/topic-optimization';
import { assertClose, checkValidPins, commonTests, forSeeds } from '@dlexam/generator/testing';

/** Independent reference: one-pass sums (E[x²] − E[x]²) over a column or a row. */
function stats(xs: number[]) {
  const n = xs.length;
  let s = 0;
  let s2 = 0;
  for (const x of xs) {
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  const biased = s2 / n - mean * mean;
  return { mean, biased, unbiased: (biased * n) / (n - 1) };
}

function reference(p: NormalizationModesParams): number {
  const i = p.sample - 1;
  const j = p.feature - 1;
  const eps = 1e-5;
  const col = p.x.map((r) => r[j]!);
  switch (p.mode) {
    case 'bn-eval':
      return (p.gamma * (p.x[i]![j]! - p.runningMean)) / Math.sqrt(p.runningVar + eps) + p.beta;
    case 'running-mean':
      return (1 - p.momentum) * p.runningMean + p.momentum * stats(col).mean;
    case 'running-var':
      return (1 - p.momentum) * p.runningVar + p.momentum * stats(col).unbiased;
    case 'layer-norm': {
      const r = stats(p.x[i]!);
      return (p.gamma * (p.x[i]![j]! - r.mean)) / Math.sqrt(r.biased + eps) + p.beta;
    }
  }
}

describe('optimization.normalization-modes', () => {
  commonTests(it, normalizationModes, { minStems: 3 });
  it('matches the one-pass reference over 10,000 seeds', () => {
    forSeeds(normalizationModes, 10_000, 'numeric', (v) => {
      const p = v.params as NormalizationModesParams;
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(v.answer.numeric.value, reference(p), 0.5e-3 + 1e-9);
      if (!/Round to 3 decimals/.test(v.stem)) throw new Error('rounding not stated');
    });
  });
});

describe('optimization.normalization-concepts', () => {
  commonTests(it, normalizationConcepts, { minStems: 6 });
  it('never marks running statistics as trainable and always has one tagged-distractor set (10,000 seeds)', () => {
    forSeeds(normalizationConcepts, 10_000, 'single', (v) => {
      if (v.choices.length !== 4 || v.choices.filter((c) => c.correct).length !== 1)
        throw new Error('bad option set');
      for (const c of v.choices) {
        if (!c.correct && !c.misconception) throw new Error('untagged');
        if (
          c.correct &&
          /running (mean|variance).*(are|is) (trainable|learned)|4F trainable/.test(c.plain)
        )
          throw new Error(`wrong claim marked correct: ${c.plain}`);
      }
    });
  });
  it('pinned statement indices anywhere in the bank are accepted', () => {
    const r = checkValidPins(normalizationConcepts, { count: 200, partial: true });
    expect(r.accepted).toBeGreaterThan(0);
  });
});
