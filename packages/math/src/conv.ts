/**
 * Convolution arithmetic as in PyTorch: `conv2d` is a cross-correlation (the kernel is not
 * flipped), zero padding, floor in the output size. Input is [C][H][W], weights are
 * [C_out][C_in][k_h][k_w], one bias per filter (output channel).
 */

/** Padding of one axis: a number is the padding on EACH side (PyTorch `padding=p`); a pair is [before, after]. */
export type AxisPadding = number | readonly [number, number];

/** Padding of a 2-D convolution: symmetric per side, per axis [p_h, p_w] per side, or each side explicitly. */
export type Padding2d =
  number | readonly [number, number] | { top: number; bottom: number; left: number; right: number };

export interface Conv2dOptions {
  /** Stride, one number or [s_h, s_w]; default 1. */
  stride?: number | readonly [number, number];
  /** Zero padding; a number is per side (default 0). */
  padding?: Padding2d;
  /** Dilation, one number or [d_h, d_w]; default 1. */
  dilation?: number | readonly [number, number];
  /** One bias per output channel; default none. */
  bias?: readonly number[];
}

export interface Conv1dOptions {
  stride?: number;
  padding?: AxisPadding;
  dilation?: number;
  bias?: readonly number[];
}

function assertNonNegInt(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${x}`);
}

function assertPosInt(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 1)
    throw new RangeError(`${what} must be a positive integer, got ${x}`);
}

/** [before, after] of an axis padding. */
export function padPair(p: AxisPadding): [number, number] {
  const pair: [number, number] = typeof p === 'number' ? [p, p] : [p[0], p[1]];
  assertNonNegInt(pair[0], 'padding');
  assertNonNegInt(pair[1], 'padding');
  return pair;
}

/** The four sides of a 2-D padding. */
export function padSides(p: Padding2d = 0): {
  top: number;
  bottom: number;
  left: number;
  right: number;
} {
  let sides: { top: number; bottom: number; left: number; right: number };
  if (typeof p === 'number') sides = { top: p, bottom: p, left: p, right: p };
  else if (Array.isArray(p)) {
    const [ph, pw] = p as readonly [number, number];
    sides = { top: ph, bottom: ph, left: pw, right: pw };
  } else sides = { ...(p as { top: number; bottom: number; left: number; right: number }) };
  for (const [k, v] of Object.entries(sides)) assertNonNegInt(v, `padding.${k}`);
  return sides;
}

/** The span a dilated kernel covers: d·(k − 1) + 1. */
export function effectiveKernel(k: number, dilation = 1): number {
  assertPosInt(k, 'kernel size');
  assertPosInt(dilation, 'dilation');
  return dilation * (k - 1) + 1;
}

/**
 * Output length of a convolution (or pooling) along one axis:
 * ⌊(n + p_before + p_after − d·(k − 1) − 1) / s⌋ + 1.
 * `padding` as a number is per side; give `[total, 0]` (or `[a, b]`) when a total is known.
 * Throws when the (dilated) kernel does not fit the padded input.
 */
export function convOutputSize(
  n: number,
  k: number,
  stride = 1,
  padding: AxisPadding = 0,
  dilation = 1,
): number {
  assertPosInt(n, 'input size');
  assertPosInt(stride, 'stride');
  const [a, b] = padPair(padding);
  const span = effectiveKernel(k, dilation);
  const padded = n + a + b;
  if (span > padded) throw new RangeError(`kernel span ${span} exceeds padded input ${padded}`);
  return Math.floor((padded - span) / stride) + 1;
}

/** Total padding that keeps the size at stride 1 ("same"): d·(k − 1); per side when it is even. */
export function samePaddingTotal(k: number, dilation = 1): number {
  return effectiveKernel(k, dilation) - 1;
}

const pairOf = (
  x: number | readonly [number, number] | undefined,
  dflt: number,
): [number, number] =>
  x === undefined ? [dflt, dflt] : typeof x === 'number' ? [x, x] : [x[0], x[1]];

/** 2-D cross-correlation over channels (PyTorch `F.conv2d`). */
export function conv2d(
  input: readonly (readonly (readonly number[])[])[],
  weights: readonly (readonly (readonly (readonly number[])[])[])[],
  opts: Conv2dOptions = {},
): number[][][] {
  const cin = input.length;
  if (!cin) throw new RangeError('conv2d: input has no channels');
  const h = input[0]!.length;
  const w = h ? input[0]![0]!.length : 0;
  if (!h || !w) throw new RangeError('conv2d: empty input channel');
  for (const ch of input)
    if (ch.length !== h || ch.some((r) => r.length !== w))
      throw new RangeError('conv2d: input channels must be equal rectangles');
  const cout = weights.length;
  if (!cout) throw new RangeError('conv2d: no filters');
  const kh = weights[0]![0]?.length ?? 0;
  const kw = kh ? weights[0]![0]![0]!.length : 0;
  for (const f of weights) {
    if (f.length !== cin)
      throw new RangeError(`conv2d: a filter has ${f.length} channels, input has ${cin}`);
    for (const k of f)
      if (k.length !== kh || k.some((r) => r.length !== kw))
        throw new RangeError('conv2d: kernels must be equal rectangles');
  }
  if (opts.bias && opts.bias.length !== cout)
    throw new RangeError(`conv2d: ${opts.bias.length} biases for ${cout} filters`);
  const [sh, sw] = pairOf(opts.stride, 1);
  const [dh, dw] = pairOf(opts.dilation, 1);
  const pad = padSides(opts.padding);
  const oh = convOutputSize(h, kh, sh, [pad.top, pad.bottom], dh);
  const ow = convOutputSize(w, kw, sw, [pad.left, pad.right], dw);
  const out: number[][][] = [];
  for (let o = 0; o < cout; o++) {
    const plane: number[][] = [];
    for (let i = 0; i < oh; i++) {
      const row: number[] = [];
      for (let j = 0; j < ow; j++) {
        let acc = opts.bias ? opts.bias[o]! : 0;
        for (let c = 0; c < cin; c++)
          for (let u = 0; u < kh; u++) {
            const y = i * sh + u * dh - pad.top;
            if (y < 0 || y >= h) continue; // zero padding
            for (let v = 0; v < kw; v++) {
              const x = j * sw + v * dw - pad.left;
              if (x < 0 || x >= w) continue;
              acc += input[c]![y]![x]! * weights[o]![c]![u]![v]!;
            }
          }
        row.push(acc);
      }
      plane.push(row);
    }
    out.push(plane);
  }
  return out;
}

/** 1-D cross-correlation over channels (PyTorch `F.conv1d`): input [C][L], weights [C_out][C_in][k]. */
export function conv1d(
  input: readonly (readonly number[])[],
  weights: readonly (readonly (readonly number[])[])[],
  opts: Conv1dOptions = {},
): number[][] {
  const [a, b] = padPair(opts.padding ?? 0);
  const out = conv2d(
    input.map((ch) => [ch]),
    weights.map((f) => f.map((k) => [k])),
    {
      stride: [1, opts.stride ?? 1],
      dilation: [1, opts.dilation ?? 1],
      padding: { top: 0, bottom: 0, left: a, right: b },
      ...(opts.bias ? { bias: opts.bias } : {}),
    },
  );
  return out.map((plane) => plane[0]!);
}

/** Single-channel, single-filter 2-D cross-correlation of a matrix with a kernel, plus a scalar bias. */
export function correlate2d(
  x: readonly (readonly number[])[],
  kernel: readonly (readonly number[])[],
  opts: Omit<Conv2dOptions, 'bias'> & { bias?: number } = {},
): number[][] {
  const { bias, ...rest } = opts;
  return conv2d([x], [[kernel]], { ...rest, ...(bias !== undefined ? { bias: [bias] } : {}) })[0]!;
}
