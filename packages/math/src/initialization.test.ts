import { describe, expect, it } from 'vitest';
import {
  activationVarianceAfter,
  convFans,
  heUniformBound,
  heVariance,
  lecunVariance,
  xavierUniformBound,
  xavierVariance,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

describe('initialization scales', () => {
  it('match hand computations', () => {
    expect(xavierVariance(100, 50)).toBeCloseTo(2 / 150, 15);
    expect(xavierUniformBound(100, 50)).toBeCloseTo(0.2, 15);
    expect(heVariance(200)).toBe(0.01);
    expect(heUniformBound(24)).toBe(0.5);
    expect(lecunVariance(4)).toBe(0.25);
    expect(convFans(3, 16, 5)).toEqual({ fanIn: 75, fanOut: 400 });
    expect(() => heVariance(0)).toThrow(/integers ≥ 1/);
  });

  it('uniform bounds give the stated variance (b²/3, checked by integrating the density)', () => {
    for (const [fi, fo] of [
      [3, 7],
      [64, 128],
      [500, 10],
    ] as const) {
      const b = xavierUniformBound(fi, fo);
      const steps = 20000;
      let second = 0;
      for (let k = 0; k < steps; k++) {
        const x = -b + ((k + 0.5) * 2 * b) / steps;
        second += (x * x) / steps;
      }
      expect(second).toBeCloseTo(xavierVariance(fi, fo), 6);
      expect(heUniformBound(fi) ** 2 / 3).toBeCloseTo(heVariance(fi), 12);
    }
  });

  it('activation variance: He keeps ReLU layers at constant variance, Monte-Carlo check of one layer', () => {
    expect(activationVarianceAfter(1, 100, heVariance(100), 10, 'relu')).toBeCloseTo(1, 12);
    expect(activationVarianceAfter(1, 100, lecunVariance(100), 10, 'linear')).toBeCloseTo(1, 12);
    expect(activationVarianceAfter(2, 10, 0.2, 3, 'linear')).toBeCloseTo(16, 12);
    // Monte Carlo with a deterministic generator: one ReLU layer with n = 50, σ² = 0.04, input var 1.
    const u = lcg(7);
    const gauss = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
    let acc = 0;
    const trials = 20000;
    for (let t = 0; t < trials; t++) {
      let a = 0;
      for (let j = 0; j < 50; j++) a += 0.2 * gauss() * Math.max(0, gauss());
      acc += a * a;
    }
    expect(acc / trials).toBeGreaterThan(activationVarianceAfter(1, 50, 0.04, 1, 'relu') * 0.95);
    expect(acc / trials).toBeLessThan(activationVarianceAfter(1, 50, 0.04, 1, 'relu') * 1.05);
  });
});
