/**
 * The perceptron learning rule (seed 003). Conventions, stated in every question that uses them:
 * - output o = step(⟨w, x⟩ + b) with step(a) = 1 if a > 0 and 0 otherwise (so step(0) = 0);
 * - labels are 0/1; the bias is a separate weight on a constant input 1 (b ← b + η(y − ŷ));
 * - examples are visited in the listed order, cyclically; training stops after the first epoch
 *   without a mistake.
 */
import { dot, type Vector } from './tensor.js';

export const perceptronStepFn = (a: number): 0 | 1 => (a > 0 ? 1 : 0);

export function perceptronOutput(w: Vector, b: number, x: Vector): 0 | 1 {
  return perceptronStepFn(dot(w, x) + b);
}

export interface PerceptronUpdate {
  /** Prediction before the update. */
  yhat: 0 | 1;
  w: Vector;
  b: number;
  updated: boolean;
}

/** One step of the rule on one example: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ). */
export function perceptronUpdate(
  w: Vector,
  b: number,
  x: Vector,
  y: number,
  eta: number,
): PerceptronUpdate {
  if (y !== 0 && y !== 1) throw new RangeError(`perceptron labels are 0 or 1, got ${y}`);
  const yhat = perceptronOutput(w, b, x);
  const e = y - yhat;
  if (e === 0) return { yhat, w: w.slice(), b, updated: false };
  return { yhat, w: w.map((wi, i) => wi + eta * e * x[i]!), b: b + eta * e, updated: true };
}

export interface PerceptronStepRecord extends PerceptronUpdate {
  /** Index of the example presented at this step. */
  example: number;
  epoch: number;
}

export interface PerceptronRun {
  w: Vector;
  b: number;
  steps: PerceptronStepRecord[];
  /** Epochs run, including the final mistake-free one when converged. */
  epochs: number;
  /** Number of updates (mistakes) made. */
  updates: number;
  converged: boolean;
}

export interface PerceptronOptions {
  w0: Vector;
  b0: number;
  eta: number;
  maxEpochs: number;
}

/** Runs the rule cyclically over the data until an epoch has no mistake or maxEpochs is reached. */
export function trainPerceptron(
  xs: readonly Vector[],
  ys: readonly number[],
  opts: PerceptronOptions,
): PerceptronRun {
  if (xs.length !== ys.length || !xs.length)
    throw new RangeError('trainPerceptron: need as many labels as examples (≥ 1)');
  if (!(opts.eta > 0)) throw new RangeError('trainPerceptron: eta must be positive');
  let w = opts.w0.slice();
  let b = opts.b0;
  const steps: PerceptronStepRecord[] = [];
  let updates = 0;
  for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    let mistakes = 0;
    for (let i = 0; i < xs.length; i++) {
      const u = perceptronUpdate(w, b, xs[i]!, ys[i]!, opts.eta);
      steps.push({ ...u, example: i, epoch });
      if (u.updated) {
        mistakes++;
        updates++;
      }
      w = u.w;
      b = u.b;
    }
    if (mistakes === 0) return { w, b, steps, epochs: epoch, updates, converged: true };
  }
  return { w, b, steps, epochs: opts.maxEpochs, updates, converged: false };
}

export type LogicFunction = 'AND' | 'OR' | 'NAND' | 'NOR' | 'XOR' | 'XNOR';

/** The four inputs of a 2-input logic function, in this order. */
export const LOGIC_INPUTS: readonly Vector[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** Outputs for LOGIC_INPUTS. */
export const LOGIC_TRUTH_TABLES: Record<LogicFunction, readonly number[]> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  NAND: [1, 1, 1, 0],
  NOR: [1, 0, 0, 0],
  XOR: [0, 1, 1, 0],
  XNOR: [1, 0, 0, 1],
};

/**
 * Whether a labelled point set is linearly separable, decided by running the perceptron: it
 * converges exactly when the data are separable (Novikoff). The epoch cap is far above the bound
 * (R/γ)² for the small integer point sets exams use; a set needing more is reported as not separable.
 */
export function isLinearlySeparable(
  xs: readonly Vector[],
  ys: readonly number[],
  maxEpochs = 1000,
): boolean {
  const dim = xs[0]?.length ?? 0;
  return trainPerceptron(xs, ys, { w0: new Array<number>(dim).fill(0), b0: 0, eta: 1, maxEpochs })
    .converged;
}
