import { describe, expect, it } from 'vitest';
import {
  gradientClipping,
  gradientProduct,
  type GradientClippingParams,
  type GradientProductParams,
} from '../index.js';
import { generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  checkTemplate,
  checkValidPins,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';
import { expectPartialPinsAccepted } from './valid-pins.js';
import { checkNumericAndTableVariety } from './variety-checks.js';

/** The key against a loop of multiplications, to 3 significant figures. */
function checkProduct(v: Variant): void {
  const p = v.params as GradientProductParams;
  let prod = 1;
  for (let t = 0; t < p.steps; t++) prod *= p.factor;
  assertAnswer(v, prod, 0, 3);
  if (v.answer.kind === 'numeric') expect(v.answer.numeric.sigFigs).toBe(3);
  expect(v.stem).toMatch(/3 significant figures/);
  expect(v.solution).toMatch(p.factor > 1 ? /exploding/ : /vanishing/);
}

/** The key against a direct rescaling loop. */
function checkClipping(v: Variant): void {
  const p = v.params as GradientClippingParams;
  let sq = 0;
  for (const x of p.g) sq += x * x;
  const norm = Math.sqrt(sq);
  const clipped = p.g.map((x) => (norm > p.maxNorm ? (x * p.maxNorm) / norm : x));
  if (v.answer.kind === 'table') {
    const cells = v.answer.rows[0]!;
    [norm, ...clipped].forEach((x, i) => {
      const c = cells[i]!;
      if (c.type !== 'numeric') expect.fail('numeric cell expected');
      else assertNumeric(c.answer, x);
    });
  } else assertAnswer(v, clipped[p.unit]!, 3);
}

describe('rnn.gradient-product', () => {
  it('answers equal a loop of multiplications to 3 significant figures over 10,000 seeds', () => {
    runProperty(gradientProduct, { kinds: ['numeric', 'single'], check: checkProduct });
  });
  it('accepts textbook factors off the draw grid: 0.9 over 5 steps, 0.999 over 1,000', () => {
    // 0.9⁵ = 0.59049 → 0.590; 0.999¹⁰⁰⁰ = e^(1000·ln 0.999) ≈ 0.368 (≈ 1/e).
    const short = generateVariant(gradientProduct, 1, {
      pins: { factor: 0.9, steps: 5, context: 'time-steps' },
    });
    if (short.answer.kind !== 'numeric') return expect.fail('numeric expected');
    expect(short.answer.numeric.value).toBe(0.59); // the key is stored to 3 significant figures
    const slow = generateVariant(gradientProduct, 1, {
      pins: { factor: 0.999, steps: 1000, context: 'layers' },
    });
    expect(slow.stem).toContain('0.999');
    if (slow.answer.kind !== 'numeric') return expect.fail('numeric expected');
    expect(slow.answer.numeric.value).toBe(0.368);
    // A product a double cannot hold is refused by its rule: 10¹⁰⁰⁰.
    expect(() =>
      generateVariant(gradientProduct, 1, { pins: { factor: 10, steps: 1000 } }),
    ).toThrow(/and 10\^300/);
    // A key below 10⁻¹⁰ cannot be graded to 3 significant figures (numeric kind), but the
    // single-choice kind shows it: 0.5¹⁰⁰ ≈ 7.89 × 10⁻³¹.
    const tiny = { factor: 0.5, steps: 100, context: 'layers' };
    expect(() => generateVariant(gradientProduct, 1, { pins: tiny, kind: 'numeric' })).toThrow(
      /break a validity rule of rnn.gradient-product: the numeric kind needs factor\^steps ≥ 10\^-10/,
    );
    const choice = generateVariant(gradientProduct, 1, { pins: tiny, kind: 'single' });
    expect(choice.choices.find((c) => c.correct)?.value).toBe(7.89e-31);
    for (const kind of ['single', 'numeric'] as const) {
      const r = checkValidPins(gradientProduct, {
        count: 200,
        partial: true,
        kinds: [kind],
        check: checkProduct,
      });
      expect(r.accepted).toBeGreaterThan(0);
      expect(r.offDraw).toBeGreaterThan(0);
      // The numeric kind refuses keys below 10⁻¹⁰ by its rule (counted as refused, never thrown).
      if (kind === 'numeric') expect(r.refused).toBeGreaterThan(0);
    }
  });
  it('is deterministic and varies', () =>
    checkTemplate(gradientProduct, { kinds: ['numeric'], minStems: 150, minOpenings: 2 }));
});

describe('rnn.gradient-clipping', () => {
  it('answers equal a direct rescaling loop over 10,000 seeds', () => {
    runProperty(gradientClipping, { kinds: ['numeric', 'single', 'table'], check: checkClipping });
  });
  it('accepts a textbook gradient with decimals and a fractional threshold', () => {
    // g = (0.3, −0.4, 1.2), ‖g‖ = √(0.09 + 0.16 + 1.44) = √1.69 = 1.3 > c = 0.65: the factor is
    // 0.65/1.3 = 0.5, so the 2nd component becomes −0.2.
    const pins = { g: [0.3, -0.4, 1.2], maxNorm: 0.65, unit: 1 };
    const v = generateVariant(gradientClipping, 1, { pins, kind: 'numeric' });
    expect(v.answer).toMatchObject({ numeric: { value: -0.2 } });
    expect(v.solution).toContain('\\sqrt{1.69}');
    expect(v.stem).toContain('c = 0.65');
    expectPartialPinsAccepted(gradientClipping, checkClipping);
  });
  it('is deterministic and varies', () => checkNumericAndTableVariety(gradientClipping));
});
