import { describe, expect, it } from 'vitest';
import {
  attention,
  mhaParams,
  mhaShapes,
  type AttentionParams,
  type MhaShapesParams,
} from '../index.js';
import { generateVariant, type AnyTemplate, type Rng } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  checkTemplate,
  checkValidPins,
  checkFixtures,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';
import { expectPartialPinsAccepted } from './valid-pins.js';
import { checkNumericAndTableVariety } from './variety-checks.js';

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

/** The key against the element-wise reference. */
function checkAttention(v: Variant): void {
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
}

/** A rows × cols matrix of numbers in [−10, 10] with 3 decimals (the entries' validity). */
const validMatrix = (rng: Rng, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => Math.round(rng.next() * 20_000 - 10_000) / 1000),
  );

describe('rnn.attention', () => {
  it('answers equal an element-wise loop over 10,000 seeds', () => {
    runProperty(attention, { kinds: ['numeric', 'single', 'table'], check: checkAttention });
  });

  it('accepts a textbook exercise beyond the draw grid: 4 keys, decimal values', () => {
    // q = (1, 1), keys (1, 1), (1, −1), (0, 0), (−1, −1): scores 2, 0, 0, −2, scaled by 1/√2 to
    // √2, 0, 0, −√2; e^√2 = 4.1133, e^−√2 = 0.2431, sum 6.3564, so P₁₁ = 0.647 and the output
    // with V = (0.5, 2, −1, 4) is (4.1133·0.5 + 2 − 1 + 0.2431·4)/6.3564 = 0.634.
    const pins = {
      queries: 1,
      keys: 4,
      dim: 2,
      valueDim: 1,
      Q: [[1, 1]],
      K: [
        [1, 1],
        [1, -1],
        [0, 0],
        [-1, -1],
      ],
      V: [[0.5], [2], [-1], [4]],
      causal: false,
      row: 0,
      col: 0,
    };
    const w = generateVariant(attention, 1, { pins: { ...pins, ask: 'weight' }, kind: 'numeric' });
    expect(w.answer).toMatchObject({ numeric: { value: 0.647 } });
    const o = generateVariant(attention, 1, { pins: { ...pins, ask: 'output' }, kind: 'numeric' });
    expect(o.answer).toMatchObject({ numeric: { value: 0.634 } });
    expect(o.stem).toContain('0.5');
    // Shapes that disagree are refused by their rule.
    expect(() =>
      generateVariant(attention, 1, { pins: { ...pins, keys: 3, ask: 'output' } }),
    ).toThrow(/Q is n×d, K is m×d and V is m×d_v/);
  });

  it('accepts valid pins of every size, with Q, K and V of the pinned shapes', () => {
    const r = checkValidPins(attention, {
      count: 200,
      partial: true,
      // Q, K and V follow the pinned sizes (any entries in [−10, 10]); a causal mask needs n = m;
      // the asked entry must exist.
      adjust(pins, rng) {
        const n = pins.queries as number;
        if (pins.causal) pins.keys = n;
        const m = pins.keys as number;
        const d = pins.dim as number;
        const dv = pins.valueDim as number;
        if (!Array.isArray(pins.Q) || pins.Q.length !== n || (pins.Q[0] as number[]).length !== d)
          pins.Q = validMatrix(rng, n, d);
        if (!Array.isArray(pins.K) || pins.K.length !== m || (pins.K[0] as number[]).length !== d)
          pins.K = validMatrix(rng, m, d);
        if (!Array.isArray(pins.V) || pins.V.length !== m || (pins.V[0] as number[]).length !== dv)
          pins.V = validMatrix(rng, m, dv);
        pins.row = Math.min(pins.row as number, n - 1);
        pins.col = Math.min(pins.col as number, (pins.ask === 'weight' ? m : dv) - 1);
      },
      check: checkAttention,
    });
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(0);
  });

  it('is deterministic, varies and reproduces its fixture', () => {
    checkNumericAndTableVariety(attention);
    checkFixtures(attention);
  });
});

/** Counts the arrays of nn.MultiheadAttention: in_proj_weight (3d×d), in_proj_bias (3d), out_proj (d×d + d). */
function countMhaArrays(d: number, bias: boolean): number {
  const arrays = [[3 * d, d], [d, d], ...(bias ? [[3 * d], [d]] : [])];
  return arrays.reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0);
}

function checkMhaParams(v: Variant): void {
  const p = v.params as { dModel: number; heads: number; bias: boolean };
  assertAnswer(v, countMhaArrays(p.dModel, p.bias), 0);
}

/** A head count that divides d (keeps a pinned d's divisibility rule met). */
const divisorHeads = (d: number, h: number): number => {
  let k = Math.min(h, d);
  while (d % k !== 0) k--;
  return k;
};

/** 200 partial valid pins, the head count made a divisor of d: some accepted, some off the draws. */
function expectValidHeadPins(t: AnyTemplate, check: (v: Variant) => void): void {
  expectPartialPinsAccepted(t, check, (pins) => {
    pins.heads = divisorHeads(pins.dModel as number, pins.heads as number);
  });
}

describe('rnn.mha-params', () => {
  it('answers equal a count of the layer arrays over 10,000 seeds', () => {
    runProperty(mhaParams, { kinds: ['numeric', 'single'], check: checkMhaParams });
  });
  it("accepts GPT-3's d = 12,288 with 96 heads, beyond the drawn sizes", () => {
    // 4·(12288² + 12288) = 4·151,007,232 = 604,028,928 (bias=True).
    const v = generateVariant(mhaParams, 1, {
      pins: { dModel: 12288, heads: 96, bias: true },
      kind: 'numeric',
    });
    expect(v.answer).toMatchObject({ numeric: { value: 604_028_928 } });
    expect(() => generateVariant(mhaParams, 1, { pins: { dModel: 100, heads: 3 } })).toThrow(
      /d divides by the number of heads/,
    );
    expectValidHeadPins(mhaParams, checkMhaParams);
  });
  it('is deterministic and varies', () =>
    checkTemplate(mhaParams, { kinds: ['numeric'], minStems: 60, minOpenings: 2 }));
});

function checkMhaShapes(v: Variant): void {
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
}

describe('rnn.mha-shapes', () => {
  it('answers equal direct shape arithmetic over 10,000 seeds', () => {
    runProperty(mhaShapes, { kinds: ['numeric', 'single', 'table'], check: checkMhaShapes });
  });
  it('accepts a BERT-base batch beyond the drawn sizes', () => {
    // B = 32 sequences of T = 128 tokens, d = 768, h = 12: d_k = 64 and
    // 32·12·128·128 = 6,291,456 attention weights.
    const pins = { batch: 32, seqLen: 128, dModel: 768, heads: 12 };
    expect(
      generateVariant(mhaShapes, 1, { pins: { ...pins, ask: 'head-dim' }, kind: 'numeric' }).answer,
    ).toMatchObject({ numeric: { value: 64 } });
    expect(
      generateVariant(mhaShapes, 1, { pins: { ...pins, ask: 'weights-count' }, kind: 'numeric' })
        .answer,
    ).toMatchObject({ numeric: { value: 6_291_456 } });
    expectValidHeadPins(mhaShapes, checkMhaShapes);
  });
  it('is deterministic and varies', () =>
    checkTemplate(mhaShapes, { kinds: ['numeric', 'table'], minStems: 100, minOpenings: 2 }));
});
