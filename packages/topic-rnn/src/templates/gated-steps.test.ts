import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { gruStep, lstmStep, type GruStepParams, type LstmStepParams } from '../index.js';
import {
  checkTemplate,
  checkFixtures,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';

const sig = (x: number) => 1 / (1 + Math.exp(-x));
/** Row k of W·x, written as a loop. */
const rowDot = (m: number[][], k: number, v: number[]) => {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += m[k]![j]! * v[j]!;
  return s;
};

/** nn.GRUCell formulas per unit: r, z, n = tanh(W_in x + b_in + r(W_hn h + b_hn)), h = z h + (1 − z) n. */
export function referenceGru(p: GruStepParams) {
  const w = p.weights;
  return p.hPrev.map((hk, k) => {
    const r = sig(rowDot(w.Wr, k, p.x) + rowDot(w.Ur, k, p.hPrev) + w.br[k]!);
    const z = sig(rowDot(w.Wz, k, p.x) + rowDot(w.Uz, k, p.hPrev) + w.bz[k]!);
    const n = Math.tanh(
      rowDot(w.Wn, k, p.x) + w.bin[k]! + r * (rowDot(w.Un, k, p.hPrev) + w.bhn[k]!),
    );
    return { r, z, n, h: z * hk + (1 - z) * n };
  });
}

/** nn.LSTMCell formulas per unit. */
export function referenceLstm(p: LstmStepParams) {
  const w = p.weights;
  return p.hPrev.map((_, k) => {
    const pre = (W: number[][], U: number[][], b: number[]) =>
      rowDot(W, k, p.x) + rowDot(U, k, p.hPrev) + b[k]!;
    const i = sig(pre(w.Wi, w.Ui, w.bi));
    const f = sig(pre(w.Wf, w.Uf, w.bf));
    const g = Math.tanh(pre(w.Wg, w.Ug, w.bg));
    const o = sig(pre(w.Wo, w.Uo, w.bo));
    const c = f * p.cPrev[k]! + i * g;
    return { i, f, g, o, c, h: o * Math.tanh(c) };
  });
}

function expectTableCells(row: { type: string; answer?: unknown }[], expected: number[]) {
  const cells = row.slice(1);
  expect(cells).toHaveLength(expected.length);
  cells.forEach((c, i) => {
    if (c.type !== 'numeric') expect.fail('expected a numeric cell');
    assertNumeric(c.answer as never, expected[i]!);
  });
}

describe('rnn.gru-step', () => {
  it('answers equal a per-unit GRUCell loop over 10,000 seeds', () => {
    runProperty(gruStep, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as GruStepParams;
        const ref = referenceGru(p);
        if (v.answer.kind === 'table')
          v.answer.rows.forEach((row, k) =>
            expectTableCells(row, [ref[k]!.r, ref[k]!.z, ref[k]!.n, ref[k]!.h]),
          );
        else assertAnswer(v, p.ask === 'h' ? ref[p.unit]!.h : ref[p.unit]!.n, 3);
        expect(v.stem).toContain('h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t');
      },
    });
  });

  it('is deterministic, varies and reproduces its fixture', () => {
    checkTemplate(gruStep, { kinds: ['numeric', 'table'], minStems: 150, minOpenings: 2 });
    checkFixtures(gruStep);
  });
});

describe('rnn.lstm-step', () => {
  it('answers equal a per-unit LSTMCell loop over 10,000 seeds', () => {
    runProperty(lstmStep, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as LstmStepParams;
        const ref = referenceLstm(p);
        if (v.answer.kind === 'table')
          v.answer.rows.forEach((row, k) => {
            const r = ref[k]!;
            expectTableCells(row, [r.i, r.f, r.g, r.o, r.c, r.h]);
          });
        else assertAnswer(v, p.ask === 'h' ? ref[p.unit]!.h : ref[p.unit]!.c, 3);
      },
    });
  });

  it('is deterministic, varies and matches a worked example', () => {
    checkTemplate(lstmStep, { kinds: ['numeric', 'table'], minStems: 150, minOpenings: 2 });
    // Worked example (no seed row): x = 1, h = 0.5, c = 1 with W_i = 1, W_f = 0.5, b_f = 1, W_g = 1,
    // U_g = −1, W_o = 1, U_o = 0.5, all else 0: i = σ(1), f = σ(1.5), g = tanh(0.5), o = σ(1.25).
    const c = sig(1.5) * 1 + sig(1) * Math.tanh(0.5);
    const h = sig(1.25) * Math.tanh(c); // 0.7773 · tanh(1.1554) ≈ 0.63696
    const v = generateVariant(lstmStep, 'example', {
      pins: {
        hiddenSize: 1,
        inputSize: 1,
        weights: {
          Wi: [[1]],
          Ui: [[0]],
          bi: [0],
          Wf: [[0.5]],
          Uf: [[0]],
          bf: [1],
          Wg: [[1]],
          Ug: [[-1]],
          bg: [0],
          Wo: [[1]],
          Uo: [[0.5]],
          bo: [0],
        },
        x: [1],
        hPrev: [0.5],
        cPrev: [1],
        ask: 'h',
        unit: 0,
      },
    });
    if (v.answer.kind !== 'numeric') return expect.fail('numeric expected');
    assertNumeric(v.answer.numeric, h);
    expect(v.answer.numeric.value).toBe(0.637);
  });
});
