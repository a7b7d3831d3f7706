/**
 * Helpers shared by the sequence-model templates: sampling small matrices on a grid, validating
 * json-typed matrix parameters, and formatting vectors for stems and solutions.
 */
import type { Params, Rng, Template } from '@dlexam/generator';
import { richTextToPlain } from '@dlexam/types';
import {
  formatFixed,
  texMatrix,
  texNumber,
  texVector,
  type Matrix,
  type Vector,
} from '@dlexam/math';

/** Decimals every non-integer answer of this package is rounded to (stated in each stem). */
export const ANSWER_DECIMALS = 3;

/** A multiple of `step` in [min, max], without binary noise. */
export function gridValue(rng: Rng, min: number, max: number, step: number): number {
  return rng.stepped(min, max, step);
}

export function gridMatrix(
  rng: Rng,
  rows: number,
  cols: number,
  min: number,
  max: number,
  step: number,
): Matrix {
  return Array.from({ length: rows }, () => gridVector(rng, cols, min, max, step));
}

export function gridVector(rng: Rng, n: number, min: number, max: number, step: number): Vector {
  return Array.from({ length: n }, () => gridValue(rng, min, max, step));
}

const onGrid = (x: unknown, min: number, max: number, step: number): boolean =>
  typeof x === 'number' &&
  Number.isFinite(x) &&
  x >= min - 1e-12 &&
  x <= max + 1e-12 &&
  Math.abs((x - min) / step - Math.round((x - min) / step)) < 1e-9;

/** True when `m` is a rows × cols matrix of grid values in [min, max]. */
export function isGridMatrix(
  m: unknown,
  rows: number,
  cols: number,
  min: number,
  max: number,
  step: number,
): m is Matrix {
  return (
    Array.isArray(m) &&
    m.length === rows &&
    m.every(
      (r) => Array.isArray(r) && r.length === cols && r.every((x) => onGrid(x, min, max, step)),
    )
  );
}

export function isGridVector(
  v: unknown,
  n: number,
  min: number,
  max: number,
  step: number,
): v is Vector {
  return Array.isArray(v) && v.length === n && v.every((x) => onGrid(x, min, max, step));
}

/** `1st`, `2nd`… spelled for 1-based component positions in stems. */
export function ordinal(k: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][k] ?? `${k + 1}th`;
}

/** A vector in TeX with values rounded to `decimals` (trailing zeros kept, as an answer is written). */
export const texVec = (v: Vector, decimals = ANSWER_DECIMALS): string => texVector(v, { decimals });
/** A parameter matrix/vector in TeX, its grid values printed exactly (0.5, -1). */
export const texParamMatrix = (m: Matrix): string => texMatrix(m);
export const texParamVector = (v: Vector): string => texVector(v);
export const texParam = (x: number): string => texNumber(x);
export const fixed = (x: number, decimals = ANSWER_DECIMALS): string => formatFixed(x, decimals);

/** Deep copy of a matrix with every entry replaced. */
export const mapMatrix = (m: Matrix, f: (x: number) => number): Matrix => m.map((r) => r.map(f));

/** A parameter matrix in TeX; a 1×1 matrix is written as a plain number. */
export const texM = (m: Matrix): string =>
  m.length === 1 && m[0]!.length === 1 ? texNumber(m[0]![0]!) : texMatrix(m);
/** A parameter vector in TeX; a 1-vector is written as a plain number. */
export const texV = (v: Vector): string => (v.length === 1 ? texNumber(v[0]!) : texVector(v));
/** A computed vector rounded to `decimals`; a 1-vector as a plain number. */
export const texR = (v: Vector, decimals = ANSWER_DECIMALS): string =>
  v.length === 1 ? formatFixed(v[0]!, decimals) : texVector(v, { decimals });

/**
 * Option feedback is plain text (the CLI and LMS exports show it verbatim), so TeX written in a
 * template's feedback is turned into Unicode here; the tilde is mapped first because the generic
 * TeX-to-Unicode fallback drops it.
 */
export function plainText(s: string): string {
  return richTextToPlain(s.replace(/\\tilde\s*\{?h\}?/g, 'h̃'));
}

/** Wraps a template so every distractor's and option's feedback is plain text. */
export function withPlainFeedback<P extends Params>(t: Template<P>): Template<P> {
  return {
    ...t,
    build(p, ctx) {
      const body = t.build(p, ctx);
      const a = body.answer;
      if (a.type === 'numeric')
        return {
          ...body,
          answer: {
            ...a,
            distractors: a.distractors.map((d) => ({ ...d, feedback: plainText(d.feedback) })),
          },
        };
      if (a.type === 'choice')
        return {
          ...body,
          answer: {
            ...a,
            options: a.options.map((o) => ({ ...o, feedback: plainText(o.feedback) })),
          },
        };
      return body;
    },
  };
}
