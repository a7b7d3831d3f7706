import { activate, activationPrime, type ActivationName } from './activations.js';

/**
 * Backpropagation through time for a scalar RNN
 * `a_t = w·h_{t−1} + u·x_t + b`, `h_t = φ(a_t)` (t = 1 … T) with the loss `L = ½(h_T − y)²` on the
 * last state. Returns the forward pass, `δ_t = ∂L/∂h_t` for every step, and the gradients with
 * respect to w, u, b and h₀, each a sum of one term per time step.
 */

export type RecurrentActivation = Extract<ActivationName, 'tanh' | 'sigmoid' | 'relu' | 'identity'>;

export interface ScalarRnn {
  w: number;
  u: number;
  b: number;
  h0: number;
  xs: readonly number[];
  y: number;
  activation: RecurrentActivation;
}

export interface BpttTrace {
  /** Pre-activations a_1 … a_T. */
  a: number[];
  /** States h_0 … h_T (h[0] = h₀). */
  h: number[];
  /** φ'(a_t), t = 1 … T. */
  dphi: number[];
  /** δ_t = ∂L/∂h_t for t = 0 … T (delta[0] = ∂L/∂h₀). */
  delta: number[];
  loss: number;
  dw: number;
  du: number;
  db: number;
  dh0: number;
  /** The term of each step t = 1 … T in ∂L/∂w: δ_t · φ'(a_t) · h_{t−1}. */
  dwTerms: number[];
}

export function bptt(r: ScalarRnn): BpttTrace {
  const T = r.xs.length;
  if (T < 1) throw new RangeError('bptt: at least one step');
  const h = [r.h0];
  const a: number[] = [];
  const dphi: number[] = [];
  for (let t = 1; t <= T; t++) {
    const at = r.w * h[t - 1]! + r.u * r.xs[t - 1]! + r.b;
    a.push(at);
    h.push(activate(r.activation, at));
    dphi.push(activationPrime(r.activation, at));
  }
  const delta = Array<number>(T + 1).fill(0);
  delta[T] = h[T]! - r.y;
  let dw = 0;
  let du = 0;
  let db = 0;
  const dwTerms: number[] = Array<number>(T).fill(0);
  for (let t = T; t >= 1; t--) {
    const g = delta[t]! * dphi[t - 1]!; // ∂L/∂a_t
    dwTerms[t - 1] = g * h[t - 1]!;
    dw += g * h[t - 1]!;
    du += g * r.xs[t - 1]!;
    db += g;
    delta[t - 1] = g * r.w;
  }
  return {
    a,
    h,
    dphi,
    delta,
    loss: 0.5 * (h[T]! - r.y) ** 2,
    dw,
    du,
    db,
    dh0: delta[0]!,
    dwTerms,
  };
}

/** ∂h_T/∂h_k = Π_{t=k+1}^{T} w·φ'(a_t): the product of the step Jacobians. */
export function stateJacobianProduct(trace: BpttTrace, w: number, k: number): number {
  let prod = 1;
  for (let t = k + 1; t < trace.h.length; t++) prod *= w * trace.dphi[t - 1]!;
  return prod;
}
