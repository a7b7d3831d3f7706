import { formatInt, texMatrix } from '@dlexam/math';
import type { Json } from '@dlexam/types';

/** Shared helpers of the CNN templates: shape checks for json params, TeX snippets, option lists. */

export type IntMatrix = number[][];
export type IntTensor3 = number[][][];
/** Size limits of an integer array: rows and columns, or channels, rows and columns. */
type MaxShape = [number, number] | [number, number, number];

/**
 * True when `x` is a non-empty rectangular array of integers in [min, max]: a matrix when
 * `maxShape` gives two sizes (rows, columns), a tensor (channels of equal-shaped matrices) when it
 * gives three; each size is at most its `maxShape` entry.
 */
export function isIntArray<S extends MaxShape>(
  x: Json | undefined,
  min: number,
  max: number,
  maxShape: S,
): x is S extends [number, number] ? IntMatrix : IntTensor3 {
  // The shape is read along the first entries, then every entry must have it.
  const shape: number[] = [];
  let first = x;
  for (const limit of maxShape) {
    if (!Array.isArray(first) || !first.length || first.length > limit) return false;
    shape.push(first.length);
    first = first[0];
  }
  return hasIntShape(x, shape, min, max);
}

/** True when `x` is an array of exactly `shape` holding integers in [min, max]. */
function hasIntShape(
  x: Json | undefined,
  shape: readonly number[],
  min: number,
  max: number,
): boolean {
  if (!shape.length) return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
  const [n, ...inner] = shape;
  return Array.isArray(x) && x.length === n && x.every((y) => hasIntShape(y, inner, min, max));
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
