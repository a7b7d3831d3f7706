/**
 * Multi-class evaluation from a confusion matrix `m[i][j]` = number of examples of true class i
 * predicted as class j (rows: actual, columns: predicted; scikit-learn's `confusion_matrix`).
 * A ratio with a zero denominator is 0 (scikit-learn's `zero_division=0`).
 */

export interface ClassMetrics {
  tp: number;
  fp: number;
  fn: number;
  /** Examples whose true class is this one (the row sum). */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MulticlassMetrics {
  perClass: ClassMetrics[];
  total: number;
  accuracy: number;
  /** Mean recall over the classes. */
  balancedAccuracy: number;
  macro: { precision: number; recall: number; f1: number };
  /** Support-weighted means of the per-class metrics. */
  weighted: { precision: number; recall: number; f1: number };
  /** From summed tp, fp, fn: for single-label data all three equal the accuracy. */
  micro: { precision: number; recall: number; f1: number };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => ratio(2 * p * r, p + r);

/** Checks that `m` is a square matrix of non-negative integers with at least one example. */
export function assertConfusion(m: readonly (readonly number[])[]): void {
  const n = m.length;
  if (n < 2 || m.some((r) => r.length !== n))
    throw new RangeError('a confusion matrix is square with at least 2 classes');
  if (m.some((r) => r.some((x) => !Number.isInteger(x) || x < 0)))
    throw new RangeError('confusion counts are non-negative integers');
  if (m.every((r) => r.every((x) => x === 0))) throw new RangeError('the matrix counts no example');
}

export function multiclassMetrics(m: readonly (readonly number[])[]): MulticlassMetrics {
  assertConfusion(m);
  const n = m.length;
  let total = 0;
  let trace = 0;
  const rowSum = Array<number>(n).fill(0);
  const colSum = Array<number>(n).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = m[i]![j]!;
      total += x;
      rowSum[i]! += x;
      colSum[j]! += x;
      if (i === j) trace += x;
    }
  const perClass: ClassMetrics[] = m.map((row, k) => {
    const tp = row[k]!;
    const precision = ratio(tp, colSum[k]!);
    const recall = ratio(tp, rowSum[k]!);
    return {
      tp,
      fp: colSum[k]! - tp,
      fn: rowSum[k]! - tp,
      support: rowSum[k]!,
      precision,
      recall,
      f1: f1Of(precision, recall),
    };
  });
  const mean = (f: (c: ClassMetrics) => number) => perClass.reduce((s, c) => s + f(c), 0) / n;
  const wmean = (f: (c: ClassMetrics) => number) =>
    perClass.reduce((s, c) => s + f(c) * c.support, 0) / total;
  const sumTp = trace;
  const sumFp = total - trace;
  const microP = ratio(sumTp, sumTp + sumFp);
  const microR = ratio(sumTp, sumTp + (total - trace));
  return {
    perClass,
    total,
    accuracy: trace / total,
    balancedAccuracy: mean((c) => c.recall),
    macro: {
      precision: mean((c) => c.precision),
      recall: mean((c) => c.recall),
      f1: mean((c) => c.f1),
    },
    weighted: {
      precision: wmean((c) => c.precision),
      recall: wmean((c) => c.recall),
      f1: wmean((c) => c.f1),
    },
    micro: { precision: microP, recall: microR, f1: f1Of(microP, microR) },
  };
}
