import { defineTemplate, param, type NumericDistractor, type ValidDomain } from '@dlexam/generator';
import { intMatrix } from '../draw.js';
import {
  batchNormEval,
  batchNormTrain,
  featureMeans,
  featureVariances,
  formatDecimal,
  layerNorm,
  texMatrix,
  updateRunningStats,
} from '@dlexam/math';

/**
 * Normalization beyond the training-mode forward pass: batch norm at test time (running
 * statistics), the running-statistic update (PyTorch momentum, unbiased variance), and layer norm
 * (statistics over the features of one example) on the same small input.
 */
export type NormalizationModesParams = {
  mode: 'bn-eval' | 'running-mean' | 'running-var' | 'layer-norm';
  /** Rows = samples, feature columns (3 drawn). */
  x: number[][];
  /** bn-eval / running-*: the stored running mean and variance of the asked feature. */
  runningMean: number;
  runningVar: number;
  /** PyTorch momentum of the running statistics. */
  momentum: number;
  gamma: number;
  beta: number;
  sample: number;
  feature: number;
};

const EPS = 1e-5;
const MODES = ['bn-eval', 'running-mean', 'running-var', 'layer-norm'] as const;
const ROWS_SAMPLE: [number, number][] = [3, 4].flatMap((rows) =>
  Array.from({ length: rows }, (_, k): [number, number] => [rows, k + 1]),
);
const noConstantLine = (x: number[][]) =>
  featureVariances(x).every((v) => v > 0) && x.every((r) => new Set(r).size > 1);

/** Validity of γ and β: within ±100, to 4 decimals. */
const AFFINE_VALID: ValidDomain = { min: -100, max: 100, decimals: 4 };

// The `{{dec x k}}` text, without a render.
const d = (x: number, k = 4) => formatDecimal(x, k);

/**
 * What every mode shares: the sample and feature asked for (0-based), the feature count, the
 * per-feature γ, β and running statistics (neutral except at the asked feature), and the opener.
 */
interface ModeInputs {
  opener: string;
  i: number;
  j: number;
  F: number;
  gammaV: number[];
  betaV: number[];
  rm: number[];
  rv: number[];
}

/** The stem, the answer, the worked solution and the wrong answers of one mode. */
interface ModeQuestion {
  stem: string;
  value: number;
  work: string;
  distractors: NumericDistractor[];
}

/** Batch norm in evaluation mode: the running statistics replace the batch's. */
function bnEvalQuestion(p: NormalizationModesParams, m: ModeInputs): ModeQuestion {
  const { opener, i, j, rm, rv, gammaV, betaV } = m;
  const value = batchNormEval(p.x, rm, rv, gammaV, betaV, EPS)[i]![j]!;
  const trainVal = batchNormTrain(p.x, gammaV, betaV, EPS).y[i]![j]!;
  const stem = `${opener} A trained \\(\\texttt{BatchNorm1d}\\) layer is in evaluation mode (\\(\\texttt{model.eval()}\\)). For feature ${p.feature} it stores running mean ${d(p.runningMean)}, running variance ${d(p.runningVar)}, \\(\\gamma = ${d(p.gamma)}\\), \\(\\beta = ${d(p.beta)}\\); \\(\\varepsilon = 10^{-5}\\). What is its output for sample ${p.sample}, feature ${p.feature}? Round to 3 decimals.`;
  const work = `In evaluation mode the stored statistics replace the batch's: \\(y = ${d(p.gamma)}\\cdot\\frac{${p.x[i]![j]} - ${d(p.runningMean)}}{\\sqrt{${d(p.runningVar)} + 10^{-5}}} + ${d(p.beta)} = ${d(value)}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: trainVal,
      misconception: 'used-batch-statistics',
      feedback:
        'You normalized with the batch statistics (training mode); evaluation mode uses the running statistics.',
    },
    {
      value: (p.x[i]![j]! - p.runningMean) / Math.sqrt(p.runningVar + EPS),
      misconception: 'forgot-scale-shift',
      feedback: 'You stopped at x̂ and did not apply γx̂ + β.',
    },
    {
      value: (p.gamma * (p.x[i]![j]! - p.runningMean)) / (p.runningVar + EPS) + p.beta,
      misconception: 'divided-by-variance',
      feedback: 'You divided by the variance instead of its square root.',
    },
    {
      value: p.gamma * p.x[i]![j]! + p.beta,
      misconception: 'no-normalization',
      feedback: 'You skipped the normalization; only γ and β were applied.',
    },
  ];
  return { stem, value, work, distractors };
}

/** One update of the running mean or the running (unbiased) variance. */
function runningStatQuestion(p: NormalizationModesParams, m: ModeInputs): ModeQuestion {
  const { opener, j, rm, rv } = m;
  const col = p.x.map((r) => r[j]!);
  const upd = updateRunningStats(rm, rv, p.x, p.momentum);
  const isMean = p.mode === 'running-mean';
  const value = isMean ? upd.runningMean[j]! : upd.runningVar[j]!;
  const batchStat = isMean ? featureMeans(p.x)[j]! : featureVariances(p.x, true)[j]!;
  const old = isMean ? p.runningMean : p.runningVar;
  const what = isMean ? 'running mean' : 'running variance';
  const stem = `${opener} A \\(\\texttt{BatchNorm1d}\\) layer in training mode processes this batch. Before the step, feature ${p.feature} has running mean ${d(p.runningMean)} and running variance ${d(p.runningVar)}. It updates them as PyTorch does: \\(r \\leftarrow (1 - m)\\,r + m\\,s\\) with momentum \\(m = ${p.momentum}\\), where \\(s\\) is the batch mean (for the running mean) or the UNBIASED batch variance, dividing by \\(N - 1\\) (for the running variance). What is the new ${what} of feature ${p.feature}? Round to 3 decimals.`;
  const work = `Batch ${isMean ? 'mean' : 'unbiased variance'} of feature ${p.feature} (\\(${col.join(',\\ ')}\\)): \\(s = ${d(batchStat)}\\). New ${what}: \\((1 - ${p.momentum})\\cdot ${d(old)} + ${p.momentum}\\cdot ${d(batchStat)} = ${d(value)}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: p.momentum * old + (1 - p.momentum) * batchStat,
      misconception: 'swapped-momentum',
      feedback: 'You weighted the old value by m; PyTorch gives the NEW statistic weight m.',
    },
    {
      value: batchStat,
      misconception: 'replaced-not-averaged',
      feedback: 'You replaced the running value by the batch statistic instead of averaging.',
    },
    {
      value: old,
      misconception: 'no-update',
      feedback: 'Running statistics are updated in training mode.',
    },
  ];
  if (!isMean)
    distractors.push({
      value: (1 - p.momentum) * old + p.momentum * featureVariances(p.x)[j]!,
      misconception: 'biased-variance-in-running',
      feedback:
        'You used the biased variance; PyTorch updates running_var with the unbiased one (N − 1).',
    });
  return { stem, value, work, distractors };
}

/** Layer norm: the statistics of the sample's row. */
function layerNormQuestion(p: NormalizationModesParams, m: ModeInputs): ModeQuestion {
  const { opener, i, j, F, gammaV, betaV } = m;
  const ln = layerNorm(p.x, gammaV, betaV, EPS);
  const value = ln.y[i]![j]!;
  const bnVal = batchNormTrain(p.x, gammaV, betaV, EPS).y[i]![j]!;
  const row = p.x[i]!;
  const mu = ln.mean[i]!;
  const v = ln.variance[i]!;
  const stem = `${opener} It is passed through layer normalization over the ${F} features of each sample: \\(\\hat x_{ij} = (x_{ij} - \\mu_i)/\\sqrt{\\sigma_i^2 + \\varepsilon}\\) with the mean \\(\\mu_i\\) and biased variance \\(\\sigma_i^2\\) of ROW \\(i\\), then \\(y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j\\). Here \\(\\gamma_${p.feature} = ${d(p.gamma)}\\), \\(\\beta_${p.feature} = ${d(p.beta)}\\), \\(\\varepsilon = 10^{-5}\\). What is \\(y_{${p.sample}${p.feature}}\\)? Round to 3 decimals.`;
  const work = `Row ${p.sample} is \\(${row.join(',\\ ')}\\): \\(\\mu = ${d(mu)}\\), \\(\\sigma^2 = ${d(v)}\\). So \\(y = ${d(p.gamma)}\\cdot\\frac{${row[j]} - ${d(mu)}}{\\sqrt{${d(v)} + 10^{-5}}} + ${d(p.beta)} = ${d(value)}\\).`;
  const vU = (v * F) / (F - 1);
  const distractors: NumericDistractor[] = [
    {
      value: bnVal,
      misconception: 'normalized-over-batch',
      feedback:
        'You normalized over the batch (a column), which is batch norm; layer norm uses the row of the sample.',
    },
    {
      value: (p.gamma * (row[j]! - mu)) / Math.sqrt(vU + EPS) + p.beta,
      misconception: 'unbiased-variance',
      feedback: 'You divided by F − 1; layer norm uses the biased variance.',
    },
    {
      value: (row[j]! - mu) / Math.sqrt(v + EPS),
      misconception: 'forgot-scale-shift',
      feedback: 'You stopped at x̂ and did not apply γx̂ + β.',
    },
    {
      value: (p.gamma * (row[j]! - mu)) / (v + EPS) + p.beta,
      misconception: 'divided-by-variance',
      feedback: 'You divided by the variance instead of its square root.',
    },
  ];
  return { stem, value, work, distractors };
}

export const normalizationModes = defineTemplate<NormalizationModesParams>({
  id: 'optimization.normalization-modes',
  topic: 'optimization',
  title: 'Batch norm at test time, running statistics, layer norm',
  objective:
    'Apply batch norm in evaluation mode, update its running statistics, and compute layer norm, on a small input.',
  difficulty: 2,
  tags: ['batch-norm', 'layer-norm', 'normalization'],
  kinds: ['numeric', 'single'],
  params: {
    mode: param.choice('what is computed', MODES),
    // Written in the stem: up to 8 × 8, at least 2 samples (the unbiased variance divides by
    // N − 1) and 2 features (a layer-norm row has a spread).
    x: param.intMatrix('input (samples × 3 features)', [3, 4], [3, 3], [-3, 6], {
      rows: [2, 8],
      cols: [2, 8],
      min: -1000,
      max: 1000,
      decimals: 3,
    }),
    runningMean: param.number('stored running mean of the asked feature', [-2, 2], 0.5, {
      min: -1000,
      max: 1000,
      decimals: 4,
    }),
    runningVar: param.number('stored running variance of the asked feature', [0.5, 4], 0.5, {
      min: 0,
      max: 1000,
      decimals: 4,
    }),
    // 0 keeps the running value, 1 replaces it by the batch statistic.
    momentum: param.choice('running-average momentum (PyTorch convention)', [0.1, 0.2, 0.5], {
      min: 0,
      max: 1,
      decimals: 4,
    }),
    gamma: param.number('γ of the asked feature', [0.5, 2], 0.5, AFFINE_VALID),
    beta: param.number('β of the asked feature', [-1, 1], 0.5, AFFINE_VALID),
    sample: param.int('row asked for (1-based)', [1, 4], { integer: true, min: 1, max: 8 }),
    feature: param.int('feature asked for (1-based)', [1, 3], { integer: true, min: 1, max: 8 }),
  },
  constraints: [
    { description: 'the asked sample exists', check: (p) => p.sample <= p.x.length },
    { description: 'the asked feature exists', check: (p) => p.feature <= (p.x[0]?.length ?? 0) },
    {
      // ε > 0 keeps a constant line well-defined (it normalizes to 0); draws avoid the dull case.
      description: 'no constant row or column',
      check: (p) => noConstantLine(p.x),
      prefer: true,
      params: ['x'],
    },
  ],
  // The schema's draws, with (batch size, asked sample) drawn from the valid pairs and the input
  // redrawn alone until no row or column is constant (uniform over valid sets, as rejection gives).
  sample(rng) {
    const mode = rng.choice(MODES);
    const [rows, sample] = rng.choice(ROWS_SAMPLE);
    let x = intMatrix(rng, rows, 3, -3, 6);
    while (!noConstantLine(x)) x = intMatrix(rng, rows, 3, -3, 6);
    return {
      mode,
      x,
      runningMean: rng.stepped(-2, 2, 0.5),
      runningVar: rng.stepped(0.5, 4, 0.5),
      momentum: rng.choice([0.1, 0.2, 0.5]),
      gamma: rng.stepped(0.5, 2, 0.5),
      beta: rng.stepped(-1, 1, 0.5),
      sample,
      feature: rng.int(1, 3),
    };
  },
  build(p, ctx) {
    const i = p.sample - 1;
    const j = p.feature - 1;
    const F = p.x[0]?.length ?? 0;
    const gammaV = Array.from({ length: F }, (_, k) => (k === j ? p.gamma : 1));
    const betaV = Array.from({ length: F }, (_, k) => (k === j ? p.beta : 0));
    const rm = Array.from({ length: F }, (_, k) => (k === j ? p.runningMean : 0));
    const rv = Array.from({ length: F }, (_, k) => (k === j ? p.runningVar : 1));
    const X = texMatrix(p.x);
    const opener = ctx.rng.choice([
      `The input to a normalization layer is the mini-batch \\(X = ${X}\\) (rows = samples, columns = features).`,
      `A layer receives \\(X = ${X}\\), one sample per row and one feature per column.`,
      `Consider the input batch \\(X = ${X}\\) (each row is a sample with ${F} features).`,
    ]);
    const m: ModeInputs = { opener, i, j, F, gammaV, betaV, rm, rv };
    const { stem, value, work, distractors } =
      p.mode === 'bn-eval'
        ? bnEvalQuestion(p, m)
        : p.mode === 'layer-norm'
          ? layerNormQuestion(p, m)
          : runningStatQuestion(p, m);
    return { stem, solution: work, answer: { type: 'numeric', value, decimals: 3, distractors } };
  },
  fixtures: [
    {
      id: 'T-bn-eval',
      params: {
        mode: 'bn-eval',
        x: [
          [1, 2, 0],
          [3, -1, 2],
          [5, 0, 1],
        ],
        runningMean: 1,
        runningVar: 4,
        momentum: 0.1,
        gamma: 2,
        beta: 0.5,
        sample: 2,
        feature: 1,
      },
      note: 'eval mode: 2·(3 − 1)/√(4 + 1e-5) + 0.5 ≈ 2.500',
    },
  ],
});
