import { describe, expect, it } from 'vitest';
import {
  adagradStep,
  adamStep,
  adamwStep,
  clipGradientByNorm,
  clipGradientByValue,
  iterationsPerEpoch,
  momentumStep,
  nesterovStep,
  rmspropStep,
  scheduledLr,
  sgdStep,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

/**
 * Independent references: scalar loops written from PyTorch's documented pseudo-code
 * (torch.optim docs), in PyTorch's own arrangement (e.g. Adam's step_size = lr/bc1 and
 * denom = √v/√bc2 + ε), not the math core's.
 */
const ref = {
  momentum(x: number, buf: number | null, g: number, lr: number, mu: number) {
    const b = buf === null ? g : mu * buf + g; // PyTorch initialises the buffer with g on step 1
    return { x: x - lr * b, v: b };
  },
  nesterov(x: number, buf: number | null, g: number, lr: number, mu: number) {
    const b = buf === null ? g : mu * buf + g;
    const d = g + mu * b;
    return { x: x - lr * d, v: b };
  },
  adam(
    x: number,
    m: number,
    v: number,
    g: number,
    t: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    wd = 0,
  ) {
    let p = x;
    if (wd) p = p * (1 - lr * wd);
    const m1 = m * b1 + g * (1 - b1);
    const v1 = v * b2 + g * g * (1 - b2);
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const stepSize = lr / bc1;
    const dn = Math.sqrt(v1) / Math.sqrt(bc2) + eps;
    return { x: p - (stepSize * m1) / dn, m: m1, v: v1 };
  },
  rmsprop(x: number, s: number, g: number, lr: number, alpha: number, eps: number) {
    const s1 = alpha * s + (1 - alpha) * g * g;
    return { x: x - (lr * g) / (Math.sqrt(s1) + eps), s: s1 };
  },
  adagrad(x: number, s: number, g: number, lr: number, eps: number) {
    const s1 = s + g * g;
    return { x: x - (lr * g) / (Math.sqrt(s1) + eps), s: s1 };
  },
};

describe('optimizer steps: hand computations', () => {
  it('SGD and both momentum conventions', () => {
    expect(sgdStep([1, -2], [0.5, -1], 0.1)).toEqual([0.95, -1.9]);
    // v = 0.9·1 + 2 = 2.9; x = 1 − 0.1·2.9 = 0.71
    const p = momentumStep([1], [1], [2], { lr: 0.1, momentum: 0.9, convention: 'pytorch' });
    expect(p.v[0]).toBeCloseTo(2.9, 12);
    expect(p.x[0]).toBeCloseTo(0.71, 12);
    // v = 0.9·1 + 0.1·2 = 1.1; x = 1 − 0.11 = 0.89
    const e = momentumStep([1], [1], [2], { lr: 0.1, momentum: 0.9, convention: 'ema' });
    expect(e.v[0]).toBeCloseTo(1.1, 12);
    expect(e.x[0]).toBeCloseTo(0.89, 12);
  });

  it('Nesterov (PyTorch form)', () => {
    // v = 0.9·1 + 2 = 2.9; x = 1 − 0.1·(2 + 0.9·2.9) = 1 − 0.461 = 0.539
    const n = nesterovStep([1], [1], [2], { lr: 0.1, momentum: 0.9 });
    expect(n.x[0]).toBeCloseTo(0.539, 12);
  });

  it('AdaGrad and RMSProp, ε outside and inside the root', () => {
    // s = 0 + 4; x = 1 − 0.1·2/(2 + 0) = 0.9
    expect(adagradStep([1], [0], [2], { lr: 0.1, eps: 0 }).x[0]).toBeCloseTo(0.9, 12);
    // s = 0.9·0 + 0.1·4 = 0.4; x = 1 − 0.01·2/√0.4
    const r = rmspropStep([1], [0], [2], { lr: 0.01, eps: 1e-8, decay: 0.9 });
    expect(r.s[0]).toBeCloseTo(0.4, 12);
    expect(r.x[0]).toBeCloseTo(1 - 0.02 / (Math.sqrt(0.4) + 1e-8), 12);
    const inside = rmspropStep([1], [0], [2], {
      lr: 0.01,
      eps: 0.1,
      decay: 0.9,
      epsInsideSqrt: true,
    });
    expect(inside.x[0]).toBeCloseTo(1 - 0.02 / Math.sqrt(0.5), 12);
  });

  it('Adam: the first step moves every coordinate by about α; bias correction matters', () => {
    const a = adamStep([1, -1], [0, 0], [0, 0], [0.3, -5], 1, {
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
    });
    expect(a.x[0]).toBeCloseTo(0.99, 7);
    expect(a.x[1]).toBeCloseTo(-0.99, 7);
    expect(a.m).toEqual([0.1 * 0.3, 0.1 * -5].map((v) => expect.closeTo(v, 12)));
    // Without correction: m = 0.03, v = 0.001·0.09; step = 0.01·0.03/√0.00009 ≈ 0.0316
    const nb = adamStep([1], [0], [0], [0.3], 1, {
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 0,
      biasCorrection: false,
    });
    expect(nb.x[0]).toBeCloseTo(1 - (0.01 * 0.03) / Math.sqrt(0.00009), 12);
  });

  it('AdamW decays the parameter itself, not the gradient', () => {
    const w = adamwStep([2], [0], [0], [0.5], 1, {
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 0,
      weightDecay: 0.5,
    });
    // decayed = 2·(1 − 0.05) = 1.9; Adam first step moves by lr = 0.1
    expect(w.x[0]).toBeCloseTo(1.8, 12);
    const l2 = adamwStep([2], [0], [0], [0.5], 1, {
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 0,
      weightDecay: 0.5,
      coupled: true,
    });
    expect(l2.x[0]).toBeCloseTo(1.9, 12); // L2 enters the gradient, which Adam then normalises away
  });

  it('rejects bad input with clear errors', () => {
    expect(() => sgdStep([1, 2], [1], 0.1)).toThrow(/lengths 2, 1/);
    expect(() => sgdStep([1], [1], 0)).toThrow(/learning rate must be a positive/);
    expect(() =>
      adamStep([1], [0], [0], [1], 0, { lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 0 }),
    ).toThrow(/t must be an integer ≥ 1/);
    expect(() => momentumStep([1], [0], [1], { lr: 0.1, momentum: 1, convention: 'ema' })).toThrow(
      /\[0, 1\)/,
    );
  });
});

describe('optimizer steps: against the reference loops over 10,000 random runs', () => {
  it('momentum, Nesterov, AdaGrad, RMSProp, Adam and AdamW over 1–6 steps', () => {
    const r = lcg(12345);
    for (let run = 0; run < 10_000; run++) {
      const n = 1 + Math.floor(r() * 3);
      const steps = 1 + Math.floor(r() * 6);
      const x0 = Array.from({ length: n }, () => r() * 4 - 2);
      const grads = Array.from({ length: steps }, () =>
        Array.from({ length: n }, () => r() * 6 - 3),
      );
      const lr = 0.001 + r() * 0.5;
      const mu = r() * 0.99;
      const b2 = 0.9 + r() * 0.0999;
      const eps = r() < 0.5 ? 1e-8 : r() * 0.1;
      const wd = r() * 0.1;
      let pm = { x: x0, v: x0.map(() => 0) };
      let pn = { x: x0, v: x0.map(() => 0) };
      let pa = { x: x0, m: x0.map(() => 0), v: x0.map(() => 0) };
      let pw = { x: x0, m: x0.map(() => 0), v: x0.map(() => 0) };
      let pr = { x: x0, s: x0.map(() => 0) };
      let pg = { x: x0, s: x0.map(() => 0) };
      for (let t = 1; t <= steps; t++) {
        const g = grads[t - 1]!;
        pm = momentumStep(pm.x, pm.v, g, { lr, momentum: mu, convention: 'pytorch' });
        pn = nesterovStep(pn.x, pn.v, g, { lr, momentum: mu });
        pa = adamStep(pa.x, pa.m, pa.v, g, t, { lr, beta1: mu, beta2: b2, eps });
        pw = adamwStep(pw.x, pw.m, pw.v, g, t, { lr, beta1: mu, beta2: b2, eps, weightDecay: wd });
        pr = rmspropStep(pr.x, pr.s, g, { lr, decay: mu, eps });
        pg = adagradStep(pg.x, pg.s, g, { lr, eps });
      }
      for (let i = 0; i < n; i++) {
        let m: { x: number; v: number } = { x: x0[i]!, v: 0 };
        let nv: { x: number; v: number } = { x: x0[i]!, v: 0 };
        let a = { x: x0[i]!, m: 0, v: 0 };
        let w = { x: x0[i]!, m: 0, v: 0 };
        let rs = { x: x0[i]!, s: 0 };
        let ag = { x: x0[i]!, s: 0 };
        for (let t = 1; t <= steps; t++) {
          const g = grads[t - 1]![i]!;
          m = ref.momentum(m.x, t === 1 ? null : m.v, g, lr, mu);
          nv = ref.nesterov(nv.x, t === 1 ? null : nv.v, g, lr, mu);
          a = ref.adam(a.x, a.m, a.v, g, t, lr, mu, b2, eps);
          w = ref.adam(w.x, w.m, w.v, g, t, lr, mu, b2, eps, wd);
          rs = ref.rmsprop(rs.x, rs.s, g, lr, mu, eps);
          ag = ref.adagrad(ag.x, ag.s, g, lr, eps);
        }
        const close = (got: number, want: number) =>
          expect(Math.abs(got - want)).toBeLessThan(1e-9 * (1 + Math.abs(want)));
        close(pm.x[i]!, m.x);
        close(pn.x[i]!, nv.x);
        close(pa.x[i]!, a.x);
        close(pw.x[i]!, w.x);
        close(pr.x[i]!, rs.x);
        close(pg.x[i]!, ag.x);
      }
    }
  });

  it('the EMA convention equals the PyTorch one with a (1−β)-scaled learning rate from zero velocity', () => {
    const r = lcg(99);
    for (let run = 0; run < 2000; run++) {
      const beta = r() * 0.95;
      const lr = 0.01 + r();
      let e = { x: [r() * 2 - 1], v: [0] };
      let p = { x: e.x, v: [0] };
      for (let t = 0; t < 5; t++) {
        const g = [r() * 4 - 2];
        e = momentumStep(e.x, e.v, g, { lr, momentum: beta, convention: 'ema' });
        p = momentumStep(p.x, p.v, g, {
          lr: lr * (1 - beta),
          momentum: beta,
          convention: 'pytorch',
        });
      }
      expect(e.x[0]).toBeCloseTo(p.x[0]!, 10);
    }
  });
});

describe('schedules, iterations, clipping', () => {
  it('evaluates step, exponential and cosine schedules', () => {
    expect(scheduledLr({ kind: 'step', lr0: 0.1, gamma: 0.5, stepSize: 10 }, 25)).toBeCloseTo(
      0.025,
      12,
    );
    expect(scheduledLr({ kind: 'step', lr0: 0.1, gamma: 0.5, stepSize: 10 }, 9)).toBeCloseTo(
      0.1,
      12,
    );
    expect(scheduledLr({ kind: 'exponential', lr0: 0.1, gamma: 0.9 }, 2)).toBeCloseTo(0.081, 12);
    expect(scheduledLr({ kind: 'cosine', lr0: 0.1, tMax: 100 }, 50)).toBeCloseTo(0.05, 12);
    expect(scheduledLr({ kind: 'cosine', lr0: 0.1, tMax: 100, lrMin: 0.01 }, 100)).toBeCloseTo(
      0.01,
      12,
    );
    expect(() => scheduledLr({ kind: 'cosine', lr0: 0.1, tMax: 10 }, 11)).toThrow(/tMax/);
  });

  it('step schedule equals repeated multiplication (PyTorch StepLR recursion)', () => {
    for (let step = 1; step <= 7; step++) {
      let lr = 0.2;
      for (let e = 0; e <= 40; e++) {
        if (e > 0 && e % step === 0) lr *= 0.3;
        expect(scheduledLr({ kind: 'step', lr0: 0.2, gamma: 0.3, stepSize: step }, e)).toBeCloseTo(
          lr,
          12,
        );
      }
    }
  });

  it('counts iterations per epoch by walking the dataset batch by batch', () => {
    for (let n = 1; n <= 120; n++)
      for (let b = 1; b <= n; b++) {
        let full = 0;
        let partial = 0;
        for (let start = 0; start < n; start += b) start + b <= n ? full++ : partial++;
        expect(iterationsPerEpoch(n, b)).toBe(full + partial);
        expect(iterationsPerEpoch(n, b, true)).toBe(full);
      }
    expect(() => iterationsPerEpoch(10, 11)).toThrow(/batch size/);
  });

  it('clips by norm and by value', () => {
    expect(clipGradientByNorm([3, 4], 1)).toEqual([0.6, 0.8].map((v) => expect.closeTo(v, 12)));
    expect(clipGradientByNorm([3, 4], 10)).toEqual([3, 4]);
    expect(clipGradientByValue([3, -4, 0.5], 1)).toEqual([1, -1, 0.5]);
    expect(() => clipGradientByNorm([1], 0)).toThrow(/max norm/);
  });

  it('clipping by norm caps the length at c and keeps the direction (2,000 random vectors)', () => {
    const r = lcg(7);
    for (let k = 0; k < 2000; k++) {
      const g = Array.from({ length: 1 + Math.floor(r() * 5) }, () => r() * 20 - 10);
      const c = 0.1 + r() * 10;
      const out = clipGradientByNorm(g, c);
      let n2 = 0;
      let o2 = 0;
      let dotGO = 0;
      g.forEach((x, i) => {
        n2 += x * x;
        o2 += out[i]! ** 2;
        dotGO += x * out[i]!;
      });
      expect(Math.sqrt(o2)).toBeCloseTo(Math.min(Math.sqrt(n2), c), 9);
      // cos(angle) = 1: same direction
      expect(dotGO / Math.sqrt(n2 * o2)).toBeCloseTo(1, 9);
    }
  });
});
