import { formatInt, texMatrix } from '@dlexam/math';
import type { Json } from '@dlexam/types';

/** Shared helpers of the CNN templates: shape checks for json params, TeX snippets, option lists. */

export type IntMatrix = number[][];
export type IntTensor3 = number[][][];

/** True when `m` is a non-empty rectangle of integers in [min, max] with the given size limits. */
export function isIntMatrix(
  m: Json | undefined,
  min: number,
  max: number,
  maxRows = 12,
  maxCols = 12,
): m is IntMatrix {
  if (!Array.isArray(m) || !m.length || m.length > maxRows) return false;
  const cols = Array.isArray(m[0]) ? m[0].length : 0;
  if (!cols || cols > maxCols) return false;
  return m.every(
    (r) =>
      Array.isArray(r) &&
      r.length === cols &&
      r.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max),
  );
}

/** True when `t` is a non-empty list of equal-shaped integer matrices. */
export function isIntTensor3(
  t: Json | undefined,
  min: number,
  max: number,
  maxChannels = 4,
  maxSide = 12,
): t is IntTensor3 {
  if (!Array.isArray(t) || !t.length || t.length > maxChannels) return false;
  if (!t.every((m) => isIntMatrix(m, min, max, maxSide, maxSide))) return false;
  const m0 = t[0] as IntMatrix;
  return t.every((m) => m.length === m0.length && m[0]!.length === m0[0]!.length);
}

/** `a×b` for plain text. */
export const plainDims = (...d: number[]): string => joinInts(d, '×');

function joinInts(d: readonly number[], sep: string): string {
  if (!d.length) return '';
  let s = formatInt(d[0]!);
  for (let i = 1; i < d.length; i++) s += sep + formatInt(d[i]!);
  return s;
}

/** A TeX bmatrix of integers. */
export const texInt = (m: readonly (readonly number[])[]): string =>
  // texMatrix only reads the rows (its Matrix type is just not readonly).
  texMatrix(m as number[][]);

/** A factor in a product, parenthesised when negative: `(-2)`. */
export const factor = (x: number): string => (x < 0 ? `(${formatInt(x)})` : formatInt(x));

export interface WrongOption {
  text: string;
  misconception: string;
  feedback: string;
}

/**
 * Keeps the first wrong options whose text differs from the correct one and from each other;
 * the generator needs distinct options.
 */
export function distinctWrong(
  correct: string,
  wrong: readonly WrongOption[],
  limit: number,
): WrongOption[] {
  const seen = new Set([correct]);
  const out: WrongOption[] = [];
  for (const w of wrong) {
    if (seen.has(w.text)) continue;
    seen.add(w.text);
    out.push(w);
    if (out.length === limit) break;
  }
  return out;
}

/** "a" or "an" before a number as it is read aloud (an 8×8, an 11×11, an 18-megapixel, a 16×16). */
export function article(n: number): 'a' | 'an' {
  const d = formatInt(Math.abs(Math.trunc(n)));
  if (d.startsWith('8')) return 'an';
  if (d.length % 3 === 2 && (d.startsWith('11') || d.startsWith('18'))) return 'an';
  return 'a';
}
