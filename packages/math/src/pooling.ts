import { convOutputSize, padPair, type AxisPadding } from './conv.js';

/**
 * Pooling on one channel (a matrix), as PyTorch `max_pool2d` / `avg_pool2d` with the default
 * `ceil_mode=False`. Average pooling divides by the full window (`count_include_pad=True`), so
 * padded zeros count; max pooling pads with −∞ (padding never wins).
 */

export type PoolMode = 'max' | 'avg';

export interface Pool2dOptions {
  /** Window size k (k×k) or [k_h, k_w]. */
  size: number | readonly [number, number];
  /** Stride; defaults to the window size (PyTorch default). */
  stride?: number | readonly [number, number];
  /** Padding per side (number) or [p_h, p_w] per side. */
  padding?: number | readonly [number, number];
}

const pair = (x: number | readonly [number, number]): [number, number] =>
  typeof x === 'number' ? [x, x] : [x[0], x[1]];

/** Output length of a pooling window along one axis (same formula as a convolution, floor). */
export function poolOutputSize(n: number, k: number, stride = k, padding: AxisPadding = 0): number {
  const [a, b] = padPair(padding);
  if (a > k / 2 || b > k / 2)
    throw new RangeError(`pooling padding ${Math.max(a, b)} exceeds half the window ${k}`);
  return convOutputSize(n, k, stride, padding);
}

/** Max or average pooling of a matrix. */
export function pool2d(
  x: readonly (readonly number[])[],
  mode: PoolMode,
  opts: Pool2dOptions,
): number[][] {
  const h = x.length;
  const w = h ? x[0]!.length : 0;
  if (!h || !w || x.some((r) => r.length !== w))
    throw new RangeError('pool2d: input must be a non-empty rectangle');
  const [kh, kw] = pair(opts.size);
  const [sh, sw] = pair(opts.stride ?? opts.size);
  const [ph, pw] = pair(opts.padding ?? 0);
  const oh = poolOutputSize(h, kh, sh, ph);
  const ow = poolOutputSize(w, kw, sw, pw);
  const out: number[][] = [];
  for (let i = 0; i < oh; i++) {
    const row: number[] = [];
    for (let j = 0; j < ow; j++) {
      let best = -Infinity;
      let total = 0;
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) {
          const y = i * sh + u - ph;
          const z = j * sw + v - pw;
          const inside = y >= 0 && y < h && z >= 0 && z < w;
          const val = inside ? x[y]![z]! : 0;
          if (inside && val > best) best = val;
          total += val;
        }
      row.push(mode === 'max' ? best : total / (kh * kw));
    }
    out.push(row);
  }
  return out;
}

export const maxPool2d = (x: readonly (readonly number[])[], opts: Pool2dOptions): number[][] =>
  pool2d(x, 'max', opts);
export const avgPool2d = (x: readonly (readonly number[])[], opts: Pool2dOptions): number[][] =>
  pool2d(x, 'avg', opts);

/** Global pooling: one value per channel of a [C][H][W] input. */
export function globalPool(
  input: readonly (readonly (readonly number[])[])[],
  mode: PoolMode,
): number[] {
  return input.map((ch) => {
    const all = ch.flat();
    if (!all.length) throw new RangeError('globalPool: empty channel');
    return mode === 'max' ? Math.max(...all) : all.reduce((s, v) => s + v, 0) / all.length;
  });
}

export const globalAvgPool = (input: readonly (readonly (readonly number[])[])[]): number[] =>
  globalPool(input, 'avg');
export const globalMaxPool = (input: readonly (readonly (readonly number[])[])[]): number[] =>
  globalPool(input, 'max');
