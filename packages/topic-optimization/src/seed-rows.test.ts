import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import {
  batchnormForward,
  batchVsMinibatchCurves,
  hyperparameters,
  learningRateBehaviour,
  momentumSteps,
  optimizerMatch,
} from '@dlexam/topic-optimization';
import type { Variant } from '@dlexam/types';

/** Golden tests: one per seed row of SEED-EXERCISES.md this package reproduces. */

const correctTexts = (v: Variant) =>
  v.choices
    .filter((c) => c.correct)
    .map((c) => c.plain)
    .sort();
const wrongTexts = (v: Variant) =>
  v.choices
    .filter((c) => !c.correct)
    .map((c) => c.plain)
    .sort();

describe('seed rows', () => {
  it('S001-optimizer-match', () => {
    const v = generateFixture(optimizerMatch, 'S001-optimizer-match');
    if (v.answer.kind !== 'matching') throw new Error('not matching');
    const byName = Object.fromEntries(v.answer.pairs.map((p) => [p.prompt, p.answer]));
    // The four rules exactly as seed 001 writes them.
    expect(byName).toEqual({
      'Gradient descent': '\\(W = W - \\alpha\\, dW\\)',
      Momentum: '\\(V_{dW} = \\beta V_{dW} + (1-\\beta)\\,dW,\\quad W = W - \\alpha V_{dW}\\)',
      RMSProp:
        '\\(S_{dW} = \\beta S_{dW} + (1-\\beta)\\,dW^2,\\quad W = W - \\alpha \\frac{dW}{\\sqrt{S_{dW}} + \\varepsilon}\\)',
      Adam: '\\(m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\quad v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2,\\quad \\hat{m}_t = \\frac{m_t}{1-\\beta_1^t},\\quad \\hat{v}_t = \\frac{v_t}{1-\\beta_2^t},\\quad \\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{\\hat{v}_t} + \\epsilon} \\hat{m}_t\\)',
    });
    expect(v.answer.distractors).toEqual([]);
  });

  it('S002-momentum', () => {
    const v = generateFixture(momentumSteps, 'S002-momentum');
    // Independent reference: PyTorch SGD(momentum=0.9, dampening=0) on f = ½(x₁² + 3x₂²), lr 0.1, 2 steps.
    const x = [1, -2];
    const c = [1, 3];
    const buf: (number | null)[] = [null, null];
    for (let t = 0; t < 2; t++)
      for (let i = 0; i < 2; i++) {
        const g = c[i]! * x[i]!;
        buf[i] = buf[i] === null ? g : 0.9 * buf[i]! + g;
        x[i] = x[i]! - 0.1 * buf[i]!;
      }
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: 0.72, decimals: 4 } });
    expect(x[0]).toBeCloseTo(0.72, 12);
    expect(v.stem).toContain('SGD(momentum=ρ, dampening=0)');
    const table = generateFixture(momentumSteps, 'S002-momentum', 'table');
    if (table.answer.kind !== 'table') throw new Error('not a table');
    const cells = table.answer.rows.map((r) =>
      r.slice(1).map((cell) => (cell.type === 'numeric' ? cell.answer.value : NaN)),
    );
    // x₂: g = −6, v = −6, x = −1.4; g = −4.2, v = −9.6, x = −0.44
    expect(cells).toEqual([
      [0.9, -1.4],
      [0.72, -0.44],
    ]);
    expect(x[1]).toBeCloseTo(-0.44, 12);
  });

  it('S002-batchnorm', () => {
    const v = generateFixture(batchnormForward, 'S002-batchnorm');
    // Independent reference: BatchNorm1d training mode, feature 1 = [1, 2, 3, 6], γ = 2, β = 0.5, ε = 1e-5.
    const col = [1, 2, 3, 6];
    const mu = col.reduce((s, x) => s + x, 0) / 4;
    const varB = col.reduce((s, x) => s + (x - mu) ** 2, 0) / 4;
    const y = (2 * (1 - mu)) / Math.sqrt(varB + 1e-5) + 0.5;
    expect(mu).toBe(3);
    expect(varB).toBe(3.5);
    expect(y).toBeCloseTo(-1.638087, 6);
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: -1.638, decimals: 3 } });
    // The unbiased-variance mistake is a distractor: 2·(−2)/√(14/3) + 0.5 ≈ −1.352.
    expect(
      v.choices.some(
        (c) =>
          c.value !== undefined &&
          Math.abs(c.value - -1.3516) < 1e-4 &&
          c.misconception === 'unbiased-variance',
      ),
    ).toBe(true);
  });

  it('S000-mc-learning-rate', () => {
    const v = generateFixture(learningRateBehaviour, 'S000-mc-learning-rate');
    expect(v.kind).toBe('single');
    expect(correctTexts(v)).toEqual([
      'The model may overshoot the optimal solution, resulting in unstable training.',
    ]);
    expect(wrongTexts(v)).toEqual(
      [
        'The model will converge too slowly and may not reach the optimal solution.',
        'The model will converge to a local minimum but may take a long time to do so.',
        'The model will train successfully but may have higher bias.',
      ].sort(),
    );
    expect(v.figure?.svg).toContain('<polyline');
  });

  it('S002-mc-batch-curves', () => {
    const v = generateFixture(batchVsMinibatchCurves, 'S002-mc-batch-curves');
    expect(v.kind).toBe('multiple');
    expect(correctTexts(v)).toEqual(
      [
        'Graph A is Batch Gradient Descent – accurate gradient estimates, resulting in a decrease in loss at every iteration.',
        'Graph B is Mini-Batch Gradient Descent – noisy gradient estimates, resulting in oscillations in the loss trajectory.',
      ].sort(),
    );
    expect(wrongTexts(v)).toEqual(
      [
        'Graph A is Mini-Batch Gradient Descent – gradient estimates using batch and mini-batch are equivalent.',
        'Graph B is Batch Gradient Descent – considering more data points, so introduces more noise to gradient calculation.',
      ].sort(),
    );
    expect(v.figure?.alt).toMatch(/Graph A shows a smooth curve/);
  });

  it('S002-mc-hyperparameters', () => {
    const v = generateFixture(hyperparameters, 'S002-mc-hyperparameters');
    expect(v.kind).toBe('multiple');
    expect(correctTexts(v)).toEqual(
      ['Batch size B', 'Dropout probability p', 'Loss function L'].sort(),
    );
    expect(wrongTexts(v)).toEqual(["Batch Normalization's γ and β"]);
  });
});
