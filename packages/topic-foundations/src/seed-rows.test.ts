import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import {
  backpropGraph,
  bceGrad,
  gradShapes,
  knnFacts,
  linearGrad,
  linearGradNumeric,
  linregGradNumeric,
  linregShapes,
  metricChoice,
  mlpParams,
  numpyShapes,
  outputLayer,
  partialDerivatives,
  perceptronSteps,
  regressionLosses,
  linearSeparability,
  sequentialParams,
  softmaxCe,
  trainingTerms,
  transferLearning,
} from '@dlexam/topic-foundations';
import { numericValue } from '@dlexam/generator/testing';

describe('seed rows', () => {
  it('S003-mlp-params', () => {
    const v = generateFixture(mlpParams, 'S003-mlp-params');
    expect(numericValue(v)).toBe(529411);
    expect(v.stem).toContain('1024');
  });

  it('S002-sequential-params', () => {
    const v = generateFixture(sequentialParams, 'S002-sequential-params');
    expect(numericValue(v)).toBe(1031);
    expect(v.stem).toContain('nn.Linear(100, 10, bias=False)');
    expect(v.stem).toContain('nn.BatchNorm1d(10)');
  });

  it('S003-bce-grad', () => {
    const v = generateFixture(bceGrad, 'S003-bce-grad');
    expect(numericValue(v)).toBe(-0.1192);
    // Seed options: σ(2) − 1 (correct), σ(2), −σ(2), 1 − σ(2), −1.
    const values = v.choices.map((c) => c.value);
    for (const d of [0.8808, -1, 0.1192])
      expect(values.some((x) => Math.abs(x! - d) < 1e-4)).toBe(true);
  });

  it('S003-softmax-ce', () => {
    // PyTorch: F.softmax(tensor([2., 1., 0.1]), 0) = [0.6590, 0.2424, 0.0986];
    // F.cross_entropy(tensor([[2., 1., 0.1]]), tensor([0])) = 0.4170.
    expect(numericValue(generateFixture(softmaxCe, 'S003-softmax-ce'))).toBe(0.417);
    expect(numericValue(generateFixture(softmaxCe, 'S003-softmax-ce-prob'))).toBe(0.2424);
    expect(numericValue(generateFixture(softmaxCe, 'S003-softmax-ce-grad'))).toBe(-0.341);
  });
});

describe('seed rows: gradients and shapes', () => {
  const correct = (v: ReturnType<typeof generateFixture>) =>
    v.choices.filter((c) => c.correct).map((c) => c.text);

  it('S001-grad-xyz', () => {
    const v = generateFixture(partialDerivatives, 'S001-grad-xyz');
    expect(v.stem).toContain('x^{2}y + xyz + z + e^{x}y^{3}z^{2}');
    const [text] = correct(v);
    expect(text).toContain('\\frac{\\partial f}{\\partial x} = 2xy + yz + e^{x}y^{3}z^{2}');
    expect(text).toContain('\\frac{\\partial f}{\\partial y} = x^{2} + xz + 3e^{x}y^{2}z^{2}');
    expect(text).toContain('\\frac{\\partial f}{\\partial z} = xy + 1 + 2e^{x}y^{3}z');
    expect(v.choices).toHaveLength(4);
    // Numeric instance: ∂f/∂y at (0, 1, 2) = 0 + 0 + 3·e⁰·1·4 = 12.
    expect(numericValue(generateFixture(partialDerivatives, 'S001-grad-xyz-numeric'))).toBe(12);
  });

  it('S000-linear-grad', () => {
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad'))).toEqual([
      '\\(\\nabla_{x} L = W^{T} \\frac{\\partial L}{\\partial y}\\)',
    ]);
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad-W'))).toEqual([
      '\\(\\nabla_{W} L = \\frac{\\partial L}{\\partial y} x^{T}\\)',
    ]);
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad-b'))).toEqual([
      '\\(\\nabla_{b} L = \\frac{\\partial L}{\\partial y}\\)',
    ]);
    // Numeric instance: ∇_W L = (∂L/∂y) xᵀ, entry (2, 1) = (−2)(2) = −4.
    expect(numericValue(generateFixture(linearGradNumeric, 'S000-linear-grad-numeric'))).toBe(-4);
  });

  it('S001-linreg-shapes', () => {
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes'))).toEqual([
      '\\(\\frac{\\partial L}{\\partial w} = \\frac{2}{m}(\\hat{y} - y)X^{T}\\)',
    ]);
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes-yhat'))).toEqual(['(1, 100)']);
    // Numeric instance: ŷ = (1, 1), ∂L/∂ŷ = (2/2)(ŷ − y) = (1, 1), ∂L/∂w₁ = 1·1 + 1·2 = 3.
    expect(numericValue(generateFixture(linregGradNumeric, 'S001-linreg-shapes-numeric'))).toBe(3);
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes-db'))).toEqual([
      '\\(\\frac{\\partial L}{\\partial b} = \\sum_{i=1}^{m} \\frac{2}{m}(\\hat{y}_i - y_i)\\)',
    ]);
  });

  it('S001-numpy-shapes', () => {
    expect(correct(generateFixture(numpyShapes, 'S001-numpy-shapes'))).toEqual(['`(50,)`']);
    expect(correct(generateFixture(numpyShapes, 'S001-numpy-shapes-product'))).toEqual([
      '`(40, 50)`',
    ]);
  });

  it('S004-grad-shapes', () => {
    const v = generateFixture(gradShapes, 'S004-grad-shapes');
    if (v.answer.kind !== 'table') throw new Error('expected a table');
    const shapes = v.answer.rows.map((r) =>
      r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])),
    );
    expect(shapes).toEqual([
      [16, 1],
      [16, 1],
      [10, 1],
      [10, 16],
    ]);
  });
});

describe('seed rows: graphs, perceptron, metrics', () => {
  const correct = (v: ReturnType<typeof generateFixture>) =>
    v.choices.filter((c) => c.correct).map((c) => c.text);

  it('S002-backprop-graph', () => {
    // f = ReLU(max(x·y, z) + w), x = 2, y = 3, z = 1, w = −2. Autograd (hand-derived, as torch
    // computes it): x·y = 6 wins the max, s = 4 > 0, so ∂f/∂x = y = 3, ∂f/∂y = x = 2, ∂f/∂z = 0, ∂f/∂w = 1.
    const v = generateFixture(backpropGraph, 'S002-backprop-graph');
    if (v.answer.kind !== 'table') throw new Error('expected a table');
    const got = v.answer.rows.map((r) => (r[1]!.type === 'numeric' ? r[1]!.answer.value : NaN));
    expect(got).toEqual([4, 3, 2, 0, 1]);
    // Independent check: central differences of the written-out formula.
    const f = (x: number, y: number, z: number, w: number) => Math.max(0, Math.max(x * y, z) + w);
    const at = [2, 3, 1, -2] as const;
    const h = 1e-4;
    const fd = at.map((_, k) => {
      const up = at.map((a, i) => a + (i === k ? h : 0)) as [number, number, number, number];
      const dn = at.map((a, i) => a - (i === k ? h : 0)) as [number, number, number, number];
      return (f(...up) - f(...dn)) / (2 * h);
    });
    expect(f(...at)).toBe(got[0]);
    fd.forEach((d, k) => expect(d).toBeCloseTo(got[k + 1]!, 6));
    expect(v.figure?.svg).toContain('x = 2');
    // Swap-multiplier instance: f = ReLU(x·y + max(z, w)) at (3, 2, −1, 5): ∂f/∂x = y = 2.
    expect(numericValue(generateFixture(backpropGraph, 'S002-backprop-graph-swap'))).toBe(2);
  });

  it('S003-perceptron', () => {
    // AND from zero weights, η = 1: epoch 1 updates at (1,1) → w = (1,1), b = 1; epoch 2 fixes
    // (0,0), (0,1), (1,0) … the rule converges (a clean pass) for AND and OR.
    // Traced by hand (step(0) = 0, table order): AND makes 10 updates and ends at w = (2, 1),
    // b = −2 after 6 passes; OR makes 4 updates and ends at w = (1, 1), b = 0.
    const and = generateFixture(perceptronSteps, 'S003-perceptron');
    expect(and.solution).toContain('classifies all four rows of AND correctly');
    expect(and.solution).toContain('Final \\(w = (2, 1)\\), \\(b = -2\\)');
    expect(numericValue(and)).toBe(10);
    const or = generateFixture(perceptronSteps, 'S003-perceptron-or');
    expect(or.solution).toContain('classifies all four rows of OR correctly');
    expect(numericValue(or)).toBe(4);
    // XOR is the one function the perceptron cannot learn.
    expect(correct(generateFixture(linearSeparability, 'S003-perceptron-xor'))).toEqual([
      'XOR: \\(x_1 \\oplus x_2\\)',
    ]);
  });

  it('S001-precision', () => {
    const v = generateFixture(metricChoice, 'S001-precision');
    expect(v.stem).toContain('Federer');
    expect(correct(v)).toEqual(['Precision']);
  });
});

describe('seed multiple-choice questions', () => {
  const correct = (v: ReturnType<typeof generateFixture>) =>
    v.choices.filter((c) => c.correct).map((c) => c.plain);
  const all = (v: ReturnType<typeof generateFixture>) => v.choices.map((c) => c.plain);

  it('S002-mc-knn', () => {
    const v = generateFixture(knnFacts, 'S002-mc-knn');
    expect(correct(v)).toEqual([
      'We can tune the value of k for a given dataset, e.g. on a validation set.',
    ]);
    expect(
      all(v).some((t) =>
        t.startsWith('The L1 distance typically produces a smooth decision boundary'),
      ),
    ).toBe(true);
    expect(all(v)).toContain('It needs to be trained for a long time, but testing is very fast.');
    expect(all(v)).toContain('It is an unsupervised learning algorithm.');
  });

  it('S002-mc-regression-losses', () => {
    const v = generateFixture(regressionLosses, 'S002-mc-regression-losses');
    expect(correct(v)[0]).toContain('logistic regression uses binary cross-entropy (BCE)');
    expect(all(v)).toContain('All three use cross-entropy.');
    expect(all(v).some((t) => t.includes('hinge loss'))).toBe(true);
    expect(all(v).some((t) => t.includes('mean absolute error (MAE)'))).toBe(true);
  });

  it('S003-mc-final-layer', () => {
    const v = generateFixture(outputLayer, 'S003-mc-final-layer');
    expect(correct(v)).toEqual(['Softmax']);
    expect(all(v).sort()).toEqual(['ReLU', 'Sigmoid', 'Softmax', 'Step function', 'Tanh']);
  });

  it('S003-mc-backprop', () => {
    const v = generateFixture(trainingTerms, 'S003-mc-backprop');
    expect(correct(v)).toEqual(['Backpropagation']);
    expect(all(v).sort()).toEqual([
      'Activation',
      'Backpropagation',
      'Forward pass',
      'Gradient vanishing',
      'Learning rate adjustment',
    ]);
  });

  it('S001-mc-transfer-learning', () => {
    const v = generateFixture(transferLearning, 'S001-mc-transfer-learning');
    expect(correct(v)).toEqual([
      'Transfer learning from a ResNet50 that was pre-trained on chest CT images to detect tumors',
    ]);
    expect(v.stem).toContain('1,000 of which are labelled');
    expect(all(v)).toContain('Supervised learning directly on the 1,000 labelled images');
    expect(all(v).some((t) => t.includes('GAN'))).toBe(true);
    expect(all(v).some((t) => t.includes('random cropping'))).toBe(true);
  });
});
