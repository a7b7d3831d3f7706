import {
  askedValue,
  defineTemplate,
  GenerationError,
  param,
  type BodyAnswer,
  type BuildContext,
  type NumericDistractor,
  type OptionSpec,
  type Rng,
} from '@dlexam/generator';
import { convOutputSize, effectiveKernel, formatInt } from '@dlexam/math';
import { article, distinctWrong, plainDims, type WrongOption } from '../shared.js';

/**
 * Spatial output size of a convolution. Padding conventions are explicit in every stem: `per-side`
 * (p zeros on each side, PyTorch `padding=p`), `total` (p zeros along the axis in total, the
 * convention of the seed's ⌊(n − k + p + s)/s⌋), `valid` (none) and `same` (d(k−1)/2 per side).
 * Output size uses floor (positions past the padded input are not computed).
 *
 * Kernels may be non-square and stride and padding may differ per axis (`kw`, `sw`, `pw` along the
 * width; `k`, `s`, `p` along the height, and for both axes when they are equal). A square layer
 * reads exactly as before; the per-axis draw uses its own random stream, so a seed that draws a
 * square layer gives the same question as before these parameters existed.
 */

export type PadMode = 'per-side' | 'total' | 'valid' | 'same';

export type ConvOutputSizeParams = {
  /** A convolution, or a max/average pooling window (2-D, no padding, no dilation). */
  op: 'conv' | 'maxpool' | 'avgpool';
  dims: '1d' | '2d';
  h: number;
  w: number;
  /** Kernel height (the size of a square kernel; the length in 1-D). */
  k: number;
  /** Kernel width (= k for a square kernel and in 1-D). */
  kw: number;
  /** Stride along the height (both axes when sw = s). */
  s: number;
  /** Stride along the width. */
  sw: number;
  padMode: PadMode;
  /** Padding along the height: per side for per-side/same, the total for total, 0 for valid. */
  p: number;
  /** Padding along the width, in the same convention. */
  pw: number;
  d: number;
  /** Input channels (2-D with filters; 1 otherwise). */
  cin: number;
  /** Number of filters; 0 = the channel dimension is not part of the question. */
  filters: number;
  /** The axis a numeric question asks for (2-D); 1-D always uses `width`. */
  axis: 'height' | 'width' | 'channels';
};

/** Total zeros added along one axis (the height's padding `p`, or the given amount). */
export const totalPadding = (
  p: Pick<ConvOutputSizeParams, 'padMode' | 'p'>,
  amount = p.p,
): number => (p.padMode === 'total' ? amount : 2 * amount);

/** One axis of a layer: input size, kernel, stride and padding (in the stated convention). */
interface Axis {
  n: number;
  k: number;
  s: number;
  /** Padding amount in the stated convention. */
  p: number;
  /** Total zeros along the axis. */
  P: number;
}

const axisOf = (p: ConvOutputSizeParams, which: 'height' | 'width'): Axis =>
  which === 'height'
    ? { n: p.h, k: p.k, s: p.s, p: p.p, P: totalPadding(p) }
    : { n: p.w, k: p.kw, s: p.sw, p: p.pw, P: totalPadding(p, p.pw) };

/** True when kernel, stride and padding are the same along both axes. */
export const isSquareLayer = (p: ConvOutputSizeParams): boolean =>
  p.k === p.kw && p.s === p.sw && p.p === p.pw;

/** [before, after] padding of one axis, for the math core (the total split as evenly as possible). */
const padPair = (t: number): [number, number] => [Math.floor(t / 2), t - Math.floor(t / 2)];

export function outputSizes(p: ConvOutputSizeParams): { h: number; w: number } {
  return {
    h: convOutputSize(p.h, p.k, p.s, padPair(totalPadding(p)), p.d),
    w: convOutputSize(p.w, p.kw, p.sw, padPair(totalPadding(p, p.pw)), p.d),
  };
}

interface AxisMistake {
  misconception: string;
  feedback: string;
  /** The wrong size along an axis of input size n, or null when the mistake does not apply. */
  size(n: number): number | null;
}

/** The modelled mistakes along one axis; each gives a wrong size for that axis's input size. */
function mistakes(p: ConvOutputSizeParams, ax: Axis): AxisMistake[] {
  const P = ax.P;
  const span = effectiveKernel(ax.k, p.d);
  const fits = (n: number, pad: number, kk: number) => n + pad >= kk;
  const out: AxisMistake[] = [
    {
      misconception: 'forgot-plus-one',
      feedback: 'You left out the +1: the first kernel position counts as an output too.',
      size: (n) => Math.floor((n + P - span) / ax.s),
    },
    {
      misconception: 'ignored-stride',
      feedback:
        'You slid the kernel one pixel at a time; with a stride the difference is divided by the stride.',
      size: (n) => (ax.s > 1 ? n + P - span + 1 : null),
    },
    {
      misconception: 'ceil-instead-of-floor',
      feedback:
        'You rounded up; a kernel position that would extend past the padded input is not computed, so round down.',
      size: (n) => Math.ceil((n + P - span) / ax.s) + 1,
    },
    {
      misconception: 'kernel-as-stride',
      feedback: 'You divided by the kernel size instead of the stride.',
      size: (n) => Math.floor((n + P - span) / ax.k) + 1,
    },
    {
      misconception: 'input-over-stride',
      feedback:
        'You divided the input size by the stride, ignoring the kernel size and the padding.',
      size: (n) => Math.floor(n / ax.s),
    },
  ];
  if (p.padMode === 'per-side' || p.padMode === 'same')
    out.splice(1, 0, {
      misconception: 'padding-one-side',
      feedback:
        'You counted the padding on one side only; it is added on both sides, so 2p in total.',
      size: (n) => (fits(n, ax.p, span) ? Math.floor((n + ax.p - span) / ax.s) + 1 : null),
    });
  if (p.padMode === 'total')
    out.splice(1, 0, {
      misconception: 'total-padding-as-per-side',
      feedback:
        'The stated padding is the total along the axis; you added it on both sides (twice).',
      size: (n) => Math.floor((n + 2 * ax.p - span) / ax.s) + 1,
    });
  if (P > 0)
    out.push({
      misconception: 'ignored-padding',
      feedback: 'You left out the zero padding.',
      size: (n) => (fits(n, 0, span) ? Math.floor((n - span) / ax.s) + 1 : null),
    });
  if (p.d > 1)
    out.splice(1, 0, {
      misconception: 'ignored-dilation',
      feedback: 'You used the kernel size k; a dilated kernel spans d(k−1)+1 input pixels.',
      size: (n) => Math.floor((n + P - ax.k) / ax.s) + 1,
    });
  return out;
}

/**
 * The per-axis mistake of a non-square layer: this axis's size computed with the other axis's
 * kernel, stride and padding (the layer read as square, or its height × width order swapped).
 */
function otherAxisSize(p: ConvOutputSizeParams, ax: Axis, other: Axis): number | null {
  const span = effectiveKernel(other.k, p.d);
  if (ax.n + other.P < span) return null;
  return Math.floor((ax.n + other.P - span) / other.s) + 1;
}

/** Wrong output sizes of a non-square layer: each per-axis mistake, and the axes mixed up. */
function axesWrongSizes(
  p: ConvOutputSizeParams,
  H: Axis,
  W: Axis,
  out: { h: number; w: number },
  dimsText: (a: number, b: number) => string,
): WrongOption[] {
  const wrong: WrongOption[] = [];
  const swapped = [otherAxisSize(p, H, W), otherAxisSize(p, W, H)] as const;
  if (swapped[0] !== null && swapped[1] !== null && swapped[0] >= 1 && swapped[1] >= 1)
    wrong.push({
      text: dimsText(swapped[0], swapped[1]),
      misconception: 'kernel-axes-swapped',
      feedback:
        'You swapped the axes: the kernel, stride and padding are given as height × width, so the first number goes with the input height.',
    });
  if (swapped[1] !== null && swapped[1] >= 1 && swapped[1] !== out.w)
    wrong.push({
      text: dimsText(out.h, swapped[1]),
      misconception: 'other-axis-settings',
      feedback: OTHER_AXIS_FEEDBACK,
    });
  const mh = mistakes(p, H);
  const mw = mistakes(p, W);
  for (const m of [
    ...mh,
    ...mw.filter((x) => !mh.some((y) => y.misconception === x.misconception)),
  ]) {
    const a = mh.find((x) => x.misconception === m.misconception)?.size(p.h) ?? out.h;
    const b = mw.find((x) => x.misconception === m.misconception)?.size(p.w) ?? out.w;
    if (a === null || b === null || a < 1 || b < 1) continue;
    wrong.push({ text: dimsText(a, b), misconception: m.misconception, feedback: m.feedback });
  }
  return wrong;
}

const OTHER_AXIS_FEEDBACK =
  'You used the other axis’s kernel size, stride or padding: with a non-square layer each axis has its own, listed height first, then width.';

const CHANNELS_FEEDBACK =
  'Each filter produces one output channel, so the output has as many channels as the layer has filters, not as the input.';

const FLOOR_NOTE =
  'Window positions that would reach past the (padded) input are not computed (round down).';

function paddingPhrase(p: ConvOutputSizeParams, oneD: boolean): string {
  if (!oneD && p.p !== p.pw) return axisPaddingPhrase(p);
  const unit = oneD ? 'zeros' : 'rows/columns of zeros';
  switch (p.padMode) {
    case 'valid':
      return 'no padding ("valid" convolution)';
    case 'per-side':
      return oneD
        ? `zero padding of ${formatInt(p.p)} on each end (${formatInt(2 * p.p)} zeros in total)`
        : `zero padding of ${formatInt(p.p)} on each side (${formatInt(p.p)} rows at the top and at the bottom, ${formatInt(p.p)} columns at the left and at the right)`;
    case 'total':
      return oneD
        ? `zero padding of ${formatInt(p.p)} in total (${formatInt(p.p)} zeros split between the two ends, not ${formatInt(p.p)} per end)`
        : `zero padding of ${formatInt(p.p)} in total along each axis (${formatInt(p.p)} rows split between top and bottom and ${formatInt(p.p)} columns split between left and right, not ${formatInt(p.p)} per side)`;
    case 'same':
      return `"same" padding: ${formatInt(p.p)} ${unit} on each side, the ${p.d > 1 ? 'd(k − 1)/2' : '(k − 1)/2'} that keeps the size at stride 1`;
  }
}

/** Padding that differs between the axes (2-D, per-side, total or "same"). */
function axisPaddingPhrase(p: ConvOutputSizeParams): string {
  const rows = (n: number) => `${formatInt(n)} ${n === 1 ? 'row' : 'rows'}`;
  const cols = (n: number) => `${formatInt(n)} ${n === 1 ? 'column' : 'columns'}`;
  switch (p.padMode) {
    case 'valid':
      return 'no padding ("valid" convolution)';
    case 'per-side':
      return `zero padding of ${formatInt(p.p)} along the height and ${formatInt(p.pw)} along the width, on each side (${rows(p.p)} at the top and at the bottom, ${cols(p.pw)} at the left and at the right)`;
    case 'total':
      return `zero padding of ${formatInt(p.p)} in total along the height and ${formatInt(p.pw)} in total along the width (${rows(p.p)} split between top and bottom, ${cols(p.pw)} split between left and right, not per side)`;
    case 'same':
      return `"same" padding: ${rows(p.p)} of zeros at the top and at the bottom and ${cols(p.pw)} at the left and at the right, the ${p.d > 1 ? 'd(k − 1)/2' : '(k − 1)/2'} per axis that keeps the size at stride 1`;
  }
}

/** Stems of a 2-D layer whose kernel, stride or padding differ between the axes. */
const STEMS_2D_AXES = [
  'A 2-D convolutional layer with {{layer}}{{dil}}, {{stride}} and {{pad}} is applied to an input of size {{inShape}} ({{inOrder}}). {{floor}} What is {{ask}}?',
  'An input feature map of size {{inShape}} ({{inOrder}}) goes through a convolutional layer: {{layer}}{{dil}}, {{stride}}, {{pad}}. {{floor}} Give {{ask}}.',
  'A convolutional layer ({{layer}}{{dil}}, {{stride}}, {{pad}}) receives an input of size {{inShape}} ({{inOrder}}). {{floor}} Compute {{ask}}.',
];

const STEMS_POOL_AXES = [
  '{{aK}} {{kShape}} {{pool}} pooling layer (window height × width) with {{stride}} and no padding is applied to a feature map of size {{inShape}} ({{inOrder}}). {{floor}} What is {{ask}}?',
  'A feature map of size {{inShape}} ({{inOrder}}) goes through {{pool}} pooling: window {{kShape}} (height × width), {{stride}}, no padding. {{floor}} Give {{ask}}.',
  'Compute {{ask}} of {{pool}} pooling with {{ak}} {{kShape}} window (height × width) and {{stride}} (no padding) on an input of size {{inShape}} ({{inOrder}}). {{floor}}',
];

const STEMS_2D = [
  'A 2-D convolutional layer with {{layer}}{{dil}}, stride {{s}} and {{pad}} is applied to an input of size {{inShape}} ({{inOrder}}). {{floor}} What is {{ask}}?',
  'An input feature map of size {{inShape}} ({{inOrder}}) goes through a convolutional layer: {{layer}}{{dil}}, stride {{s}} in both directions, {{pad}}. {{floor}} Give {{ask}}.',
  'A convolutional layer ({{layer}}{{dil}}, stride {{s}}, {{pad}}) receives an input of size {{inShape}} ({{inOrder}}). {{floor}} Compute {{ask}}.',
];

const STEMS_POOL = [
  '{{aK}} {{k}}×{{k}} {{pool}} pooling layer with stride {{s}} and no padding is applied to a feature map of size {{inShape}} ({{inOrder}}). {{floor}} What is {{ask}}?',
  'A feature map of size {{inShape}} ({{inOrder}}) goes through {{pool}} pooling: window {{k}}×{{k}}, stride {{s}}, no padding. {{floor}} Give {{ask}}.',
  'Compute {{ask}} of {{pool}} pooling with {{ak}} {{k}}×{{k}} window and stride {{s}} (no padding) on an input of size {{inShape}} ({{inOrder}}). {{floor}}',
];

const STEMS_1D = [
  'A 1-D convolution with kernel size {{k}}{{dil}}, stride {{s}} and {{pad}} is applied to a sequence of length {{h}}. {{floor}} What is {{ask}}?',
  'A signal of {{h}} samples goes through a 1-D convolutional layer: kernel size {{k}}{{dil}}, stride {{s}}, {{pad}}. {{floor}} Give {{ask}}.',
  'A temporal convolution (kernel {{k}}{{dil}}, stride {{s}}, {{pad}}) runs over a sequence of length {{h}}. {{floor}} Compute {{ask}}.',
];

function axisSolution(label: string, ax: Axis, p: ConvOutputSizeParams, out: number): string {
  const span = effectiveKernel(ax.k, p.d);
  const num = ax.n + ax.P - span;
  return `\\[ ${label} = \\left\\lfloor \\frac{${formatInt(ax.n)} + ${formatInt(ax.P)} - ${formatInt(span)}}{${formatInt(ax.s)}} \\right\\rfloor + 1 = \\left\\lfloor \\frac{${formatInt(num)}}{${formatInt(ax.s)}} \\right\\rfloor + 1 = ${formatInt(out)} \\]`;
}

/** The worked solution of a layer whose kernel, stride or padding differ between the axes. */
function axesSolutionHead(p: ConvOutputSizeParams): string {
  const H = axisOf(p, 'height');
  const W = axisOf(p, 'width');
  const padLine =
    p.padMode === 'total'
      ? `The padding is given as a total per axis, so \\(P_H = ${formatInt(H.P)}\\) and \\(P_W = ${formatInt(W.P)}\\).`
      : p.padMode === 'valid'
        ? 'There is no padding, so \\(P_H = P_W = 0\\).'
        : `The padding is ${formatInt(H.p)} per side along the height and ${formatInt(W.p)} per side along the width, so \\(P_H = 2 \\cdot ${formatInt(H.p)} = ${formatInt(H.P)}\\) and \\(P_W = 2 \\cdot ${formatInt(W.p)} = ${formatInt(W.P)}\\).`;
  const spanLine =
    p.d > 1
      ? ` The dilated kernel spans \\(d(k_H-1)+1 = ${formatInt(effectiveKernel(H.k, p.d))}\\) rows and \\(d(k_W-1)+1 = ${formatInt(effectiveKernel(W.k, p.d))}\\) columns.`
      : '';
  return `Each axis has its own kernel size, stride and padding (height first, then width). Along an axis with input size \\(n\\), total padding \\(P\\), kernel span \\(k_{\\text{eff}} = d(k-1)+1\\) and stride \\(s\\):\n\n\\[ n_{\\text{out}} = \\left\\lfloor \\frac{n + P - k_{\\text{eff}}}{s} \\right\\rfloor + 1 \\]\n\n${padLine}${spanLine} Kernel ${plainDims(H.k, W.k)}, stride ${formatInt(H.s)} along the height and ${formatInt(W.s)} along the width.`;
}

function solutionText(p: ConvOutputSizeParams, out: { h: number; w: number }): string {
  const oneD = p.dims === '1d';
  if (!oneD && !isSquareLayer(p)) {
    const lines = `${axisSolution('H_{\\text{out}}', axisOf(p, 'height'), p, out.h)}\n\n${axisSolution('W_{\\text{out}}', axisOf(p, 'width'), p, out.w)}`;
    const tail =
      p.filters > 0
        ? `Each of the ${formatInt(p.filters)} filters produces one output channel, so the output is \\(${formatInt(out.h)} \\times ${formatInt(out.w)} \\times ${formatInt(p.filters)}\\) (height × width × channels).`
        : `The output is \\(${formatInt(out.h)} \\times ${formatInt(out.w)}\\) (height × width).`;
    return `${axesSolutionHead(p)}\n\n${lines}\n\n${tail}`;
  }
  const P = totalPadding(p);
  const padLine =
    p.padMode === 'total'
      ? `The padding is given as a total, so \\(P = ${formatInt(P)}\\).`
      : p.padMode === 'valid'
        ? 'There is no padding, so \\(P = 0\\).'
        : `The padding is ${formatInt(p.p)} per side, so \\(P = 2 \\cdot ${formatInt(p.p)} = ${formatInt(P)}\\).`;
  const spanLine =
    p.d > 1
      ? ` The dilated kernel spans \\(d(k-1)+1 = ${formatInt(p.d)} \\cdot ${formatInt(p.k - 1)} + 1 = ${formatInt(effectiveKernel(p.k, p.d))}\\) input pixels.`
      : '';
  const head = `Along each axis, with input size \\(n\\), total padding \\(P\\), kernel span \\(k_{\\text{eff}} = d(k-1)+1\\) and stride \\(s\\):\n\n\\[ n_{\\text{out}} = \\left\\lfloor \\frac{n + P - k_{\\text{eff}}}{s} \\right\\rfloor + 1 \\]\n\n${padLine}${spanLine}`;
  const H = axisOf(p, 'height');
  if (oneD) return `${head}\n\n${axisSolution('L_{\\text{out}}', H, p, out.h)}`;
  const lines =
    p.h === p.w
      ? `${axisSolution('H_{\\text{out}} = W_{\\text{out}}', H, p, out.h)}`
      : `${axisSolution('H_{\\text{out}}', H, p, out.h)}\n\n${axisSolution('W_{\\text{out}}', axisOf(p, 'width'), p, out.w)}`;
  if (p.filters > 0)
    return `${head}\n\n${lines}\n\nEach of the ${formatInt(p.filters)} filters produces one output channel, so the output is \\(${formatInt(out.h)} \\times ${formatInt(out.w)} \\times ${formatInt(p.filters)}\\) (height × width × channels).`;
  return `${head}\n\n${lines}\n\nThe output is \\(${formatInt(out.h)} \\times ${formatInt(out.w)}\\) (height × width).`;
}

/**
 * Adds the width's kernel, stride and padding to a drawn layer: the height's (a square layer) or,
 * for a quarter of 2-D layers, drawn anew. The draw uses a stream of its own, keyed by the layer
 * drawn so far, so the main stream (and every square layer a seed drew before) is unchanged.
 */
type SquareLayer = Pick<
  ConvOutputSizeParams,
  'op' | 'dims' | 'h' | 'w' | 'k' | 's' | 'padMode' | 'p' | 'd' | 'cin' | 'filters' | 'axis'
>;

/** The layer with the width's kernel, stride and padding equal to the height's. */
const squareLayer = (base: SquareLayer): ConvOutputSizeParams => ({
  ...base,
  kw: base.k,
  sw: base.s,
  pw: base.p,
});

function withAxes(base: SquareLayer, rng: Rng): ConvOutputSizeParams {
  const square = squareLayer(base);
  if (base.dims === '1d') return square;
  const r = rng.child(
    `axes-${base.op}-${base.h}-${base.w}-${base.k}-${base.s}-${base.padMode}-${base.p}-${base.d}`,
  );
  if (!r.bool(0.25)) return square;
  const pool = base.op !== 'conv';
  const sameKernels = [1, 3, 5, 7, 9, 11].filter((k) => (base.d * (k - 1)) / 2 <= 6);
  const kernels = pool
    ? [1, 2, 3, 4]
    : base.padMode === 'same'
      ? sameKernels
      : [1, 2, 3, 3, 4, 5, 5, 7, 9, 11];
  // Width kernels that differ from the height's and fit the (unpadded) width.
  const fitting = kernels.filter((k) => k !== base.k && effectiveKernel(k, base.d) <= base.w);
  if (!fitting.length) return square;
  const kw = r.choice(fitting);
  // Strides differ on half of the non-square layers (more on pools: 1×2 windows, stride 1×2).
  const sw = r.bool(pool ? 0.6 : 0.5) ? r.choice([1, 2, 3].filter((x) => x !== base.s)) : base.s;
  const pw =
    base.padMode === 'valid'
      ? 0
      : base.padMode === 'same'
        ? (base.d * (kw - 1)) / 2
        : base.padMode === 'total'
          ? r.int(1, Math.min(6, 2 * effectiveKernel(kw, base.d)))
          : r.int(1, Math.min(4, effectiveKernel(kw, base.d)));
  return { ...base, kw, sw, pw };
}

/** What the question asks for, in words (the length, one output dimension, or the whole shape). */
function askPhrase(p: ConvOutputSizeParams, kind: BuildContext['kind']): string {
  const oneD = p.dims === '1d';
  const ch = p.filters > 0;
  return kind === 'numeric'
    ? oneD
      ? 'the length of the output'
      : p.axis === 'channels'
        ? 'the number of output channels'
        : `the ${p.axis} of the output`
    : oneD
      ? 'the length of the output'
      : ch
        ? 'the shape of the output (height × width × channels)'
        : 'the spatial size of the output (height × width)';
}

/**
 * The options of a 2-D single-choice question: the output size and up to four distinct wrong
 * ones (`ms` are the height's mistakes, used for both axes of a square layer).
 */
function sizeOptions(
  p: ConvOutputSizeParams,
  out: { h: number; w: number },
  H: Axis,
  W: Axis,
  ms: AxisMistake[],
  square: boolean,
): OptionSpec[] {
  const ch = p.filters > 0;
  const dimsText = (a: number, b: number, c = p.filters) =>
    ch ? plainDims(a, b, c) : plainDims(a, b);
  const correct = dimsText(out.h, out.w);
  const wrong: WrongOption[] = [];
  if (ch && p.cin !== p.filters)
    wrong.push({
      text: dimsText(out.h, out.w, p.cin),
      misconception: 'channels-from-input',
      feedback: CHANNELS_FEEDBACK,
    });
  if (square)
    for (const m of ms) {
      const a = m.size(p.h);
      const b = m.size(p.w);
      if (a === null || b === null || a < 1 || b < 1) continue;
      wrong.push({
        text: dimsText(a, b),
        misconception: m.misconception,
        feedback: m.feedback,
      });
    }
  else wrong.push(...axesWrongSizes(p, H, W, out, dimsText));
  // Up to five options, like the seed's multiple-choice version.
  const picked = distinctWrong(correct, wrong, 4);
  if (picked.length < 3)
    throw new GenerationError(
      `only ${picked.length} distinct wrong sizes; single choice needs 3 (the numeric kind keeps the question)`,
    );
  return [
    { text: correct, correct: true, feedback: 'Correct.' },
    ...picked.map((w) => ({ ...w, correct: false })),
  ];
}

/** The values the stem template fills in (`ask` is the question, `square` one size per axis). */
function stemData(p: ConvOutputSizeParams, ask: string, square: boolean) {
  const oneD = p.dims === '1d';
  const ch = p.filters > 0;
  const ak = article(p.k);
  const kShape = plainDims(p.k, square ? p.k : p.kw);
  return {
    h: formatInt(p.h),
    layer: ch
      ? `${formatInt(p.filters)} ${p.filters === 1 ? 'filter' : 'filters'} of size ${kShape}${square ? '' : ' (height × width)'}`
      : `${ak} ${kShape} kernel${square ? '' : ' (height × width)'}`,
    kShape,
    stride:
      p.s === p.sw
        ? `stride ${formatInt(p.s)} in both directions`
        : `stride ${formatInt(p.s)} along the height and ${formatInt(p.sw)} along the width`,
    aK: ak === 'an' ? 'An' : 'A',
    ak,
    inShape: ch ? plainDims(p.h, p.w, p.cin) : plainDims(p.h, p.w),
    inOrder: ch ? 'height × width × channels' : 'height × width',
    k: formatInt(p.k),
    s: formatInt(p.s),
    dil:
      p.d > 1
        ? ` with dilation ${formatInt(p.d)} (adjacent kernel taps ${formatInt(p.d)} pixels apart)`
        : '',
    pad: paddingPhrase(p, oneD),
    floor: FLOOR_NOTE,
    ask,
    pool: p.op === 'maxpool' ? 'max' : 'average',
  };
}

/** The table answer: the output length, or height × width (× channels). */
function sizeTable(p: ConvOutputSizeParams, out: { h: number; w: number }): BodyAnswer {
  const oneD = p.dims === '1d';
  const ch = p.filters > 0;
  return oneD
    ? {
        type: 'table',
        header: ['Output length'],
        rows: [[{ type: 'numeric', value: out.w, decimals: 0 }]],
      }
    : {
        type: 'table',
        header: ch
          ? ['Output height', 'Output width', 'Output channels']
          : ['Output height', 'Output width'],
        rows: [
          [
            { type: 'numeric', value: out.h, decimals: 0 },
            { type: 'numeric', value: out.w, decimals: 0 },
            ...(ch ? [{ type: 'numeric' as const, value: p.filters, decimals: 0 }] : []),
          ],
        ],
      };
}

/** The mistakes when the number of output channels is asked. */
function channelMistakes(p: ConvOutputSizeParams): NumericDistractor[] {
  return [
    { value: p.cin, misconception: 'channels-from-input', feedback: CHANNELS_FEEDBACK },
    {
      value: p.cin * p.filters,
      misconception: 'channels-multiplied',
      feedback:
        'Each filter sums over all input channels and produces ONE output channel; channels are not multiplied.',
    },
    {
      value: p.k * p.k * p.cin,
      misconception: 'weights-per-filter',
      feedback: 'That is the number of weights in one filter, not the number of output channels.',
    },
    {
      value: 1,
      misconception: 'one-output-channel',
      feedback: 'One filter gives one channel, but the layer has several filters.',
    },
  ];
}

/** The mistakes when one output size is asked (`ms` are the height's mistakes, as above). */
function sizeMistakes(
  p: ConvOutputSizeParams,
  H: Axis,
  W: Axis,
  ms: AxisMistake[],
  square: boolean,
): NumericDistractor[] {
  const oneD = p.dims === '1d';
  const n = oneD || p.axis === 'width' ? p.w : p.h;
  const distractors: NumericDistractor[] = [];
  const asked = oneD || p.axis === 'width' ? W : H;
  for (const m of square ? ms : mistakes(p, asked)) {
    const v = m.size(n);
    if (v !== null && v >= 1)
      distractors.push({ value: v, misconception: m.misconception, feedback: m.feedback });
  }
  if (!square) {
    const v = otherAxisSize(p, asked, asked === W ? H : W);
    if (v !== null && v >= 1)
      distractors.push({
        value: v,
        misconception: 'other-axis-settings',
        feedback: OTHER_AXIS_FEEDBACK,
      });
  }
  return distractors;
}

/** Seed 003's layer: 9×13 input, 3×3 kernel, stride 2, "padding 2×2" (read as 2 in total). */
const S003_9X13: ConvOutputSizeParams = squareLayer({
  op: 'conv',
  dims: '2d',
  h: 9,
  w: 13,
  k: 3,
  s: 2,
  padMode: 'total',
  p: 2,
  d: 1,
  cin: 1,
  filters: 0,
  axis: 'height',
});

/**
 * What a pin may be (validity): input sizes and channels up to 100,000, kernels and strides up to
 * 1,000, padding 0–1,000.
 */
const VALID_SIZE = { min: 1, max: 100000 };
const VALID_WINDOW = { min: 1, max: 1000 };
const VALID_PADDING = { min: 0, max: 1000 };

export const convOutputSizeTemplate = defineTemplate<ConvOutputSizeParams>({
  id: 'cnn.conv-output-size',
  topic: 'cnn',
  title: 'Convolution output size',
  objective:
    'Compute the spatial output size of a 1-D or 2-D convolution from input size, kernel, stride, padding and dilation.',
  difficulty: 1,
  tags: ['convolution', 'shapes', 'padding', 'stride'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    op: param.choice('convolution or a pooling window', ['conv', 'maxpool', 'avgpool']),
    dims: param.choice('a 1-D (sequence) or 2-D (image) convolution', ['1d', '2d']),
    h: param.int('input height (the length for 1-D)', [3, 64], VALID_SIZE),
    w: param.int('input width (equals h for 1-D)', [3, 64], VALID_SIZE),
    k: param.int(
      'kernel height (the size k of a square k×k kernel; the length in 1-D)',
      [1, 11],
      VALID_WINDOW,
    ),
    kw: param.int('kernel width (= k for a square kernel and in 1-D)', [1, 11], VALID_WINDOW),
    s: param.int('stride along the height (and in 1-D)', [1, 4], VALID_WINDOW),
    sw: param.int('stride along the width (= s in 1-D)', [1, 4], VALID_WINDOW),
    padMode: param.choice(
      'padding convention stated in the stem: p per side, p in total, none, or "same"',
      ['per-side', 'total', 'valid', 'same'],
    ),
    p: param.int(
      'padding along the height (and in 1-D) in the stated convention',
      [0, 6],
      VALID_PADDING,
    ),
    pw: param.int(
      'padding along the width in the stated convention (= p in 1-D)',
      [0, 6],
      VALID_PADDING,
    ),
    d: param.int('dilation', [1, 3], { min: 1, max: 100 }),
    cin: param.int('input channels (1 unless filters > 0)', [1, 512], VALID_SIZE),
    filters: param.int('number of filters; 0 leaves channels out of the question', [0, 512], {
      min: 0,
      max: 100000,
    }),
    axis: param.choice(
      'the output dimension a numeric question asks for (2-D; channels needs filters > 0)',
      ['height', 'width', 'channels'],
    ),
  },
  constraints: [
    {
      description: 'pooling is 2-D, without padding, dilation or filters',
      check: (p) =>
        p.op === 'conv' ||
        (p.dims === '2d' && p.padMode === 'valid' && p.d === 1 && p.filters === 0 && p.cin === 1),
    },
    {
      description: '1-D inputs have w = h, no channel question, and ask for the width (length)',
      check: (p) => p.dims === '2d' || (p.w === p.h && p.axis === 'width' && p.filters === 0),
    },
    {
      description: '1-D layers have one kernel size, stride and padding (kw = k, sw = s, pw = p)',
      check: (p) => p.dims === '2d' || (p.kw === p.k && p.sw === p.s && p.pw === p.p),
    },
    {
      description: 'without filters the input has one channel and no channel is asked',
      check: (p) => p.filters > 0 || (p.cin === 1 && p.axis !== 'channels'),
    },
    {
      description: 'valid convolutions have p = 0',
      check: (p) =>
        p.padMode === 'valid' ? p.p === 0 && p.pw === 0 : p.p > 0 || (p.pw > 0 && p.dims === '2d'),
    },
    {
      description: '"same" padding is d(k−1)/2 per side along each axis, an integer',
      check: (p) =>
        p.padMode !== 'same' ||
        ((p.d * (p.k - 1)) % 2 === 0 &&
          p.p === (p.d * (p.k - 1)) / 2 &&
          (p.d * (p.kw - 1)) % 2 === 0 &&
          p.pw === (p.d * (p.kw - 1)) / 2),
    },
    {
      description: 'padding per side is at most the kernel span, along each axis',
      check: (p) =>
        p.p <= (p.padMode === 'total' ? 2 : 1) * effectiveKernel(p.k, p.d) &&
        p.pw <= (p.padMode === 'total' ? 2 : 1) * effectiveKernel(p.kw, p.d),
      prefer: true,
      params: ['p', 'pw', 'k', 'kw', 'd', 'padMode'],
    },
    {
      description: 'the dilated kernel fits the padded input on both axes',
      check: (p) =>
        p.h + totalPadding(p) >= effectiveKernel(p.k, p.d) &&
        p.w + totalPadding(p, p.pw) >= effectiveKernel(p.kw, p.d),
    },
  ],
  // A pinned or narrowed height's kernel/stride/padding is the width's too unless that is set.
  follows: { kw: 'k', sw: 's', pw: 'p' },
  sample(rng) {
    if (rng.bool(0.2)) {
      const h = rng.int(5, 64);
      const square = {
        op: rng.choice(['maxpool', 'avgpool'] as const),
        dims: '2d' as const,
        h,
        w: rng.bool(0.5) ? h : rng.int(5, 64),
        k: rng.choice([2, 2, 3]),
        s: rng.choice([1, 2, 2, 3]),
        padMode: 'valid' as const,
        p: 0,
        d: 1,
        cin: 1,
        filters: 0,
        axis: rng.choice(['height', 'width'] as const),
      };
      return withAxes(square, rng);
    }
    const dims = rng.bool(0.75) ? '2d' : '1d';
    const h = rng.int(5, 64);
    const w = dims === '1d' || rng.bool(0.5) ? h : rng.int(5, 64);
    const d = rng.bool(0.8) ? 1 : rng.int(2, 3);
    const padMode = rng.choice(['per-side', 'per-side', 'total', 'valid', 'same'] as const);
    // "same" needs d(k−1)/2 ≤ 6 per side (the schema's padding range).
    const sameKernels = [1, 3, 3, 5, 5, 7, 9, 11].filter((k) => (d * (k - 1)) / 2 <= 6);
    const k =
      padMode === 'same' ? rng.choice(sameKernels) : rng.choice([1, 2, 3, 3, 4, 5, 5, 7, 9, 11]);
    const s = rng.choice([1, 1, 2, 2, 3, 4]);
    const p =
      padMode === 'valid'
        ? 0
        : padMode === 'same'
          ? (d * (k - 1)) / 2
          : padMode === 'total'
            ? rng.int(1, 6)
            : rng.int(1, 4);
    const withChannels = dims === '2d' && rng.bool(0.5);
    const cin = withChannels ? rng.choice([1, 3, 3, 8, 16, 32, 64, 128]) : 1;
    const filters = withChannels ? rng.choice([4, 6, 8, 10, 12, 16, 24, 32, 64, 96, 128, 256]) : 0;
    const axis =
      dims === '1d'
        ? 'width'
        : withChannels && rng.bool(0.2)
          ? 'channels'
          : rng.choice(['height', 'width'] as const);
    return withAxes({ op: 'conv', dims, h, w, k, s, padMode, p, d, cin, filters, axis }, rng);
  },
  /**
   * Trivial: the asked size equals the input size along that axis ("same" padding at stride 1
   * keeps it, as the stem says), so it is read off the stem without the formula.
   */
  trivial(p, v) {
    if (v.kind === 'table' || p.axis === 'channels') return null;
    const n = p.dims === '1d' || p.axis === 'width' ? p.w : p.h;
    return askedValue(v) === n
      ? `the output ${p.dims === '1d' ? 'length' : p.axis} is the input's ${n}: the padding keeps the size`
      : null;
  },
  build(p, ctx) {
    const oneD = p.dims === '1d';
    const out = outputSizes(p);
    const square = oneD || isSquareLayer(p);
    const H = axisOf(p, 'height');
    const W = axisOf(p, 'width');
    const ms = mistakes(p, H);
    const kind = ctx.kind;
    const ask = askPhrase(p, kind);
    // Single choice on a 2-D size: the options first, so a redraw costs little.
    const options = kind === 'single' && !oneD ? sizeOptions(p, out, H, W, ms, square) : null;
    const data = stemData(p, ask, square);
    const stems =
      p.op !== 'conv'
        ? square
          ? STEMS_POOL
          : STEMS_POOL_AXES
        : oneD
          ? STEMS_1D
          : square
            ? STEMS_2D
            : STEMS_2D_AXES;
    const stem = ctx.render(ctx.rng.choice(stems), data);
    const solution = solutionText(p, out);

    if (kind === 'table') return { stem, solution, answer: sizeTable(p, out) };
    if (options) return { stem, solution, answer: { type: 'choice', options } };
    if (p.axis === 'channels') {
      const distractors = channelMistakes(p);
      return {
        stem,
        solution,
        answer: { type: 'numeric', value: p.filters, decimals: 0, distractors },
      };
    }
    const value = oneD || p.axis === 'width' ? out.w : out.h;
    const distractors = sizeMistakes(p, H, W, ms, square);
    return { stem, solution, answer: { type: 'numeric', value, decimals: 0, distractors } };
  },
  fixtures: [
    {
      id: 'S001-conv-15',
      params: squareLayer({
        op: 'conv',
        dims: '2d',
        h: 15,
        w: 15,
        k: 5,
        s: 2,
        padMode: 'valid',
        p: 0,
        d: 1,
        cin: 1,
        filters: 0,
        axis: 'width',
      }),
      note: '15×15 input, 5×5 filter, stride 2, no padding: width 6',
    },
    {
      id: 'S002-conv-out',
      params: squareLayer({
        op: 'conv',
        dims: '2d',
        h: 32,
        w: 32,
        k: 7,
        s: 3,
        padMode: 'per-side',
        p: 2,
        d: 1,
        cin: 8,
        filters: 16,
        axis: 'height',
      }),
      kind: 'table',
      note: '32×32×8 input, 16 filters 7×7, padding 2 per side, stride 3: 10×10 (×16 channels, one per filter)',
    },
    {
      id: 'S003-out-9x13',
      params: S003_9X13,
      kind: 'single',
      note: '"padding 2×2" read as 2 in total per axis (the seed formula ⌊(n − k + p + s)/s⌋): 5×7',
    },
    {
      id: 'S003-out-9x13-per-side',
      params: { ...S003_9X13, padMode: 'per-side' },
      kind: 'single',
      note: 'the same layer with 2 per side (PyTorch padding=2): 6×8',
    },
    {
      id: 'nonsquare-conv-3x5',
      params: {
        op: 'conv',
        dims: '2d',
        h: 28,
        w: 28,
        k: 3,
        kw: 5,
        s: 1,
        sw: 2,
        padMode: 'per-side',
        p: 1,
        pw: 2,
        d: 1,
        cin: 1,
        filters: 8,
        axis: 'width',
      },
      kind: 'table',
      note: 'a 28×28×1 image, 8 filters 3×5 (height × width), stride (1, 2), padding (1, 2) per side (PyTorch kernel_size=(3, 5), stride=(1, 2), padding=(1, 2)): ⌊(28 + 2 − 3)/1⌋ + 1 = 28 by ⌊(28 + 4 − 5)/2⌋ + 1 = 14, so 28×14×8',
    },
    {
      id: 'nonsquare-maxpool-2x3',
      params: {
        op: 'maxpool',
        dims: '2d',
        h: 12,
        w: 12,
        k: 2,
        kw: 3,
        s: 2,
        sw: 3,
        padMode: 'valid',
        p: 0,
        pw: 0,
        d: 1,
        cin: 1,
        filters: 0,
        axis: 'width',
      },
      kind: 'single',
      note: '2×3 max pooling with stride (2, 3) on a 12×12 map: ⌊(12 − 2)/2⌋ + 1 = 6 by ⌊(12 − 3)/3⌋ + 1 = 4, so 6×4',
    },
  ],
});
