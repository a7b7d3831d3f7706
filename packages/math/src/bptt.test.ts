import { describe, expect, it } from 'vitest';
import { bptt, stateJacobianProduct, type ScalarRnn } from './bptt.js';
import { lcg } from '../test/lcg.js';

const phi = {
  tanh: Math.tanh,
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  relu: (z: number) => Math.max(0, z),
  identity: (z: number) => z,
};

/** Independent forward pass: the loss only. */
function loss(r: ScalarRnn): number {
  let h = r.h0;
  for (const x of r.xs) h = phi[r.activation](r.w * h + r.u * x + r.b);
  return 0.5 * (h - r.y) ** 2;
}

describe('bptt', () => {
  it('matches a linear RNN worked by hand', () => {
    // h1 = 1, h2 = 0.5·1 + 2 = 2.5; δ2 = 2.5, δ1 = 1.25, δ0 = 0.625.
    const t = bptt({ w: 0.5, u: 1, b: 0, h0: 0, xs: [1, 2], y: 0, activation: 'identity' });
    expect(t.h).toEqual([0, 1, 2.5]);
    expect(t.loss).toBe(3.125);
    expect(t.dw).toBe(2.5);
    expect(t.du).toBe(6.25);
    expect(t.db).toBe(3.75);
    expect(t.dh0).toBe(0.625);
    expect(stateJacobianProduct(t, 0.5, 0)).toBe(0.25);
  });

  it('agrees with central finite differences for 2,000 random tanh/sigmoid/relu RNNs', () => {
    const r = lcg(5);
    const acts = ['tanh', 'sigmoid', 'relu', 'identity'] as const;
    const e = 1e-6;
    for (let i = 0; i < 2000; i++) {
      const T = 1 + Math.floor(r() * 5);
      const net: ScalarRnn = {
        w: r() * 3 - 1.5,
        u: r() * 3 - 1.5,
        b: r() - 0.5,
        h0: r() * 2 - 1,
        xs: Array.from({ length: T }, () => r() * 4 - 2),
        y: r() * 2 - 1,
        activation: acts[i % 4]!,
      };
      const t = bptt(net);
      if (net.activation === 'relu' && t.a.some((a) => Math.abs(a) < 1e-3)) continue;
      const fd = (k: 'w' | 'u' | 'b' | 'h0') =>
        (loss({ ...net, [k]: net[k] + e }) - loss({ ...net, [k]: net[k] - e })) / (2 * e);
      expect(t.dw).toBeCloseTo(fd('w'), 5);
      expect(t.du).toBeCloseTo(fd('u'), 5);
      expect(t.db).toBeCloseTo(fd('b'), 5);
      expect(t.dh0).toBeCloseTo(fd('h0'), 5);
      expect(t.dh0).toBeCloseTo((t.h[T]! - net.y) * stateJacobianProduct(t, net.w, 0), 12);
    }
  });
});
