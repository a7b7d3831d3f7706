/**
 * What the L1/L2 penalty templates (penalty value, penalized step, penalty formula) share: the
 * penalty and L2-convention parameters, λ, the validity of pinned weights, and the rule that the
 * half-lambda convention is an L2 one.
 */
import { param, type ValidDomain } from '@dlexam/generator';

export const PENALTY_PARAM = param.choice('L1 (λΣ|wᵢ|) or L2 penalty', ['l1', 'l2']);
export const CONVENTION_PARAM = param.choice('L2 penalty λ‖w‖² or (λ/2)‖w‖² (L1: lambda)', [
  'lambda',
  'half-lambda',
]);
export const LAMBDA_PARAM = param.choice('regularization strength λ', [0.1, 0.2, 0.5, 1], {
  min: 0,
  max: 100,
  decimals: 4,
});

/** A pinned weight or gradient vector: 1–8 entries in [−100, 100] with up to 3 decimals. */
export const VALID_VECTOR: ValidDomain = { length: [1, 8], min: -100, max: 100, decimals: 3 };
/** A pinned bias or bias gradient: a number in [−100, 100] with up to 3 decimals. */
export const VALID_SCALAR: ValidDomain = { min: -100, max: 100, decimals: 3 };

/** The three forms of a penalty: L1, L2 written λ‖w‖², L2 written (λ/2)‖w‖². */
export type PenaltyForm = 'l1' | 'lambda' | 'half-lambda';
/** The form of `p`'s penalty (the convention only matters for L2). */
export const penaltyForm = (p: { penalty: string; convention: string }): PenaltyForm =>
  p.penalty === 'l1' ? 'l1' : p.convention === 'lambda' ? 'lambda' : 'half-lambda';
/** What each form adds to ∂J/∂wᵢ, in TeX. */
export const PENALTY_GRADIENT_TEX: Record<PenaltyForm, string> = {
  l1: '\\lambda\\,\\operatorname{sign}(w_i)',
  lambda: '2\\lambda w_i',
  'half-lambda': '\\lambda w_i',
};

/** The half-lambda convention (λ/2)‖w‖² applies to L2 only. */
export const HALF_LAMBDA_IS_L2 = {
  description: 'the half-lambda convention only applies to L2',
  check: (p: { penalty: string; convention: string }) =>
    p.penalty === 'l2' || p.convention === 'lambda',
};
