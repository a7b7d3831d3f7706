import { describe, expect, it } from 'vitest';
import { generateVariant, type Template } from '@dlexam/generator';
import {
  gruStepTemplate,
  lstmStepTemplate,
  type GruStepParams,
  type LstmStepParams,
} from '../index.js';
import {
  checkFixtures,
  checkValidPins,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';
import { EXAMPLE_WEIGHTS } from './lstm-step.js';
import { offGridEntries } from './valid-pins.js';
import { checkNumericAndTableVariety } from './variety-checks.js';

const sig = (x: number) => 1 / (1 + Math.exp(-x));
/** The candidate activation from its definition: tanh, or ReLU = max(0, ·). */
const cand = (a: string | undefined) =>
  a === 'relu'
    ? (x: number) => Math.max(0, x)
    : (x: number) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
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
    const n = cand(p.activation)(
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
    const phi = cand(p.activation);
    const g = phi(pre(w.Wg, w.Ug, w.bg));
    const o = sig(pre(w.Wo, w.Uo, w.bo));
    const c = f * p.cPrev[k]! + i * g;
    return { i, f, g, o, c, h: o * phi(c) };
  });
}

type Entries = ReturnType<typeof offGridEntries>;

/** A gated cell under test: its reference loop, a unit's table columns and the asked value. */
interface Cell<P extends GruStepParams | LstmStepParams, R> {
  template: Template<P>;
  reference: (p: P) => R[];
  columns: (r: R) => number[];
  asked: (r: R, p: P) => number;
}

const GRU: Cell<GruStepParams, ReturnType<typeof referenceGru>[number]> = {
  template: gruStepTemplate,
  reference: referenceGru,
  columns: (r) => [r.r, r.z, r.n, r.h],
  asked: (r, p) => (p.ask === 'h' ? r.h : r.n),
};
const LSTM: Cell<LstmStepParams, ReturnType<typeof referenceLstm>[number]> = {
  template: lstmStepTemplate,
  reference: referenceLstm,
  columns: (r) => [r.i, r.f, r.g, r.o, r.c, r.h],
  asked: (r, p) => (p.ask === 'h' ? r.h : r.c),
};

/**
 * Over 10,000 seeds of every kind: each table row holds the reference loop's columns of its unit,
 * each numeric answer the asked value, and the stem states `formulas`; over 1000 seeds draw ReLU.
 */
function expectReferenceAnswers<P extends GruStepParams | LstmStepParams, R>(
  cell: Cell<P, R>,
  formulas: (p: P) => string[],
) {
  let relu = 0;
  runProperty(cell.template, {
    kinds: ['numeric', 'single', 'table'],
    check(v) {
      const p = v.params as P;
      const ref = cell.reference(p);
      if (v.answer.kind === 'table')
        v.answer.rows.forEach((row, k) => expectTableCells(row, cell.columns(ref[k]!)));
      else assertAnswer(v, cell.asked(ref[p.unit]!, p), 3);
      for (const f of formulas(p)) expect(v.stem).toContain(f);
      relu += p.activation === 'relu' ? 1 : 0;
    },
  });
  expect(relu).toBeGreaterThan(1000);
}

/**
 * Pins of up to 3 hidden units and inputs with every weight and state off the 0.5 grid (two
 * decimals in [−1.5, 1.5]): more than 250 of 400 are accepted off the draw grids, and each numeric
 * answer is the reference loop's.
 */
function expectOffGridPinsAccepted<P extends GruStepParams | LstmStepParams, R>(
  cell: Cell<P, R>,
  weights: (e: Entries, H: number, I: number) => Record<string, number[][] | number[]>,
  states: readonly string[],
) {
  const r = checkValidPins(cell.template, {
    count: 400,
    adjust(p, rng) {
      const H = rng.int(1, 3);
      const I = rng.int(1, 3);
      const e = offGridEntries(rng, 1.5);
      Object.assign(p, {
        hiddenSize: H,
        inputSize: I,
        weights: weights(e, H, I),
        x: e.vec(I),
        ...Object.fromEntries(states.map((s) => [s, e.vec(H)])),
        unit: rng.int(0, H - 1),
      });
    },
    check(v, p: P) {
      if (v.answer.kind === 'table') return;
      assertAnswer(v, cell.asked(cell.reference(p)[p.unit]!, p), 3);
    },
  });
  expect(r.accepted).toBeGreaterThan(250);
  expect(r.offDraw).toBeGreaterThan(250);
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
    expectReferenceAnswers(GRU, (p) => [
      'h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t',
      p.activation === 'relu' ? '\\tilde h_t = \\operatorname{ReLU}' : '\\tilde h_t = \\tanh',
    ]);
  });

  it('a ReLU candidate by hand, and pinned weights off the 0.5 grid', () => {
    // S003-gru's cell with ReLU: r = σ(0.5 − 0.5) = 0.5, z = σ(1 + 0.25 − 0.5) = σ(0.75),
    // ñ = ReLU(1 + 0.5·(0.5 + 0.5)) = 1.5, h = z·0.5 + (1 − z)·1.5 = 1.5 − σ(0.75) = 0.820821.
    const pins = { ...gruStepTemplate.fixtures![0]!.params, activation: 'relu' as const };
    const v = generateVariant(gruStepTemplate, 'relu', { kind: 'numeric', pins });
    assertAnswer(v, 1.5 - sig(0.75), 3);
    expect(v.answer.kind === 'numeric' && v.answer.numeric.value).toBe(0.821);
    expectOffGridPinsAccepted(
      GRU,
      ({ mat, vec }, H, I) => ({
        Wr: mat(H, I),
        Ur: mat(H, H),
        br: vec(H),
        Wz: mat(H, I),
        Uz: mat(H, H),
        bz: vec(H),
        Wn: mat(H, I),
        Un: mat(H, H),
        bin: vec(H),
        bhn: vec(H),
      }),
      ['hPrev'],
    );
  });

  it('is deterministic, varies and reproduces its fixture', () => {
    checkNumericAndTableVariety(gruStepTemplate);
    checkFixtures(gruStepTemplate);
  });
});

describe('rnn.lstm-step', () => {
  it('answers equal a per-unit LSTMCell loop over 10,000 seeds', () => {
    expectReferenceAnswers(LSTM, (p) => [
      p.activation === 'relu'
        ? 'h_t = o_t \\odot \\operatorname{ReLU}(c_t)'
        : 'h_t = o_t \\odot \\tanh(c_t)',
    ]);
  });

  it('is deterministic, varies and matches a worked example', () => {
    checkNumericAndTableVariety(lstmStepTemplate);
    // Worked example (no seed row): x = 1, h = 0.5, c = 1 with W_i = 1, W_f = 0.5, b_f = 1, W_g = 1,
    // U_g = −1, W_o = 1, U_o = 0.5, all else 0: i = σ(1), f = σ(1.5), g = tanh(0.5), o = σ(1.25).
    const c = sig(1.5) * 1 + sig(1) * Math.tanh(0.5);
    const h = sig(1.25) * Math.tanh(c); // 0.7773 · tanh(1.1554) ≈ 0.63696
    const v = generateVariant(lstmStepTemplate, 'example', {
      pins: {
        hiddenSize: 1,
        inputSize: 1,
        weights: EXAMPLE_WEIGHTS,
        x: [1],
        hPrev: [0.5],
        cPrev: [1],
        ask: 'h',
        unit: 0,
        activation: 'tanh',
      },
    });
    if (v.answer.kind !== 'numeric') return expect.fail('numeric expected');
    assertNumeric(v.answer.numeric, h);
    expect(v.answer.numeric.value).toBe(0.637);
    // The same cell with ReLU (Keras activation='relu'): g = ReLU(1 − 0.5) = 0.5,
    // c = σ(1.5) + σ(1)·0.5 = 1.183104, h = σ(1.25)·ReLU(c) = 0.919626.
    const r = generateVariant(lstmStepTemplate, 'example', {
      kind: 'numeric',
      pins: { ...(v.params as LstmStepParams), activation: 'relu' },
    });
    if (r.answer.kind !== 'numeric') return expect.fail('numeric expected');
    expect(r.answer.numeric.value).toBe(0.92);
    assertNumeric(r.answer.numeric, sig(1.25) * (sig(1.5) + sig(1) * 0.5));
    // The tanh cell's answer is the modelled mistake of using tanh.
    expect(r.choices.find((c) => c.misconception === 'tanh-for-relu')?.value).toBeCloseTo(h, 12);
  });

  it('accepts pinned weights off the 0.5 grid and up to 3 hidden units', () => {
    expectOffGridPinsAccepted(
      LSTM,
      ({ mat, vec }, H, I) => {
        const weights: Record<string, number[][] | number[]> = {};
        for (const g of ['i', 'f', 'g', 'o']) {
          weights[`W${g}`] = mat(H, I);
          weights[`U${g}`] = mat(H, H);
          weights[`b${g}`] = vec(H);
        }
        return weights;
      },
      ['hPrev', 'cPrev'],
    );
  });
});
