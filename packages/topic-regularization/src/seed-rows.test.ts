import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { biasVarianceDiagnose, biasVarianceDiagnoseTable, fitDiagnosisConcepts, penalizedStep, penaltyFormula } from '@dlexam/topic-regularization';
import type { Variant } from '@dlexam/types';

const correctText = (v: Variant) => (v.answer.kind === 'single' ? v.choices[v.answer.correct]!.plain : '');
const wrongTexts = (v: Variant) => v.choices.filter((c) => !c.correct).map((c) => c.plain);

describe('seed rows', () => {
  it('S004-bias-variance-diagnose', () => {
    const cases = [
      ['S004-bias-variance-diagnose', 'High bias, low variance (underfitting)'],
      ['S004-bias-variance-diagnose-variance', 'Low bias, high variance (overfitting)'],
      ['S004-bias-variance-diagnose-both', 'High bias and high variance'],
    ] as const;
    for (const [id, want] of cases) expect(correctText(generateFixture(biasVarianceDiagnose, id))).toBe(want);
    const table = generateFixture(biasVarianceDiagnoseTable, 'S004-bias-variance-diagnose-table');
    if (table.answer.kind !== 'table') throw new Error('expected a table');
    const got = table.answer.rows.map((r) => r.map((c) => (c.type === 'numeric' ? c.answer.value : c.type === 'choice' ? c.options[c.correct]!.plain : c.plain)));
    expect(got).toEqual([
      ['Model A: train 18%, dev 19%', 18, 1, 'High bias, low variance (underfitting)'],
      ['Model B: train 1%, dev 19%', 1, 18, 'Low bias, high variance (overfitting)'],
      ['Model C: train 15%, dev 27%', 15, 12, 'High bias and high variance'],
    ]);
  });

  const seed000 = [
    {
      id: 'S000-mc-bias-variance',
      correct: "Bias is the error introduced by approximating a real-world problem, while variance is the model's sensitivity to the specific training data used.",
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
      correct: 'A small dataset may result in overfitting, as the model can memorize the data rather than generalize.',
      wrong: [
        "A small dataset always leads to high variance in the model's predictions.",
        'A small dataset can cause underfitting as the model fails to learn complex patterns.',
        'Training with a small dataset results in lower training time but improves test accuracy.',
      ],
    },
    {
      id: 'S000-mc-overfitting',
      correct: 'Applying regularization techniques like dropout or L2 regularization.',
      wrong: ['Increasing the number of epochs.', 'Decreasing the size of the training data.', 'Increasing the size of the model (more layers and parameters).'],
    },
    {
      id: 'S000-mc-underfitting',
      correct: 'Increasing the number of layers or neurons in the model.',
      wrong: ['Decreasing the learning rate.', 'Decreasing the size of the training dataset.', 'Adding more regularization to the model.'],
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
    expect(v.choices[v.answer.kind === 'single' ? v.answer.correct : -1]!.text).toBe('\\(\\frac{\\partial J}{\\partial w_i} + \\lambda\\,\\operatorname{sign}(w_i)\\)');
  });

  it('S001-l1-l2-update', () => {
    expect(correctText(generateFixture(penaltyFormula, 'S001-l1-l2-update'))).toBe('wᵢ - αλ sign(wᵢ) - α∂J/∂wᵢ');
    expect(correctText(generateFixture(penaltyFormula, 'S001-l1-l2-update-l2'))).toBe('wᵢ - 2αλ wᵢ - α∂J/∂wᵢ');
    // Numeric instances: w = [0.5, −1.2, 0], ∂J/∂w = [0.3, −0.4, 0.2], b = 0.1, ∂J/∂b = 0.5, α = 0.1, λ = 0.2.
    const l1 = generateFixture(penalizedStep, 'S001-l1-l2-update-numeric-l1');
    expect(l1.answer).toMatchObject({ kind: 'numeric', numeric: { value: -0.02 } }); // 0 − 0.1·0.2·sign(0) − 0.1·0.2
    const l2 = generateFixture(penalizedStep, 'S001-l1-l2-update-numeric-l2');
    if (l2.answer.kind !== 'table') throw new Error('expected a table');
    // w − 2αλw − α∂J/∂w: 0.5 − 0.02 − 0.03, −1.2 + 0.048 + 0.04, 0 − 0 − 0.02; b − α∂J/∂b = 0.1 − 0.05.
    expect(l2.answer.rows.map((r) => (r[2]!.type === 'numeric' ? r[2]!.answer.value : null))).toEqual([0.45, -1.112, -0.02, 0.05]);
  });
});
