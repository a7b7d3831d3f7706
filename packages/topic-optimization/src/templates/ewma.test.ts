import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import { ewmaTemplate as t, type EwmaParams } from '@dlexam/topic-optimization';
import {
  assertAnswer,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { expectPartialPins } from '../../test/property-checks.js';

/** Independent: the closed form v_t = Σᵢ (1 − β) β^{t−i} xᵢ and v̂_t = v_t / (1 − β^t). */
function closed(xs: number[], beta: number, t: number) {
  let v = 0;
  for (let i = 1; i <= t; i++) v += (1 - beta) * beta ** (t - i) * xs[i - 1]!;
  return { v, vhat: v / (1 - beta ** t) };
}

describe('optimization.ewma', () => {
  it('answers match the closed-form weighted sum over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const xs = p.context === 'adam-v' ? p.values.map((g: number) => g * g) : p.values;
      if (v.kind === 'table') {
        tableNumbers(v).forEach((row, i) => {
          const c = closed(xs, p.beta, i + 1);
          expect(Math.abs(row[0]! - c.v)).toBeLessThanOrEqual(0.00005 + 1e-9);
          expect(Math.abs(row[1]! - c.vhat)).toBeLessThanOrEqual(0.00005 + 1e-9);
        });
      } else {
        const c = closed(xs, p.beta, p.t);
        assertAnswer(v, p.corrected ? c.vhat : c.v, 4);
      }
    });
  });

  it('reproduces the examples worked by hand', () => {
    // v = 1, 2.9, 5.61; v̂₃ = 5.61 / (1 − 0.729) = 20.7011.
    expect(numericValue(generateFixture(t, 'optimization-ewma-temperatures'))).toBe(20.7011);
    // v₂ = 0.999 · 0.001 + 0.001 · 4 = 0.004999; 1 − 0.999² = 0.001999.
    expect(numericValue(generateFixture(t, 'optimization-ewma-adam-v'))).toBe(2.5008);
  });

  it('a textbook β = 0.95 over 2.5, −1.25 (off the draw grid) is accepted', () => {
    // m₁ = 0.05 · 2.5 = 0.125; m₂ = 0.95 · 0.125 + 0.05 · (−1.25) = 0.05625;
    // m̂₂ = 0.05625 / (1 − 0.9025) = 0.576923…
    const v = generateVariant(t, 1, {
      kind: 'numeric',
      pins: { context: 'adam-m', values: [2.5, -1.25], beta: 0.95, t: 2, corrected: true },
    });
    expect(numericValue(v)).toBe(0.5769);
    expect(v.stem).toContain('2.5, -1.25');
  });

  it('any valid pin (up to 64 values, β anywhere in [0, 1)) matches the closed form', () => {
    expectPartialPins(t, 200, (v, p: EwmaParams) => {
      const xs = p.context === 'adam-v' ? p.values.map((g) => g * g) : p.values;
      if (v.answer.kind === 'table')
        tableNumbers(v).forEach((row, i) => {
          const c = closed(xs, p.beta, i + 1);
          expect(Math.abs((row[0] ?? NaN) - c.v)).toBeLessThanOrEqual(
            0.00005 * (1 + Math.abs(c.v)),
          );
        });
      else {
        const c = closed(xs, p.beta, p.t);
        const want = p.corrected ? c.vhat : c.v;
        expect(Math.abs(numericValue(v) - want)).toBeLessThanOrEqual(
          0.00005 * (1 + Math.abs(want)),
        );
      }
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 40 });
  });
});
