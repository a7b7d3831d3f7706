import { describe, expect, it } from 'vitest';
import {
  attention,
  mhaParams,
  mhaShapes,
  type AttentionParams,
  type MhaShapesParams,
} from '../index.js';
import {
  checkTemplate,
  checkFixtures,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';

/** F.scaled_dot_product_attention written entry by entry (softmax over keys; causal: j ≤ i). */
export function referenceAttention(p: AttentionParams): {
  weights: number[][];
  output: number[][];
} {
  const weights: number[][] = [];
  const output: number[][] = [];
  for (let i = 0; i < p.queries; i++) {
    const e: number[] = [];
    for (let j = 0; j < p.keys; j++) {
      let s = 0;
      for (let c = 0; c < p.dim; c++) s += p.Q[i]![c]! * p.K[j]![c]!;
      e.push(p.causal && j > i ? 0 : Math.exp(s / Math.sqrt(p.dim)));
    }
    const total = e.reduce((a, b) => a + b, 0);
    const w = e.map((x) => x / total);
    weights.push(w);
    const out: number[] = [];
    for (let c = 0; c < p.valueDim; c++) {
      let o = 0;
      for (let j = 0; j < p.keys; j++) o += w[j]! * p.V[j]![c]!;
      out.push(o);
    }
    output.push(out);
  }
  return { weights, output };
}

describe('rnn.attention', () => {
  it('answers equal an element-wise loop over 10,000 seeds', () => {
    runProperty(attention, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as AttentionParams;
        const ref = referenceAttention(p);
        if (v.answer.kind === 'table') {
          v.answer.rows.forEach((row, i) => {
            const expected = [...ref.weights[i]!, ...ref.output[i]!];
            row.slice(1).forEach((c, k) => {
              if (c.type !== 'numeric') expect.fail('numeric cell expected');
              else assertNumeric(c.answer, expected[k]!);
            });
          });
        } else assertAnswer(v, (p.ask === 'weight' ? ref.weights : ref.output)[p.row]![p.col]!, 3);
      },
    });
  });

  it('is deterministic, varies and reproduces its fixture', () => {
    checkTemplate(attention, { kinds: ['numeric', 'table'], minStems: 150, minOpenings: 2 });
    checkFixtures(attention);
  });
});

/** Counts the arrays of nn.MultiheadAttention: in_proj_weight (3d×d), in_proj_bias (3d), out_proj (d×d + d). */
function countMhaArrays(d: number, bias: boolean): number {
  const arrays = [[3 * d, d], [d, d], ...(bias ? [[3 * d], [d]] : [])];
  return arrays.reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0);
}

describe('rnn.mha-params', () => {
  it('answers equal a count of the layer arrays over 10,000 seeds', () => {
    runProperty(mhaParams, {
      kinds: ['numeric', 'single'],
      check(v) {
        const p = v.params as { dModel: number; heads: number; bias: boolean };
        assertAnswer(v, countMhaArrays(p.dModel, p.bias), 0);
      },
    });
  });
  it('is deterministic and varies', () =>
    checkTemplate(mhaParams, { kinds: ['numeric'], minStems: 60, minOpenings: 2 }));
});

describe('rnn.mha-shapes', () => {
  it('answers equal direct shape arithmetic over 10,000 seeds', () => {
    runProperty(mhaShapes, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as MhaShapesParams;
        const dk = p.dModel / p.heads;
        expect(Number.isInteger(dk)).toBe(true);
        if (v.answer.kind === 'table') {
          const values = v.answer.rows.map((r) =>
            r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])),
          );
          expect(values).toEqual([
            [p.batch, p.heads, p.seqLen, dk],
            [p.batch, p.heads, p.seqLen, p.seqLen],
            [p.batch, p.seqLen, p.dModel],
          ]);
        } else assertAnswer(v, p.ask === 'head-dim' ? dk : p.batch * p.heads * p.seqLen ** 2, 0);
      },
    });
  });
  it('is deterministic and varies', () =>
    checkTemplate(mhaShapes, { kinds: ['numeric', 'table'], minStems: 100, minOpenings: 2 }));
});
