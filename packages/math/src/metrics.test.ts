import { describe, expect, it } from 'vitest';
import { binaryMetric, binaryMetrics, confusionFromLabels } from './metrics.js';
import { lcg } from '../test/lcg.js';

describe('metrics', () => {
  it('matches a hand-computed confusion matrix', () => {
    const c = { tp: 8, fp: 2, fn: 4, tn: 6 };
    const m = binaryMetrics(c);
    expect(m.accuracy).toBeCloseTo(14 / 20, 12);
    expect(m.precision).toBeCloseTo(0.8, 12);
    expect(m.recall).toBeCloseTo(8 / 12, 12);
    expect(m.specificity).toBeCloseTo(6 / 8, 12);
    expect(m.f1).toBeCloseTo((2 * 0.8 * (2 / 3)) / (0.8 + 2 / 3), 12);
  });

  it('agrees with counting predictions of generated label lists', () => {
    const r = lcg(7);
    for (let trial = 0; trial < 500; trial++) {
      const n = 5 + Math.floor(r() * 40);
      const actual = Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
      const predicted = Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
      const c = confusionFromLabels(actual, predicted);
      // Independent path: filter and count each definition directly.
      const idx = actual.map((_, i) => i);
      const predPos = idx.filter((i) => predicted[i] === 1);
      const actPos = idx.filter((i) => actual[i] === 1);
      const actNeg = idx.filter((i) => actual[i] === 0);
      const correct = idx.filter((i) => actual[i] === predicted[i]).length;
      expect(binaryMetric(c, 'accuracy')).toBeCloseTo(correct / n, 12);
      if (predPos.length)
        expect(binaryMetric(c, 'precision')).toBeCloseTo(
          predPos.filter((i) => actual[i] === 1).length / predPos.length,
          12,
        );
      if (actPos.length)
        expect(binaryMetric(c, 'recall')).toBeCloseTo(
          actPos.filter((i) => predicted[i] === 1).length / actPos.length,
          12,
        );
      if (actNeg.length)
        expect(binaryMetric(c, 'specificity')).toBeCloseTo(
          actNeg.filter((i) => predicted[i] === 0).length / actNeg.length,
          12,
        );
      if (predPos.length && actPos.length && c.tp > 0) {
        const p = binaryMetric(c, 'precision');
        const rc = binaryMetric(c, 'recall');
        expect(binaryMetric(c, 'f1')).toBeCloseTo((2 * p * rc) / (p + rc), 12);
      }
    }
  });

  it('refuses undefined metrics and bad input', () => {
    expect(() => binaryMetric({ tp: 0, fp: 0, fn: 3, tn: 2 }, 'precision')).toThrow(
      /precision is undefined/,
    );
    expect(() => confusionFromLabels([1, 0], [1])).toThrow(/2 labels but 1 predictions/);
    expect(() => binaryMetric({ tp: -1, fp: 0, fn: 0, tn: 0 }, 'accuracy')).toThrow(/non-negative/);
  });
});
