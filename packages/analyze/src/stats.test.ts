import { describe, expect, it } from 'vitest';
import {
  chiSquareP,
  chiSquareTest,
  correlation,
  cronbachAlpha,
  discriminativeEfficiency,
  fisherExactRx2,
  kr20,
  kruskalWallis,
  normalizeText,
  snapFraction,
  upperLower,
  wilson,
} from './index.js';

// Reference values from R (pchisq, chisq.test(correct = FALSE), fisher.test, kruskal.test) and textbooks.
describe('test statistics', () => {
  it('χ² upper tail', () => {
    expect(chiSquareP(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareP(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquareP(10, 4)).toBeCloseTo(0.040427681994512805, 10);
    expect(chiSquareP(0, 3)).toBe(1);
  });

  it('χ² test of independence: chisq.test(matrix(c(10,20,20,20),2), correct=FALSE)', () => {
    const r = chiSquareTest([
      [10, 20],
      [20, 20],
    ]);
    expect(r.statistic!).toBeCloseTo(1.944444, 5);
    expect(r.df).toBe(1);
    expect(r.p!).toBeCloseTo(0.1632, 4);
  });

  it('Fisher’s exact test: the tea-tasting table and R’s job-satisfaction 2×2', () => {
    expect(
      fisherExactRx2([
        [3, 1],
        [1, 3],
      ])!.p!,
    ).toBeCloseTo(0.4857143, 6);
    expect(
      fisherExactRx2([
        [1, 9],
        [11, 3],
      ])!.p!,
    ).toBeCloseTo(0.002759456, 6);
    expect(
      fisherExactRx2([
        [2, 0],
        [2, 0],
      ])!.p,
    ).toBe(1);
    expect(
      fisherExactRx2(
        [
          [500, 500],
          [500, 500],
          [500, 500],
        ],
        1000,
      ),
    ).toBeNull();
  });

  it('Kruskal–Wallis with and without ties', () => {
    const r = kruskalWallis([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(r.statistic!).toBeCloseTo(27 / 7, 10);
    expect(r.p!).toBeCloseTo(0.04953461, 6);
    // By hand: ranks 1.5 1.5 3.5 | 3.5 5.5 5.5, H = 3.0476, tie correction 1 − 18/210 → H = 10/3;
    // df = 1, so p = erfc(√(H/2)).
    const t = kruskalWallis([
      [1, 1, 2],
      [2, 3, 3],
    ]);
    expect(t.statistic!).toBeCloseTo(10 / 3, 10);
    expect(t.p!).toBeCloseTo(0.0678892, 6);
  });

  it('Wilson interval of 8/10', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4901625, 6);
    expect(hi).toBeCloseTo(0.9433178, 6);
  });
});

describe('item statistics', () => {
  it('upper–lower 27 % with the tie rule', () => {
    const x = [1, 1, 0, 1, 0, 0, 0, 1, 0, 0];
    const t = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(upperLower(x, t)).toBeCloseTo(2 / 3 - 1 / 3, 12);
    // Ties at the boundary join the group: top 3 of [5,5,5,5,1,…] is every 5.
    expect(upperLower([1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [5, 5, 5, 5, 1, 1, 1, 1, 1, 1])).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('KR-20 equals α for 0/1 items; efficiency is 1 when the item orders students as the rest does', () => {
    const items = [
      [1, 1, 0, 1, 0, 1],
      [1, 0, 0, 1, 0, 1],
      [1, 1, 1, 0, 0, 1],
      [0, 1, 0, 1, 0, 1],
    ];
    const totals = items[0]!.map((_, i) => items.reduce((s, x) => s + x[i]!, 0));
    expect(kr20(items, [1, 1, 1, 1], totals)!).toBeCloseTo(cronbachAlpha(items, totals)!, 12);
    expect(discriminativeEfficiency([0, 0, 1, 1], [1, 2, 3, 4])).toBeCloseTo(1, 12);
    expect(correlation([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('undoes the Grades download’s rounding only within it', () => {
    expect(snapFraction(0.83 / 1.67, 0.005 / 1.67)).toBe(0.5);
    expect(snapFraction(1.39 / 1.67, 0.005 / 1.67)).toBeCloseTo(5 / 6, 15);
    expect(snapFraction(0.6137, 0.001)).toBe(0.6137);
  });

  it('normalizes LMS text for matching', () => {
    expect(normalizeText('Use `relu`   here:\n\n\\( x \\)  and \\[ y \\]')).toBe(
      'Use relu here: \\(x\\) and \\[y\\]',
    );
  });
});

describe('numbers as typed in an LMS', () => {
  it('drops the unit, reads an unambiguous decimal comma, leaves a possible thousands separator', async () => {
    const { numberAsTyped } = await import('./index.js');
    expect(numberAsTyped(' 13 px ', 'px')).toBe('13');
    expect(numberAsTyped('0,429')).toBe('0.429');
    expect(numberAsTyped('7,5')).toBe('7.5');
    expect(numberAsTyped('1,500')).toBe('1,500');
    expect(numberAsTyped('-2,25')).toBe('-2.25');
  });
});
