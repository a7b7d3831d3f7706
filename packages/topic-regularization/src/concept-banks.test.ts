import { describe, expect, it } from 'vitest';
import {
  ALL_OF_THE_ABOVE,
  augmentationConcepts,
  augmentationLabelPreserving,
  techniquesSelectAll,
  regularizerConcepts,
} from '@dlexam/topic-regularization';
import type { Variant } from '@dlexam/types';
import { generateVariant } from '@dlexam/generator';
import { assertEqual, commonTests, correctPlain, forSeeds } from '@dlexam/generator/testing';
import { bankCheck, expectValidPinsAccepted, pinnedVariant } from './bank-checks.js';

const SEEDS = 10_000;

describe('augmentation-label-preserving', () => {
  commonTests(it, augmentationLabelPreserving, { minStems: 8, seedsPerKind: 300 });
  // Independent key: transforms that change or destroy the label, per task, written from the task definitions.
  const breaks: Record<string, RegExp> = {
    digits: /180°|Flipping|quarter/,
    'arrow-signs': /Horizontal flips|90°|cut away|Inverting/,
    'animal-photos': /cut the animal out|random noise|Pasting|so strongly/,
    'sentiment-text': /antonym|Deleting the word "not"|shuffling|Inserting the word "not"/,
    'speech-commands': /backwards|Cutting out|high volume|Splicing/,
  };
  const keyCheck = (v: Variant) => {
    bankCheck(v);
    const re = breaks[(v.params as { scenario: string }).scenario]!;
    for (const c of v.choices) assertEqual(c.correct, !re.test(c.plain), c.plain);
  };
  it(`never marks a label-changing transform correct over ${SEEDS} seeds`, () => {
    forSeeds(augmentationLabelPreserving, SEEDS, 'multiple', keyCheck);
  });
  it('takes any statements of a task by index (issue 21), and refuses an index past the bank', () => {
    // Digits, all four shown statements true: small rotation (0), elastic distortion (4), noise (3),
    // shift (1); the drawn variants mostly mix in false ones.
    const v = pinnedVariant(
      augmentationLabelPreserving,
      { scenario: 'digits', trueIdx: [0, 4, 3, 1], falseIdx: [] },
      keyCheck,
    );
    assertEqual(v.choices.filter((c) => c.correct).length, 4, 'all four correct');
    expect(() =>
      generateVariant(augmentationLabelPreserving, 1, {
        pins: { scenario: 'digits', trueIdx: [0, 99], falseIdx: [0, 1] },
      }),
    ).toThrow(/is not allowed/);
    expectValidPinsAccepted(augmentationLabelPreserving, keyCheck);
  });
});

// The single-answer banks: one correct option in every variant, and statements pinned by index.
describe.each([
  {
    name: 'augmentation-concepts',
    t: augmentationConcepts,
    minStems: 5,
    pinnedTitle: 'takes any four reasons by index for "All of the above" (issue 21)',
    // The last four of the six reasons (indices 5, 4, 3, 2): the key is still "All of the above."
    pins: { scenario: 'unhelpful-transform', trueIdx: [5, 4, 3, 2], falseIdx: [] },
    key: [ALL_OF_THE_ABOVE],
  },
  {
    name: 'regularizer-concepts',
    t: regularizerConcepts,
    minStems: 10,
    pinnedTitle: 'takes any statements by index (issue 21)',
    // L1 vs L2: the fourth true statement (biases are not penalized) against three false ones.
    pins: { scenario: 'l1-vs-l2', trueIdx: [3], falseIdx: [2, 1, 0] },
    key: ['Biases are usually left out of the weight penalty.'],
  },
])('$name', ({ t, minStems, pinnedTitle, pins, key }) => {
  commonTests(it, t, { minStems, seedsPerKind: 300 });
  it(`keeps exactly one correct option over ${SEEDS} seeds`, () =>
    forSeeds(t, SEEDS, 'single', bankCheck));
  it(pinnedTitle, () => {
    const v = pinnedVariant(t, pins, bankCheck);
    assertEqual(correctPlain(v), key, 'key');
    expectValidPinsAccepted(t, bankCheck);
  });
});

describe('techniques-select-all', () => {
  commonTests(it, techniquesSelectAll, { minStems: 3, seedsPerKind: 300 });
  it('issue 18: no variant has every option correct (21 % did before the gates)', () => {
    let allRight = 0;
    for (let i = 0; i < 2000; i++) {
      const v = generateVariant(techniquesSelectAll, i, { kind: 'multiple' });
      if (v.choices.every((c) => c.correct)) allRight++;
      if (v.choices.every((c) => !c.correct)) allRight++;
    }
    assertEqual(allRight, 0, 'select-alls with every option right or every option wrong');
  });
  const isRegularizer =
    /Augmentation|Norm Penalties|Ensembling|^Dropout$|Early stopping|Injecting noise|Multi-task|Adversarial/;
  const keyCheck = (v: Variant) => {
    bankCheck(v);
    for (const c of v.choices) assertEqual(c.correct, isRegularizer.test(c.plain), c.plain);
  };
  it(`marks exactly the regularizers over ${SEEDS} seeds`, () => {
    forSeeds(techniquesSelectAll, SEEDS, 'multiple', keyCheck);
  });
  it('takes any statements by index (issue 21)', () => {
    // Adversarial training (7) and multi-task learning (6) are regularizers; the rest false ones.
    const v = pinnedVariant(
      techniquesSelectAll,
      { scenario: 'techniques', trueIdx: [7, 6], falseIdx: [0, 1] },
      keyCheck,
    );
    assertEqual(
      correctPlain(v).sort(),
      ['Adversarial training', 'Multi-task learning with shared parameters'],
      'key',
    );
    expectValidPinsAccepted(techniquesSelectAll, keyCheck);
  });
});
