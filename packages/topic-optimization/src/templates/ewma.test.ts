import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { ewmaTemplate as t } from '@dlexam/topic-optimization';
import {
  assertAnswer,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

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

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 40 });
  });
});
