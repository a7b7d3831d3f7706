import { ShapeError, type Matrix, type Vector } from './tensor.js';

/**
 * Batch and layer normalization on a small 2-D input (rows = samples, columns = features), as
 * PyTorch `BatchNorm1d` / `LayerNorm` compute them. Variances used to normalize are BIASED (÷N);
 * only the running-variance update uses the unbiased batch variance (÷(N−1)), as PyTorch does.
 */

function checkInput(name: string, x: Matrix, features: number): void {
  if (!x.length || !x[0]!.length) throw new ShapeError(`${name}: empty input`);
  for (const r of x) if (r.length !== x[0]!.length) throw new ShapeError(`${name}: ragged input`);
  if (x[0]!.length !== features)
    throw new ShapeError(`${name}: ${x[0]!.length} features but ${features} γ/β values`);
}

/** Mean of each column. */
export function featureMeans(x: Matrix): Vector {
  return x[0]!.map((_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
}

/** Variance of each column, biased (÷N) by default, unbiased (÷(N−1)) on request. */
export function featureVariances(x: Matrix, unbiased = false): Vector {
  const n = x.length;
  if (unbiased && n < 2)
    throw new ShapeError('featureVariances: unbiased variance needs at least 2 samples');
  const mu = featureMeans(x);
  return mu.map((m, j) => x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / (unbiased ? n - 1 : n));
}

export interface BatchNormTrace {
  /** Batch mean and BIASED batch variance per feature. */
  mean: Vector;
  variance: Vector;
  /** Normalized input x̂ = (x − μ)/√(σ² + ε). */
  xHat: Matrix;
  /** Output γ·x̂ + β. */
  y: Matrix;
}

/** BatchNorm1d in training mode: statistics of this mini-batch, per feature. */
export function batchNormTrain(x: Matrix, gamma: Vector, beta: Vector, eps = 1e-5): BatchNormTrace {
  checkInput('batchNormTrain', x, gamma.length);
  if (beta.length !== gamma.length) throw new ShapeError('batchNormTrain: γ and β lengths differ');
  const mean = featureMeans(x);
  const variance = featureVariances(x);
  const xHat = x.map((r) => r.map((v, j) => (v - mean[j]!) / Math.sqrt(variance[j]! + eps)));
  const y = xHat.map((r) => r.map((v, j) => gamma[j]! * v + beta[j]!));
  return { mean, variance, xHat, y };
}

/** BatchNorm1d in evaluation mode: the running statistics replace the batch's. */
export function batchNormEval(
  x: Matrix,
  runningMean: Vector,
  runningVar: Vector,
  gamma: Vector,
  beta: Vector,
  eps = 1e-5,
): Matrix {
  checkInput('batchNormEval', x, gamma.length);
  if (
    runningMean.length !== gamma.length ||
    runningVar.length !== gamma.length ||
    beta.length !== gamma.length
  )
    throw new ShapeError('batchNormEval: running stats, γ and β must have one value per feature');
  return x.map((r) =>
    r.map(
      (v, j) => (gamma[j]! * (v - runningMean[j]!)) / Math.sqrt(runningVar[j]! + eps) + beta[j]!,
    ),
  );
}

/**
 * PyTorch running-stat update with momentum m (default 0.1): r ← (1−m)·r + m·batchStat, where the
 * variance statistic is the UNBIASED batch variance.
 */
export function updateRunningStats(
  runningMean: Vector,
  runningVar: Vector,
  x: Matrix,
  momentum = 0.1,
): { runningMean: Vector; runningVar: Vector } {
  checkInput('updateRunningStats', x, runningMean.length);
  if (!(momentum > 0 && momentum <= 1))
    throw new RangeError(`updateRunningStats: momentum must be in (0, 1], got ${momentum}`);
  const mean = featureMeans(x);
  const varU = featureVariances(x, true);
  return {
    runningMean: runningMean.map((r, j) => (1 - momentum) * r + momentum * mean[j]!),
    runningVar: runningVar.map((r, j) => (1 - momentum) * r + momentum * varU[j]!),
  };
}

/** LayerNorm over the features of each sample (biased variance), then γ·x̂ + β per feature. */
export function layerNorm(
  x: Matrix,
  gamma: Vector,
  beta: Vector,
  eps = 1e-5,
): { mean: Vector; variance: Vector; y: Matrix } {
  checkInput('layerNorm', x, gamma.length);
  if (beta.length !== gamma.length) throw new ShapeError('layerNorm: γ and β lengths differ');
  const mean = x.map((r) => r.reduce((s, v) => s + v, 0) / r.length);
  const variance = x.map((r, i) => r.reduce((s, v) => s + (v - mean[i]!) ** 2, 0) / r.length);
  const y = x.map((r, i) =>
    r.map((v, j) => (gamma[j]! * (v - mean[i]!)) / Math.sqrt(variance[i]! + eps) + beta[j]!),
  );
  return { mean, variance, y };
}
