import { describe, expect, it } from 'vitest';
import { ewma } from './ewma.js';

describe('ewma', () => {
  it('matches a 3-step example worked by hand', () => {
    // β = 0.9: v1 = 0.1·10 = 1, v2 = 0.9 + 0.1·20 = 2.9, v3 = 2.61 + 0.1·30 = 5.61.
    const t = ewma([10, 20, 30], 0.9);
    expect(t.v[0]).toBeCloseTo(1, 12);
    expect(t.v[1]).toBeCloseTo(2.9, 12);
    expect(t.v[2]).toBeCloseTo(5.61, 12);
    // Corrected: 1/0.1 = 10, 2.9/0.19, 5.61/0.271.
    expect(t.corrected[0]).toBeCloseTo(10, 12);
    expect(t.corrected[1]).toBeCloseTo(2.9 / 0.19, 12);
    expect(t.corrected[2]).toBeCloseTo(5.61 / 0.271, 12);
  });

  it('equals the closed form Σ (1 − β) β^{t−i} θ_i, and a constant series is recovered exactly after correction', () => {
    for (let T = 1; T <= 40; T++) {
      const xs = Array.from({ length: T }, (_, i) => Math.sin(i) * 5);
      const beta = 0.5 + (T % 9) / 20;
      const t = ewma(xs, beta);
      const closed = xs.reduce((s, x, i) => s + (1 - beta) * beta ** (T - 1 - i) * x, 0);
      expect(t.v[T - 1]).toBeCloseTo(closed, 10);
      expect(ewma(Array(T).fill(7), beta).corrected[T - 1]).toBeCloseTo(7, 10);
    }
  });
});
