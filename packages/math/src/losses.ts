import { sigmoid, softmax } from './activations.js';
import { ShapeError, type Vector } from './tensor.js';

/** Losses and their gradients. Reductions are means over the batch unless a name says `Sum`. */

export function mse(pred: Vector, target: Vector): number {
  if (pred.length !== target.length || !pred.length) throw new ShapeError('mse: length mismatch');
  return pred.reduce((s, p, i) => s + (p - target[i]!) ** 2, 0) / pred.length;
}

/** ∂MSE/∂pred = (2/m)(pred − target). */
export function mseGrad(pred: Vector, target: Vector): Vector {
  if (pred.length !== target.length) throw new ShapeError('mseGrad: length mismatch');
  return pred.map((p, i) => (2 / pred.length) * (p - target[i]!));
}

/** Binary cross-entropy of a probability p for label y ∈ {0, 1}, natural log. */
export function bce(p: number, y: number): number {
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

/** BCE applied to sigmoid(z), computed stably: max(z,0) − z·y + log(1 + e^{−|z|}). */
export function bceWithLogits(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** ∂ BCE(sigmoid(z), y) / ∂z = sigmoid(z) − y. */
export const bceWithLogitsGrad = (z: number, y: number): number => sigmoid(z) - y;

/** Cross-entropy of softmax(logits) for the true class index, natural log. */
export function crossEntropy(logits: Vector, target: number): number {
  if (target < 0 || target >= logits.length) throw new ShapeError('crossEntropy: bad class index');
  const m = Math.max(...logits);
  const lse = m + Math.log(logits.reduce((s, x) => s + Math.exp(x - m), 0));
  return lse - logits[target]!;
}

/** ∂CE/∂logits = softmax(logits) − onehot(target). */
export function crossEntropyGrad(logits: Vector, target: number): Vector {
  return softmax(logits).map((p, i) => p - (i === target ? 1 : 0));
}

/** Binary hinge loss max(0, 1 − y·s) for y ∈ {−1, +1}. */
export const hinge = (score: number, y: number): number => Math.max(0, 1 - y * score);
/** ∂hinge/∂score: −y inside the margin, 0 outside (0 taken at the kink). */
export const hingeGrad = (score: number, y: number): number => (1 - y * score > 0 ? -y : 0);

/** Multiclass (Weston–Watkins / CS231n SVM) hinge: Σ_{j≠y} max(0, s_j − s_y + margin). */
export function multiclassHinge(scores: Vector, target: number, margin = 1): number {
  return scores.reduce(
    (s, sj, j) => (j === target ? s : s + Math.max(0, sj - scores[target]! + margin)),
    0,
  );
}
