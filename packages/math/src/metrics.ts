/**
 * Binary classification metrics from a confusion matrix. Convention: label 1 (or the given
 * `positive` label) is the positive class. A metric whose denominator is zero is undefined and
 * throws, so a template never shows 0/0 as a number.
 */

export interface ConfusionCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  specificity: number;
}

export type BinaryMetricName = keyof BinaryMetrics;

/** Counts TP/FP/FN/TN from parallel lists of true and predicted labels. */
export function confusionFromLabels(
  actual: readonly number[],
  predicted: readonly number[],
  positive = 1,
): ConfusionCounts {
  if (actual.length !== predicted.length)
    throw new RangeError(
      `confusionFromLabels: ${actual.length} labels but ${predicted.length} predictions`,
    );
  const c: ConfusionCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] === positive;
    const p = predicted[i] === positive;
    if (a && p) c.tp++;
    else if (!a && p) c.fp++;
    else if (a && !p) c.fn++;
    else c.tn++;
  }
  return c;
}

function ratio(num: number, den: number, name: string): number {
  if (den === 0) throw new RangeError(`${name} is undefined: its denominator is 0`);
  return num / den;
}

function checkCounts(c: ConfusionCounts): void {
  for (const k of ['tp', 'fp', 'fn', 'tn'] as const)
    if (!Number.isInteger(c[k]) || c[k] < 0)
      throw new RangeError(`confusion count ${k} = ${c[k]} must be a non-negative integer`);
}

/** One metric; precision = TP/(TP+FP), recall = TP/(TP+FN), specificity = TN/(TN+FP). */
export function binaryMetric(c: ConfusionCounts, name: BinaryMetricName): number {
  checkCounts(c);
  switch (name) {
    case 'accuracy':
      return ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn, 'accuracy');
    case 'precision':
      return ratio(c.tp, c.tp + c.fp, 'precision');
    case 'recall':
      return ratio(c.tp, c.tp + c.fn, 'recall');
    case 'specificity':
      return ratio(c.tn, c.tn + c.fp, 'specificity');
    case 'f1':
      // 2PR/(P+R) simplifies to TP / (TP + (FP+FN)/2), defined whenever TP+FP+FN > 0.
      return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn, 'F1');
  }
}

/** All five metrics at once (throws if any is undefined). */
export function binaryMetrics(c: ConfusionCounts): BinaryMetrics {
  return {
    accuracy: binaryMetric(c, 'accuracy'),
    precision: binaryMetric(c, 'precision'),
    recall: binaryMetric(c, 'recall'),
    f1: binaryMetric(c, 'f1'),
    specificity: binaryMetric(c, 'specificity'),
  };
}
