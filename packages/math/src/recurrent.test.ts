import { describe, expect, it } from 'vitest';
import {
  gruStep,
  lstmStep,
  recurrentParams,
  recurrentShapes,
  repeatedProduct,
  rnnStep,
  rnnUnroll,
  ShapeError,
  type RecurrentCell,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

/** Test weights: quarters in [-2, 2] from the test generator. */
function quarters(seed: number): () => number {
  const next = lcg(seed);
  return () => Math.round((next() * 4 - 2) * 4) / 4;
}
const mat = (next: () => number, r: number, c: number) =>
  Array.from({ length: r }, () => Array.from({ length: c }, next));
const vec = (next: () => number, n: number) => Array.from({ length: n }, next);
const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** Sizes by the seed (H, I in 1–3), weights of a cell with `gates` gates, an input and a state. */
function gatedCase(next: () => number, seed: number, gates: number) {
  const H = 1 + (seed % 3);
  const I = 1 + ((seed >> 3) % 3);
  const w = {
    Wih: mat(next, gates * H, I),
    Whh: mat(next, gates * H, H),
    bih: vec(next, gates * H),
    bhh: vec(next, gates * H),
  };
  return { H, I, w, x: vec(next, I), h: vec(next, H) };
}

describe('rnnStep / rnnUnroll', () => {
  it('matches a hand computation', () => {
    // tanh(0.5·2 + 1·1 + 0) = tanh(2); y = 2·tanh(2) − 1
    const s = rnnStep({ Wxh: [[1]], Whh: [[0.5]], bh: [0], Why: [[2]], by: [-1] }, [1], [2]);
    expect(s.preActivation).toEqual([2]);
    expect(s.h[0]).toBeCloseTo(0.9640275800758169, 15);
    expect(s.y![0]).toBeCloseTo(2 * Math.tanh(2) - 1, 15);
  });

  it('agrees with a scalar loop over random sizes and sequences', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = quarters(seed);
      const H = 1 + (seed % 3);
      const I = 1 + ((seed >> 2) % 3);
      const O = 1 + ((seed >> 4) % 2);
      const w = {
        Wxh: mat(next, H, I),
        Whh: mat(next, H, H),
        bh: vec(next, H),
        Why: mat(next, O, H),
        by: vec(next, O),
      };
      const xs = Array.from({ length: 1 + (seed % 4) }, () => vec(next, I));
      let h = vec(next, H);
      const steps = rnnUnroll(w, xs, h);
      xs.forEach((x, t) => {
        const hNew: number[] = [];
        for (let k = 0; k < H; k++) {
          let a = w.bh[k]!;
          for (let j = 0; j < H; j++) a += w.Whh[k]![j]! * h[j]!;
          for (let j = 0; j < I; j++) a += w.Wxh[k]![j]! * x[j]!;
          hNew.push(Math.tanh(a));
        }
        h = hNew;
        for (let k = 0; k < H; k++) expect(steps[t]!.h[k]).toBeCloseTo(h[k]!, 12);
        for (let o = 0; o < O; o++) {
          let y = w.by[o]!;
          for (let k = 0; k < H; k++) y += w.Why[o]![k]! * h[k]!;
          expect(steps[t]!.y![o]).toBeCloseTo(y, 12);
        }
      });
    }
  });

  it('rejects mismatched shapes', () => {
    expect(() => rnnStep({ Wxh: [[1, 2]], Whh: [[1]], bh: [0] }, [1], [0])).toThrow(ShapeError);
    expect(() => rnnStep({ Wxh: [[1]], Whh: [[1]], bh: [0] }, [1], [0, 0])).toThrow(ShapeError);
    expect(() => rnnUnroll({ Wxh: [[1]], Whh: [[1]], bh: [0] }, [], [0])).toThrow(/empty/);
  });
});

describe('recurrent activations', () => {
  it('a sigmoid or ReLU RNN applies its activation to the same pre-activation (worked by hand)', () => {
    // a = 0.5·2 + 1·1 + 0 = 2: tanh 2 = 0.96403, σ(2) = 0.88080, ReLU 2 = 2.
    const w = { Wxh: [[1]], Whh: [[0.5]], bh: [0] };
    expect(rnnStep(w, [1], [2]).h[0]).toBeCloseTo(0.964028, 6);
    expect(rnnStep(w, [1], [2], 'sigmoid').h[0]).toBeCloseTo(0.880797, 6);
    expect(rnnStep(w, [1], [2], 'relu').h[0]).toBe(2);
    // ReLU cuts a negative pre-activation to 0; two steps: a₁ = −1 → 0, a₂ = 0.5·0 + 1 = 1.
    const run = rnnUnroll(w, [[-1], [1]], [0], 'relu');
    expect(run.map((s) => s.h[0])).toEqual([0, 1]);
    // Sigmoid: h₁ = σ(−1) = 0.268941, a₂ = 0.5·0.268941 + 1 = 1.134471, h₂ = σ(a₂) = 0.756663.
    const sig = rnnUnroll(w, [[-1], [1]], [0], 'sigmoid');
    expect(sig[1]!.preActivation[0]).toBeCloseTo(1.134471, 6);
    expect(sig[1]!.h[0]).toBeCloseTo(0.756663, 6);
  });

  it('a ReLU LSTM and GRU use ReLU for the candidate (and the LSTM read-out), gates stay sigmoid', () => {
    // One unit, every weight 0 except the candidate row: pre-activations i = f = o = 0 (σ = 0.5).
    const lstm = {
      Wih: [[0], [0], [2], [0]],
      Whh: [[0], [0], [0], [0]],
      bih: [0, 0, 0, 0],
      bhh: [0, 0, 0, 0],
    };
    // g = ReLU(2·1) = 2, c = 0.5·1 + 0.5·2 = 1.5, h = 0.5·ReLU(1.5) = 0.75.
    const r = lstmStep(lstm, [1], [0], [1], 'relu');
    expect([r.g[0], r.c[0], r.h[0]]).toEqual([2, 1.5, 0.75]);
    // tanh: g = tanh 2, c = 0.5 + 0.5·tanh 2, h = 0.5·tanh(c).
    const t = lstmStep(lstm, [1], [0], [1]);
    expect(t.h[0]).toBeCloseTo(0.5 * Math.tanh(0.5 + 0.5 * Math.tanh(2)), 12);
    const gru = { Wih: [[0], [0], [-3]], Whh: [[0], [0], [0]], bih: [0, 0, 0], bhh: [0, 0, 0] };
    // n = ReLU(−3) = 0, z = 0.5: h = 0.5·h₀ + 0.5·0 = 1 for h₀ = 2.
    const g = gruStep(gru, [1], [2], 'relu');
    expect([g.n[0], g.h[0]]).toEqual([0, 1]);
  });
});

describe('lstmStep', () => {
  it('gives c = 0.5·c_prev and h = 0.5·tanh(c) when every weight is zero', () => {
    // All pre-activations 0: i = f = o = 0.5, g = 0.
    const s = lstmStep(
      { Wih: mat(() => 0, 4, 1), Whh: mat(() => 0, 4, 1), bih: [0, 0, 0, 0], bhh: [0, 0, 0, 0] },
      [3],
      [1],
      [2],
    );
    expect(s.c).toEqual([1]);
    expect(s.h[0]).toBeCloseTo(0.5 * Math.tanh(1), 15);
  });

  it('agrees with a per-unit scalar loop in gate order i, f, g, o', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = quarters(seed);
      const { H, I, w, x, h } = gatedCase(next, seed, 4);
      const c = vec(next, H);
      const s = lstmStep(w, x, h, c);
      for (let k = 0; k < H; k++) {
        const pre = (gate: number) => {
          const row = gate * H + k;
          let a = w.bih[row]! + w.bhh[row]!;
          for (let j = 0; j < I; j++) a += w.Wih[row]![j]! * x[j]!;
          for (let j = 0; j < H; j++) a += w.Whh[row]![j]! * h[j]!;
          return a;
        };
        const [i, f, g, o] = [sig(pre(0)), sig(pre(1)), Math.tanh(pre(2)), sig(pre(3))];
        const cNew = f * c[k]! + i * g;
        expect(s.c[k]).toBeCloseTo(cNew, 12);
        expect(s.h[k]).toBeCloseTo(o * Math.tanh(cNew), 12);
        expect([s.i[k], s.f[k], s.g[k], s.o[k]]).toEqual(
          [i, f, g, o].map((v) => expect.closeTo(v, 12)),
        );
      }
    }
  });
});

describe('gruStep', () => {
  it('halves h_prev when every weight is zero (z = 0.5, candidate 0)', () => {
    const zero = {
      Wih: mat(() => 0, 3, 2),
      Whh: mat(() => 0, 3, 1),
      bih: [0, 0, 0],
      bhh: [0, 0, 0],
    };
    expect(gruStep(zero, [1, 1], [0.8]).h[0]).toBeCloseTo(0.4, 15);
  });

  it('keeps b_hn inside the reset product, as PyTorch GRUCell does', () => {
    // r = σ(0) = 0.5, so n = tanh(0.5·(0 + b_hn)) with b_hn = 2: tanh(1), not tanh(0.5·0 + 2).
    const w = { Wih: [[0], [0], [0]], Whh: [[0], [0], [0]], bih: [0, 0, 0], bhh: [0, 0, 2] };
    expect(gruStep(w, [1], [0]).n[0]).toBeCloseTo(Math.tanh(1), 15);
  });

  it('agrees with a per-unit scalar loop of h = z·h_prev + (1 − z)·n', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { H, I, w, x, h } = gatedCase(quarters(seed + 1000), seed, 3);
      const s = gruStep(w, x, h);
      for (let k = 0; k < H; k++) {
        const part = (gate: number, fromInput: boolean) => {
          const row = gate * H + k;
          let a = fromInput ? w.bih[row]! : w.bhh[row]!;
          if (fromInput) for (let j = 0; j < I; j++) a += w.Wih[row]![j]! * x[j]!;
          else for (let j = 0; j < H; j++) a += w.Whh[row]![j]! * h[j]!;
          return a;
        };
        const r = sig(part(0, true) + part(0, false));
        const z = sig(part(1, true) + part(1, false));
        const n = Math.tanh(part(2, true) + r * part(2, false));
        expect(s.h[k]).toBeCloseTo(z * h[k]! + (1 - z) * n, 12);
      }
    }
  });

  it('rejects weights of the wrong gate count', () => {
    expect(() =>
      gruStep({ Wih: [[1], [1]], Whh: [[1], [1]], bih: [0, 0], bhh: [0, 0] }, [1], [0]),
    ).toThrow(ShapeError);
  });
});

describe('repeatedProduct', () => {
  it('reproduces 1.5^100 ≈ 4.07e17 and 0.8^100 ≈ 2.04e-10, as a loop of multiplications', () => {
    let a = 1;
    let b = 1;
    for (let t = 0; t < 100; t++) {
      a *= 1.5;
      b *= 0.8;
    }
    expect(repeatedProduct(1.5, 100) / a).toBeCloseTo(1, 12);
    expect(repeatedProduct(0.8, 100) / b).toBeCloseTo(1, 12);
    expect(repeatedProduct(1.5, 100)).toBeCloseTo(4.0656e17, -14);
    expect(repeatedProduct(0.8, 100)).toBeCloseTo(2.037e-10, 13);
    expect(() => repeatedProduct(2, 1.5)).toThrow(RangeError);
  });
});

describe('recurrentShapes', () => {
  it('gives PyTorch shapes for a stacked bidirectional LSTM', () => {
    const s = recurrentShapes({
      cell: 'lstm',
      inputSize: 10,
      hiddenSize: 20,
      seqLen: 5,
      batch: 3,
      layers: 2,
      bidirectional: true,
    });
    expect(s.output).toEqual([5, 3, 40]);
    expect(s.hN).toEqual([4, 3, 20]);
    expect(s.cN).toEqual([4, 3, 20]);
    expect(s.weightIh).toEqual([
      [80, 10],
      [80, 40],
    ]);
    expect(
      recurrentShapes({
        cell: 'gru',
        inputSize: 4,
        hiddenSize: 2,
        seqLen: 7,
        batch: 6,
        batchFirst: true,
      }).output,
    ).toEqual([6, 7, 2]);
    expect(() =>
      recurrentShapes({ cell: 'rnn', inputSize: 0, hiddenSize: 2, seqLen: 1, batch: 1 }),
    ).toThrow(RangeError);
  });

  it('weight shapes add up to recurrentParams (two bias vectors per gate group)', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as RecurrentCell[])
      for (const layers of [1, 2, 3])
        for (const bidirectional of [false, true]) {
          const spec = {
            cell,
            inputSize: 7,
            hiddenSize: 5,
            seqLen: 2,
            batch: 1,
            layers,
            bidirectional,
          };
          const s = recurrentShapes(spec);
          const dirs = bidirectional ? 2 : 1;
          let count = 0;
          for (let l = 0; l < layers; l++) {
            const [gh, inp] = s.weightIh[l]!;
            const [, hh] = s.weightHh[l]!;
            count += dirs * (gh! * inp! + gh! * hh! + 2 * gh!);
          }
          expect(count).toBe(recurrentParams(spec));
        }
  });
});
