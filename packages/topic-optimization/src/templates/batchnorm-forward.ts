import { defineTemplate, param, type ValidDomain } from '@dlexam/generator';
import { intMatrix } from '../draw.js';
import {
  batchNormTrain,
  featureVariances,
  formatDecimal,
  texMatrix,
  texVector,
} from '@dlexam/math';

/**
 * Batch normalization forward pass in training mode on a small mini-batch (seed 002): batch mean,
 * BIASED batch variance, normalise with ε, then scale and shift with γ and β.
 */
export type BatchnormForwardParams = {
  /** Mini-batch, rows = samples, 2 feature columns. */
  x: number[][];
  gamma: number[];
  beta: number[];
  /** ε = 10^epsExp (unless `epsZero`). */
  epsExp: number;
  /** ε = 0 (a textbook simplification; every feature must then vary over the batch). */
  epsZero: boolean;
  /** Sample (1-based row) and feature (1-based column) asked for. */
  sample: number;
  feature: number;
};

const STEMS = [
  'A batch-normalization layer (as PyTorch `BatchNorm1d` in training mode) receives the mini-batch below: each row is one sample, each column one feature.\n\n\\[X = {{X}}\\]\n\nIt normalizes every feature with the mini-batch mean \\(\\mu_j\\) and the biased variance \\(\\sigma_j^2 = \\frac1N\\sum_i (x_{ij}-\\mu_j)^2\\): \\(\\hat x_{ij} = (x_{ij}-\\mu_j)/\\sqrt{\\sigma_j^2+\\varepsilon}\\), then outputs \\(y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j\\), with \\(\\gamma = {{gamma}}\\), \\(\\beta = {{beta}}\\) and \\({{epsText}}\\). {{ask}}',
  'During training, batch normalization computes for each feature \\(j\\) the mini-batch mean \\(\\mu_j\\) and the variance \\(\\sigma_j^2\\) (dividing by the batch size \\(N\\), not \\(N-1\\)), forms \\(\\hat x_{ij} = \\frac{x_{ij}-\\mu_j}{\\sqrt{\\sigma_j^2+\\varepsilon}}\\) and returns \\(y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j\\). The mini-batch (rows = samples, columns = features) is\n\n\\[X = {{X}}\\]\n\nwith \\(\\gamma = {{gamma}}\\), \\(\\beta = {{beta}}\\), \\({{epsText}}\\). {{ask}}',
  'Normalize this mini-batch of {{n}} samples with {{features}} (one sample per row) using batch normalization in training mode:\n\n\\[X = {{X}}, \\quad \\gamma = {{gamma}}, \\quad \\beta = {{beta}}, \\quad {{epsText}}\\]\n\nUse the mini-batch mean and the biased variance (divide by \\(N = {{n}}\\)), \\(\\hat x = (x-\\mu)/\\sqrt{\\sigma^2+\\varepsilon}\\) and \\(y = \\gamma \\hat x + \\beta\\) per feature. {{ask}}',
];

/** (batch size, asked sample) pairs with the sample inside the batch: uniform over these, as rejection gives. */
const ROWS_SAMPLE: [number, number][] = [3, 4, 5].flatMap((rows) =>
  Array.from({ length: rows }, (_, k): [number, number] => [rows, k + 1]),
);
/** γ ≠ 1 and β ≠ 0 on their 0.5 grids. */
const GAMMAS = [0.5, 1.5, 2, 2.5, 3];
const BETAS = [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2];

/** Validity of γ and β: one value per feature (1–4), within ±10, to 3 decimals. */
const AFFINE_VALID: ValidDomain = { length: [1, 4], min: -10, max: 10, decimals: 3 };

export const batchnormForward = defineTemplate<BatchnormForwardParams>({
  id: 'optimization.batchnorm-forward',
  topic: 'optimization',
  title: 'Batch normalization forward pass',
  objective:
    'Compute the training-mode batch-norm output of a mini-batch: mean, biased variance, normalize, scale and shift.',
  difficulty: 2,
  tags: ['batch-norm', 'normalization', 'seed-002'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    x: param.intMatrix('mini-batch (samples × features)', [3, 5], [2, 2], [-4, 9], {
      rows: [2, 8],
      cols: [1, 4],
      min: -100,
      max: 100,
      decimals: 2,
    }),
    gamma: param.numberVector('scale γ per feature', [2, 2], [0.5, 3], 0.5, AFFINE_VALID),
    beta: param.numberVector('shift β per feature', [2, 2], [-2, 2], 0.5, AFFINE_VALID),
    epsExp: param.choice('ε = 10^epsExp', [-5, -3], { integer: true, min: -12, max: -1 }),
    epsZero: param.choice('ε = 0 instead of 10^epsExp (draws keep ε > 0)', [false, true]),
    sample: param.int('row asked for (1-based)', [1, 5], { min: 1, max: 8 }),
    feature: param.int('feature asked for (1-based)', [1, 2], { min: 1, max: 4 }),
  },
  constraints: [
    {
      description: 'the asked sample exists',
      check: (p) => p.sample <= p.x.length,
      params: ['sample', 'x'],
    },
    {
      description: 'the asked feature exists',
      check: (p) => p.feature <= (p.x[0]?.length ?? 0),
      params: ['feature', 'x'],
    },
    {
      description: 'γ and β hold one value per feature (column of x)',
      check: (p) => p.gamma.length === p.x[0]?.length && p.beta.length === p.x[0]?.length,
      params: ['gamma', 'beta', 'x'],
    },
    {
      description: 'with ε = 0 the asked feature varies over the batch (else x̂ is 0/0)',
      check: (p) => !p.epsZero || (featureVariances(p.x)[p.feature - 1] ?? 0) > 0,
      params: ['epsZero', 'x', 'feature'],
    },
    {
      description: 'no feature is constant over the batch',
      check: (p) => featureVariances(p.x).every((v) => v > 0),
      prefer: true,
      params: ['x'],
    },
    {
      description: 'β is not zero (so forgetting it shows)',
      check: (p) => p.beta.every((b) => b !== 0),
      prefer: true,
      params: ['beta'],
    },
    {
      description: 'γ is not one (so forgetting it shows)',
      check: (p) => p.gamma.every((g) => g !== 1),
      prefer: true,
      params: ['gamma'],
    },
    {
      description: 'ε > 0, as frameworks use',
      check: (p) => !p.epsZero,
      prefer: true,
      params: ['epsZero'],
    },
  ],
  // Draws straight from the allowed values (the schema draw rejected more than half of its sets).
  sample(rng) {
    const [rows, sample] = rng.choice(ROWS_SAMPLE);
    let x = intMatrix(rng, rows, 2, -4, 9);
    while (!featureVariances(x).every((v) => v > 0)) x = intMatrix(rng, rows, 2, -4, 9);
    return {
      x,
      gamma: [rng.choice(GAMMAS), rng.choice(GAMMAS)],
      beta: [rng.choice(BETAS), rng.choice(BETAS)],
      epsExp: rng.choice([-5, -3]),
      epsZero: false,
      sample,
      feature: rng.int(1, 2),
    };
  },
  build(p, ctx) {
    const eps = p.epsZero ? 0 : 10 ** p.epsExp;
    const m = p.x[0]!.length;
    const epsText = p.epsZero ? '\\varepsilon = 0' : `\\varepsilon = 10^{ ${p.epsExp} }`;
    const epsTerm = p.epsZero ? '' : ` + 10^{${p.epsExp}}`;
    const bn = batchNormTrain(p.x, p.gamma, p.beta, eps);
    const i = p.sample - 1;
    const j = p.feature - 1;
    const n = p.x.length;
    const mu = bn.mean[j]!;
    const v = bn.variance[j]!;
    const xij = p.x[i]![j]!;
    const g = p.gamma[j]!;
    const b = p.beta[j]!;
    const answer = bn.y[i]![j]!;
    const vU = (v * n) / (n - 1);
    const d = (x: number, k = 4) => formatDecimal(x, k); // the `{{dec x k}}` text, without a render
    const col = p.x.map((r) => r[j]!);
    const ask =
      ctx.kind === 'table'
        ? `Fill in \\(\\hat x_{i${p.feature}}\\) and \\(y_{i${p.feature}}\\) of feature ${p.feature} for every sample. Round to 3 decimals.`
        : `What is \\(y_{${p.sample}${p.feature}}\\), the output for sample ${p.sample} (row ${p.sample}), feature ${p.feature}? Round to 3 decimals.`;
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      X: texMatrix(p.x),
      gamma: texVector(p.gamma, { row: true }),
      beta: texVector(p.beta, { row: true }),
      epsText,
      features: m === 1 ? '1 feature' : `${m} features`,
      n,
      ask,
    });
    const muText = d(mu);
    const vText = d(v);
    const xHatText = d(bn.xHat[i]![j]!);
    const solution = [
      `Feature ${p.feature} holds \\(${col.join(',\\ ')}\\).`,
      `- Mean: \\(\\mu_${p.feature} = (${col.join(' + ').replace(/\+ -/g, '- ')})/${n} = ${muText}\\).`,
      `- Biased variance: \\(\\sigma_${p.feature}^2 = \\frac1{${n}}\\sum_i (x_{i${p.feature}} - \\mu_${p.feature})^2 = ${vText}\\).`,
      `- Sample ${p.sample}: \\(\\hat x = (${xij} - ${muText})/\\sqrt{${vText}${epsTerm}} = ${xHatText}\\), so \\(y = ${g}\\cdot${xHatText} + (${b}) = ${d(answer)}\\).`,
      `Rounded: \\(y_{${p.sample}${p.feature}} \\approx ${d(answer, 3)}\\). In evaluation mode the layer would use its running mean and variance instead of these batch statistics; \\(\\gamma\\) and \\(\\beta\\) are the only trainable parameters.`,
    ].join('\n\n');
    if (ctx.kind === 'table') {
      return {
        stem,
        solution,
        answer: {
          type: 'table',
          header: ['sample', `x̂ (feature ${p.feature})`, `y (feature ${p.feature})`],
          rows: p.x.map((_, r) => [
            { type: 'text', text: String(r + 1) },
            { type: 'numeric', value: bn.xHat[r]![j]!, decimals: 3 },
            { type: 'numeric', value: bn.y[r]![j]!, decimals: 3 },
          ]),
        },
      };
    }
    const xHatU = (xij - mu) / Math.sqrt(vU + eps);
    return {
      stem,
      solution,
      answer: {
        type: 'numeric',
        value: answer,
        decimals: 3,
        distractors: [
          {
            value: g * xHatU + b,
            misconception: 'unbiased-variance',
            feedback:
              'You divided by N − 1; batch norm normalizes with the biased variance (divide by N).',
          },
          {
            value: bn.xHat[i]![j]!,
            misconception: 'forgot-scale-shift',
            feedback: 'You stopped at x̂ and did not apply y = γx̂ + β.',
          },
          {
            value: (g * (xij - mu)) / (v + eps) + b,
            misconception: 'divided-by-variance',
            feedback: 'You divided by the variance instead of the standard deviation √(σ² + ε).',
          },
          {
            value: g * (bn.xHat[i]![j]! + b),
            misconception: 'shift-before-scale',
            feedback: 'You added β before scaling by γ; the output is γx̂ + β.',
          },
          {
            value: (g * (mu - xij)) / Math.sqrt(v + eps) + b,
            misconception: 'sign-error',
            feedback: 'You subtracted x from the mean; x̂ = (x − μ)/√(σ² + ε).',
          },
        ],
      },
    };
  },
  fixtures: [
    {
      id: 'S002-batchnorm',
      params: {
        x: [
          [1, 2],
          [2, 4],
          [3, 6],
          [6, 0],
        ],
        gamma: [2, 0.5],
        beta: [0.5, -1],
        epsExp: -5,
        epsZero: false,
        sample: 1,
        feature: 1,
      },
      note: 'feature 1 = [1, 2, 3, 6]: μ = 3, biased σ² = 3.5, x̂₁ = −2/√3.50001, y = 2x̂ + 0.5 ≈ −1.638',
    },
  ],
});
