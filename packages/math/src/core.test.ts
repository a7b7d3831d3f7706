import { describe, expect, it } from 'vitest';
import {
  batchNormParams,
  bce,
  bceWithLogits,
  bceWithLogitsGrad,
  conv2dParams,
  crossEntropy,
  crossEntropyGrad,
  hinge,
  linearParams,
  matmul,
  matvec,
  mse,
  mseGrad,
  multiHeadAttentionParams,
  multiclassHinge,
  recurrentParams,
  relu,
  sigmoid,
  sigmoidPrime,
  softmax,
  tanhPrime,
  transpose,
  ShapeError,
  type RecurrentCell,
} from '@dlexam/math';

/** Central finite difference: the independent path for every derivative below. */
const numDiff = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

describe('tensor ops', () => {
  it('multiplies and transposes against hand results', () => {
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      ),
    ).toEqual([[17], [39]]);
    expect(matvec([[1, 0, 2]], [3, 4, 5])).toEqual([13]);
    expect(transpose([[1, 2, 3]])).toEqual([[1], [2], [3]]);
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(ShapeError);
  });
});

describe('activations and losses', () => {
  it('match their closed forms and finite differences', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0);
    expect(relu(-3)).toBe(0);
    for (const z of [-3, -0.5, 0.3, 2]) {
      expect(sigmoidPrime(z)).toBeCloseTo(numDiff(sigmoid, z), 8);
      expect(tanhPrime(z)).toBeCloseTo(numDiff(Math.tanh, z), 8);
      expect(bceWithLogitsGrad(z, 1)).toBeCloseTo(
        numDiff((t) => bceWithLogits(t, 1), z),
        6,
      );
      expect(bceWithLogits(z, 0)).toBeCloseTo(bce(sigmoid(z), 0), 10);
    }
    // Seed row S003-bce-grad: z = 2, y = 1 gives σ(2) − 1 ≈ −0.1192.
    expect(bceWithLogitsGrad(2, 1)).toBeCloseTo(-0.1192, 4);
  });

  it('softmax and cross-entropy agree with a direct computation', () => {
    const z = [2, 1, 0.1];
    const p = softmax(z);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(crossEntropy(z, 0)).toBeCloseTo(-Math.log(p[0]!), 12);
    const g = crossEntropyGrad(z, 2);
    z.forEach((_, i) => {
      const f = (t: number) =>
        crossEntropy(
          z.map((v, j) => (j === i ? t : v)),
          2,
        );
      expect(g[i]!).toBeCloseTo(numDiff(f, z[i]!), 6);
    });
  });

  it('mse, hinge', () => {
    expect(mse([1, 2], [0, 0])).toBe(2.5);
    expect(mseGrad([1, 2], [0, 0])).toEqual([1, 2]);
    expect(hinge(0.3, 1)).toBeCloseTo(0.7);
    expect(multiclassHinge([3.2, 5.1, -1.7], 0)).toBeCloseTo(2.9, 10);
  });
});

/** Builds a layer's arrays element by element and counts them: the independent path. */
function countArrays(arrays: number[][]): number {
  return arrays.reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0);
}

describe('parameter counts', () => {
  it('linear and conv match counted arrays and the seed rows', () => {
    expect(linearParams(100, 10, false)).toBe(countArrays([[10, 100]]));
    expect(conv2dParams({ inChannels: 8, outChannels: 16, kernel: 7 })).toBe(6288); // S002-conv-params
    expect(conv2dParams({ inChannels: 3, outChannels: 96, kernel: 11 })).toBe(34944); // S003-alexnet
    expect(conv2dParams({ inChannels: 32, outChannels: 32, kernel: 3, groups: 32 })).toBe(
      countArrays([[32, 1, 3, 3], [32]]),
    );
    // S002-sequential-params: Linear(100,10,bias=False) → ReLU → BatchNorm(10) → Linear(10,1).
    expect(linearParams(100, 10, false) + batchNormParams(10).trainable + linearParams(10, 1)).toBe(
      1031,
    );
    // S003-mlp-params: 2 → 1024 → 512 → 3.
    expect(linearParams(2, 1024) + linearParams(1024, 512) + linearParams(512, 3)).toBe(529411);
  });

  it('recurrent layers match PyTorch weight_ih/weight_hh/bias arrays', () => {
    const gates: Record<RecurrentCell, number> = { rnn: 1, lstm: 4, gru: 3 };
    for (const cell of ['rnn', 'lstm', 'gru'] as RecurrentCell[])
      for (const [I, H, L, bi] of [
        [10, 20, 1, false],
        [7, 5, 2, true],
        [3, 4, 3, false],
      ] as const) {
        const arrays: number[][] = [];
        const dirs = bi ? 2 : 1;
        for (let l = 0; l < L; l++)
          for (let d = 0; d < dirs; d++) {
            const inp = l === 0 ? I : H * dirs;
            arrays.push(
              [gates[cell] * H, inp],
              [gates[cell] * H, H],
              [gates[cell] * H],
              [gates[cell] * H],
            );
          }
        expect(
          recurrentParams({ cell, inputSize: I, hiddenSize: H, layers: L, bidirectional: bi }),
        ).toBe(countArrays(arrays));
      }
    expect(recurrentParams({ cell: 'lstm', inputSize: 10, hiddenSize: 20, bias: 'one' })).toBe(
      4 * 20 * (10 + 20) + 4 * 20,
    );
  });

  it('multi-head attention counts in_proj and out_proj', () => {
    expect(multiHeadAttentionParams(512, 8)).toBe(
      countArrays([[1536, 512], [1536], [512, 512], [512]]),
    );
    expect(() => multiHeadAttentionParams(10, 3)).toThrow(RangeError);
  });
});
