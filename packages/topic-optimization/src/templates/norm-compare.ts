import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type ValidDomain,
} from '@dlexam/generator';
import {
  batchNormTrain,
  formatDecimal,
  formatFixed,
  formatInt,
  layerNorm,
  texMatrix,
} from '@dlexam/math';

/**
 * Batch norm vs layer norm on the same activations (rows = examples, columns = features): batch
 * norm (training mode) normalizes each feature over the batch, layer norm each example over its
 * features; both use the biased variance, ε inside the square root, and a scalar γ, β here.
 */

export type NormCompareParams = {
  method: 'batch' | 'layer';
  /** N examples × D features. */
  x: number[][];
  gamma: number;
  beta: number;
  eps: number;
  /** The entry asked for (1-based). */
  row: number;
  col: number;
};

const f = (x: number) => formatFixed(x, 4);
const n = (x: number) => formatDecimal(x, 5);
/** An activation as the solution writes it: whole numbers as drawn, pinned decimals to 3 places. */
const a = (x: number) => (Number.isInteger(x) ? formatInt(x) : formatDecimal(x, 3));

function normalize(p: NormCompareParams, method: NormCompareParams['method'], eps = p.eps) {
  const d = p.x[0]!.length;
  const g = Array<number>(d).fill(p.gamma);
  const b = Array<number>(d).fill(p.beta);
  if (method === 'batch') {
    const t = batchNormTrain(p.x, g, b, eps);
    return { y: t.y, mean: t.mean[p.col - 1]!, variance: t.variance[p.col - 1]! };
  }
  const t = layerNorm(p.x, g, b, eps);
  return { y: t.y, mean: t.mean[p.row - 1]!, variance: t.variance[p.row - 1]! };
}

export function normCompareAnswer(p: NormCompareParams): number {
  return normalize(p, p.method).y[p.row - 1]![p.col - 1]!;
}

const STEMS = [
  'A layer receives the mini-batch of activations below (rows are the {{N}} examples, columns the {{D}} features). It applies {{method}} in training mode: {{axis}} \\(\\hat x = (x - \\mu)/\\sqrt{\\sigma^2 + \\epsilon}\\) with the biased variance (divide by the count), \\(\\epsilon = {{eps}}\\), then \\(y = \\gamma \\hat x + \\beta\\) with \\(\\gamma = {{gamma}}\\) and \\(\\beta = {{beta}}\\) for every feature. What is the output for example {{row}}, feature {{col}}? Round to 4 decimals.',
  'Apply {{method}} to the activations below ({{N}} examples as rows × {{D}} features as columns). {{axisCap}} Use the biased variance, \\(\\epsilon = {{eps}}\\) inside the square root, and the affine step \\(y = {{gamma}}\\,\\hat x + {{beta}}\\). Give \\(y\\) for example {{row}}, feature {{col}} (4 decimals).',
];

const AXIS = {
  batch:
    'each feature (column) is normalized with the mean μ and variance σ² of that feature over the examples of the batch,',
  layer: 'each example (row) is normalized with the mean μ and variance σ² of its own features,',
};

/** The rows' data: one 2 × 3 activation matrix normalized each way, γ = 1, β = 0, ε = 0. */
const ROW_DATA = {
  x: [
    [1, 2, 3],
    [4, 6, 8],
  ],
  gamma: 1,
  beta: 0,
  eps: 0,
  row: 2,
  col: 3,
};

/** Validity of γ and β: within ±100, to 5 decimals. */
const AFFINE_VALID: ValidDomain = { min: -100, max: 100, decimals: 5 };

export const normCompare = defineTemplate<NormCompareParams>({
  id: 'optimization.norm-compare',
  topic: 'optimization',
  title: 'Batch norm vs layer norm with numbers',
  objective:
    'Normalize the same activations with batch norm (per feature, over the batch) and layer norm (per example, over the features).',
  difficulty: 2,
  tags: ['batch-norm', 'layer-norm', 'normalization'],
  kinds: ['numeric', 'single'],
  params: {
    method: param.choice('batch norm or layer norm', ['batch', 'layer']),
    // A single example or feature is a constant group: valid with ε > 0 (a rule below).
    x: param.intMatrix(
      'activations: N examples (rows) × D features (columns), up to 8 × 8',
      [2, 8],
      [2, 8],
      [-1000, 1000],
      { rows: [1, 8], cols: [1, 8], min: -1000, max: 1000, decimals: 3 },
    ),
    gamma: param.number('scale γ (all features)', [-100, 100], 0.01, AFFINE_VALID),
    beta: param.number('shift β (all features)', [-100, 100], 0.01, AFFINE_VALID),
    // The stem shows ε to 5 decimals (PyTorch's 1e-5 included); ε = 0 as textbooks write it.
    eps: param.number('ε inside the square root', [0, 1], 0.00001, { min: 0, max: 1, decimals: 5 }),
    row: param.int('example asked for (1-based)', [1, 8], { integer: true, min: 1, max: 8 }),
    col: param.int('feature asked for (1-based)', [1, 8], { integer: true, min: 1, max: 8 }),
  },
  constraints: [
    {
      description: 'the asked entry exists',
      check: (p) => p.row <= p.x.length && p.col <= p.x[0]!.length,
    },
    {
      description: 'σ² + ε > 0 for the normalized group (a constant group needs ε > 0)',
      check: (p) => p.eps > 0 || normalize(p, p.method, 0).variance > 0,
    },
  ],
  sample(rng) {
    // Draw preferences: 3 × 3 or 4 × 3 small integers, both groups non-constant, γ ≠ 1 and β ≠ 0.
    for (;;) {
      const N = rng.int(2, 4);
      const D = rng.int(3, 4);
      const x = Array.from({ length: N }, () => Array.from({ length: D }, () => rng.int(-3, 6)));
      const p: NormCompareParams = {
        method: rng.choice(['batch', 'layer'] as const),
        x,
        gamma: rng.choice([0.5, 2, 1.5, 3]),
        beta: rng.choice([-1, -0.5, 0.5, 1]),
        eps: rng.choice([0, 0.00001, 0.001]),
        row: rng.int(1, N),
        col: rng.int(1, D),
      };
      const other = p.method === 'batch' ? 'layer' : 'batch';
      if (
        normalize(p, 'batch', 0).variance > 0 &&
        normalize(p, 'layer', 0).variance > 0 &&
        Math.abs(normCompareAnswer(p) - normalize(p, other).y[p.row - 1]![p.col - 1]!) > 0.01
      )
        return p;
    }
  },
  build(p, ctx) {
    const N = p.x.length;
    const D = p.x[0]!.length;
    const main = normalize(p, p.method);
    const other = normalize(p, p.method === 'batch' ? 'layer' : 'batch');
    const value = main.y[p.row - 1]![p.col - 1]!;
    const xv = p.x[p.row - 1]![p.col - 1]!;
    const group = p.method === 'batch' ? p.x.map((r) => r[p.col - 1]!) : p.x[p.row - 1]!;
    const k = group.length;
    const unbiasedVar = main.variance * (k / Math.max(1, k - 1));
    const xhat = (xv - main.mean) / Math.sqrt(main.variance + p.eps);
    const method = p.method === 'batch' ? 'batch normalization' : 'layer normalization';
    const stem = `${ctx.render(ctx.rng.choice(STEMS), {
      N: formatInt(N),
      D: formatInt(D),
      method,
      axis: AXIS[p.method],
      axisCap: AXIS[p.method].charAt(0).toUpperCase() + AXIS[p.method].slice(1).replace(/,$/, '.'),
      eps: n(p.eps),
      gamma: n(p.gamma),
      beta: n(p.beta),
      row: formatInt(p.row),
      col: formatInt(p.col),
    })}\n\\[${texMatrix(p.x)}\\]`;
    const what =
      p.method === 'batch'
        ? `feature ${p.col} over the ${N} examples`
        : `example ${p.row} over its ${D} features`;
    const solution = `${p.method === 'batch' ? 'Batch' : 'Layer'} norm uses the statistics of ${what}: values ${group.map(a).join(', ')}, mean \\(\\mu = ${f(main.mean)}\\), biased variance \\(\\sigma^2 = ${f(main.variance)}\\).\n\n\\(\\hat x = (${a(xv)} - ${f(main.mean)}) / \\sqrt{${f(main.variance)} + ${n(p.eps)}} = ${f(xhat)}\\), so \\(y = ${n(p.gamma)} \\cdot ${f(xhat)} + ${n(p.beta)} \\approx ${f(value)}\\).\n\n${p.method === 'batch' ? 'Layer' : 'Batch'} norm would use ${p.method === 'batch' ? `example ${p.row}'s features` : `feature ${p.col} over the batch`} instead and give ${f(other.y[p.row - 1]![p.col - 1]!)}.`;
    const distractors: NumericDistractor[] = [
      {
        value: other.y[p.row - 1]![p.col - 1]!,
        misconception: p.method === 'batch' ? 'normalized-per-example' : 'normalized-per-feature',
        feedback:
          p.method === 'batch'
            ? 'Batch norm normalizes each feature over the batch (a column); normalizing an example over its features (a row) is layer norm.'
            : 'Layer norm normalizes each example over its features (a row); normalizing a feature over the batch (a column) is batch norm.',
      },
      {
        value: p.gamma * xhat,
        misconception: 'forgot-beta',
        feedback: 'The affine step adds β after scaling by γ.',
      },
      {
        value: xhat,
        misconception: 'forgot-affine',
        feedback: 'After normalizing, the output is scaled by γ and shifted by β.',
      },
      {
        value: p.gamma * ((xv - main.mean) / (main.variance + p.eps)) + p.beta,
        misconception: 'variance-not-std',
        feedback: 'Divide by the standard deviation √(σ² + ε), not by the variance.',
      },
      ...(k > 1
        ? [
            {
              value: p.gamma * ((xv - main.mean) / Math.sqrt(unbiasedVar + p.eps)) + p.beta,
              misconception: 'unbiased-variance',
              feedback:
                'Normalization uses the biased variance (divide by the count, not count − 1).',
            },
          ]
        : []),
    ];
    if (ctx.kind === 'single') {
      const key = f(value);
      if (new Set(distractors.map((d) => f(d.value)).filter((s) => s !== key)).size < 3)
        throw new GenerationError(
          'fewer than 3 distinct normalization distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    return { stem, solution, answer: { type: 'numeric', value, decimals: 4, distractors } };
  },
  fixtures: [
    {
      id: 'optimization-norm-compare-layer',
      params: {
        method: 'layer',
        ...ROW_DATA,
      },
      note: 'row (4, 6, 8): μ = 6, σ² = 8/3; (8 − 6)/√(8/3) ≈ 1.2247 — γ = 1, β = 0, ε = 0 as textbooks write it',
    },
    {
      id: 'optimization-norm-compare-batch',
      params: {
        method: 'batch',
        ...ROW_DATA,
      },
      note: 'column (3, 8): μ = 5.5, σ² = 6.25; (8 − 5.5)/2.5 = 1',
    },
  ],
});
