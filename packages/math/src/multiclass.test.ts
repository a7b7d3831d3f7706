import { describe, expect, it } from 'vitest';
import { multiclassMetrics } from './multiclass.js';
import { lcg } from '../test/lcg.js';

describe('multiclassMetrics', () => {
  it('matches a 3-class example worked by hand', () => {
    // rows: actual cat, dog, bird; columns: predicted.
    const m = multiclassMetrics([
      [5, 2, 0],
      [3, 3, 2],
      [0, 1, 11],
    ]);
    expect(m.total).toBe(27);
    expect(m.accuracy).toBeCloseTo(19 / 27, 12);
    expect(m.perClass[0]!.precision).toBeCloseTo(5 / 8, 12);
    expect(m.perClass[0]!.recall).toBeCloseTo(5 / 7, 12);
    expect(m.perClass[1]!.precision).toBeCloseTo(3 / 6, 12);
    expect(m.perClass[1]!.recall).toBeCloseTo(3 / 8, 12);
    expect(m.perClass[2]!.precision).toBeCloseTo(11 / 13, 12);
    expect(m.perClass[2]!.recall).toBeCloseTo(11 / 12, 12);
    expect(m.balancedAccuracy).toBeCloseTo((5 / 7 + 3 / 8 + 11 / 12) / 3, 12);
    expect(m.micro.f1).toBeCloseTo(19 / 27, 12);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    const f1s = [f1(5 / 8, 5 / 7), f1(1 / 2, 3 / 8), f1(11 / 13, 11 / 12)];
    expect(m.macro.f1).toBeCloseTo((f1s[0]! + f1s[1]! + f1s[2]!) / 3, 12);
    expect(m.weighted.f1).toBeCloseTo((7 * f1s[0]! + 8 * f1s[1]! + 12 * f1s[2]!) / 27, 12);
    expect(m.weighted.recall).toBeCloseTo(m.accuracy, 12);
  });

  it('agrees with counting label lists for 2,000 random matrices', () => {
    const r = lcg(11);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 2 + Math.floor(r() * 5);
      const mat = Array.from({ length: n }, () =>
        Array.from({ length: n }, () => Math.floor(r() * 6)),
      );
      mat[0]![0]! += 1;
      const actual: number[] = [];
      const pred: number[] = [];
      mat.forEach((row, i) =>
        row.forEach((c, j) => {
          for (let k = 0; k < c; k++) {
            actual.push(i);
            pred.push(j);
          }
        }),
      );
      const m = multiclassMetrics(mat);
      for (let k = 0; k < n; k++) {
        const tp = actual.filter((a, i) => a === k && pred[i] === k).length;
        const predicted = pred.filter((p) => p === k).length;
        const actualK = actual.filter((a) => a === k).length;
        expect(m.perClass[k]!.precision).toBeCloseTo(predicted ? tp / predicted : 0, 12);
        expect(m.perClass[k]!.recall).toBeCloseTo(actualK ? tp / actualK : 0, 12);
      }
      const correct = actual.filter((a, i) => a === pred[i]).length;
      expect(m.accuracy).toBeCloseTo(correct / actual.length, 12);
      expect(m.micro.precision).toBeCloseTo(m.accuracy, 12);
    }
  });

  it('refuses non-square or empty matrices', () => {
    expect(() => multiclassMetrics([[1, 2]])).toThrow(/square/);
    expect(() =>
      multiclassMetrics([
        [0, 0],
        [0, 0],
      ]),
    ).toThrow(/no example/);
  });
});
