import { describe, expect, it } from 'vitest';
import {
  causalMask,
  multiHeadAttentionParams,
  multiHeadShapes,
  scaledDotProductAttention,
  ShapeError,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

/** Reference attention written entry by entry (the formulas of F.scaled_dot_product_attention). */
function loopAttention(Q: number[][], K: number[][], V: number[][], mask?: boolean[][]) {
  const d = Q[0]!.length;
  const out: number[][] = [];
  const weights: number[][] = [];
  for (let i = 0; i < Q.length; i++) {
    const e: number[] = [];
    for (let j = 0; j < K.length; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += Q[i]![c]! * K[j]![c]!;
      e.push(mask && !mask[i]![j] ? 0 : Math.exp(s / Math.sqrt(d)));
    }
    const total = e.reduce((a, b) => a + b, 0);
    const p = e.map((x) => x / total);
    weights.push(p);
    out.push(V[0]!.map((_, c) => p.reduce((acc, pj, j) => acc + pj * V[j]![c]!, 0)));
  }
  return { weights, out };
}

/** Integers in [-3, 3] from the test generator. */
function smallInts(seed: number): () => number {
  const next = lcg(seed);
  return () => Math.floor(next() * 7) - 3;
}

describe('scaledDotProductAttention', () => {
  it('matches a hand computation', () => {
    // d = 4, so √d = 2: scores [2/2, 0/2] = [1, 0]; weights [e/(e+1), 1/(e+1)].
    const r = scaledDotProductAttention(
      [[1, 1, 0, 0]],
      [
        [1, 1, 0, 0],
        [0, 0, 1, 1],
      ],
      [[2], [0]],
    );
    expect(r.scores).toEqual([[1, 0]]);
    const p = Math.E / (Math.E + 1);
    expect(r.weights[0]![0]).toBeCloseTo(p, 15);
    expect(r.output[0]![0]).toBeCloseTo(2 * p, 15);
  });

  it('agrees with an element-wise loop, with and without a causal mask', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = smallInts(seed);
      const n = 1 + (seed % 3);
      const d = 1 + ((seed >> 2) % 4);
      const dv = 1 + ((seed >> 4) % 3);
      const m = seed % 2 ? n : 1 + ((seed >> 6) % 4);
      const Q = Array.from({ length: n }, () => Array.from({ length: d }, next));
      const K = Array.from({ length: m }, () => Array.from({ length: d }, next));
      const V = Array.from({ length: m }, () => Array.from({ length: dv }, next));
      const mask = seed % 2 ? causalMask(n) : undefined;
      const r = scaledDotProductAttention(Q, K, V, mask ? { mask } : {});
      const ref = loopAttention(Q, K, V, mask);
      r.weights.forEach((row, i) => {
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        row.forEach((w, j) => expect(w).toBeCloseTo(ref.weights[i]![j]!, 12));
      });
      r.output.forEach((row, i) =>
        row.forEach((o, c) => expect(o).toBeCloseTo(ref.out[i]![c]!, 12)),
      );
    }
  });

  it('blocks masked keys and rejects bad shapes', () => {
    const r = scaledDotProductAttention([[1], [1]], [[5], [1]], [[10], [20]], {
      mask: causalMask(2),
    });
    expect(r.weights[0]).toEqual([1, 0]);
    expect(r.scores[0]![1]).toBe(-Infinity);
    expect(() => scaledDotProductAttention([[1, 2]], [[1]], [[1]])).toThrow(ShapeError);
    expect(() => scaledDotProductAttention([[1]], [[1], [2]], [[1]])).toThrow(ShapeError);
    expect(() => scaledDotProductAttention([[1]], [[1]], [[1]], { mask: [[false]] })).toThrow(
      /no key/,
    );
  });
});

describe('multiHeadShapes', () => {
  it('splits d_model across heads', () => {
    expect(multiHeadShapes({ batch: 2, seqLen: 10, dModel: 512, heads: 8 })).toEqual({
      headDim: 64,
      queriesPerHead: [2, 8, 10, 64],
      keysPerHead: [2, 8, 10, 64],
      weights: [2, 8, 10, 10],
      output: [2, 10, 512],
    });
    expect(multiHeadShapes({ batch: 1, seqLen: 3, dModel: 6, heads: 2, kvLen: 5 }).weights).toEqual(
      [1, 2, 3, 5],
    );
    expect(() => multiHeadShapes({ batch: 1, seqLen: 3, dModel: 10, heads: 3 })).toThrow(
      RangeError,
    );
  });

  it('per-head projection slices add up to the block parameter count', () => {
    for (const [d, h] of [
      [8, 2],
      [12, 3],
      [512, 8],
    ] as const) {
      const { headDim } = multiHeadShapes({ batch: 1, seqLen: 1, dModel: d, heads: h });
      // h heads × (Q, K, V slices of d × d_k plus d_k biases) + output projection d × d + d.
      const count = h * 3 * (d * headDim + headDim) + d * d + d;
      expect(count).toBe(multiHeadAttentionParams(d, h));
    }
  });
});
