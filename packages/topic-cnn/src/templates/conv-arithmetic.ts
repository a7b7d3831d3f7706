import { defineTemplate, GenerationError, param, type NumericDistractor } from '@dlexam/generator';
import { conv2d, convOutputSize, formatInt } from '@dlexam/math';
import {
  factor,
  isIntArray,
  plainDims,
  texInt,
  type IntMatrix,
  type IntTensor3,
} from '../shared.js';
import { gridTable } from '../grid-table.js';
import { altMatrix, gridsSvg, type GridPanel } from '../svg.js';
import { intTensorParam } from '../tensor-param.js';

/**
 * Convolution by hand on small integer inputs: one filter over 1–3 input channels, with stride,
 * zero padding per side and a bias. Cross-correlation as in PyTorch (the kernel is not flipped;
 * the stem says so). Table kind asks the whole output, numeric/single one entry.
 */

export type ConvArithmeticParams = {
  /** Input [C][H][W]. */
  x: IntTensor3;
  /** The filter, one kernel per input channel [C][k_h][k_w]. */
  w: IntTensor3;
  bias: number;
  s: number;
  /** Zero padding on each side. */
  p: number;
  /** 0-based output entry asked by numeric/single variants. */
  row: number;
  col: number;
};

export function convArithmeticOutput(
  p: ConvArithmeticParams,
  kernel: IntTensor3 = p.w,
): number[][] {
  return conv2d(p.x, [kernel], { stride: p.s, padding: p.p, bias: [p.bias] })[0]!;
}

const outSize = (p: ConvArithmeticParams) => ({
  h: convOutputSize(p.x[0]!.length, p.w[0]!.length, p.s, p.p),
  w: convOutputSize(p.x[0]![0]!.length, p.w[0]![0]!.length, p.s, p.p),
});

/** Input value with zero padding, at padded coordinates. */
const at = (p: ConvArithmeticParams, c: number, y: number, x: number): number => {
  const yy = y - p.p;
  const xx = x - p.p;
  return p.x[c]![yy]?.[xx] ?? 0;
};

/** The products of one output entry, per channel: `a·b + …`, and the total. */
function entryTerms(p: ConvArithmeticParams, i: number, j: number): { tex: string; value: number } {
  const parts: string[] = [];
  let value = p.bias;
  p.w.forEach((k, c) => {
    const prods: string[] = [];
    k.forEach((r, u) =>
      r.forEach((kv, v) => {
        const xv = at(p, c, i * p.s + u, j * p.s + v);
        prods.push(`${factor(xv)} \\cdot ${factor(kv)}`);
        value += xv * kv;
      }),
    );
    parts.push(p.w.length > 1 ? `(${prods.join(' + ')})` : prods.join(' + '));
  });
  const bias =
    p.bias === 0 ? '' : p.bias > 0 ? ` + ${formatInt(p.bias)}` : ` - ${formatInt(-p.bias)}`;
  return { tex: `${parts.join(' + ')}${bias}`, value };
}

const flip = (m: IntMatrix): IntMatrix => m.map((r) => [...r].reverse()).reverse();

function entryDistractors(
  p: ConvArithmeticParams,
  i: number,
  j: number,
  value: number,
  full: number[][],
): NumericDistractor[] {
  const out: NumericDistractor[] = [];
  if (p.bias !== 0)
    out.push({
      value: value - p.bias,
      misconception: 'forgot-bias',
      feedback: 'You left out the bias, which is added to every output entry.',
    });
  out.push({
    value: convArithmeticOutput(p, p.w.map(flip))[i]![j]!,
    misconception: 'flipped-kernel',
    feedback:
      'You flipped the kernel (textbook convolution); deep-learning layers compute cross-correlation, kernel as given.',
  });
  if (p.w.length > 1) {
    const first = conv2d([p.x[0]!], [[p.w[0]!]], { stride: p.s, padding: p.p, bias: [p.bias] })[0]![
      i
    ]![j]!;
    out.push({
      value: first,
      misconception: 'single-channel-only',
      feedback: 'A filter sums its responses over ALL input channels; you used only the first.',
    });
  }
  if (p.s > 1) {
    const dense = conv2d(p.x, [p.w], { stride: 1, padding: p.p, bias: [p.bias] })[0]!;
    const v = dense[i]?.[j];
    if (v !== undefined)
      out.push({
        value: v,
        misconception: 'ignored-stride',
        feedback: `You moved the window by 1; with stride ${p.s} output (i, j) starts at input (${p.s}i, ${p.s}j).`,
      });
  }
  if (p.p > 0) {
    const unpadded = outSizeNoPad(p);
    if (unpadded && i < unpadded.h && j < unpadded.w) {
      const v = conv2d(p.x, [p.w], { stride: p.s, padding: 0, bias: [p.bias] })[0]![i]![j]!;
      out.push({
        value: v,
        misconception: 'ignored-padding',
        feedback:
          'You placed the window on the unpadded input; the zero border shifts every window.',
      });
    }
  }
  const neighbour = full[i]?.[j + 1] ?? full[i]?.[j - 1] ?? full[i + 1]?.[j] ?? full[i - 1]?.[j];
  if (neighbour !== undefined)
    out.push({
      value: neighbour,
      misconception: 'wrong-window',
      feedback:
        'That is the value of a neighbouring output entry: check which input window the asked entry covers.',
    });
  return out;
}

function outSizeNoPad(p: ConvArithmeticParams): { h: number; w: number } | null {
  const kh = p.w[0]!.length;
  const kw = p.w[0]![0]!.length;
  const h = p.x[0]!.length;
  const w = p.x[0]![0]!.length;
  if (kh > h || kw > w) return null;
  return { h: convOutputSize(h, kh, p.s), w: convOutputSize(w, kw, p.s) };
}

const STEMS = [
  'A convolutional layer with one filter is applied to the input below{{chNote}}. It uses stride {{s}}, {{pad}} and bias \\(b = {{b}}\\). As in deep-learning libraries, the layer computes a cross-correlation: the kernel is NOT flipped. {{ask}}',
  'Compute the output of a single-filter convolutional layer (stride {{s}}, {{pad}}, bias \\(b = {{b}}\\)) on the input below{{chNote}}. The kernel slides over the input without flipping (cross-correlation, as in PyTorch). {{ask}}',
  'The {{kdims}} filter below{{chNote2}} slides over the input with stride {{s}}; the layer uses {{pad}} and adds the bias \\(b = {{b}}\\). No kernel flip (cross-correlation). {{ask}}',
];

function dataDisplay(p: ConvArithmeticParams): string {
  if (p.x.length === 1) return `\\[ X = ${texInt(p.x[0]!)}, \\qquad K = ${texInt(p.w[0]!)} \\]`;
  const xs = p.x.map((m, c) => `X_{${c + 1}} = ${texInt(m)}`).join(', \\quad ');
  const ks = p.w.map((m, c) => `K_{${c + 1}} = ${texInt(m)}`).join(', \\quad ');
  return `\\[ ${xs} \\]\n\n\\[ ${ks} \\]`;
}

/** Seed 003's single-channel 3×3 input and 2×2 kernel: the params' examples and two fixtures. */
const S003_INPUT = [
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
];
const S003_KERNEL = [
  [
    [0, 1],
    [2, 3],
  ],
];

/** Validity of the asked entry's row and column: an output of at most 8×8 (the stem's size limit). */
const VALID_ENTRY = { min: 0, max: 7 };

export const convArithmetic = defineTemplate<ConvArithmeticParams>({
  id: 'cnn.conv-arithmetic',
  topic: 'cnn',
  title: 'Convolution by hand',
  objective:
    'Compute the output of a convolution (cross-correlation) on small integer inputs with stride, padding, bias and several channels.',
  difficulty: 2,
  tags: ['convolution', 'arithmetic', 'channels'],
  kinds: ['table', 'numeric', 'single'],
  params: {
    x: intTensorParam(
      'input [C][H][W], 1–3 channels of integers, H and W 2–8',
      [-99, 99],
      8,
      S003_INPUT,
    ),
    w: intTensorParam(
      'one filter [C][k_h][k_w] (one kernel per input channel), integers −9..9',
      [-9, 9],
      5,
      S003_KERNEL,
    ),
    bias: param.int('the filter bias', [-9, 9], { min: -99, max: 99 }),
    s: param.int('stride', [1, 3], { min: 1, max: 8 }),
    p: param.int('zero padding on each side', [0, 2], { min: 0, max: 7 }),
    row: param.int(
      'row (0-based) of the entry asked by numeric/single variants',
      [0, 5],
      VALID_ENTRY,
    ),
    col: param.int(
      'column (0-based) of the entry asked by numeric/single variants',
      [0, 5],
      VALID_ENTRY,
    ),
  },
  constraints: [
    {
      description: 'x is 1–3 equal channels of integers −99..99, at most 8×8',
      check: (p) => isIntArray(p.x, -99, 99, [3, 8, 8]),
    },
    {
      description: 'w has one kernel per input channel, integers −9..9',
      check: (p) => isIntArray(p.w, -9, 9, [3, 5, 5]) && p.w.length === p.x.length,
    },
    {
      description: 'the kernel fits the padded input',
      check: (p) =>
        p.w[0]!.length <= p.x[0]!.length + 2 * p.p &&
        p.w[0]![0]!.length <= p.x[0]![0]!.length + 2 * p.p,
    },
    {
      description: 'the output is at most 8×8 (a grid to fill in by hand)',
      check: (p) => outSize(p).h <= 8 && outSize(p).w <= 8,
    },
    {
      // Draw preference: a small table; pins may ask e.g. a full-padding 7×7 output.
      description: 'the output is at most 6×6',
      check: (p) => outSize(p).h <= 6 && outSize(p).w <= 6,
      prefer: true,
      params: ['x', 'w', 's', 'p'],
    },
    {
      // Draw preference: with more padding the border windows see only zeros (valid, but dull).
      description: 'padding is smaller than the kernel',
      check: (p) => p.p < Math.max(p.w[0]!.length, p.w[0]![0]!.length),
      prefer: true,
      params: ['p', 'w'],
    },
    {
      description: 'the asked entry is inside the output',
      check: (p) => p.row < outSize(p).h && p.col < outSize(p).w,
    },
  ],
  /**
   * Trivial (numeric, single): every product under the asked window is 0 — the window lies in the
   * padding or meets only zero inputs or zero kernel weights — so the answer is the bias.
   */
  trivial(p, v) {
    if (v.kind === 'table') return null;
    for (const [c, kernel] of p.w.entries())
      for (const [u, row] of kernel.entries())
        for (const [j, w] of row.entries()) {
          const x = p.x[c]?.[p.row * p.s - p.p + u]?.[p.col * p.s - p.p + j] ?? 0;
          if (x * w !== 0) return null;
        }
    return 'every product under the asked window is 0: the answer is the bias';
  },
  sample(rng) {
    const c = rng.choice([1, 1, 1, 2, 2, 3]);
    const k = rng.choice([2, 2, 3, 3]);
    const kw = rng.bool(0.85) ? k : rng.choice([2, 3].filter((x) => x !== k));
    const s = rng.choice([1, 1, 2]);
    const p = rng.bool(0.75) ? 0 : 1;
    // Keep the output between 2×2 and 4×4 so a table stays small.
    // Smaller inputs for more channels, so hand computation stays short.
    const maxSide = c === 1 ? 7 : c === 2 ? 6 : 5;
    const pickSide = (kk: number) => {
      const sizes: number[] = [];
      for (let n = 2; n <= maxSide; n++) {
        if (kk > n + 2 * p) continue;
        const o = convOutputSize(n, kk, s, p);
        if (o >= 2 && o <= 4) sizes.push(n);
      }
      return rng.choice(sizes);
    };
    const h = pickSide(k);
    const w = rng.bool(0.7) ? (kw === k ? h : pickSide(kw)) : pickSide(kw);
    const x = Array.from({ length: c }, () => rng.intMatrix(h, w, 0, 9));
    const wt = Array.from({ length: c }, () => rng.intMatrix(k, kw, -2, 3));
    const bias = rng.bool(0.4) ? 0 : rng.int(-3, 3);
    const oh = convOutputSize(h, k, s, p);
    const ow = convOutputSize(w, kw, s, p);
    return { x, w: wt, bias, s, p, row: rng.int(0, oh - 1), col: rng.int(0, ow - 1) };
  },
  build(p, ctx) {
    const out = convArithmeticOutput(p);
    // Numeric/single: the asked entry and its distractors first, so a redraw costs little.
    const value = out[p.row]?.[p.col];
    const distractors = ctx.kind === 'table' ? [] : entryDistractors(p, p.row, p.col, value!, out);
    if (
      ctx.kind === 'single' &&
      new Set(distractors.map((d) => d.value).filter((v) => v !== value)).size < 3
    )
      throw new GenerationError(
        'fewer than 3 distinct entry distractors; single choice needs 3 (the numeric kind keeps the question)',
      );
    const { h: oh, w: ow } = outSize(p);
    const channels = p.x.length;
    const kdims = plainDims(p.w[0]!.length, p.w[0]![0]!.length);
    const pad = p.p === 0 ? 'no padding' : `zero padding of ${formatInt(p.p)} on each side`;
    const ask =
      ctx.kind === 'table'
        ? `Give the full ${plainDims(oh, ow)} output (one number per cell).`
        : `What is the output entry in row ${formatInt(p.row + 1)}, column ${formatInt(p.col + 1)} (counting from 1 at the top left)?`;
    const stem =
      ctx.render(ctx.rng.choice(STEMS), {
        s: formatInt(p.s),
        pad,
        b: formatInt(p.bias),
        ask,
        kdims,
        chNote:
          channels > 1
            ? ` (${channels} input channels; the filter has one kernel per channel and sums over channels)`
            : '',
        chNote2:
          channels > 1
            ? ` (one kernel per input channel, summed over the ${channels} channels)`
            : '',
      }) + `\n\n${dataDisplay(p)}`;

    const entry = (i: number, j: number) => {
      const t = entryTerms(p, i, j);
      return `\\[ Y_{${i + 1}${j + 1}} = ${t.tex} = ${formatInt(t.value)} \\]`;
    };
    const method =
      `The output is \\(${formatInt(oh)} \\times ${formatInt(ow)}\\): \\(\\lfloor (n + 2p - k)/s \\rfloor + 1\\) along each axis. ` +
      `Entry \\((i, j)\\) multiplies the kernel elementwise with the ${p.p > 0 ? 'zero-padded ' : ''}input window whose top-left corner is at \\((${p.s > 1 ? `${formatInt(p.s)}(i-1)` : 'i-1'}, ${p.s > 1 ? `${formatInt(p.s)}(j-1)` : 'j-1'})\\)` +
      `${channels > 1 ? ', sums over all channels' : ''}, and adds the bias.`;
    const worked =
      ctx.kind === 'table'
        ? oh * ow <= 4
          ? out.flatMap((r, i) => r.map((_, j) => entry(i, j))).join('\n\n')
          : `${entry(0, 0)}\n\n${entry(oh - 1, ow - 1)}`
        : entry(p.row, p.col);
    const solution = `${method}\n\n${worked}\n\nThe full output is\n\n\\[ Y = ${texInt(out)} \\]`;

    const panels: GridPanel[] = [
      ...p.x.map((m, c) => ({
        label: channels > 1 ? `input channel ${c + 1}` : 'input',
        matrix: m,
        padding: p.p,
      })),
      ...p.w.map((m, c) => ({ label: channels > 1 ? `kernel ${c + 1}` : 'kernel', matrix: m })),
      { label: `output (${plainDims(oh, ow)})`, matrix: out, unknown: true },
    ];
    const figure = {
      svg: gridsSvg(panels, 'Convolution input, kernel and output grid'),
      alt: `Input ${channels > 1 ? 'channels' : 'grid'} ${p.x.map(altMatrix).join(' | ')}${p.p ? ` with a dashed border of ${p.p} zero${p.p > 1 ? 's' : ''} (padding)` : ''}; kernel ${p.w.map(altMatrix).join(' | ')}; an empty ${plainDims(oh, ow)} output grid.`,
    };

    if (ctx.kind === 'table') {
      // No figure: the stem gives the input and the answer grid is the output; the figure's input
      // and empty output grids would print both twice.
      return { stem, solution, answer: { type: 'table', ...gridTable(out, 0) } };
    }
    return {
      stem,
      solution,
      figure,
      answer: { type: 'numeric', value: value!, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'S000-conv-stride2',
      params: {
        x: [
          [
            [1, 5, 2, 0, 1],
            [0, 3, 1, 2, 4],
            [4, 0, 1, 1, 3],
            [2, 1, 0, 4, 1],
            [0, 1, 2, 1, 2],
          ],
        ],
        w: [
          [
            [1, 0, 1],
            [0, 1, 0],
            [1, 0, 1],
          ],
        ],
        bias: 0,
        s: 2,
        p: 0,
        row: 0,
        col: 0,
      },
      note: '5×5 input, 3×3 kernel, stride 2, no padding: [[11, 9], [8, 12]]',
    },
    {
      id: 'S003-conv-3x3',
      params: {
        x: S003_INPUT,
        w: S003_KERNEL,
        bias: 0,
        s: 1,
        p: 0,
        row: 0,
        col: 0,
      },
      note: '[[19, 25], [37, 43]]',
    },
    {
      id: 'S003-conv-3x3-bias',
      params: {
        x: S003_INPUT,
        w: S003_KERNEL,
        bias: 1,
        s: 1,
        p: 0,
        row: 0,
        col: 0,
      },
      note: 'with bias 1: [[20, 26], [38, 44]]',
    },
    {
      id: 'S003-multichannel',
      params: {
        x: [
          ...S003_INPUT,
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
        ],
        w: [
          ...S003_KERNEL,
          [
            [1, 2],
            [3, 4],
          ],
        ],
        bias: 0,
        s: 1,
        p: 0,
        row: 0,
        col: 0,
      },
      note: '[[56, 72], [104, 120]]',
    },
    {
      id: 'S002-conv-pad-stride',
      params: {
        x: [
          [
            [1, 5],
            [2, 1],
          ],
          [
            [2, 3],
            [1, 5],
          ],
        ],
        w: [
          [
            [2, 4],
            [1, 5],
          ],
          [
            [2, 8],
            [2, 5],
          ],
        ],
        bias: 0,
        s: 2,
        p: 1,
        row: 0,
        col: 0,
      },
      note: 'seed 002: H = W = C = 2 input, 2×2×2 kernel, padding 1, stride 2 (depth read as channels)',
    },
  ],
});
