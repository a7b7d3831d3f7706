/**
 * Exponentially weighted moving averages: `v_t = β v_{t−1} + (1 − β) θ_t` from `v_0 = 0`, and the
 * bias-corrected `v̂_t = v_t / (1 − β^t)` (Adam's m̂ and v̂ are this with β₁ on the gradients and β₂
 * on their squares).
 */
export interface EwmaTrace {
  /** v_1 … v_T. */
  v: number[];
  /** v̂_1 … v̂_T. */
  corrected: number[];
}

export function ewma(values: readonly number[], beta: number, v0 = 0): EwmaTrace {
  if (!(beta >= 0 && beta < 1)) throw new RangeError('ewma: β must be in [0, 1)');
  const v: number[] = [];
  const corrected: number[] = [];
  let prev = v0;
  let power = 1;
  for (const x of values) {
    prev = beta * prev + (1 - beta) * x;
    power *= beta;
    v.push(prev);
    corrected.push(prev / (1 - power));
  }
  return { v, corrected };
}
