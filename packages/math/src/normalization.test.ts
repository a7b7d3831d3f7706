import { describe, expect, it } from 'vitest';
import {
  batchNormEval,
  batchNormTrain,
  featureVariances,
  layerNorm,
  updateRunningStats,
} from '@dlexam/math';

describe('batch norm', () => {
  it('training mode: hand computation with the biased variance', () => {
    // column [1, 2, 3, 6]: mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5
    const t = batchNormTrain([[1], [2], [3], [6]], [2], [0.5], 0);
    expect(t.mean).toEqual([3]);
    expect(t.variance).toEqual([3.5]);
    expect(t.y[0]![0]).toBeCloseTo((2 * -2) / Math.sqrt(3.5) + 0.5, 12);
    expect(featureVariances([[1], [2], [3], [6]], true)).toEqual([14 / 3]);
  });

  it('normalised columns have mean 0 and biased variance σ²/(σ²+ε) before γ, β', () => {
    const x = [
      [1, 10, -3],
      [4, 12, -3.5],
      [2, 7, 1],
    ];
    const t = batchNormTrain(x, [1, 1, 1], [0, 0, 0], 1e-5);
    for (let j = 0; j < 3; j++) {
      const col = t.xHat.map((r) => r[j]!);
      const m = col.reduce((s, v) => s + v, 0) / 3;
      const v = col.reduce((s, c) => s + (c - m) ** 2, 0) / 3;
      expect(m).toBeCloseTo(0, 12);
      expect(v).toBeCloseTo(t.variance[j]! / (t.variance[j]! + 1e-5), 12);
    }
  });

  it('evaluation mode uses the running statistics; running stats use the unbiased variance', () => {
    expect(batchNormEval([[3]], [1], [4], [2], [1], 0)).toEqual([[3]]);
    const u = updateRunningStats([0], [1], [[1], [2], [3], [6]], 0.1);
    expect(u.runningMean[0]).toBeCloseTo(0.3, 12);
    expect(u.runningVar[0]).toBeCloseTo(0.9 + 0.1 * (14 / 3), 12);
    expect(() => batchNormTrain([[1, 2]], [1], [0])).toThrow(/2 features but 1/);
  });
});

describe('layer norm', () => {
  it('normalises each sample over its features', () => {
    const l = layerNorm(
      [
        [1, 2, 3, 6],
        [5, 5, 5, 5],
      ],
      [1, 1, 1, 1],
      [0, 0, 0, 0],
      0.5,
    );
    expect(l.mean).toEqual([3, 5]);
    expect(l.variance).toEqual([3.5, 0]);
    expect(l.y[0]![3]).toBeCloseTo(3 / 2, 12);
    expect(l.y[1]).toEqual([0, 0, 0, 0]);
  });

  it('equals batch norm of the transposed input when γ = 1, β = 0', () => {
    const x = [
      [0.5, -1, 2],
      [3, 0, 1],
    ];
    const xt = [0, 1, 2].map((j) => x.map((r) => r[j]!));
    const bn = batchNormTrain(xt, [1, 1], [0, 0], 1e-3).y;
    const ln = layerNorm(x, [1, 1, 1], [0, 0, 0], 1e-3).y;
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) expect(ln[i]![j]).toBeCloseTo(bn[j]![i]!, 12);
  });
});
