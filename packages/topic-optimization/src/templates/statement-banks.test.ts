import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import {
  batchCurves,
  batchVsMinibatchCurves,
  hyperparameters,
  learningRateBehaviour,
  type BatchVsMinibatchCurvesParams,
  type LearningRateBehaviourParams,
} from '@dlexam/topic-optimization';
import type { Variant } from '@dlexam/types';
import { checkValidPins, commonTests, forSeeds } from '@dlexam/generator/testing';
import { expectPartialPins } from '../../test/property-checks.js';

/** Bank variants: 4 distinct options, every wrong one tagged, the correct count fits the kind. */
function bankShape(v: Variant): void {
  if (v.choices.length !== 4) throw new Error(`expected 4 options, got ${v.choices.length}`);
  for (const c of v.choices)
    if (!c.correct && (!c.misconception || !c.feedback))
      throw new Error(`untagged wrong option ${c.plain}`);
}

describe('optimization.learning-rate-behaviour', () => {
  commonTests(it, learningRateBehaviour, { minStems: 6 });
  it('the correct option never describes the opposite setting, and the figure agrees with the scenario (10,000 seeds)', () => {
    forSeeds(learningRateBehaviour, 10_000, 'single', (v) => {
      bankShape(v);
      const p = v.params as { scenario: string; badRate: number; goodRate: number };
      const right = v.choices.find((c) => c.correct)!.plain.toLowerCase();
      // Independent semantic check: too-high answers speak of instability, too-low of slowness.
      if (p.scenario === 'high' && !/overshoot|oscillat|diverg|bounce|fail to converge/.test(right))
        throw new Error(`not a high-lr symptom: ${right}`);
      if (p.scenario === 'low' && !/slow|many more iterations/.test(right))
        throw new Error(`not a low-lr symptom: ${right}`);
      // GD on ½a w²: loss ratio per step (1 − αa)²; > 1 diverges.
      const growth = (1 - p.badRate) ** 2;
      if (p.scenario === 'high' && !(p.badRate > 1.5))
        throw new Error('high scenario without a large step');
      if (p.scenario === 'low' && !(growth > 0.9))
        throw new Error('low scenario with a fast-converging bad run');
      if (!v.figure) throw new Error('no figure');
    });
  });

  it('a textbook α·a off the draw lists (good 0.25, bad 2.5) is accepted and explained', () => {
    // |1 − 2.5| = 1.5 > 1: the error grows each step; |1 − 0.25| = 0.75.
    const v = generateVariant(learningRateBehaviour, 1, {
      pins: { scenario: 'high', trueIdx: [1], falseIdx: [0, 1, 2], goodRate: 0.25, badRate: 2.5 },
    });
    expect(v.solution).toContain('|1-\\alpha a| = 1.5\\)');
    expect(v.solution).toContain('the loss diverges');
    expect(v.solution).toContain('\\(\\alpha a = 0.25\\) shrinks the error by the factor 0.75');
    // α·a = 2 neither grows nor shrinks the error.
    const edge = generateVariant(learningRateBehaviour, 1, {
      pins: { scenario: 'high', trueIdx: [0], falseIdx: [0, 1, 2], goodRate: 0.5, badRate: 2 },
    });
    expect(edge.solution).toContain('the error never shrinks');
    expect(() =>
      generateVariant(learningRateBehaviour, 1, {
        pins: { scenario: 'low', trueIdx: [0], falseIdx: [0, 1, 2], goodRate: 0.05, badRate: 0.08 },
      }),
    ).toThrow('the solid run converges faster than the dashed one');
  });

  it('any valid pin keeps the scenario and the figure consistent', () => {
    expectPartialPins(learningRateBehaviour, 200, (v, p: LearningRateBehaviourParams) => {
      // Per step the error is multiplied by |1 − α·a| (GD on ½aw²).
      expect(Math.abs(1 - p.goodRate)).toBeLessThan(Math.abs(1 - p.badRate));
      expect(p.scenario === 'high' ? p.badRate > 1.5 : p.badRate < 0.1).toBe(true);
      expect(v.figure).toBeDefined();
    });
  });
});

describe('optimization.batch-vs-minibatch-curves', () => {
  commonTests(it, batchVsMinibatchCurves, { minStems: 3 });
  it('the graph called batch in the correct options is the monotone curve (10,000 seeds)', () => {
    forSeeds(batchVsMinibatchCurves, 10_000, 'multiple', (v) => {
      bankShape(v);
      const p = v.params as BatchVsMinibatchCurvesParams;
      const { smooth, noisy } = batchCurves(p);
      // Independent facts about the drawn curves: the smooth one never increases, the noisy one does.
      if (!smooth.every((x, i) => i === 0 || x < smooth[i - 1]!))
        throw new Error('smooth curve increases');
      if (noisy.every((x, i) => i === 0 || x <= noisy[i - 1]!))
        throw new Error('noisy curve is monotone');
      const monotoneGraph = p.batchGraph;
      for (const c of v.choices) {
        const m = /^Graph ([AB]) is Batch Gradient Descent/.exec(c.plain);
        if (m && (m[1] === monotoneGraph) !== c.correct)
          throw new Error(`wrong truth value for: ${c.plain}`);
      }
    });
  });

  it('a pinned 20 % decay, 5 % noise and a large noise seed draw the stated curves', () => {
    const p = {
      scenario: 'curves',
      trueIdx: [0, 1],
      falseIdx: [0, 1],
      batchGraph: 'B',
      decayPct: 20,
      noisePct: 5,
      noiseSeed: 123_456,
      noisyKind: 'stochastic',
    } as BatchVsMinibatchCurvesParams;
    const v = generateVariant(batchVsMinibatchCurves, 1, { pins: p });
    // Smooth: 0.1 + 0.9 · 0.8^t, so 0.1 + 0.9 · 0.64 = 0.676 at t = 2.
    expect(batchCurves(p).smooth[2]).toBeCloseTo(0.676, 12);
    expect(v.solution).toContain('about 5% of the starting loss');
    expect(v.choices.find((c) => c.plain.startsWith('Graph B is Batch'))?.correct).toBe(true);
  });

  it('any valid pin draws a falling smooth curve and a visibly noisy one', () => {
    expectPartialPins(batchVsMinibatchCurves, 200, (v, p: BatchVsMinibatchCurvesParams) => {
      const { smooth, noisy } = batchCurves(p);
      expect(smooth.every((x, i) => i === 0 || x <= (smooth[i - 1] ?? NaN))).toBe(true);
      expect(noisy.some((x, i) => i > 0 && x > (noisy[i - 1] ?? Infinity))).toBe(true);
      bankShape(v);
    });
  });
});

describe('optimization.hyperparameters', () => {
  commonTests(it, hyperparameters, { minStems: 3 });
  it('learned quantities are never marked as hyperparameters (10,000 seeds)', () => {
    forSeeds(hyperparameters, 10_000, 'multiple', (v) => {
      bankShape(v);
      for (const c of v.choices) {
        const learned =
          /gamma|beta\)|weight matrices|bias vectors|running mean|dropout mask|gradients/.test(
            c.text,
          ) && !/momentum coefficient/i.test(c.text);
        if (learned && c.correct)
          throw new Error(`learned quantity marked as hyperparameter: ${c.plain}`);
      }
    });
    expect(true).toBe(true);
  });

  it('pinned statement indices anywhere in the bank are accepted', () => {
    const r = checkValidPins(hyperparameters, { count: 200, partial: true, check: bankShape });
    expect(r.accepted).toBeGreaterThan(0);
  });
});
