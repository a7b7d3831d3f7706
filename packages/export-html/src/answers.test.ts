import { describe, expect, it } from 'vitest';
import { sampleVariants } from '@dlexam/types/testing';
import {
  keyAnswer,
  letter,
  matchingLetters,
  matchingOrder,
  numericAnswerForms,
  pointsLabel,
} from './answers.js';

describe('letter', () => {
  it('counts A … Z, AA, AB …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(letter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});

describe('matchingOrder', () => {
  const matching = sampleVariants()[5]!;
  it('is a permutation of pairs and distractors, stable, and never the prompt order', () => {
    for (let i = 0; i < 2000; i++) {
      const v = { ...matching, seed: `s${i}` };
      const order = matchingOrder(v);
      expect([...order].sort()).toEqual([0, 1, 2, 3]);
      expect(order).not.toEqual([0, 1, 2, 3]);
      expect(matchingOrder(v)).toEqual(order);
      expect(matchingLetters(v)).toEqual([0, 1, 2].map((p) => letter(order.indexOf(p))));
    }
  });
  it('varies with the seed', () => {
    const orders = new Set(
      Array.from({ length: 200 }, (_, i) => matchingOrder({ ...matching, seed: `s${i}` }).join()),
    );
    expect(orders.size).toBeGreaterThan(10);
  });
});

describe('numeric answers', () => {
  it('states decimals, significant figures, tolerance and unit', () => {
    expect(numericAnswerForms({ value: 6, decimals: 0, tolerance: 0 })).toEqual({
      html: '6',
      plain: '6',
    });
    expect(numericAnswerForms({ value: -0.11924, decimals: 4, tolerance: 0.0001 }).plain).toBe(
      '-0.1192 ± 0.0001',
    );
    expect(numericAnswerForms({ value: 2.5, decimals: 2, tolerance: 0.005, unit: 'ms' })).toEqual({
      html: '2.50 ± 0.005 ms',
      plain: '2.50 ± 0.005 ms',
    });
    expect(
      numericAnswerForms({ value: 4.0656e17, decimals: 0, sigFigs: 3, tolerance: 1e15 }),
    ).toEqual({
      html: '4.07 × 10<sup>17</sup> ± 1 × 10<sup>15</sup>',
      plain: '4.07 × 10^17 ± 1 × 10^15',
    });
    expect(numericAnswerForms({ value: 1, decimals: 0, tolerance: 0.00005 }).plain).toBe(
      '1 ± 5 × 10^-5',
    );
  });
  it('rejects a value that is not finite', () => {
    expect(() => numericAnswerForms({ value: Number.NaN, decimals: 0, tolerance: 0 })).toThrow(
      /not finite/,
    );
  });
});

describe('keyAnswer', () => {
  it('gives the letters of choice answers', () => {
    const [, , , single, multiple] = sampleVariants();
    expect(keyAnswer(single!).plain).toBe('B: 6288');
    expect(keyAnswer(multiple!).plain).toMatch(/^A: Weights .*; C: The number/);
  });
});

describe('pointsLabel', () => {
  it('says point or points', () => {
    expect([1, 2, 0.5].map(pointsLabel)).toEqual(['1 point', '2 points', '0.5 points']);
    expect(() => pointsLabel(-1)).toThrow();
  });
});
