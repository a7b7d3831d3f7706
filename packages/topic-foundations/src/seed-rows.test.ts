import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { bceGrad, gradShapes, linearGrad, linregShapes, mlpParams, numpyShapes, partialDerivatives, sequentialParams, softmaxCe } from '@dlexam/topic-foundations';
import { numericValue } from '../test/harness.js';

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
    for (const d of [0.8808, -1, 0.1192]) expect(values.some((x) => Math.abs(x! - d) < 1e-4)).toBe(true);
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
  const correct = (v: ReturnType<typeof generateFixture>) => v.choices.filter((c) => c.correct).map((c) => c.text);

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
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad'))).toEqual(['\\(\\nabla_{x} L = W^{T} \\frac{\\partial L}{\\partial y}\\)']);
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad-W'))).toEqual(['\\(\\nabla_{W} L = \\frac{\\partial L}{\\partial y} x^{T}\\)']);
    expect(correct(generateFixture(linearGrad, 'S000-linear-grad-b'))).toEqual(['\\(\\nabla_{b} L = \\frac{\\partial L}{\\partial y}\\)']);
  });

  it('S001-linreg-shapes', () => {
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes'))).toEqual([
      '\\(\\frac{\\partial L}{\\partial w} = \\frac{2}{m}(\\hat{y} - y)X^{T}\\)',
    ]);
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes-yhat'))).toEqual(['(1, 100)']);
    expect(correct(generateFixture(linregShapes, 'S001-linreg-shapes-db'))).toEqual([
      '\\(\\frac{\\partial L}{\\partial b} = \\sum_{i=1}^{m} \\frac{2}{m}(\\hat{y}_i - y_i)\\)',
    ]);
  });

  it('S001-numpy-shapes', () => {
    expect(correct(generateFixture(numpyShapes, 'S001-numpy-shapes'))).toEqual(['`(50,)`']);
    expect(correct(generateFixture(numpyShapes, 'S001-numpy-shapes-product'))).toEqual(['`(40, 50)`']);
  });

  it('S004-grad-shapes', () => {
    const v = generateFixture(gradShapes, 'S004-grad-shapes');
    if (v.answer.kind !== 'table') throw new Error('expected a table');
    const shapes = v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])));
    expect(shapes).toEqual([
      [16, 1],
      [16, 1],
      [10, 1],
      [10, 16],
    ]);
  });
});
