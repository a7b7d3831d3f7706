import {
  defineTemplate,
  param,
  type OptionSpec,
  type Rng,
  type TableCellSpec,
} from '@dlexam/generator';
import { diagnoseBiasVariance, formatDecimal, type BiasVarianceLabel } from '@dlexam/math';

/**
 * Bias–variance diagnosis from train/dev (and optionally human-level) errors, seed 004's three
 * scenarios: 18%/19% high bias, 1%/19% high variance, 15%/27% both. The threshold for "high" is
 * stated in the stem, and sampled numbers stay at least one point away from it so no case hinges
 * on a tie.
 */

export const LABELS: readonly BiasVarianceLabel[] = [
  'high-bias',
  'high-variance',
  'high-bias-and-variance',
  'neither',
];

export const LABEL_TEXT: Record<BiasVarianceLabel, string> = {
  'high-bias': 'High bias, low variance (underfitting)',
  'high-variance': 'Low bias, high variance (overfitting)',
  'high-bias-and-variance': 'High bias and high variance',
  neither: 'Low bias and low variance (a good fit)',
};

const NEXT_STEP: Record<BiasVarianceLabel, string> = {
  'high-bias':
    'Reduce bias: train a bigger or more expressive model, train longer, or use less regularization; more data alone will not help.',
  'high-variance':
    'Reduce variance: get more training data, augment the data, or add regularization (dropout, weight decay, early stopping).',
  'high-bias-and-variance':
    'Both are needed: first reduce bias (bigger model, longer training), then reduce variance (more data, regularization).',
  neither: 'No change is urgent: the model is close to human level and generalizes to the dev set.',
};

/** Percent text without TeX (`18%`, `7.5%`, a pinned `0.25%`): every valid value exactly. */
export const pct = (x: number): string => `${formatDecimal(x, DECIMALS)}%`;
export const points = (x: number): string =>
  `${formatDecimal(x, DECIMALS)} percentage ${x === 1 ? 'point' : 'points'}`;

/** Decimals of a valid error rate or threshold (draws use halves). */
const DECIMALS = 2;
/** What an error rate in percent may be; the draws use steps of 0.5. */
const PERCENT = { min: 0, max: 100, decimals: DECIMALS };
/** A threshold in percentage points: any positive gap up to the whole scale. */
const THRESHOLD = { min: 0, minExclusive: true, max: 100, decimals: DECIMALS };
/** Whether a value needs its second decimal (not a whole number of tenths). */
const hundredths = (x: number) => Math.round(x * 100) % 10 !== 0;

const MARGIN = 1;
/** A gap clearly on one side of the threshold. */
const clear = (gap: number, threshold: number) => Math.abs(gap - threshold) >= MARGIN;

/** Draws train/dev (and human) errors, in steps of 0.5, for a wanted diagnosis. */
function drawCase(
  rng: Rng,
  label: BiasVarianceLabel,
  threshold: number,
  human: number,
): { train: number; dev: number } {
  const half = (lo: number, hi: number) => rng.int(Math.round(lo * 2), Math.round(hi * 2)) / 2;
  const highBias = label === 'high-bias' || label === 'high-bias-and-variance';
  const highVar = label === 'high-variance' || label === 'high-bias-and-variance';
  const bias = highBias ? half(threshold + MARGIN, 20) : half(0, threshold - MARGIN);
  const variance = highVar ? half(threshold + MARGIN, 18) : half(0, threshold - MARGIN);
  return { train: human + bias, dev: human + bias + variance };
}

type BiasVarianceDiagnoseParams = {
  train: number;
  dev: number;
  human: number;
  threshold: number;
  ask: string;
};

/**
 * Draws only: dev ≥ train (a dev error below the training error just reads as low variance) and
 * both gaps at least a point from the threshold (a gap on it counts as high, as the stem says).
 */
const pleasant = (p: { train: number; dev: number; human: number; threshold: number }) =>
  p.dev >= p.train && clear(p.train - p.human, p.threshold) && clear(p.dev - p.train, p.threshold);

export const biasVarianceDiagnose = defineTemplate<BiasVarianceDiagnoseParams>({
  id: 'regularization.bias-variance-diagnose',
  topic: 'regularization',
  title: 'Diagnose bias and variance from train/dev errors',
  objective:
    'Decide from training, dev and human-level errors whether a model has high bias, high variance, both or neither, and what to do next.',
  difficulty: 2,
  tags: ['bias-variance', 'diagnosis', 'seed-004'],
  kinds: ['single'],
  params: {
    train: param.number('training error in percent', [0, 40], 0.5, PERCENT),
    dev: param.number('dev (validation) error in percent', [0, 60], 0.5, PERCENT),
    human: param.number(
      'human-level error in percent (0: Bayes error taken as about 0%)',
      [0, 10],
      0.5,
      PERCENT,
    ),
    threshold: param.int(
      'a gap of at least this many percentage points counts as high',
      [2, 6],
      THRESHOLD,
    ),
    ask: param.choice('ask for the diagnosis or for the most promising next step', [
      'diagnosis',
      'next-step',
    ]),
  },
  constraints: [
    {
      // The avoidable bias train − human cannot be negative: no model beats the Bayes error.
      description: 'the human-level error is at most the training error',
      check: (p) => p.human <= p.train,
      params: ['human', 'train'],
    },
    {
      description: 'human ≤ train ≤ dev, and both gaps at least 1 point away from the threshold',
      check: pleasant,
      prefer: true,
      params: ['train', 'dev', 'human', 'threshold'],
    },
  ],
  sample(rng) {
    const threshold = rng.int(2, 6);
    const human = rng.bool(0.5) ? 0 : rng.int(1, 16) / 2;
    const label = rng.choice(LABELS);
    return {
      ...drawCase(rng, label, threshold, human),
      human,
      threshold,
      ask: rng.choice(['diagnosis', 'next-step']),
    };
  },
  build(p, ctx) {
    const d = diagnoseBiasVariance({
      trainError: p.train,
      devError: p.dev,
      humanError: p.human,
      threshold: p.threshold,
    });
    const data = {
      train: pct(p.train),
      dev: pct(p.dev),
      human: pct(p.human),
      thr: points(p.threshold),
      bias: points(d.avoidableBias),
      variance: points(d.variance),
    };
    const baseline =
      p.human > 0
        ? ctx.render(
            'Human-level error on this task is {{human}}; use it as the estimate of the Bayes (optimal) error.',
            data,
          )
        : 'Assume the Bayes (optimal) error of this task is about 0% (humans make almost no mistakes).';
    const rule = ctx.render(
      'Use these definitions: avoidable bias = training error − human-level error, variance = dev error − training error; call either one high when it is at least {{thr}}.',
      data,
    );
    const intro = ctx.render(
      ctx.rng.choice([
        'A classifier reaches a training error of {{train}} and a dev (validation) error of {{dev}}.',
        'After training, your model makes {{train}} errors on the training set and {{dev}} on the development set.',
        'Training-set error: {{train}}. Development-set error: {{dev}}.',
      ]),
      data,
    );
    const question =
      p.ask === 'diagnosis'
        ? ctx.rng.choice([
            'What is the diagnosis?',
            'Which description fits this model best?',
            'How would you describe the bias and variance of this model?',
          ])
        : ctx.rng.choice([
            'What is the most promising next step?',
            'Which change should you try first?',
          ]);
    const why = (l: BiasVarianceLabel): { misconception: string; feedback: string } => {
      const b = `the avoidable bias is ${data.bias}`;
      const v = `the variance (dev − train) is ${data.variance}`;
      /** Both gaps reach the threshold, and the option names only the one `right` states. */
      const halfRight = (misconception: string, right: string, other: string) => ({
        misconception,
        feedback: `Half right: ${right}, but ${other}, which is also at least ${data.thr}.`,
      });
      switch (l) {
        case 'high-bias':
          return d.highBias
            ? halfRight('missed-high-variance', b, v)
            : {
                misconception: 'read-dev-error-as-bias',
                feedback: `Bias is measured on the training set against human level: ${b}, below ${data.thr}.`,
              };
        case 'high-variance':
          return d.highVariance
            ? halfRight('missed-high-bias', v, b)
            : {
                misconception: 'absolute-dev-error-as-variance',
                feedback: `Variance is the gap between dev and training error, not the dev error itself: ${v}, below ${data.thr}.`,
              };
        case 'high-bias-and-variance':
          return {
            misconception: 'both-high-by-default',
            feedback: `Only one gap reaches ${data.thr}: ${b} and ${v}.`,
          };
        case 'neither':
          return {
            misconception: 'ignored-gaps',
            feedback: `At least one gap reaches ${data.thr}: ${b} and ${v}.`,
          };
      }
    };
    const options: OptionSpec[] = LABELS.map((l) => {
      const text = p.ask === 'diagnosis' ? LABEL_TEXT[l] : NEXT_STEP[l];
      return l === d.label
        ? { text, correct: true, feedback: `Correct: ${data.bias} and ${data.variance}.` }
        : { text, correct: false, ...why(l) };
    });
    const solution = [
      ctx.render(
        'Avoidable bias = {{train}} − {{human}} = {{bias}}. Variance = {{dev}} − {{train}} = {{variance}}.',
        data,
      ),
      `Bias is ${d.highBias ? 'high' : 'low'} and variance is ${d.highVariance ? 'high' : 'low'} (threshold ${data.thr}), so: ${LABEL_TEXT[d.label]}.`,
      `Next step: ${NEXT_STEP[d.label]}`,
    ].join('\n\n');
    return {
      stem: [intro, baseline, rule, question].join('\n\n'),
      solution,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S004-bias-variance-diagnose',
      params: { train: 18, dev: 19, human: 0, threshold: 5, ask: 'diagnosis' },
    },
    {
      id: 'S004-bias-variance-diagnose-variance',
      params: { train: 1, dev: 19, human: 0, threshold: 5, ask: 'diagnosis' },
    },
    {
      id: 'S004-bias-variance-diagnose-both',
      params: { train: 15, dev: 27, human: 0, threshold: 5, ask: 'diagnosis' },
    },
  ],
});

type BiasVarianceDiagnoseTableParams = { train: number[]; dev: number[]; threshold: number };

/** Models a table may list (rows A–H). */
const MAX_MODELS = 8;
const COUNT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

const DIAG_OPTIONS = LABELS.map((l) => LABEL_TEXT[l]);

export const biasVarianceDiagnoseTable = defineTemplate<BiasVarianceDiagnoseTableParams>({
  id: 'regularization.bias-variance-diagnose-table',
  topic: 'regularization',
  title: 'Bias–variance diagnosis table',
  objective:
    'Compute avoidable bias and variance for several train/dev error pairs and classify each model.',
  difficulty: 2,
  tags: ['bias-variance', 'diagnosis', 'table', 'seed-004'],
  kinds: ['table'],
  params: {
    train: param.numberVector(
      'training errors of the three models in percent',
      [3, 3],
      [0, 40],
      0.5,
      { ...PERCENT, length: [1, MAX_MODELS] },
    ),
    dev: param.numberVector('dev errors of the three models in percent', [3, 3], [0, 60], 0.5, {
      ...PERCENT,
      length: [1, MAX_MODELS],
    }),
    threshold: param.int(
      'a gap of at least this many percentage points counts as high',
      [2, 6],
      THRESHOLD,
    ),
  },
  constraints: [
    {
      description: 'one training and one dev error per model',
      check: (p) => p.train.length === p.dev.length,
      params: ['train', 'dev'],
    },
    {
      description: 'every model has dev ≥ train with both gaps at least 1 point from the threshold',
      check: (p) =>
        p.train.every((t, i) =>
          pleasant({ train: t, dev: p.dev[i] ?? t, human: 0, threshold: p.threshold }),
        ),
      prefer: true,
      params: ['train', 'dev', 'threshold'],
    },
  ],
  sample(rng) {
    const threshold = rng.int(2, 6);
    const labels = rng.sample(LABELS, 3);
    const cases = labels.map((l) => drawCase(rng, l, threshold, 0));
    return { train: cases.map((c) => c.train), dev: cases.map((c) => c.dev), threshold };
  },
  build(p, ctx) {
    const n = p.train.length;
    const count = COUNT_WORDS[n - 1] ?? String(n);
    const Count = count.charAt(0).toUpperCase() + count.slice(1);
    // Gaps of values on tenths (every draw) to 1 decimal; a pinned 0.25% needs 2.
    const decimals = [...p.train, ...p.dev].some(hundredths) ? 2 : 1;
    const tolerance = decimals === 1 ? 0.05 : 0.005;
    const diagnoses = p.train.map((t, i) =>
      diagnoseBiasVariance({ trainError: t, devError: p.dev[i]!, threshold: p.threshold }),
    );
    const rows: TableCellSpec[][] = p.train.map((t, i) => {
      const d = diagnoses[i]!;
      return [
        {
          type: 'text',
          text: `Model ${String.fromCharCode(65 + i)}: train ${pct(t)}, dev ${pct(p.dev[i]!)}`,
        },
        { type: 'numeric', value: d.avoidableBias, decimals, tolerance },
        { type: 'numeric', value: d.variance, decimals, tolerance },
        { type: 'choice', options: DIAG_OPTIONS, correct: LABELS.indexOf(d.label) },
      ];
    });
    const stem = [
      ctx.rng.choice([
        n === 1
          ? 'One model was trained on a task. Its training and dev (validation) errors are given in the table.'
          : `${Count} models were trained on the same task. Their training and dev (validation) errors are given in the table.`,
        `You compare ${n === 1 ? 'a trained classifier' : `${count} trained classifiers`} by ${n === 1 ? 'its' : 'their'} training-set and development-set errors (table below).`,
      ]),
      ctx.render(
        `Assume the Bayes (optimal) error is about 0%. For each model give the avoidable bias (training error − 0%) and the variance (dev error − training error) in percentage points to ${decimals === 1 ? '1 decimal' : `${decimals} decimals`}, and choose the diagnosis. A gap of at least {{thr}} counts as high.`,
        { thr: points(p.threshold) },
      ),
    ].join('\n\n');
    const solution = p.train
      .map((t, i) => {
        const d = diagnoses[i]!;
        return `- Model ${String.fromCharCode(65 + i)}: bias ${points(d.avoidableBias)}, variance ${pct(p.dev[i]!)} − ${pct(t)} = ${points(d.variance)}: ${LABEL_TEXT[d.label]}.`;
      })
      .join('\n');
    return {
      stem,
      solution: `Avoidable bias is the training error itself (Bayes error ≈ 0%); variance is the dev − train gap.\n\n${solution}`,
      answer: {
        type: 'table',
        header: ['Model', 'Avoidable bias (points)', 'Variance (points)', 'Diagnosis'],
        rows,
      },
    };
  },
  fixtures: [
    {
      id: 'S004-bias-variance-diagnose-table',
      kind: 'table',
      params: { train: [18, 1, 15], dev: [19, 19, 27], threshold: 5 },
    },
  ],
});
