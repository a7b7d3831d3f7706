import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import { multiclassMetricsTemplate as t } from '@dlexam/topic-foundations';
import {
  assertAnswer,
  checkTemplate,
  checkValidPins,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

/** Independent: expand the matrix into label lists and count each definition on them. */
function counted(matrix: number[][]) {
  const actual: number[] = [];
  const pred: number[] = [];
  matrix.forEach((row, i) =>
    row.forEach((c, j) => {
      for (let k = 0; k < c; k++) {
        actual.push(i);
        pred.push(j);
      }
    }),
  );
  const n = matrix.length;
  const div = (a: number, b: number) => (b ? a / b : 0);
  const per = Array.from({ length: n }, (_, k) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < actual.length; i++) {
      if (pred[i] === k && actual[i] === k) tp++;
      else if (pred[i] === k) fp++;
      else if (actual[i] === k) fn++;
    }
    const p = div(tp, tp + fp);
    const r = div(tp, tp + fn);
    return { tp, fp, fn, support: tp + fn, p, r, f1: div(2 * tp, 2 * tp + fp + fn) };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sum = (f: (c: (typeof per)[number]) => number) => per.reduce((s, c) => s + f(c), 0);
  const microP = div(
    sum((c) => c.tp),
    sum((c) => c.tp + c.fp),
  );
  const microR = div(
    sum((c) => c.tp),
    sum((c) => c.tp + c.fn),
  );
  return {
    per,
    metric: (name: string, cls: number): number => {
      switch (name) {
        case 'precision':
          return per[cls]!.p;
        case 'recall':
          return per[cls]!.r;
        case 'f1':
          return per[cls]!.f1;
        case 'macro-precision':
          return mean(per.map((c) => c.p));
        case 'macro-recall':
        case 'balanced-accuracy':
          return mean(per.map((c) => c.r));
        case 'macro-f1':
          return mean(per.map((c) => c.f1));
        case 'micro-f1':
          return div(2 * microP * microR, microP + microR);
        case 'weighted-f1':
          return sum((c) => c.f1 * c.support) / actual.length;
        case 'accuracy':
          return actual.filter((a, i) => a === pred[i]).length / actual.length;
      }
      throw new Error(name);
    },
  };
}

describe('foundations.multiclass-metrics', () => {
  it('answers match metrics counted on label lists over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const c = counted(p.matrix);
      if (v.kind === 'table') {
        const got = tableNumbers(v);
        c.per.forEach((k, i) => {
          expect(Math.abs(got[i]![0]! - k.p)).toBeLessThanOrEqual(0.0005 + 1e-12);
          expect(Math.abs(got[i]![1]! - k.r)).toBeLessThanOrEqual(0.0005 + 1e-12);
          expect(Math.abs(got[i]![2]! - k.f1)).toBeLessThanOrEqual(0.0005 + 1e-12);
        });
      } else assertAnswer(v, c.metric(p.metric, p.cls), 3);
    });
  });

  it('reproduces the 3-class example worked by hand', () => {
    // F1: cat 2·(5/8)(5/7)/(5/8 + 5/7) = 2/3, dog 3/7, bird 22/25; mean 0.6584…
    expect(numericValue(generateFixture(t, 'foundations-multiclass-3x3-macro-f1'))).toBe(0.658);
    expect(tableNumbers(generateFixture(t, 'foundations-multiclass-3x3-table'))).toEqual([
      [0.625, 0.714, 0.667],
      [0.5, 0.375, 0.429],
      [0.846, 0.917, 0.88],
    ]);
  });

  it('takes any valid pinned matrix (2 classes, absent classes, large counts)', () => {
    // Two classes, off the 3–4 classes drawn: [[5, 1], [2, 4]]; recall of class 1 = 4/6 ≈ 0.667.
    const v = generateVariant(t, 1, {
      kind: 'numeric',
      pins: {
        matrix: [
          [5, 1],
          [2, 4],
        ],
        metric: 'recall',
        cls: 1,
        classes: 'digits',
      },
    });
    expect(numericValue(v)).toBe(0.667);
    const r = checkValidPins(t, {
      count: 200,
      partial: true,
      adjust(p, rng) {
        // Square, with the asked class inside; counts kept small enough to expand into lists.
        const m = p.matrix as number[][];
        const n = Math.min(m.length, (m[0] ?? []).length);
        const square = m.slice(0, n).map((row) => row.slice(0, n).map((x) => x % 300));
        const first = square[0];
        if (first && !square.some((row) => row.some((x) => x > 0))) first[0] = 1;
        p.matrix = square;
        if ((p.cls as number) >= n) p.cls = rng.int(0, n - 1);
      },
      check(v, p: { matrix: number[][]; metric: string; cls: number }) {
        if (v.kind !== 'table') assertAnswer(v, counted(p.matrix).metric(p.metric, p.cls), 3);
      },
    });
    expect(r.accepted).toBeGreaterThan(150);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100 });
  });
});
