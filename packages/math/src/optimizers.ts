import { ShapeError, zipWith, type Vector } from './tensor.js';

/**
 * One optimizer step on a parameter vector, element-wise. Every function returns new arrays and
 * never mutates its input. Conventions follow PyTorch's documented `torch.optim` updates unless an
 * option says otherwise; the options that model classic mistakes (no bias correction, ε inside the
 * square root) exist so templates can compute distractors from the same code.
 */

function sameLength(name: string, ...vs: Vector[]): void {
  const n = vs[0]?.length;
  if (!n) throw new ShapeError(`${name}: empty parameter vector`);
  for (const v of vs)
    if (v.length !== n)
      throw new ShapeError(`${name}: vectors of lengths ${vs.map((x) => x.length).join(', ')}`);
}

function positive(name: string, what: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x))
    throw new RangeError(`${name}: ${what} must be a positive number, got ${x}`);
}

function fraction(name: string, what: string, x: number): void {
  if (!(x >= 0 && x < 1)) throw new RangeError(`${name}: ${what} must be in [0, 1), got ${x}`);
}

/** Plain gradient descent: x ← x − α·g. */
export function sgdStep(x: Vector, g: Vector, lr: number): Vector {
  sameLength('sgdStep', x, g);
  positive('sgdStep', 'learning rate', lr);
  return zipWith(x, g, (xi, gi) => xi - lr * gi);
}

/**
 * `pytorch`: v ← ρv + g, x ← x − αv (PyTorch `SGD(momentum=ρ, dampening=0)`, the seed-002 form).
 * `ema`: v ← βv + (1−β)g, x ← x − αv (exponential moving average, the seed-001 / Andrew Ng form).
 */
export type MomentumConvention = 'pytorch' | 'ema';

export interface MomentumOptions {
  lr: number;
  /** ρ (pytorch) or β (ema). */
  momentum: number;
  convention: MomentumConvention;
}

export interface VelocityState {
  x: Vector;
  v: Vector;
}

export function momentumStep(x: Vector, v: Vector, g: Vector, o: MomentumOptions): VelocityState {
  sameLength('momentumStep', x, v, g);
  positive('momentumStep', 'learning rate', o.lr);
  fraction('momentumStep', 'momentum', o.momentum);
  const vNew = zipWith(v, g, (vi, gi) =>
    o.convention === 'pytorch' ? o.momentum * vi + gi : o.momentum * vi + (1 - o.momentum) * gi,
  );
  return { x: zipWith(x, vNew, (xi, vi) => xi - o.lr * vi), v: vNew };
}

/**
 * PyTorch Nesterov (`SGD(momentum=μ, nesterov=True, dampening=0)`): v ← μv + g, then
 * x ← x − α(g + μv) with the NEW v — the look-ahead expressed with the gradient at the current x.
 */
export function nesterovStep(
  x: Vector,
  v: Vector,
  g: Vector,
  o: { lr: number; momentum: number },
): VelocityState {
  sameLength('nesterovStep', x, v, g);
  positive('nesterovStep', 'learning rate', o.lr);
  fraction('nesterovStep', 'momentum', o.momentum);
  const vNew = zipWith(v, g, (vi, gi) => o.momentum * vi + gi);
  const step = zipWith(g, vNew, (gi, vi) => gi + o.momentum * vi);
  return { x: zipWith(x, step, (xi, si) => xi - o.lr * si), v: vNew };
}

export interface SquareState {
  x: Vector;
  /** The accumulated (AdaGrad) or averaged (RMSProp) squared gradient. */
  s: Vector;
}

export interface AdaptiveOptions {
  lr: number;
  eps: number;
  /** Model the mistake √(s + ε) instead of √s + ε (PyTorch adds ε outside the root). */
  epsInsideSqrt?: boolean;
}

const denom = (s: number, eps: number, inside?: boolean) =>
  inside ? Math.sqrt(s + eps) : Math.sqrt(s) + eps;

/** x ← x − α·g / (√s + ε), element-wise (AdaGrad's and RMSProp's update). */
function adaptiveUpdate(x: Vector, g: Vector, s: Vector, o: AdaptiveOptions): Vector {
  const step = zipWith(g, s, (gi, si) => (o.lr * gi) / denom(si, o.eps, o.epsInsideSqrt));
  return zipWith(x, step, (xi, di) => xi - di);
}

/** AdaGrad (PyTorch, no lr decay): s ← s + g², x ← x − α·g / (√s + ε). */
export function adagradStep(x: Vector, s: Vector, g: Vector, o: AdaptiveOptions): SquareState {
  sameLength('adagradStep', x, s, g);
  positive('adagradStep', 'learning rate', o.lr);
  const sNew = zipWith(s, g, (si, gi) => si + gi ** 2);
  return { x: adaptiveUpdate(x, g, sNew, o), s: sNew };
}

/** RMSProp (PyTorch, `alpha` = decay ρ): s ← ρs + (1−ρ)g², x ← x − α·g / (√s + ε). */
export function rmspropStep(
  x: Vector,
  s: Vector,
  g: Vector,
  o: AdaptiveOptions & { decay: number },
): SquareState {
  sameLength('rmspropStep', x, s, g);
  positive('rmspropStep', 'learning rate', o.lr);
  fraction('rmspropStep', 'decay', o.decay);
  const sNew = zipWith(s, g, (si, gi) => o.decay * si + (1 - o.decay) * gi ** 2);
  return { x: adaptiveUpdate(x, g, sNew, o), s: sNew };
}

export interface AdamOptions extends AdaptiveOptions {
  beta1: number;
  beta2: number;
  /** Default true; false models forgetting m̂ = m/(1−β₁ᵗ) and v̂ = v/(1−β₂ᵗ). */
  biasCorrection?: boolean;
}

export interface AdamState {
  x: Vector;
  m: Vector;
  v: Vector;
}

/** Intermediate values of one Adam step, for worked solutions. */
export interface AdamTrace extends AdamState {
  mHat: Vector;
  vHat: Vector;
  /** The step subtracted from x (before any weight decay). */
  update: Vector;
}

/**
 * Adam at step t (t = 1 for the first step; m, v are the moments after step t−1):
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), x ← x − α·m̂/(√v̂ + ε).
 */
export function adamStep(
  x: Vector,
  m: Vector,
  v: Vector,
  g: Vector,
  t: number,
  o: AdamOptions,
): AdamTrace {
  sameLength('adamStep', x, m, v, g);
  if (!Number.isInteger(t) || t < 1)
    throw new RangeError(`adamStep: step t must be an integer ≥ 1, got ${t}`);
  positive('adamStep', 'learning rate', o.lr);
  fraction('adamStep', 'beta1', o.beta1);
  fraction('adamStep', 'beta2', o.beta2);
  const correct = o.biasCorrection ?? true;
  const mNew = zipWith(m, g, (mi, gi) => o.beta1 * mi + (1 - o.beta1) * gi);
  const vNew = zipWith(v, g, (vi, gi) => o.beta2 * vi + (1 - o.beta2) * gi ** 2);
  const mHat = mNew.map((mi) => (correct ? mi / (1 - o.beta1 ** t) : mi));
  const vHat = vNew.map((vi) => (correct ? vi / (1 - o.beta2 ** t) : vi));
  const update = zipWith(mHat, vHat, (mi, vi) => (o.lr * mi) / denom(vi, o.eps, o.epsInsideSqrt));
  return { x: zipWith(x, update, (xi, ui) => xi - ui), m: mNew, v: vNew, mHat, vHat, update };
}

/**
 * AdamW (PyTorch): decoupled weight decay x ← x − α·λ·x applied to the parameters first, then the
 * Adam step (the decay never enters m or v). `coupled: true` models the L2 mistake g ← g + λx.
 */
export function adamwStep(
  x: Vector,
  m: Vector,
  v: Vector,
  g: Vector,
  t: number,
  o: AdamOptions & { weightDecay: number; coupled?: boolean },
): AdamTrace {
  if (!(o.weightDecay >= 0))
    throw new RangeError(`adamwStep: weight decay must be ≥ 0, got ${o.weightDecay}`);
  if (o.coupled)
    return adamStep(
      x,
      m,
      v,
      zipWith(g, x, (gi, xi) => gi + o.weightDecay * xi),
      t,
      o,
    );
  const decayed = x.map((xi) => xi * (1 - o.lr * o.weightDecay));
  return adamStep(decayed, m, v, g, t, o);
}

/** Learning-rate schedules, evaluated at an epoch (0 = the first epoch, lr = lr₀). */
export type ScheduleKind = 'step' | 'exponential' | 'cosine';

export interface ScheduleOptions {
  kind: ScheduleKind;
  lr0: number;
  /** step: multiply by γ every `stepSize` epochs; exponential: multiply by γ every epoch. */
  gamma?: number;
  stepSize?: number;
  /** cosine: period T_max (epochs) and floor η_min. */
  tMax?: number;
  lrMin?: number;
}

/**
 * step: lr₀·γ^⌊e/stepSize⌋ (PyTorch StepLR); exponential: lr₀·γ^e (ExponentialLR);
 * cosine: η_min + ½(lr₀ − η_min)(1 + cos(π·e/T_max)) (the closed form of CosineAnnealingLR, e ≤ T_max).
 */
export function scheduledLr(o: ScheduleOptions, epoch: number): number {
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new RangeError(`scheduledLr: epoch must be an integer ≥ 0, got ${epoch}`);
  positive('scheduledLr', 'lr0', o.lr0);
  switch (o.kind) {
    case 'step': {
      if (o.gamma === undefined || !o.stepSize || !Number.isInteger(o.stepSize))
        throw new RangeError(
          'scheduledLr: a step schedule needs gamma and an integer stepSize ≥ 1',
        );
      return o.lr0 * o.gamma ** Math.floor(epoch / o.stepSize);
    }
    case 'exponential':
      if (o.gamma === undefined)
        throw new RangeError('scheduledLr: an exponential schedule needs gamma');
      return o.lr0 * o.gamma ** epoch;
    case 'cosine': {
      if (!o.tMax || epoch > o.tMax)
        throw new RangeError(`scheduledLr: a cosine schedule needs tMax ≥ epoch (${epoch})`);
      const lrMin = o.lrMin ?? 0;
      return lrMin + 0.5 * (o.lr0 - lrMin) * (1 + Math.cos((Math.PI * epoch) / o.tMax));
    }
  }
}

/** Parameter updates in one epoch: ⌈n/b⌉, or ⌊n/b⌋ when the last partial batch is dropped. */
export function iterationsPerEpoch(
  datasetSize: number,
  batchSize: number,
  dropLast = false,
): number {
  if (!Number.isInteger(datasetSize) || datasetSize < 1)
    throw new RangeError(
      `iterationsPerEpoch: dataset size must be an integer ≥ 1, got ${datasetSize}`,
    );
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > datasetSize)
    throw new RangeError(
      `iterationsPerEpoch: batch size must be an integer in 1..${datasetSize}, got ${batchSize}`,
    );
  return dropLast ? Math.floor(datasetSize / batchSize) : Math.ceil(datasetSize / batchSize);
}

/**
 * Clip by global norm (PyTorch `clip_grad_norm_` without its 1e-6 guard): when ‖g‖₂ > c, g ← g·c/‖g‖₂;
 * otherwise g is unchanged.
 */
export function clipGradientByNorm(g: Vector, maxNorm: number): Vector {
  positive('clipGradientByNorm', 'max norm', maxNorm);
  const n = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
  return n > maxNorm ? g.map((x) => (x * maxNorm) / n) : g.slice();
}

/** Clip by value: each component into [−c, c]. */
export function clipGradientByValue(g: Vector, maxValue: number): Vector {
  positive('clipGradientByValue', 'max value', maxValue);
  return g.map((x) => Math.min(maxValue, Math.max(-maxValue, x)));
}
