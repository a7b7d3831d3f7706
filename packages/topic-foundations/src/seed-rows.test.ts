import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { bceGrad, mlpParams, sequentialParams, softmaxCe } from '@dlexam/topic-foundations';
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
