import { describe, expect, it } from 'vitest';
import {
  adamWeightDecayStep,
  applyDropoutMask,
  bestValidationEpoch,
  diagnoseBiasVariance,
  dropoutKeepProbability,
  dropoutTestOutput,
  earlyStopping,
  expectedDropoutOutput,
  expectedDroppedUnits,
  invertedDropoutScale,
  l1Penalty,
  l1PenaltyGrad,
  l2Penalty,
  l2PenaltyGrad,
  penalizedGdStep,
  penalizedGradient,
  penaltySign,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

const numDiff = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

describe('penalties', () => {
  it('computes L1/L2 values and gradients by hand', () => {
    expect(l1Penalty([1, -2, 0, 0.5], 0.1)).toBeCloseTo(0.35, 12);
    expect(l2Penalty([1, -2, 3], 0.5)).toBeCloseTo(7, 12);
    expect(l2Penalty([1, -2, 3], 0.5, 'half-lambda')).toBeCloseTo(3.5, 12);
    expect(l1PenaltyGrad([2, -3, 0], 0.2)).toEqual([0.2, -0.2, 0]);
    expect(l2PenaltyGrad([2, -3], 0.5)).toEqual([2, -3]);
    expect(l2PenaltyGrad([2, -3], 0.5, 'half-lambda')).toEqual([1, -1.5]);
    expect([penaltySign(-0.1), penaltySign(0), penaltySign(3)]).toEqual([-1, 0, 1]);
  });

  it('matches finite differences of the penalty values away from 0', () => {
    const r = lcg(7);
    for (let k = 0; k < 200; k++) {
      const w = [r() * 4 - 2, r() * 4 - 2, r() * 4 - 2].map((x) => (Math.abs(x) < 0.01 ? 0.5 : x));
      const lambda = r();
      for (let i = 0; i < w.length; i++) {
        const at = (f: (v: number[]) => number) =>
          numDiff((x) => f(w.map((y, j) => (j === i ? x : y))), w[i] as number);
        expect(l1PenaltyGrad(w, lambda)[i]).toBeCloseTo(
          at((v) => l1Penalty(v, lambda)),
          5,
        );
        expect(l2PenaltyGrad(w, lambda)[i]).toBeCloseTo(
          at((v) => l2Penalty(v, lambda)),
          5,
        );
        expect(l2PenaltyGrad(w, lambda, 'half-lambda')[i]).toBeCloseTo(
          at((v) => l2Penalty(v, lambda, 'half-lambda')),
          5,
        );
      }
    }
  });

  it('takes one penalized GD step (seed 001 formulas) and leaves unpenalized entries alone', () => {
    // L1: w − αλ·sign(w) − α∂J/∂w
    const l1 = penalizedGdStep([0.5, -1, 0], [0.2, 0.4, -0.6], {
      penalty: 'l1',
      alpha: 0.1,
      lambda: 0.3,
    });
    [0.45, -1.01, 0.06].forEach((x, i) => expect(l1[i]).toBeCloseTo(x, 12));
    // L2: w − 2αλw − α∂J/∂w
    const l2 = penalizedGdStep([2, -1], [1, 1], { penalty: 'l2', alpha: 0.1, lambda: 0.5 });
    expect(l2[0]).toBeCloseTo(2 - 0.2 - 0.1, 12);
    expect(l2[1]).toBeCloseTo(-1 + 0.1 - 0.1, 12);
    const half = penalizedGdStep([2], [1], {
      penalty: 'l2',
      alpha: 0.1,
      lambda: 0.5,
      convention: 'half-lambda',
    });
    expect(half[0]).toBeCloseTo(2 - 0.1 - 0.1, 12);
    expect(
      penalizedGradient([3, 4], [1, 1], { penalty: 'l2', lambda: 1, penalize: [true, false] }),
    ).toEqual([7, 1]);
    expect(() => penalizedGdStep([1], [1, 2], { penalty: 'l1', alpha: 0.1, lambda: 0.1 })).toThrow(
      /lengths differ/,
    );
    expect(() => l1Penalty([1], -1)).toThrow(/lambda/);
  });
});

describe('Adam with weight decay', () => {
  /** Reference written from the AdamW paper's Algorithm 2, one scalar at a time. */
  function reference(
    w: number,
    g: number,
    m: number,
    v: number,
    t: number,
    lr: number,
    wd: number,
    decoupled: boolean,
  ) {
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-8;
    const gt = decoupled ? g : g + wd * w;
    const mt = b1 * m + (1 - b1) * gt;
    const vt = b2 * v + (1 - b2) * gt * gt;
    const mhat = mt / (1 - Math.pow(b1, t + 1));
    const vhat = vt / (1 - Math.pow(b2, t + 1));
    const adam = (lr * mhat) / (Math.sqrt(vhat) + eps);
    return decoupled ? w - adam - lr * wd * w : w - adam;
  }

  it('matches an independent scalar reference for both modes', () => {
    const r = lcg(11);
    for (let k = 0; k < 500; k++) {
      const w = [r() * 4 - 2, r() * 4 - 2];
      const g = [r() * 2 - 1, r() * 2 - 1];
      const m = [r() * 0.2 - 0.1, r() * 0.2 - 0.1];
      const v = [r() * 0.01, r() * 0.01];
      const t = Math.floor(r() * 5);
      const lr = 0.001 + r() * 0.1;
      const wd = r() * 0.5;
      for (const mode of ['l2-in-gradient', 'decoupled'] as const) {
        const out = adamWeightDecayStep(w, g, { m, v, t }, { lr, weightDecay: wd, mode });
        for (let i = 0; i < 2; i++)
          expect(out.w[i]).toBeCloseTo(
            reference(w[i]!, g[i]!, m[i]!, v[i]!, t, lr, wd, mode === 'decoupled'),
            10,
          );
        expect(out.t).toBe(t + 1);
      }
    }
  });

  it('first step: L2 decay is normalised away, AdamW decay is not', () => {
    // From zero moments the Adam step is lr·g/|g|, so with L2 in the gradient the step is lr·sign(g + λw).
    const l2 = adamWeightDecayStep(
      [1],
      [0.5],
      { m: [0], v: [0], t: 0 },
      { lr: 0.1, weightDecay: 0.1, mode: 'l2-in-gradient' },
    );
    expect(l2.w[0]).toBeCloseTo(0.9, 6);
    const dec = adamWeightDecayStep(
      [1],
      [0.5],
      { m: [0], v: [0], t: 0 },
      { lr: 0.1, weightDecay: 0.1, mode: 'decoupled' },
    );
    expect(dec.w[0]).toBeCloseTo(1 * (1 - 0.01) - 0.1, 6);
  });
});

describe('dropout', () => {
  it('gives scale, keep probability and expectations by hand', () => {
    expect(invertedDropoutScale(0.5)).toBe(2);
    expect(invertedDropoutScale(0.2)).toBeCloseTo(1.25, 12);
    expect(dropoutKeepProbability(0.3)).toBeCloseTo(0.7, 12);
    expect(expectedDroppedUnits(200, 0.25)).toBe(50);
    expect(expectedDropoutOutput(4, 0.25, true)).toBe(4);
    expect(expectedDropoutOutput(4, 0.25, false)).toBe(3);
    expect(dropoutTestOutput(4, 0.25, true)).toBe(4);
    expect(dropoutTestOutput(4, 0.25, false)).toBe(3);
    expect(() => invertedDropoutScale(1)).toThrow(/\[0, 1\)/);
  });

  it('agrees with exact enumeration over every keep mask', () => {
    for (const p of [0.1, 0.25, 0.5, 0.8]) {
      const a = [1.5, -2, 3];
      let expectedOut = [0, 0, 0];
      let expectedDropped = 0;
      for (let mask = 0; mask < 8; mask++) {
        const keep = [0, 1, 2].map((i) => ((mask >> i) & 1) === 1);
        const prob = keep.reduce((s, k) => s * (k ? 1 - p : p), 1);
        const out = applyDropoutMask(a, keep, p, true);
        expectedOut = expectedOut.map((x, i) => x + prob * out[i]!);
        expectedDropped += prob * keep.filter((k) => !k).length;
      }
      a.forEach((x, i) =>
        expect(expectedOut[i]).toBeCloseTo(expectedDropoutOutput(x, p, true), 12),
      );
      expect(expectedDropped).toBeCloseTo(expectedDroppedUnits(3, p), 12);
      const plain = applyDropoutMask(a, [true, false, true], p, false);
      expect(plain).toEqual([1.5, 0, 3]);
    }
  });
});

describe('bias–variance diagnosis', () => {
  it('reproduces the three seed 004 cases with a 5-point threshold', () => {
    expect(diagnoseBiasVariance({ trainError: 18, devError: 19, threshold: 5 }).label).toBe(
      'high-bias',
    );
    expect(diagnoseBiasVariance({ trainError: 1, devError: 19, threshold: 5 }).label).toBe(
      'high-variance',
    );
    expect(diagnoseBiasVariance({ trainError: 15, devError: 27, threshold: 5 }).label).toBe(
      'high-bias-and-variance',
    );
    expect(diagnoseBiasVariance({ trainError: 1, devError: 2, threshold: 5 }).label).toBe(
      'neither',
    );
  });

  it('uses human-level error as the bias baseline and rejects bad input', () => {
    const d = diagnoseBiasVariance({
      trainError: 8.1,
      devError: 10.2,
      humanError: 7.5,
      threshold: 2,
    });
    expect(d.avoidableBias).toBeCloseTo(0.6, 12);
    expect(d.variance).toBeCloseTo(2.1, 12);
    expect(d.label).toBe('high-variance');
    expect(diagnoseBiasVariance({ trainError: 19, devError: 20, threshold: 1 }).highVariance).toBe(
      true,
    );
    expect(() =>
      diagnoseBiasVariance({ trainError: 5, devError: 6, humanError: 7, threshold: 2 }),
    ).toThrow(/exceeds/);
    expect(() => diagnoseBiasVariance({ trainError: 5, devError: 106, threshold: 2 })).toThrow(
      /percentage/,
    );
  });
});

describe('early stopping', () => {
  it('picks the argmin and the stop epoch with patience by hand', () => {
    const val = [0.9, 0.7, 0.6, 0.62, 0.58, 0.6, 0.61, 0.65, 0.7];
    expect(bestValidationEpoch(val)).toBe(5);
    expect(earlyStopping(val, 2)).toEqual({ stopEpoch: 7, bestEpoch: 5, stoppedEarly: true });
    expect(earlyStopping(val, 1)).toEqual({ stopEpoch: 4, bestEpoch: 3, stoppedEarly: true });
    expect(earlyStopping(val, 10)).toEqual({ stopEpoch: 9, bestEpoch: 5, stoppedEarly: false });
    expect(bestValidationEpoch([3, 1, 1])).toBe(2);
    expect(() => earlyStopping([], 2)).toThrow(/empty/);
    expect(() => earlyStopping([1], 0)).toThrow(/patience/);
  });

  it('agrees with a window-based definition on random curves', () => {
    // Stop epoch e = the first e at which the best loss of epochs 1..e was reached ≥ patience epochs ago.
    const r = lcg(3);
    for (let k = 0; k < 2000; k++) {
      const n = 4 + Math.floor(r() * 12);
      const val = Array.from({ length: n }, () => Math.round(r() * 20));
      const patience = 1 + Math.floor(r() * 4);
      let stop = n;
      for (let e = 1; e <= n; e++) {
        const prefix = val.slice(0, e);
        const at = prefix.indexOf(Math.min(...prefix)) + 1;
        if (e - at >= patience) {
          stop = e;
          break;
        }
      }
      const prefix = val.slice(0, stop);
      const res = earlyStopping(val, patience);
      expect(res.stopEpoch).toBe(stop);
      expect(res.bestEpoch).toBe(prefix.indexOf(Math.min(...prefix)) + 1);
    }
  });
});
