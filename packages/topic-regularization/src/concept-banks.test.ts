import { describe, it } from 'vitest';
import {
  ALL_OF_THE_ABOVE,
  augmentationConcepts,
  augmentationLabelPreserving,
  regularizationTechniques,
  regularizerConcepts,
} from '@dlexam/topic-regularization';
import type { Variant } from '@dlexam/types';
import { generateVariant } from '@dlexam/generator';
import { assertEqual, commonTests, forSeeds } from '@dlexam/generator/testing';

const SEEDS = 10_000;

function bankCheck(v: Variant): void {
  const p = v.params as { trueIdx: number[]; falseIdx: number[] };
  const correct = v.choices.filter((c) => c.correct);
  if (correct.some((c) => c.plain === ALL_OF_THE_ABOVE))
    assertEqual(v.choices.length, p.trueIdx.length + 1, 'options');
  else assertEqual(correct.length, p.trueIdx.length, 'correct options');
  for (const c of v.choices)
    if (!c.correct && !c.misconception) throw new Error(`untagged wrong option ${c.plain}`);
}

describe('augmentation-label-preserving', () => {
  commonTests(it, augmentationLabelPreserving, { minStems: 8, seedsPerKind: 300 });
  it(`never marks a label-changing transform correct over ${SEEDS} seeds`, () => {
    // Independent key: transforms that change or destroy the label, per task, written from the task definitions.
    const breaks: Record<string, RegExp> = {
      digits: /180°|Flipping|quarter/,
      'arrow-signs': /Horizontal flips|90°|cut away|Inverting/,
      'animal-photos': /cut the animal out|random noise|Pasting|so strongly/,
      'sentiment-text': /antonym|Deleting the word "not"|shuffling|Inserting the word "not"/,
      'speech-commands': /backwards|Cutting out|high volume|Splicing/,
    };
    forSeeds(augmentationLabelPreserving, SEEDS, 'multiple', (v) => {
      bankCheck(v);
      const re = breaks[(v.params as { scenario: string }).scenario]!;
      for (const c of v.choices) assertEqual(c.correct, !re.test(c.plain), c.plain);
    });
  });
});

describe('augmentation-concepts', () => {
  commonTests(it, augmentationConcepts, { minStems: 5, seedsPerKind: 300 });
  it(`keeps exactly one correct option over ${SEEDS} seeds`, () =>
    forSeeds(augmentationConcepts, SEEDS, 'single', bankCheck));
});

describe('techniques-select-all', () => {
  commonTests(it, regularizationTechniques, { minStems: 3, seedsPerKind: 300 });
  it('issue 18: no variant has every option correct (21 % did before the gates)', () => {
    let allRight = 0;
    for (let i = 0; i < 2000; i++) {
      const v = generateVariant(regularizationTechniques, i, { kind: 'multiple' });
      if (v.choices.every((c) => c.correct)) allRight++;
      if (v.choices.every((c) => !c.correct)) allRight++;
    }
    assertEqual(allRight, 0, 'select-alls with every option right or every option wrong');
  });
  it(`marks exactly the regularizers over ${SEEDS} seeds`, () => {
    const isRegularizer =
      /Augmentation|Norm Penalties|Ensembling|^Dropout$|Early stopping|Injecting noise|Multi-task|Adversarial/;
    forSeeds(regularizationTechniques, SEEDS, 'multiple', (v) => {
      bankCheck(v);
      for (const c of v.choices) assertEqual(c.correct, isRegularizer.test(c.plain), c.plain);
    });
  });
});

describe('regularizer-concepts', () => {
  commonTests(it, regularizerConcepts, { minStems: 10, seedsPerKind: 300 });
  it(`keeps exactly one correct option over ${SEEDS} seeds`, () =>
    forSeeds(regularizerConcepts, SEEDS, 'single', bankCheck));
});
