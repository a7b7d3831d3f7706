import {
  defineTemplate,
  GenerationError,
  type NumericDistractor,
  type TableCellSpec,
  param,
} from '@dlexam/generator';
import { formatFixed, formatInt, multiclassMetrics, type MulticlassMetrics } from '@dlexam/math';

/**
 * Multi-class evaluation from a confusion matrix (rows: actual class, columns: predicted class):
 * per-class precision, recall and F1; macro, micro and support-weighted averages; accuracy and
 * balanced accuracy. Macro-F1 is the mean of the per-class F1 scores (scikit-learn), not the F1 of
 * the macro precision and recall; a ratio with a zero denominator counts as 0.
 */

export const MULTICLASS_METRICS = [
  'precision',
  'recall',
  'f1',
  'macro-precision',
  'macro-recall',
  'macro-f1',
  'micro-f1',
  'weighted-f1',
  'accuracy',
  'balanced-accuracy',
] as const;
export type MulticlassMetricName = (typeof MULTICLASS_METRICS)[number];

export type MulticlassMetricsParams = {
  /** m[i][j]: examples of actual class i predicted as class j. */
  matrix: number[][];
  metric: MulticlassMetricName;
  /** The class asked about by the per-class metrics (0-based). */
  cls: number;
  classes: 'animals' | 'digits' | 'weather';
};

const CLASS_NAMES: Record<MulticlassMetricsParams['classes'], string[]> = {
  animals: ['cat', 'dog', 'bird', 'fish', 'horse', 'sheep', 'cow', 'frog'],
  digits: ['0', '1', '2', '3', '4', '5', '6', '7'],
  weather: ['sunny', 'cloudy', 'rainy', 'snowy', 'foggy', 'windy', 'stormy', 'hail'],
};

const PER_CLASS = new Set<MulticlassMetricName>(['precision', 'recall', 'f1']);

/** The asked value. */
export function multiclassAnswer(
  p: MulticlassMetricsParams,
  m = multiclassMetrics(p.matrix),
): number {
  const c = m.perClass[p.cls]!;
  switch (p.metric) {
    case 'precision':
      return c.precision;
    case 'recall':
      return c.recall;
    case 'f1':
      return c.f1;
    case 'macro-precision':
      return m.macro.precision;
    case 'macro-recall':
      return m.macro.recall;
    case 'macro-f1':
      return m.macro.f1;
    case 'micro-f1':
      return m.micro.f1;
    case 'weighted-f1':
      return m.weighted.f1;
    case 'accuracy':
      return m.accuracy;
    case 'balanced-accuracy':
      return m.balancedAccuracy;
  }
}

const transpose = (x: number[][]) => x[0]!.map((_, j) => x.map((r) => r[j]!));

const ASK: Record<MulticlassMetricName, string> = {
  precision: 'the precision of class {{name}}',
  recall: 'the recall of class {{name}}',
  f1: 'the F1 score of class {{name}}',
  'macro-precision': 'the macro-averaged precision (unweighted mean over the classes)',
  'macro-recall': 'the macro-averaged recall (unweighted mean over the classes)',
  'macro-f1': 'the macro-averaged F1 score (the unweighted mean of the per-class F1 scores)',
  'micro-f1':
    'the micro-averaged F1 score (from the true positives, false positives and false negatives summed over the classes)',
  'weighted-f1':
    "the weighted F1 score (per-class F1 scores averaged with weights proportional to each class's number of true examples)",
  accuracy: 'the accuracy',
  'balanced-accuracy': 'the balanced accuracy (the mean of the per-class recalls)',
};

const STEMS = [
  'A {{n}}-class classifier is evaluated on {{total}} test examples. In the confusion matrix below, row i counts the examples whose true class is i and column j those predicted as j. Compute {{ask}}. Round to 3 decimals.',
  'The confusion matrix of a classifier with {{n}} classes is shown below (rows: actual class, columns: predicted class; {{total}} examples). What is {{ask}}? Give 3 decimals.',
  'Rows are the true classes and columns the predicted classes of {{total}} test examples in this confusion matrix. Find {{ask}}, rounded to 3 decimal places.',
];
const TABLE_STEMS = [
  'A {{n}}-class classifier is evaluated on {{total}} test examples. In the confusion matrix below, row i counts the examples whose true class is i and column j those predicted as j. Fill in the precision, recall and F1 score of every class (3 decimals).',
  'From this confusion matrix (rows: actual class, columns: predicted class; {{total}} examples) compute each class’s precision, recall and F1 score, rounded to 3 decimals.',
];

const f3 = (x: number) => formatFixed(x, 3);

function matrixTex(p: MulticlassMetricsParams, names: string[]): string {
  const n = p.matrix.length;
  const head = names.map((s) => `\\text{${s}}`).join(' & ');
  const rows = p.matrix
    .map((r, i) => `\\text{${names[i]}} & ${r.map((x) => formatInt(x)).join(' & ')}`)
    .join(' \\\\ ');
  return `\\[\\begin{array}{l|${'c'.repeat(n)}} \\text{actual} \\backslash \\text{predicted} & ${head} \\\\ \\hline ${rows} \\end{array}\\]`;
}

const SWAP = {
  misconception: 'rows-columns-swapped',
  feedback:
    'Rows are the actual classes and columns the predictions: precision divides by a column sum, recall by a row sum.',
};

/** Precision and recall of one class: the same wrong answers, each told in terms of the metric. */
const RATES = {
  precision: {
    name: 'precision',
    of: 'everything predicted as this class (its column)',
    part: 'its column',
    formula: 'TP / (TP + FP)',
  },
  recall: {
    name: 'recall',
    of: 'the examples that really are this class (its row)',
    part: 'its row',
    formula: 'TP / (TP + FN)',
  },
};

/** The wrong answers to a class's precision or recall; `swapped` is the other one of the two. */
function rateDistractors(
  rate: (typeof RATES)[keyof typeof RATES],
  swapped: number,
  c: MulticlassMetrics['perClass'][number],
  m: MulticlassMetrics,
): NumericDistractor[] {
  const Name = rate.name.charAt(0).toUpperCase() + rate.name.slice(1);
  return [
    { value: swapped, ...SWAP },
    {
      value: c.tp / m.total,
      misconception: 'divided-by-total',
      feedback: `${Name} divides the true positives by ${rate.of}, not by all examples.`,
    },
    {
      value: m.accuracy,
      misconception: `accuracy-for-${rate.name}`,
      feedback: `That is the overall accuracy; ${rate.name} is about one class: ${rate.part}.`,
    },
    {
      value: c.f1,
      misconception: `f1-for-${rate.name}`,
      feedback: `That is the F1 score; ${rate.name} is ${rate.formula}.`,
    },
    {
      value: c.tp / (c.tp + c.fp + c.fn || 1),
      misconception: 'jaccard',
      feedback: `TP / (TP + FP + FN) is the Jaccard index (IoU), not ${rate.name}.`,
    },
  ];
}

/** Wrong answers to a class's F1: the arithmetic mean, one of its two parts, Jaccard, accuracy. */
function f1Distractors(
  c: MulticlassMetrics['perClass'][number],
  m: MulticlassMetrics,
): NumericDistractor[] {
  return [
    {
      value: (c.precision + c.recall) / 2,
      misconception: 'arithmetic-mean',
      feedback: 'F1 is the harmonic mean 2PR / (P + R), not the arithmetic mean.',
    },
    {
      value: c.precision,
      misconception: 'precision-for-f1',
      feedback: 'That is the precision; F1 combines it with the recall.',
    },
    {
      value: c.recall,
      misconception: 'recall-for-f1',
      feedback: 'That is the recall; F1 combines it with the precision.',
    },
    {
      value: c.tp / (c.tp + c.fp + c.fn || 1),
      misconception: 'jaccard',
      feedback: 'TP / (TP + FP + FN) is the Jaccard index; F1 is 2TP / (2TP + FP + FN).',
    },
    {
      value: m.accuracy,
      misconception: 'accuracy-for-f1',
      feedback: 'That is the overall accuracy, not the F1 score of one class.',
    },
  ];
}

/** Wrong answers to the macro precision: the swapped rate, weighted, micro, macro F1. */
function macroPrecisionDistractors(m: MulticlassMetrics): NumericDistractor[] {
  return [
    { value: m.macro.recall, ...SWAP },
    {
      value: m.weighted.precision,
      misconception: 'weighted-for-macro',
      feedback: 'The macro average weights every class equally, whatever its number of examples.',
    },
    {
      value: m.micro.precision,
      misconception: 'micro-for-macro',
      feedback:
        'Summing TP and FP over the classes gives the micro average (= accuracy); macro averages the per-class precisions.',
    },
    {
      value: m.macro.f1,
      misconception: 'f1-for-precision',
      feedback: 'That is the macro F1; the question asks for precision.',
    },
  ];
}

/** Wrong answers to the mean of the per-class recalls (macro recall, balanced accuracy). */
function meanRecallDistractors(m: MulticlassMetrics): NumericDistractor[] {
  return [
    { value: m.macro.precision, ...SWAP },
    {
      value: m.accuracy,
      misconception: 'accuracy-for-balanced',
      feedback:
        'Accuracy weights every example equally; the mean of the per-class recalls weights every class equally.',
    },
    {
      value: m.weighted.precision,
      misconception: 'weighted-precision',
      feedback:
        'That is the support-weighted precision; this metric averages the recalls, one per class, with equal weights.',
    },
    {
      value: m.macro.f1,
      misconception: 'f1-for-recall',
      feedback: 'That is the macro F1, not the mean recall.',
    },
  ];
}

/** Wrong answers to the macro F1: the F1 of the averages, weighted, micro, arithmetic mean. */
function macroF1Distractors(m: MulticlassMetrics): NumericDistractor[] {
  const f1OfMacro =
    (2 * m.macro.precision * m.macro.recall) / (m.macro.precision + m.macro.recall || 1);
  return [
    {
      value: f1OfMacro,
      misconception: 'f1-of-averages',
      feedback:
        'Macro-F1 here is the mean of the per-class F1 scores, not the F1 of the macro precision and macro recall.',
    },
    {
      value: m.weighted.f1,
      misconception: 'weighted-for-macro',
      feedback:
        'The macro average weights every class equally; weighting by the number of examples gives the weighted F1.',
    },
    {
      value: m.micro.f1,
      misconception: 'micro-for-macro',
      feedback:
        'Summing the counts over the classes gives the micro F1 (= accuracy); macro averages the per-class scores.',
    },
    {
      value: (m.macro.precision + m.macro.recall) / 2,
      misconception: 'arithmetic-mean',
      feedback:
        'F1 is a harmonic mean per class; averaging precision and recall is something else.',
    },
  ];
}

/** Wrong answers to the accuracy (= micro F1): macro, balanced, weighted averages. */
function accuracyDistractors(m: MulticlassMetrics): NumericDistractor[] {
  return [
    {
      value: m.macro.f1,
      misconception: 'macro-for-micro',
      feedback:
        'For single-label data the micro-averaged F1 equals the accuracy: correct predictions (the diagonal) over all examples.',
    },
    {
      value: m.balancedAccuracy,
      misconception: 'balanced-for-accuracy',
      feedback:
        'The mean of the per-class recalls is the balanced accuracy; accuracy counts the diagonal over all examples.',
    },
    {
      value: m.weighted.f1,
      misconception: 'weighted-for-micro',
      feedback:
        'That is the support-weighted F1; the micro average pools the counts of all classes.',
    },
    {
      value: m.macro.precision,
      misconception: 'macro-precision',
      feedback: 'That is the macro precision; the diagonal over the total is what is asked.',
    },
  ];
}

/** Wrong answers to the weighted F1: macro, micro, weights by predictions, weighted recall. */
function weightedF1Distractors(
  p: MulticlassMetricsParams,
  m: MulticlassMetrics,
): NumericDistractor[] {
  const t = multiclassMetrics(transpose(p.matrix));
  return [
    {
      value: m.macro.f1,
      misconception: 'macro-for-weighted',
      feedback:
        'The weighted F1 weights each class by its number of true examples (its row sum); the plain mean is the macro F1.',
    },
    {
      value: m.micro.f1,
      misconception: 'micro-for-weighted',
      feedback: 'That is the micro F1 (= accuracy), from pooled counts.',
    },
    {
      value: t.weighted.f1,
      misconception: 'weights-by-predictions',
      feedback:
        'The weights are the numbers of TRUE examples of each class (row sums), not of predictions.',
    },
    {
      value: m.weighted.recall,
      misconception: 'weighted-recall',
      feedback: 'The weighted recall equals the accuracy; the question asks for the weighted F1.',
    },
  ];
}

function distractorsFor(p: MulticlassMetricsParams, m: MulticlassMetrics): NumericDistractor[] {
  const c = m.perClass[p.cls]!;
  switch (p.metric) {
    case 'precision':
      return rateDistractors(RATES.precision, c.recall, c, m);
    case 'recall':
      return rateDistractors(RATES.recall, c.precision, c, m);
    case 'f1':
      return f1Distractors(c, m);
    case 'macro-precision':
      return macroPrecisionDistractors(m);
    case 'macro-recall':
    case 'balanced-accuracy':
      return meanRecallDistractors(m);
    case 'macro-f1':
      return macroF1Distractors(m);
    case 'micro-f1':
    case 'accuracy':
      return accuracyDistractors(m);
    case 'weighted-f1':
      return weightedF1Distractors(p, m);
  }
}

/** The confusion matrix of the seed rows (rows: true class, columns: predicted). */
const ROW_MATRIX = [
  [5, 2, 0],
  [3, 3, 2],
  [0, 1, 11],
];

export const multiclassMetricsTemplate = defineTemplate<MulticlassMetricsParams>({
  id: 'foundations.multiclass-metrics',
  topic: 'foundations',
  title: 'Multi-class precision, recall, F1 and their averages',
  objective:
    'Compute per-class precision, recall and F1, their macro, micro and weighted averages, accuracy and balanced accuracy from a confusion matrix.',
  difficulty: 2,
  tags: ['metrics', 'confusion matrix', 'precision', 'recall', 'F1', 'multi-class'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    // Draws fill the same domain: what the math takes, within an 8 × 8 stem.
    matrix: param.intMatrix(
      'confusion matrix: row = actual class, column = predicted class (square, 2–8 classes)',
      [2, 8],
      [2, 8],
      [0, 100000],
      { rows: [2, 8], cols: [2, 8], min: 0, max: 100000 },
    ),
    metric: param.choice('the metric asked for (numeric, single)', MULTICLASS_METRICS),
    cls: param.int('class asked about by precision / recall / f1 (0-based)', [0, 7], {
      min: 0,
      max: 7,
    }),
    classes: param.choice('class names', ['animals', 'digits', 'weather']),
  },
  constraints: [
    {
      description: 'the matrix is square',
      check: (p) => p.matrix.every((r) => r.length === p.matrix.length),
    },
    {
      description: 'the matrix counts at least one example',
      check: (p) => p.matrix.some((r) => r.some((x) => x > 0)),
    },
    {
      description: 'the asked class is one of the matrix’s classes',
      check: (p) => p.cls < p.matrix.length,
    },
  ],
  sample(rng) {
    // Draw preferences: 3–4 classes, a dominant diagonal, every class both present and predicted.
    const n = rng.choice([3, 3, 4]);
    for (;;) {
      const matrix = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? rng.int(4, 20) : rng.int(0, 5))),
      );
      const cols = matrix[0]!.map((_, j) => matrix.reduce((s, r) => s + r[j]!, 0));
      if (cols.every((c) => c > 0))
        return {
          matrix,
          metric: rng.choice(MULTICLASS_METRICS),
          cls: rng.int(0, n - 1),
          classes: rng.choice(['animals', 'digits', 'weather'] as const),
        };
    }
  },
  build(p, ctx) {
    const m = multiclassMetrics(p.matrix);
    const names = CLASS_NAMES[p.classes].slice(0, p.matrix.length);
    const n = p.matrix.length;
    const matrix = matrixTex(p, names);
    const zeroNote = m.perClass.some((c) => c.tp + c.fp === 0 || c.support === 0)
      ? ' A ratio whose denominator is 0 counts as 0.'
      : '';
    const per = m.perClass
      .map(
        (c, k) =>
          `- ${names[k]}: TP = ${formatInt(c.tp)}, FP = ${formatInt(c.fp)} (rest of its column), FN = ${formatInt(c.fn)} (rest of its row); P = ${formatInt(c.tp)}/${formatInt(c.tp + c.fp)} ≈ ${f3(c.precision)}, R = ${formatInt(c.tp)}/${formatInt(c.support)} ≈ ${f3(c.recall)}, F1 = 2PR/(P + R) ≈ ${f3(c.f1)}`,
      )
      .join('\n');
    const summary = `Accuracy = diagonal / total = ${formatInt(m.perClass.reduce((s, c) => s + c.tp, 0))}/${formatInt(m.total)} ≈ ${f3(m.accuracy)} (= micro precision, recall and F1). Balanced accuracy = mean recall ≈ ${f3(m.balancedAccuracy)}. Macro precision ≈ ${f3(m.macro.precision)}, macro recall ≈ ${f3(m.macro.recall)}, macro F1 (mean of the per-class F1) ≈ ${f3(m.macro.f1)}. Weighted F1 (weights = row sums ${m.perClass.map((c) => formatInt(c.support)).join(', ')}) ≈ ${f3(m.weighted.f1)}.`;
    const solution = `Per class, TP is the diagonal entry, precision divides it by its column sum and recall by its row sum:\n\n${per}\n\n${summary}`;
    const data = { n: formatInt(n), total: formatInt(m.total) };
    if (ctx.kind === 'table') {
      const rows: TableCellSpec[][] = m.perClass.map((c, k) => [
        { type: 'text', text: names[k]! },
        { type: 'numeric', value: c.precision, decimals: 3 },
        { type: 'numeric', value: c.recall, decimals: 3 },
        { type: 'numeric', value: c.f1, decimals: 3 },
      ]);
      return {
        stem: `${ctx.render(ctx.rng.choice(TABLE_STEMS), data)}${zeroNote}\n${matrix}`,
        solution,
        answer: { type: 'table', header: ['Class', 'Precision', 'Recall', 'F1'], rows },
      };
    }
    const ask = ctx.render(ASK[p.metric], { name: PER_CLASS.has(p.metric) ? names[p.cls]! : '' });
    const value = multiclassAnswer(p, m);
    const distractors = distractorsFor(p, m);
    if (ctx.kind === 'single') {
      const shown = new Set(distractors.map((d) => f3(d.value)).filter((s) => s !== f3(value)));
      // Worded like the generator's own refusal: a pinned matrix keeps its numeric and table kinds.
      if (shown.size < 3)
        throw new GenerationError(
          `only ${shown.size} distinct metric distractors; single choice needs 3 (the numeric kind keeps the question)`,
        );
    }
    return {
      stem: `${ctx.render(ctx.rng.choice(STEMS), { ...data, ask })}${zeroNote}\n${matrix}`,
      solution,
      answer: { type: 'numeric', value, decimals: 3, distractors },
    };
  },
  fixtures: [
    {
      id: 'foundations-multiclass-3x3-macro-f1',
      params: {
        matrix: ROW_MATRIX,
        metric: 'macro-f1',
        cls: 0,
        classes: 'animals',
      },
      note: 'F1 per class 2/3, 3/7, 22/25: macro F1 ≈ 0.658',
    },
    {
      id: 'foundations-multiclass-3x3-table',
      params: {
        matrix: ROW_MATRIX,
        metric: 'precision',
        cls: 1,
        classes: 'animals',
      },
      kind: 'table',
    },
  ],
});
