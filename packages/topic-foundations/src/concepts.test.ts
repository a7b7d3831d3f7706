import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  LOSSES,
  TASKS,
  TERMS,
  activationFacts,
  trainDevTest,
  gateRoles,
  knnFacts,
  nonlinearity,
  outputLayer,
  regressionLosses,
  trainingTerms,
  transferLearning,
  TRANSFER_SCENARIOS,
  metricChoice,
  linearSeparability,
} from '@dlexam/topic-foundations';
import { generateVariant, type AnyTemplate } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import { checkValidPins, correctTexts } from '@dlexam/generator/testing';
import { quickProperty } from '../test/quick-property.js';

/** The statement banks of the topic. */
const BANKS = [knnFacts, regressionLosses, activationFacts, nonlinearity, trainDevTest, gateRoles];

/** Statement-bank checks: right number of correct options, tagged wrong ones, and varying content. */
function bankProperty(t: AnyTemplate) {
  const optionSets = new Set<string>();
  quickProperty(t, 2, (v: Variant, p: { truths: number[]; falsehoods: number[] }) => {
    const nCorrect = v.choices.filter((c) => c.correct).length;
    expect(nCorrect).toBe(v.kind === 'single' ? 1 : p.truths.length);
    expect(v.choices).toHaveLength(p.truths.length + p.falsehoods.length);
    for (const c of v.choices) if (!c.correct) expect(c.misconception).toBeTruthy();
    optionSets.add(
      v.choices
        .map((c) => c.text)
        .sort()
        .join('|'),
    );
  });
  expect(optionSets.size).toBeGreaterThan(
    Math.min(100, Number(process.env.DLEXAM_QUICK_SEEDS ?? 0) / 3 || 100),
  );
}

describe('concept templates', () => {
  for (const t of BANKS) {
    it(`${t.id}: statement bank variants`, () => bankProperty(t));
  }

  it('output-layer: the answer follows the task type', () => {
    quickProperty(outputLayer, 10, (v, p: { task: number; ask: string }) => {
      const text = TASKS[p.task]!.text;
      // Independent rule: regression → linear + MSE; binary / multi-label → sigmoid + BCE; otherwise softmax + CE.
      const kind = /regression/.test(text)
        ? 'reg'
        : /binary|multi-label/.test(text)
          ? 'bin'
          : 'multi';
      const want =
        p.ask === 'activation'
          ? { reg: ACTIVATIONS[5], bin: ACTIVATIONS[1], multi: ACTIVATIONS[0] }[kind]
          : { reg: LOSSES[2], bin: LOSSES[1], multi: LOSSES[0] }[kind];
      expect(correctTexts(v)).toEqual([want]);
    });
  });

  it('training-terms: the correct option names the described term', () => {
    quickProperty(trainingTerms, 20, (v, p: { term: number }) => {
      expect(correctTexts(v)).toEqual([TERMS[p.term]!.name]);
      expect(TERMS[p.term]!.descriptions.some((d) => v.stem.includes(d))).toBe(true);
    });
  });

  it('transfer-learning: the correct option fine-tunes a model pre-trained on the same data type', () => {
    quickProperty(transferLearning, 10, (v, p: { scenario: number }) => {
      const [text] = correctTexts(v);
      expect(text).toContain(`pre-trained on ${TRANSFER_SCENARIOS[p.scenario]!.data}`);
      for (const c of v.choices.filter((c) => !c.correct))
        expect(c.text).not.toContain(`pre-trained on ${TRANSFER_SCENARIOS[p.scenario]!.data}`);
    });
  });

  it('statement banks take any valid pinned indices, off the drawn four options too', () => {
    // A select-all question of 2 true + 4 false statements (6 options; draws show 4): exactly the
    // two truths are correct.
    const v = generateVariant(knnFacts, 1, {
      kind: 'multiple',
      pins: { truths: [0, 1], falsehoods: [0, 1, 2, 3] },
    });
    expect(v.choices).toHaveLength(6);
    expect(v.choices.filter((c) => c.correct)).toHaveLength(2);
    for (const t of BANKS) {
      const r = checkValidPins(t, {
        count: 200,
        partial: true,
        check(v, p: { truths: number[]; falsehoods: number[] }) {
          expect(v.choices).toHaveLength(p.truths.length + p.falsehoods.length);
          expect(v.choices.filter((c) => c.correct).length).toBe(
            v.kind === 'single' ? 1 : p.truths.length,
          );
        },
      });
      expect(r.accepted, t.id).toBeGreaterThan(0);
    }
  });

  it('option lists take any valid pinned indices', () => {
    // Seed 003 with two wrong options only: Softmax for multi-class, against ReLU and Tanh.
    const v = generateVariant(outputLayer, 1, {
      kind: 'single',
      pins: { task: 0, ask: 'activation', wrong: [2, 3] },
    });
    expect(correctTexts(v)).toEqual(['Softmax']);
    expect(v.choices).toHaveLength(3);
    // Transfer learning against all five wrong approaches (draws show three).
    const tl = generateVariant(transferLearning, 1, {
      kind: 'single',
      pins: { scenario: 0, right: 1, wrong: [0, 1, 2, 3, 4] },
    });
    expect(tl.choices).toHaveLength(6);
    expect(correctTexts(tl)[0]).toContain(`pre-trained on ${String(TRANSFER_SCENARIOS[0]?.data)}`);
    for (const t of [
      outputLayer,
      trainingTerms,
      transferLearning,
      metricChoice,
      linearSeparability,
    ]) {
      const r = checkValidPins(t, { count: 200, partial: true });
      expect(r.accepted, t.id).toBeGreaterThan(0);
    }
  });
});
