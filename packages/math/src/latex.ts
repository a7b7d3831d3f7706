import { formatDecimal, formatFixed, formatInt, reduceFraction, toScientific } from './format.js';
import type { Matrix, Vector } from './tensor.js';

/** LaTeX forms of numbers, vectors and matrices (for `\( … \)` in stems and solutions). */

export interface TexNumberOptions {
  /** Fixed decimals; omitted: integers as integers, others trimmed to 4 decimals. */
  decimals?: number;
  /** Trim trailing zeros after rounding. */
  trim?: boolean;
}

export function texNumber(x: number, opts: TexNumberOptions = {}): string {
  if (Number.isInteger(x) && opts.decimals === undefined) return formatInt(x, '\\,');
  const d = opts.decimals ?? 4;
  const s = opts.trim || opts.decimals === undefined ? formatDecimal(x, d) : formatFixed(x, d);
  return s;
}

export function texFraction(num: number, den: number): string {
  const [n, d] = reduceFraction(num, den);
  if (d === 1) return formatInt(n);
  return `${n < 0 ? '-' : ''}\\frac{${formatInt(Math.abs(n))}}{${formatInt(d)}}`;
}

export function texScientific(x: number, sig = 3): string {
  const { mantissa, exponent } = toScientific(x, sig);
  return `${mantissa} \\times 10^{${formatInt(exponent)}}`;
}

/** A column vector as a bmatrix (set `row` for a row vector). */
export function texVector(v: Vector, opts: TexNumberOptions & { row?: boolean } = {}): string {
  const cells = v.map((x) => texNumber(x, opts));
  return `\\begin{bmatrix}${cells.join(opts.row ? ' & ' : ' \\\\ ')}\\end{bmatrix}`;
}

export function texMatrix(m: Matrix, opts: TexNumberOptions = {}): string {
  const rows = m.map((r) => r.map((x) => texNumber(x, opts)).join(' & '));
  return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`;
}

/** Plain-text matrix `[[1, 2], [3, 4]]`, the form the seeds use. */
export function plainMatrix(m: Matrix, opts: TexNumberOptions = {}): string {
  const num = (x: number) =>
    Number.isInteger(x) && opts.decimals === undefined
      ? formatInt(x)
      : formatDecimal(x, opts.decimals ?? 4);
  return `[${m.map((r) => `[${r.map(num).join(', ')}]`).join(', ')}]`;
}
