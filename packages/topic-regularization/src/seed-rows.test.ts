import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant, type AnyTemplate } from '@dlexam/generator';
import {
  adamWeightDecay,
  augmentationConcepts,
  augmentationLabelPreserving,
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
  biasVarianceEffect,
  biasVarianceEffectMatching,
  biasVarianceEffects,
  dropoutArithmetic,
  earlyStoppingTemplate,
  fitDiagnosisConcepts,
  penalizedStep,
  penaltyFormula,
  penaltyValue,
  techniquesSelectAll,
  regularizerConcepts,
} from '@dlexam/topic-regularization';
import type { Variant } from '@dlexam/types';

const correctText = (v: Variant) =>
  v.answer.kind === 'single' ? v.choices[v.answer.correct]!.plain : '';
const wrongTexts = (v: Variant) => v.choices.filter((c) => !c.correct).map((c) => c.plain);
/** The fixture's answer is numeric with key `value`. */
const expectNumericFixture = (t: AnyTemplate, id: string, value: number) =>
  expect(generateFixture(t, id).answer).toMatchObject({ kind: 'numeric', numeric: { value } });

describe('seed rows', () => {
  it('S004-bias-variance-diagnose', () => {
    const cases = [
      ['S004-bias-variance-diagnose', 'High bias, low variance (underfitting)'],
      ['S004-bias-variance-diagnose-variance', 'Low bias, high variance (overfitting)'],
      ['S004-bias-variance-diagnose-both', 'High bias and high variance'],
    ] as const;
    for (const [id, want] of cases)
      expect(correctText(generateFixture(biasVarianceDiagnose, id))).toBe(want);
    const table = generateFixture(biasVarianceDiagnoseTable, 'S004-bias-variance-diagnose-table');
    if (table.answer.kind !== 'table') throw new Error('expected a table');
    const got = table.answer.rows.map((r) =>
      r.map((c) =>
        c.type === 'numeric'
          ? c.answer.value
          : c.type === 'choice'
            ? c.options[c.correct]!.plain
            : c.plain,
      ),
    );
    expect(got).toEqual([
      ['Model A: train 18%, dev 19%', 18, 1, 'High bias, low variance (underfitting)'],
      ['Model B: train 1%, dev 19%', 1, 18, 'Low bias, high variance (overfitting)'],
      ['Model C: train 15%, dev 27%', 15, 12, 'High bias and high variance'],
    ]);
  });

  const seed000 = [
    {
      id: 'S000-mc-bias-variance',
      correct:
        "Bias is the error introduced by approximating a real-world problem, while variance is the model's sensitivity to the specific training data used.",
      wrong: [
        "Bias refers to the model's ability to generalize to new data, while variance refers to the model's error on the training data.",
        'High bias leads to overfitting, while high variance leads to underfitting.',
        'Bias and variance are unrelated concepts in deep learning.',
      ],
    },
    {
      id: 'S000-mc-learning-rate',
      correct: 'The model may overshoot the optimal solution, resulting in unstable training.',
      wrong: [
        'The model will converge too slowly and may not reach the optimal solution.',
        'The model will converge to a local minimum but may take a long time to do so.',
        'The model will train successfully but may have higher bias.',
      ],
    },
    {
      id: 'S000-mc-small-dataset',
      correct:
        'A small dataset may result in overfitting, as the model can memorize the data rather than generalize.',
      wrong: [
        "A small dataset always leads to high variance in the model's predictions.",
        'A small dataset can cause underfitting as the model fails to learn complex patterns.',
        'Training with a small dataset results in lower training time but improves test accuracy.',
      ],
    },
    {
      id: 'S000-mc-overfitting',
      correct: 'Applying regularization techniques like dropout or L2 regularization.',
      wrong: [
        'Increasing the number of epochs.',
        'Decreasing the size of the training data.',
        'Increasing the size of the model (more layers and parameters).',
      ],
    },
    {
      id: 'S000-mc-underfitting',
      correct: 'Increasing the number of layers or neurons in the model.',
      wrong: [
        'Decreasing the learning rate.',
        'Decreasing the size of the training dataset.',
        'Adding more regularization to the model.',
      ],
    },
  ];
  for (const row of seed000)
    it(row.id, () => {
      const v = generateFixture(fitDiagnosisConcepts, row.id);
      expect(correctText(v)).toBe(row.correct);
      expect(wrongTexts(v).sort()).toEqual([...row.wrong].sort());
      for (const c of v.choices.filter((x) => !x.correct)) expect(c.misconception).toBeTruthy();
    });
});

describe('seed rows: L1/L2', () => {
  it('S001-l1-grad', () => {
    const v = generateFixture(penaltyFormula, 'S001-l1-grad');
    expect(correctText(v)).toBe('∂J/∂wᵢ + λ sign(wᵢ)');
    expect(v.choices[v.answer.kind === 'single' ? v.answer.correct : -1]!.text).toBe(
      '\\(\\frac{\\partial J}{\\partial w_i} + \\lambda\\,\\operatorname{sign}(w_i)\\)',
    );
  });

  it('S001-l1-l2-update', () => {
    expect(correctText(generateFixture(penaltyFormula, 'S001-l1-l2-update'))).toBe(
      'wᵢ - αλ sign(wᵢ) - α∂J/∂wᵢ',
    );
    expect(correctText(generateFixture(penaltyFormula, 'S001-l1-l2-update-l2'))).toBe(
      'wᵢ - 2αλwᵢ - α∂J/∂wᵢ',
    );
    // Numeric instances: w = [0.5, −1.2, 0], ∂J/∂w = [0.3, −0.4, 0.2], b = 0.1, ∂J/∂b = 0.5, α = 0.1, λ = 0.2.
    const l1 = generateFixture(penalizedStep, 'S001-l1-l2-update-numeric-l1');
    expect(l1.answer).toMatchObject({ kind: 'numeric', numeric: { value: -0.02 } }); // 0 − 0.1·0.2·sign(0) − 0.1·0.2
    const l2 = generateFixture(penalizedStep, 'S001-l1-l2-update-numeric-l2');
    if (l2.answer.kind !== 'table') throw new Error('expected a table');
    // w − 2αλw − α∂J/∂w: 0.5 − 0.02 − 0.03, −1.2 + 0.048 + 0.04, 0 − 0 − 0.02; b − α∂J/∂b = 0.1 − 0.05.
    expect(
      l2.answer.rows.map((r) => (r[2]!.type === 'numeric' ? r[2]!.answer.value : null)),
    ).toEqual([0.45, -1.112, -0.02, 0.05]);
    // J + λ‖w‖² = 0.8 + 0.2·(0.25 + 1.44 + 0) = 1.138 (bias excluded).
    expectNumericFixture(penaltyValue, 'S001-l1-l2-update-penalty-value', 1.138);
  });
});

describe('seed rows: effects, dropout, early stopping, augmentation, techniques', () => {
  it('S001-bias-variance-table', () => {
    const v = generateFixture(biasVarianceEffects, 'S001-bias-variance-table');
    if (v.answer.kind !== 'table') throw new Error('expected a table');
    const cells = v.answer.rows.map((r) =>
      r.map((c) =>
        c.type === 'choice' ? c.options[c.correct]!.plain : c.type === 'text' ? c.plain : '',
      ),
    );
    expect(cells).toEqual([
      ['Regularizing the weights', 'increases', 'decreases'],
      ['Increasing the size of the layers (more hidden units per layer)', 'decreases', 'increases'],
      ['Using dropout to train a deep neural network', 'increases', 'decreases'],
      [
        'Getting more training data (from the same distribution as before)',
        'no change',
        'decreases',
      ],
    ]);
    expect(
      correctText(generateFixture(biasVarianceEffect, 'S001-bias-variance-table-regularizing')),
    ).toBe('Bias increases, variance decreases');
    expect(
      correctText(generateFixture(biasVarianceEffect, 'S001-bias-variance-table-more-data')),
    ).toBe('Bias does not change, variance decreases');
    const m = generateFixture(biasVarianceEffectMatching, 'S001-bias-variance-table-matching');
    if (m.answer.kind !== 'matching') throw new Error('expected matching');
    expect(Object.fromEntries(m.answer.pairs.map((x) => [x.promptPlain, x.answerPlain]))).toEqual({
      'Regularizing the weights': 'Bias increases, variance decreases',
      'Increasing the size of the layers (more hidden units per layer)':
        'Bias decreases, variance increases',
      'Getting more training data (from the same distribution as before)':
        'Bias does not change, variance decreases',
    });
  });

  it('S002-mc-regularization', () => {
    const v = generateFixture(techniquesSelectAll, 'S002-mc-regularization');
    expect(v.answer.kind).toBe('multiple');
    expect(
      v.choices
        .filter((c) => c.correct)
        .map((c) => c.plain)
        .sort(),
    ).toEqual(['Data Augmentation', 'Dropout', 'Model Ensembling', 'Norm Penalties']);
  });

  it('S003-mc-augmentation', () => {
    const v = generateFixture(augmentationConcepts, 'S003-mc-augmentation');
    expect(correctText(v)).toBe('All of the above.');
    expect(wrongTexts(v).sort()).toEqual(
      [
        'A reflection can change the label of the image.',
        'The contrast of the image might not be changed enough.',
        'Cropping can remove too much of the original image.',
        'The cropped image can be too similar to the original image.',
      ].sort(),
    );
    const text = generateFixture(augmentationLabelPreserving, 'S003-augmentation-text');
    expect(
      text.choices
        .filter((c) => c.correct)
        .map((c) => c.plain)
        .sort(),
    ).toEqual([
      'Back-translation: translating to another language and back.',
      'Replacing a word by a synonym ("great" → "wonderful").',
    ]);
  });

  it('S001-dropout', () => {
    expectNumericFixture(dropoutArithmetic, 'S001-dropout-scale', 2);
    expectNumericFixture(dropoutArithmetic, 'S001-dropout-test-time', 2);
    expect(correctText(generateFixture(regularizerConcepts, 'S004-dropout-test-time'))).toBe(
      'Dropout is applied only during training; at test time all units are active.',
    );
  });

  it('S001-early-stopping', () => {
    const v = generateFixture(earlyStoppingTemplate, 'S001-early-stopping');
    // Val minimum 0.72 at epoch 6; epochs 7 and 8 do not improve, so patience 2 stops after epoch 8.
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: 8 } });
    expect(v.figure?.svg).toContain('<polyline');
    expect(
      generateVariant(earlyStoppingTemplate, 'x', { pins: { ...v.params, ask: 'restored-epoch' } })
        .answer,
    ).toMatchObject({ numeric: { value: 6 } });
  });
});

describe('seed rows: AdamW', () => {
  it('S004-adamw', () => {
    // AdamW: 1.5·(1 − 0.1·0.1) − 0.1·sign(0.2) = 1.385; Adam + L2: g' = 0.2 + 0.15, step 0.1 → 1.4.
    expectNumericFixture(adamWeightDecay, 'S004-adamw', 1.385);
    expectNumericFixture(adamWeightDecay, 'S004-adam-l2', 1.4);
  });
});
