/**
 * Symbolic partial derivatives of functions of x, y, z built from terms
 * c · e^{v} · x^a · y^b · z^c (seed 001: x²y + xyz + z + eˣy³z²), rendered as TeX, and numeric
 * evaluation. Plus the gradients of a linear layer y = Wx + b (seed 000).
 */
import { matvec, outer, transpose, ShapeError, type Matrix, type Vector } from './tensor.js';

export type CalcVar = 'x' | 'y' | 'z';
export const CALC_VARS: readonly CalcVar[] = ['x', 'y', 'z'];

/** coef · (e^{expVar} if set) · x^powers[0] · y^powers[1] · z^powers[2]. */
export interface ExpMonomial {
  coef: number;
  powers: readonly [number, number, number];
  expVar?: CalcVar | null;
}

export type CalcPoint = Record<CalcVar, number>;

function checkTerm(t: ExpMonomial): void {
  if (!Number.isInteger(t.coef))
    throw new RangeError(`term coefficient ${t.coef} must be an integer`);
  if (t.powers.length !== 3 || t.powers.some((p) => !Number.isInteger(p) || p < 0))
    throw new RangeError(
      `term powers ${JSON.stringify(t.powers)} must be three non-negative integers`,
    );
}

const sameShape = (a: ExpMonomial, b: ExpMonomial) =>
  (a.expVar ?? null) === (b.expVar ?? null) && a.powers.every((p, i) => p === b.powers[i]);

/** Adds like terms (first occurrence keeps its place) and drops zero terms. */
export function collectTerms(terms: readonly ExpMonomial[]): ExpMonomial[] {
  const out: ExpMonomial[] = [];
  for (const t of terms) {
    checkTerm(t);
    const like = out.findIndex((o) => sameShape(o, t));
    if (like >= 0) out[like] = { ...out[like]!, coef: out[like]!.coef + t.coef };
    else
      out.push({
        coef: t.coef,
        powers: [...t.powers] as [number, number, number],
        expVar: t.expVar ?? null,
      });
  }
  return out.filter((t) => t.coef !== 0);
}

/** ∂/∂v of a sum of terms, term by term (power rule, and e^{v} reproducing itself: product rule). */
export function partialDerivative(terms: readonly ExpMonomial[], v: CalcVar): ExpMonomial[] {
  const i = CALC_VARS.indexOf(v);
  const parts: ExpMonomial[] = [];
  for (const t of terms) {
    checkTerm(t);
    if ((t.expVar ?? null) === v) parts.push({ coef: t.coef, powers: t.powers, expVar: v });
    const p = t.powers[i]!;
    if (p > 0) {
      const powers = [...t.powers] as [number, number, number];
      powers[i] = p - 1;
      parts.push({ coef: t.coef * p, powers, expVar: t.expVar ?? null });
    }
  }
  return collectTerms(parts);
}

/** Value of a sum of terms at a point. */
export function evaluateTerms(terms: readonly ExpMonomial[], at: CalcPoint): number {
  let s = 0;
  for (const t of terms) {
    checkTerm(t);
    let x = t.coef * (t.expVar ? Math.exp(at[t.expVar]) : 1);
    CALC_VARS.forEach((v, i) => (x *= at[v] ** t.powers[i]!));
    s += x;
  }
  return s;
}

/** TeX of one term without its sign: `3e^{x}y^{2}z`, `xy`, `1`. */
function termBody(t: ExpMonomial): string {
  const c = Math.abs(t.coef);
  let factors = t.expVar ? `e^{${t.expVar}}` : '';
  CALC_VARS.forEach((v, i) => {
    const p = t.powers[i]!;
    if (p === 1) factors += v;
    else if (p > 1) factors += `${v}^{${p}}`;
  });
  if (!factors) return String(c);
  return (c === 1 ? '' : String(c)) + factors;
}

/** TeX of a sum of terms in the given order (`2xy + yz + e^{x}y^{3}z^{2}`); `0` for no terms. */
export function termsToTex(terms: readonly ExpMonomial[]): string {
  const live = terms.filter((t) => t.coef !== 0);
  if (!live.length) return '0';
  return live
    .map((t, k) => {
      const body = termBody(t);
      if (k === 0) return (t.coef < 0 ? '-' : '') + body;
      return (t.coef < 0 ? ' - ' : ' + ') + body;
    })
    .join('');
}

export interface LinearLayerGrads {
  /** ∇ₓL = Wᵀ·∂L/∂y, shape (n). */
  dx: Vector;
  /** ∇_W L = ∂L/∂y · xᵀ, shape (m × n), same as W. */
  dW: Matrix;
  /** ∇_b L = ∂L/∂y, shape (m). */
  db: Vector;
}

/** Gradients of L through y = Wx + b given the upstream gradient ∂L/∂y (W is m×n, x has n entries). */
export function linearLayerGrads(W: Matrix, x: Vector, dLdy: Vector): LinearLayerGrads {
  const m = W.length;
  const n = W[0]?.length ?? 0;
  if (x.length !== n || dLdy.length !== m)
    throw new ShapeError(
      `linearLayerGrads: W is ${m}×${n}, x has ${x.length}, ∂L/∂y has ${dLdy.length} entries`,
    );
  return { dx: matvec(transpose(W), dLdy), dW: outer(dLdy, x), db: dLdy.slice() };
}
