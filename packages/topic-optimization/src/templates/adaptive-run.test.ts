import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import { adaptiveRun as t, type AdaptiveRunParams as P } from '@dlexam/topic-optimization';
import {
  assertAnswer,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { expectPartialPins } from '../../test/property-checks.js';

/** Independent: every coordinate run on its own with the optimizer's scalar recurrences. */
function run(p: P): number[][] {
  const rows: number[][] = Array.from({ length: p.steps }, () => []);
  p.x0.forEach((start, i) => {
    const c = p.curvature[i]!;
    let x = start;
    let s = 0;
    let m = 0;
    let v = 0;
    for (let t = 1; t <= p.steps; t++) {
      const g = c * x;
      if (p.optimizer === 'adagrad') {
        s += g * g;
        x -= (p.lr * g) / (Math.sqrt(s) + p.eps);
      } else if (p.optimizer === 'rmsprop') {
        s = p.decay * s + (1 - p.decay) * g * g;
        x -= (p.lr * g) / (Math.sqrt(s) + p.eps);
      } else {
        m = p.beta1 * m + (1 - p.beta1) * g;
        v = p.beta2 * v + (1 - p.beta2) * g * g;
        const mh = m / (1 - Math.pow(p.beta1, t));
        const vh = v / (1 - Math.pow(p.beta2, t));
        x -= (p.lr * mh) / (Math.sqrt(vh) + p.eps);
      }
      rows[t - 1]!.push(x);
    }
  });
  return rows;
}

describe('optimization.adaptive-run', () => {
  it('iterates match per-coordinate scalar loops over 10,000 seeds', () => {
    runProperty(t, (v, p: P) => {
      const rows = run(p);
      if (v.kind === 'table')
        tableNumbers(v).forEach((row, i) =>
          row.forEach((x, j) =>
            expect(Math.abs(x - rows[i]![j]!)).toBeLessThanOrEqual(0.00005 + 1e-9),
          ),
        );
      else assertAnswer(v, rows[p.steps - 1]![p.coord - 1]!, 4);
    });
  });

  // The example: 30 Adam steps from (−5, −2) on c = (1, 4), α = 0.1, ε = 1e-8.
  const adam = t.fixtures!.find((f) => f.id === 'optimization-adam-30-steps-from-minus-5-minus-2')!;

  it('reproduces AdaGrad by hand and the 30-step Adam run from (−5, −2)', () => {
    // g = 2, s = 4, x₁ = 2 − 2/2 = 1; g = 1, s = 5, x₂ = 1 − 1/√5.
    expect(1 - 1 / Math.sqrt(5)).toBeCloseTo(0.5528, 4);
    expect(numericValue(generateFixture(t, 'optimization-adagrad-two-steps'))).toBe(0.5528);
    const want = run(adam.params)[29]![0]!;
    assertAnswer(generateFixture(t, adam.id), want, 4);
  });

  it('the issue’s runs: 20 RMSProp and 30 AdaGrad steps from (−5, −2), β₂ = 0.9999 off the grid', () => {
    // The example's setting, asked for x₂.
    const base = { ...adam.params, coord: 2 };
    for (const p of [
      { ...base, optimizer: 'rmsprop', steps: 20 },
      { ...base, optimizer: 'adagrad', steps: 30 },
      { ...base, optimizer: 'adam', steps: 25, beta2: 0.9999, lr: 0.05 },
    ] satisfies P[]) {
      const v = generateVariant(t, 1, { kind: 'numeric', pins: p });
      assertAnswer(v, run(p)[p.steps - 1]?.[1] ?? NaN, 4);
      expect(v.stem).toContain(`${p.steps} steps`);
    }
    // One Adam step moves by α·g/(|g| + ε) ≈ α: x₁ = −2 + 0.05 = −1.95.
    const one = generateVariant(t, 1, {
      kind: 'numeric',
      pins: { ...base, optimizer: 'adam', steps: 1, beta2: 0.9999, lr: 0.05 },
    });
    expect(numericValue(one)).toBe(-1.95);
    // ε = 0 with a gradient that reaches exactly 0 under RMSProp with ρ = 0: 0/0.
    expect(() =>
      generateVariant(t, 1, {
        pins: {
          ...base,
          optimizer: 'rmsprop',
          decay: 0,
          eps: 0,
          x0: [1],
          curvature: [1],
          lr: 1,
          steps: 3,
          coord: 1,
        },
      }),
    ).toThrow('every iterate is finite');
  });

  it('any valid pin (up to 64 steps, off-grid β, ε, α) matches the scalar loops', () => {
    expectPartialPins(t, 200, (v, p: P) => {
      const rows = run(p);
      if (v.kind === 'table')
        tableNumbers(v).forEach((row, i) =>
          row.forEach((x, j) =>
            expect(Math.abs(x - (rows[i]?.[j] ?? NaN))).toBeLessThanOrEqual(0.00005 + 1e-9),
          ),
        );
      else assertAnswer(v, rows[p.steps - 1]?.[p.coord - 1] ?? NaN, 4);
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 40 });
  });
});
