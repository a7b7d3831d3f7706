import { describe, expect, it } from 'vitest';
import {
  batchCurves,
  batchVsMinibatchCurves,
  hyperparameters,
  learningRateBehaviour,
  type BatchCurvesParams,
} from '@dlexam/topic-optimization';
import type { Variant } from '@dlexam/types';
import { commonTests, forSeeds } from '@dlexam/generator/testing';

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
});

describe('optimization.batch-vs-minibatch-curves', () => {
  commonTests(it, batchVsMinibatchCurves, { minStems: 3 });
  it('the graph called batch in the correct options is the monotone curve (10,000 seeds)', () => {
    forSeeds(batchVsMinibatchCurves, 10_000, 'multiple', (v) => {
      bankShape(v);
      const p = v.params as BatchCurvesParams;
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
});
