import type { Vector } from './tensor.js';

/**
 * Regularization math: L1/L2 penalties and the gradient steps they induce, Adam with L2 in the
 * gradient vs decoupled weight decay (AdamW), dropout expectations, the bias–variance diagnosis
 * from train/dev errors, and early-stopping epoch selection. Conventions are explicit parameters
 * because exam answers depend on them (λ‖w‖² vs (λ/2)‖w‖², sign(0), p = drop probability).
 */

function assertFiniteVector(name: string, v: Vector): void {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    throw new RangeError(`${name} must be an array of finite numbers`);
}

function assertSameLength(a: Vector, b: Vector, what: string): void {
  if (a.length !== b.length)
    throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}

function assertNonNegative(name: string, x: number): void {
  if (!Number.isFinite(x) || x < 0)
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${x}`);
}

/** sign(x) with sign(0) = 0: the subgradient of |x| at 0 that frameworks use (torch.sign). */
export function penaltySign(x: number): -1 | 0 | 1 {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

export type PenaltyKind = 'l1' | 'l2';

/** 'lambda': penalty λ‖w‖² (gradient 2λw); 'half-lambda': penalty (λ/2)‖w‖² (gradient λw). */
export type L2Convention = 'lambda' | 'half-lambda';

/** λ·Σ|wᵢ|. */
export function l1Penalty(w: Vector, lambda: number): number {
  assertFiniteVector('w', w);
  assertNonNegative('lambda', lambda);
  return lambda * w.reduce((s, x) => s + Math.abs(x), 0);
}

/** λ·Σwᵢ² (or λ/2·Σwᵢ² with the 'half-lambda' convention). */
export function l2Penalty(w: Vector, lambda: number, convention: L2Convention = 'lambda'): number {
  assertFiniteVector('w', w);
  assertNonNegative('lambda', lambda);
  const sq = w.reduce((s, x) => s + x * x, 0);
  return (convention === 'lambda' ? lambda : lambda / 2) * sq;
}

/** ∂/∂wᵢ of λΣ|wᵢ| = λ·sign(wᵢ), with sign(0) = 0. */
export function l1PenaltyGrad(w: Vector, lambda: number): Vector {
  assertFiniteVector('w', w);
  assertNonNegative('lambda', lambda);
  return w.map((x) => lambda * penaltySign(x));
}

/** ∂/∂wᵢ of λΣwᵢ² = 2λwᵢ ('lambda') or of (λ/2)Σwᵢ² = λwᵢ ('half-lambda'). */
export function l2PenaltyGrad(
  w: Vector,
  lambda: number,
  convention: L2Convention = 'lambda',
): Vector {
  assertFiniteVector('w', w);
  assertNonNegative('lambda', lambda);
  const k = convention === 'lambda' ? 2 * lambda : lambda;
  return w.map((x) => k * x);
}

export interface PenalizedStepOptions {
  penalty: PenaltyKind;
  /** Learning rate α. */
  alpha: number;
  /** Regularization strength λ. */
  lambda: number;
  /** L2 only; default 'lambda' (penalty λ‖w‖²). */
  convention?: L2Convention;
  /**
   * Which entries the penalty applies to (default: all). Biases are usually not penalized, so a
   * parameter vector holding a bias passes false at that position.
   */
  penalize?: boolean[];
}

/** ∂/∂w of J + penalty, given ∂J/∂w; entries with penalize[i] = false get ∂J/∂wᵢ only. */
export function penalizedGradient(
  w: Vector,
  lossGrad: Vector,
  opts: Omit<PenalizedStepOptions, 'alpha'>,
): Vector {
  assertFiniteVector('w', w);
  assertFiniteVector('lossGrad', lossGrad);
  assertSameLength(w, lossGrad, 'penalizedGradient');
  if (opts.penalize && opts.penalize.length !== w.length)
    throw new RangeError(
      `penalizedGradient: penalize mask has ${opts.penalize.length} entries for ${w.length} weights`,
    );
  const pen =
    opts.penalty === 'l1'
      ? l1PenaltyGrad(w, opts.lambda)
      : l2PenaltyGrad(w, opts.lambda, opts.convention);
  return w.map(
    (_, i) => (lossGrad[i] as number) + (opts.penalize?.[i] === false ? 0 : (pen[i] as number)),
  );
}

/**
 * One gradient-descent step on J + penalty:
 * L1: wᵢ − αλ·sign(wᵢ) − α∂J/∂wᵢ;  L2: wᵢ − 2αλwᵢ − α∂J/∂wᵢ (λ‖w‖²) or wᵢ − αλwᵢ − α∂J/∂wᵢ ((λ/2)‖w‖²).
 */
export function penalizedGdStep(w: Vector, lossGrad: Vector, opts: PenalizedStepOptions): Vector {
  assertNonNegative('alpha', opts.alpha);
  const g = penalizedGradient(w, lossGrad, opts);
  return w.map((x, i) => x - opts.alpha * (g[i] as number));
}

/** How weight decay enters Adam: added to the gradient (L2, `torch.optim.Adam(weight_decay)`) or decoupled (AdamW). */
export type WeightDecayMode = 'l2-in-gradient' | 'decoupled';

export interface AdamDecayOptions {
  lr: number;
  /** Weight-decay coefficient: L2 mode adds weightDecay·w to the gradient; decoupled mode subtracts lr·weightDecay·w. */
  weightDecay: number;
  mode: WeightDecayMode;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export interface AdamMoments {
  m: Vector;
  v: Vector;
  /** Steps already taken (0 before the first step). */
  t: number;
}

export interface AdamDecayResult extends AdamMoments {
  w: Vector;
  /** The gradient Adam's moments saw (g + λw in L2 mode, g in decoupled mode). */
  effectiveGrad: Vector;
}

/**
 * One Adam step with weight decay, in PyTorch's form (bias-corrected moments, ε outside the root):
 * - 'l2-in-gradient': g ← g + λw, then the Adam update; the decay is rescaled by 1/(√v̂+ε), so
 *   weights with large gradients are barely decayed.
 * - 'decoupled' (AdamW): w ← w − lr·λ·w, then the Adam update on g alone.
 */
export function adamWeightDecayStep(
  w: Vector,
  grad: Vector,
  state: AdamMoments,
  opts: AdamDecayOptions,
): AdamDecayResult {
  assertFiniteVector('w', w);
  assertFiniteVector('grad', grad);
  assertSameLength(w, grad, 'adamWeightDecayStep');
  assertSameLength(w, state.m, 'adamWeightDecayStep (m)');
  assertSameLength(w, state.v, 'adamWeightDecayStep (v)');
  if (!Number.isInteger(state.t) || state.t < 0)
    throw new RangeError(`t must be a whole number ≥ 0, got ${state.t}`);
  assertNonNegative('lr', opts.lr);
  assertNonNegative('weightDecay', opts.weightDecay);
  const b1 = opts.beta1 ?? 0.9;
  const b2 = opts.beta2 ?? 0.999;
  const eps = opts.eps ?? 1e-8;
  const t = state.t + 1;
  const g =
    opts.mode === 'l2-in-gradient'
      ? grad.map((x, i) => x + opts.weightDecay * (w[i] as number))
      : grad.slice();
  const m = state.m.map((mi, i) => b1 * mi + (1 - b1) * (g[i] as number));
  const v = state.v.map((vi, i) => b2 * vi + (1 - b2) * (g[i] as number) ** 2);
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const decayed =
    opts.mode === 'decoupled' ? w.map((x) => x * (1 - opts.lr * opts.weightDecay)) : w;
  const next = decayed.map(
    (x, i) => x - (opts.lr * ((m[i] as number) / c1)) / (Math.sqrt((v[i] as number) / c2) + eps),
  );
  return { w: next, m, v, t, effectiveGrad: g };
}

function assertDropProbability(p: number): void {
  if (!Number.isFinite(p) || p < 0 || p >= 1)
    throw new RangeError(`drop probability p must be in [0, 1), got ${p}`);
}

/** Keep probability 1 − p, where p is the probability of DROPPING a unit (PyTorch's `Dropout(p)`). */
export function dropoutKeepProbability(p: number): number {
  assertDropProbability(p);
  return 1 - p;
}

/** Inverted dropout multiplies kept activations by 1/(1 − p) during training. */
export function invertedDropoutScale(p: number): number {
  assertDropProbability(p);
  return 1 / (1 - p);
}

/** Expected number of dropped units among n: n·p (each unit dropped independently). */
export function expectedDroppedUnits(n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  assertDropProbability(p);
  return n * p;
}

/**
 * Expected training-time output of a unit with activation a: a with inverted dropout (scaled by
 * 1/(1−p) when kept), (1 − p)·a with plain dropout (no scaling while training).
 */
export function expectedDropoutOutput(a: number, p: number, inverted: boolean): number {
  assertDropProbability(p);
  return inverted ? a : (1 - p) * a;
}

/**
 * Test-time output (dropout off): a with inverted dropout; (1 − p)·a with plain dropout, whose
 * weights must be scaled by the keep probability to match the training expectation.
 */
export function dropoutTestOutput(a: number, p: number, inverted: boolean): number {
  assertDropProbability(p);
  return inverted ? a : (1 - p) * a;
}

/** Training-time output for a given keep mask (true = kept). */
export function applyDropoutMask(a: Vector, keep: boolean[], p: number, inverted: boolean): Vector {
  assertFiniteVector('a', a);
  if (keep.length !== a.length)
    throw new RangeError(`mask length ${keep.length} differs from ${a.length} activations`);
  const scale = inverted ? invertedDropoutScale(p) : (assertDropProbability(p), 1);
  return a.map((x, i) => (keep[i] ? x * scale : 0));
}

export interface BiasVarianceInput {
  /** Training error in percent. */
  trainError: number;
  /** Dev (validation) error in percent. */
  devError: number;
  /** Human-level error in percent, the proxy for Bayes error; default 0. */
  humanError?: number;
  /** A gap of at least this many percentage points counts as "high". */
  threshold: number;
}

export type BiasVarianceLabel =
  'high-bias' | 'high-variance' | 'high-bias-and-variance' | 'neither';

export interface BiasVarianceDiagnosis {
  /** train − human (percentage points). */
  avoidableBias: number;
  /** dev − train (percentage points). */
  variance: number;
  highBias: boolean;
  highVariance: boolean;
  label: BiasVarianceLabel;
}

/**
 * Diagnoses bias and variance from errors in percent: avoidable bias = train − human (human = 0
 * when not given), variance = dev − train; each is "high" when it is at least `threshold` points.
 */
export function diagnoseBiasVariance(input: BiasVarianceInput): BiasVarianceDiagnosis {
  const human = input.humanError ?? 0;
  for (const [name, x] of [
    ['trainError', input.trainError],
    ['devError', input.devError],
    ['humanError', human],
  ] as const)
    if (!Number.isFinite(x) || x < 0 || x > 100)
      throw new RangeError(`${name} must be a percentage in [0, 100], got ${x}`);
  if (!Number.isFinite(input.threshold) || input.threshold <= 0)
    throw new RangeError(
      `threshold must be a positive number of percentage points, got ${input.threshold}`,
    );
  if (human > input.trainError)
    throw new RangeError(`human-level error ${human}% exceeds training error ${input.trainError}%`);
  // Rounded to 1e-9 so 19 − 18 is exactly 1 despite binary noise in decimal percentages.
  const avoidableBias = Number((input.trainError - human).toPrecision(12));
  const variance = Number((input.devError - input.trainError).toPrecision(12));
  const highBias = avoidableBias >= input.threshold;
  const highVariance = variance >= input.threshold;
  const label: BiasVarianceLabel =
    highBias && highVariance
      ? 'high-bias-and-variance'
      : highBias
        ? 'high-bias'
        : highVariance
          ? 'high-variance'
          : 'neither';
  return { avoidableBias, variance, highBias, highVariance, label };
}

function assertLossCurve(losses: Vector): void {
  assertFiniteVector('validation losses', losses);
  if (!losses.length) throw new RangeError('validation losses must not be empty');
}

/** The 1-based epoch of the lowest validation loss (the first one on a tie). */
export function bestValidationEpoch(valLoss: Vector): number {
  assertLossCurve(valLoss);
  let best = 0;
  for (let i = 1; i < valLoss.length; i++)
    if ((valLoss[i] as number) < (valLoss[best] as number)) best = i;
  return best + 1;
}

export interface EarlyStoppingResult {
  /** 1-based epoch after which training stops. */
  stopEpoch: number;
  /** 1-based epoch with the lowest validation loss seen up to stopEpoch (the weights to restore). */
  bestEpoch: number;
  /** True when patience ran out before the last available epoch. */
  stoppedEarly: boolean;
}

/**
 * Early stopping with patience (Keras `EarlyStopping(patience, min_delta=0)` semantics): an epoch
 * improves when its loss is strictly below the best so far; training stops after `patience`
 * consecutive epochs without improvement, and the best epoch's weights are restored.
 */
export function earlyStopping(valLoss: Vector, patience: number): EarlyStoppingResult {
  assertLossCurve(valLoss);
  if (!Number.isInteger(patience) || patience < 1)
    throw new RangeError(`patience must be a whole number ≥ 1, got ${patience}`);
  let best = 0;
  let wait = 0;
  for (let i = 1; i < valLoss.length; i++) {
    if ((valLoss[i] as number) < (valLoss[best] as number)) {
      best = i;
      wait = 0;
    } else if (++wait >= patience)
      return { stopEpoch: i + 1, bestEpoch: best + 1, stoppedEarly: i + 1 < valLoss.length };
  }
  return { stopEpoch: valLoss.length, bestEpoch: best + 1, stoppedEarly: false };
}
