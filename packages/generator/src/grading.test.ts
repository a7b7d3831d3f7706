import { describe, expect, it } from 'vitest';
import { tidyDecimal } from '@dlexam/math';
import type { Choice, NumericAnswer } from '@dlexam/types';
import {
  gradeNumeric,
  inInterval,
  numericKey,
  roundAsAsked,
  scoreMultiple,
  wrongValueAccepted,
  wrongValueBands,
} from '@dlexam/generator/grading';

const wrong = (value: number, misconception: string): Choice => ({
  text: String(value),
  plain: String(value),
  correct: false,
  feedback: `mistake ${misconception}`,
  misconception,
  value,
});

describe('numeric keys are exact decimals', () => {
  it('drops float residue from value and tolerance (Canvas bounds 0.90460000000000000001 …)', () => {
    const key = numericKey({ value: 0.9047, decimals: 4, tolerance: 9.999999999999999e-5 });
    expect(key).toEqual({ value: '0.9047', tolerance: '0.0001', lower: '0.9046', upper: '0.9048' });
    expect(numericKey({ value: 0.1 + 0.2, decimals: 1, tolerance: 0 }).value).toBe('0.3');
    expect(numericKey({ value: 4.07e17, decimals: 0, sigFigs: 3, tolerance: 1e15 })).toMatchObject({
      lower: '406000000000000000',
      upper: '408000000000000000',
    });
  });

  it('accepts both edges and refuses one unit past them', () => {
    // foundations.partial-derivatives seed da7f916b4f1a: 47.32 ± 0.01 — 47.31 is right.
    const a: NumericAnswer = { value: 47.32, decimals: 2, tolerance: 0.01 };
    for (const x of [47.31, 47.32, 47.33]) expect(gradeNumeric(a, x).correct, String(x)).toBe(true);
    for (const x of [47.3, 47.34, 47.309999])
      expect(gradeNumeric(a, x).correct, String(x)).toBe(false);
  });

  it('rounds as the stem asks: decimals or significant figures', () => {
    expect(roundAsAsked({ value: 0, decimals: 3, tolerance: 0 }, 0.63333)).toBe('0.633');
    expect(roundAsAsked({ value: 0, decimals: 2, tolerance: 0 }, 1.005)).toBe('1.01');
    expect(roundAsAsked({ value: 0, decimals: 0, sigFigs: 3, tolerance: 0 }, 407123)).toBe(
      '407000',
    );
    expect(roundAsAsked({ value: 0, decimals: 0, sigFigs: 3, tolerance: 0 }, 4.0712e17)).toBe(
      '407000000000000000',
    );
    expect(inInterval({ lower: '-1', upper: '1' }, '-1')).toBe(true);
  });
});

describe('modelled mistakes never overlap the key', () => {
  // foundations.metrics seed 2a97f4e69613: F1 = 0.632 ± 0.001; the arithmetic mean gives 0.6333,
  // which a student types as 0.633.
  const f1: NumericAnswer = { value: 0.632, decimals: 3, tolerance: 0.001 };

  it('a distractor whose rounding lies in the accepted interval is accepted, so it is dropped', () => {
    expect(wrongValueAccepted(f1, 0.6333)).toBe(true);
    expect(wrongValueAccepted(f1, 0.6336)).toBe(false); // rounds to 0.634
    expect(wrongValueAccepted(f1, 0.631)).toBe(true);
  });

  it('agrees with the exact decimal comparison on values near and far from the key', () => {
    // wrongValueAccepted skips the exact comparison for values clearly outside: it must never
    // change an answer, right at the edges included.
    let s = 11;
    const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const decimals = Math.floor(r() * 5);
      const sigFigs = r() < 0.3 ? 1 + Math.floor(r() * 4) : undefined;
      const scale = 10 ** (Math.floor(r() * 9) - 4);
      const value = Number(((r() - 0.5) * 200 * scale).toFixed(8));
      const tolerance = [0, 10 ** -decimals, 0.5 * 10 ** -decimals, r() * scale][i % 4] ?? 0;
      const a: NumericAnswer = { value, decimals, tolerance, ...(sigFigs ? { sigFigs } : {}) };
      // Around the interval's edges and the rounding boundaries, and far away.
      const step = [tolerance, 10 ** -decimals, Math.abs(value) * 10 ** -(sigFigs ?? 3), scale][
        Math.floor(r() * 4)
      ];
      const wrongValue = value + (r() - 0.5) * 6 * (step || 1e-6);
      const key = numericKey(a);
      const exact =
        inInterval(key, tidyDecimal(wrongValue)) || inInterval(key, roundAsAsked(a, wrongValue));
      expect(wrongValueAccepted(a, wrongValue), JSON.stringify([a, wrongValue])).toBe(exact);
      if (exact) accepted++;
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });

  it('bands are the rounded wrong value ± half a unit, disjoint from the key and each other', () => {
    const bands = wrongValueBands(f1, [
      wrong(0.6336, 'a'), // 0.634: [0.6335, 0.6345]
      wrong(0.6341, 'b'), // also 0.634: overlaps a → left out
      wrong(0.5, 'c'),
      wrong(0.6331, 'd'), // rounds into the key → left out
    ]);
    expect(bands.map((b) => [b.lower, b.upper, b.choice.misconception])).toEqual([
      ['0.6335', '0.6345', 'a'],
      ['0.4995', '0.5005', 'c'],
    ]);
    expect(gradeNumeric(f1, 0.634, [wrong(0.6336, 'a')]).band?.choice.misconception).toBe('a');
    expect(gradeNumeric(f1, 0.633, [wrong(0.6336, 'a')])).toEqual({ correct: true });
  });

  it('integer answers get bands of ± 0.5', () => {
    const a: NumericAnswer = { value: 2704, decimals: 0, tolerance: 0 };
    expect(wrongValueBands(a, [wrong(2688, 'm')])[0]).toMatchObject({
      value: '2688',
      lower: '2687.5',
      upper: '2688.5',
    });
  });
});

describe('multiple answers', () => {
  const right = [0, 2];
  it('right minus wrong: select-all and right-plus-one-wrong never earn full marks', () => {
    expect(scoreMultiple(right, [0, 2])).toBe(1);
    expect(scoreMultiple(right, [0, 1, 2, 3])).toBe(0);
    expect(scoreMultiple(right, [0, 1, 2])).toBe(0.5);
    expect(scoreMultiple(right, [0])).toBe(0.5);
    expect(scoreMultiple(right, [1])).toBe(0);
    expect(scoreMultiple(right, [])).toBe(0);
  });
  it('all or nothing', () => {
    expect(scoreMultiple(right, [2, 0], 'all-or-nothing')).toBe(1);
    expect(scoreMultiple(right, [0], 'all-or-nothing')).toBe(0);
    expect(scoreMultiple(right, [0, 1, 2], 'all-or-nothing')).toBe(0);
  });
});
