import { defineTemplate, type NumericDistractor, param } from '@dlexam/generator';
import { binaryMetric, formatFixed, formatInt, type BinaryMetricName } from '@dlexam/math';

export type MetricsParams = {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  metric: string;
  scenario: string;
  format: string;
};

/** Labels and predictions that realize the counts, interleaved TP, FP, FN, TN round-robin. */
export function labelLists(c: { tp: number; fp: number; fn: number; tn: number }): {
  actual: number[];
  predicted: number[];
} {
  const left = [c.tp, c.fp, c.fn, c.tn];
  const pairs: [number, number][] = [
    [1, 1],
    [0, 1],
    [1, 0],
    [0, 0],
  ];
  const actual: number[] = [];
  const predicted: number[] = [];
  while (left.some((n) => n > 0))
    for (let k = 0; k < 4; k++)
      if (left[k]! > 0) {
        left[k]!--;
        actual.push(pairs[k]![0]);
        predicted.push(pairs[k]![1]);
      }
  return { actual, predicted };
}

/** The label-list presentation of a scenario's results. */
const listsText = (
  s: { pos: string; neg: string; what: string },
  lists: { actual: number[]; predicted: number[] },
): string =>
  `${s.what}. Label 1 means ${s.pos} (the positive class), 0 means ${s.neg}. The true labels and the model's predictions, in the same order, are:\n\n\`true:      ${lists.actual.join(' ')}\`\n\n\`predicted: ${lists.predicted.join(' ')}\`\n\n`;

const SCENARIOS: Record<string, { pos: string; neg: string; what: string }> = {
  spam: {
    pos: 'spam',
    neg: 'legitimate',
    what: 'A spam filter is evaluated on a test set of emails',
  },
  disease: {
    pos: 'sick',
    neg: 'healthy',
    what: 'A diagnostic model is evaluated on a group of patients',
  },
  fraud: {
    pos: 'fraudulent',
    neg: 'genuine',
    what: 'A fraud detector is evaluated on a batch of transactions',
  },
  defect: {
    pos: 'defective',
    neg: 'good',
    what: 'A visual inspection model is evaluated on a batch of parts',
  },
};

const NAMES: Record<BinaryMetricName, string> = {
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall (sensitivity)',
  f1: 'F1 score',
  specificity: 'specificity',
};

const FORMULA: Record<BinaryMetricName, string> = {
  accuracy: '\\frac{TP + TN}{TP + TN + FP + FN}',
  precision: '\\frac{TP}{TP + FP}',
  recall: '\\frac{TP}{TP + FN}',
  f1: '\\frac{2 \\cdot P \\cdot R}{P + R} = \\frac{TP}{TP + \\frac{1}{2}(FP + FN)}',
  specificity: '\\frac{TN}{TN + FP}',
};

/** Seed 001: accuracy, precision, recall, F1 and specificity from a confusion matrix. */
/** The denominator of the asked metric (0: the metric is undefined for these counts). */
function metricDenominator(p: { tp: number; fp: number; fn: number; tn: number; metric: string }) {
  switch (p.metric) {
    case 'precision':
      return p.tp + p.fp;
    case 'recall':
      return p.tp + p.fn;
    case 'specificity':
      return p.tn + p.fp;
    case 'f1':
      return 2 * p.tp + p.fp + p.fn;
    default:
      return p.tp + p.fp + p.fn + p.tn;
  }
}

export const metrics = defineTemplate<MetricsParams>({
  id: 'foundations.metrics',
  topic: 'foundations',
  title: 'Classification metrics from a confusion matrix',
  objective:
    'Compute accuracy, precision, recall, F1 and specificity from true/false positive and negative counts.',
  difficulty: 1,
  tags: ['metrics', 'precision', 'recall'],
  kinds: ['numeric', 'single'],
  params: {
    tp: param.int('true positives', [1, 90], { min: 0, max: 1_000_000 }),
    fp: param.int('false positives', [1, 90], { min: 0, max: 1_000_000 }),
    fn: param.int('false negatives', [1, 90], { min: 0, max: 1_000_000 }),
    tn: param.int('true negatives', [1, 90], { min: 0, max: 1_000_000 }),
    metric: param.choice('metric asked', ['accuracy', 'precision', 'recall', 'f1', 'specificity']),
    scenario: param.choice('story', Object.keys(SCENARIOS)),
    format: param.choice('how the results are presented', ['matrix', 'story', 'counts', 'lists']),
  },
  constraints: [
    {
      description: 'the asked metric is defined (its denominator is not 0)',
      check: (p) => metricDenominator(p) > 0,
      params: ['tp', 'fp', 'fn', 'tn', 'metric'],
    },
    {
      description: 'label lists stay short (at most 6 per cell)',
      check: (p) => p.format !== 'lists' || Math.max(p.tp, p.fp, p.fn, p.tn) <= 6,
      params: ['format', 'tp', 'fp', 'fn', 'tn'],
    },
    {
      description: 'FP and FN differ (so precision and recall differ)',
      check: (p) => p.fp !== p.fn,
      prefer: true,
      params: ['fp', 'fn'],
    },
  ],
  sample(rng) {
    const format = rng.choice(['matrix', 'story', 'counts', 'lists']);
    const hi = format === 'lists' ? 6 : 90;
    const [tp, fp, fn, tn] = [rng.int(1, hi), rng.int(1, hi), rng.int(1, hi), rng.int(1, hi)];
    return {
      tp,
      fp,
      fn,
      tn,
      format,
      metric: rng.choice(['accuracy', 'precision', 'recall', 'f1', 'specificity']),
      scenario: rng.choice(Object.keys(SCENARIOS)),
    };
  },
  build(p, ctx) {
    const c = { tp: p.tp, fp: p.fp, fn: p.fn, tn: p.tn };
    const m = p.metric as BinaryMetricName;
    const value = binaryMetric(c, m);
    const s = SCENARIOS[p.scenario]!;
    const n = p.tp + p.fp + p.fn + p.tn;
    const matrix = `\n\\[\\begin{array}{l|cc} & \\text{predicted ${s.pos}} & \\text{predicted ${s.neg}} \\\\ \\hline \\text{actually ${s.pos}} & ${p.tp} & ${p.fn} \\\\ \\text{actually ${s.neg}} & ${p.fp} & ${p.tn} \\end{array}\\]`;
    // Only the asked presentation is built (label lists are long for large counts).
    const story = {
      matrix: () =>
        `${s.what} (${formatInt(n)} in total), with "${s.pos}" as the positive class. The confusion matrix is ${matrix}`,
      story: () =>
        `${s.what}. Of the ${formatInt(p.tp + p.fn)} that are actually ${s.pos}, the model flags ${formatInt(p.tp)} as ${s.pos}; of the ${formatInt(p.fp + p.tn)} that are actually ${s.neg}, it wrongly flags ${formatInt(p.fp)} as ${s.pos}. The positive class is "${s.pos}".`,
      counts: () =>
        `${s.what}, positive class "${s.pos}": TP = ${formatInt(p.tp)}, FP = ${formatInt(p.fp)}, FN = ${formatInt(p.fn)}, TN = ${formatInt(p.tn)}.`,
      lists: () => listsText(s, labelLists(c)),
    }[p.format]!();
    // Another metric may be undefined for pinned counts (precision with TP + FP = 0): NaN, which
    // drops its distractor and its mention in the solution.
    const other = (k: BinaryMetricName) =>
      (k === 'precision'
        ? p.tp + p.fp
        : k === 'recall'
          ? p.tp + p.fn
          : k === 'specificity'
            ? p.tn + p.fp
            : 1) > 0
        ? binaryMetric(c, k)
        : NaN;
    const P = other('precision');
    const R = other('recall');
    const distractors: NumericDistractor[] = (
      ['accuracy', 'precision', 'recall', 'f1', 'specificity'] as BinaryMetricName[]
    )
      .filter((k) => k !== m)
      .map((k) => ({
        value: other(k),
        misconception: `computed-${k}`,
        feedback: `That is the ${NAMES[k]}, not the ${NAMES[m]}.`,
      }));
    distractors.push(
      { value: 1 - value, misconception: 'complement', feedback: `That is 1 − ${NAMES[m]}.` },
      {
        value: (P + R) / 2,
        misconception: 'f1-arithmetic-mean',
        feedback: 'F1 is the harmonic mean of precision and recall, not the arithmetic mean.',
      },
      {
        value: p.tp / (p.tp + p.fp + p.fn),
        misconception: 'wrong-denominator',
        feedback: 'Check the denominator: which counts does this metric condition on?',
      },
    );
    return {
      stem: `${story}${p.format === 'lists' ? '' : ' '}What is the ${NAMES[m]}? Round to 3 decimals.`,
      solution: `With TP = ${p.tp}, FP = ${p.fp}, FN = ${p.fn}, TN = ${p.tn}: ${NAMES[m]} \\(= ${FORMULA[m]} \\approx ${formatFixed(value, 3)}\\).${Number.isFinite(P) && Number.isFinite(R) ? ` (Precision \\(\\approx ${formatFixed(P, 3)}\\), recall \\(\\approx ${formatFixed(R, 3)}\\).)` : ''}`,
      answer: { type: 'numeric', value, decimals: 3, distractors },
    };
  },
});
