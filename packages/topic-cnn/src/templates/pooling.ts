import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import { formatFixed, formatInt, globalPool, pool2d, poolOutputSize, roundTo } from '@dlexam/math';
import { isIntArray, plainDims, texInt, type IntTensor3 } from '../shared.js';
import { gridTable } from '../grid-table.js';
import { altMatrix, gridsSvg } from '../svg.js';
import { intTensorParam } from '../tensor-param.js';

/**
 * Pooling by hand: k×k max or average pooling with a stride (no padding, sizes round down), or
 * global max/average pooling of a multi-channel map. Averages are asked to 2 decimals. Windows may
 * be non-square with a stride per axis (`kw`, `sw` along the width; `k`, `s` along the height and
 * for both axes when equal); the width's are drawn on a stream of their own, so a seed that draws
 * a square window gives the same question as before.
 */

export type PoolingMode = 'max' | 'avg' | 'global-max' | 'global-avg';

export type PoolingParams = {
  /** Input [C][H][W]: one channel for max/avg, 2–3 for global pooling. */
  x: IntTensor3;
  mode: PoolingMode;
  /** Window height (the size of a square window). */
  k: number;
  /** Window width (= k for a square window). */
  kw: number;
  /** Stride along the height (both axes when sw = s). */
  s: number;
  /** Stride along the width. */
  sw: number;
  /** Entry asked by numeric/single (global: row = channel, col = 0). */
  row: number;
  col: number;
};

const isGlobal = (m: PoolingMode) => m === 'global-max' || m === 'global-avg';

/** The pooled output as rows (global pooling: one row of C values). */
export function poolingOutput(p: PoolingParams): number[][] {
  if (p.mode === 'global-max' || p.mode === 'global-avg')
    return [globalPool(p.x, p.mode === 'global-max' ? 'max' : 'avg')];
  return pool2d(p.x[0]!, p.mode, { size: [p.k, p.kw], stride: [p.s, p.sw] });
}

const outShape = (p: PoolingParams): { h: number; w: number } =>
  isGlobal(p.mode)
    ? { h: 1, w: p.x.length }
    : {
        h: poolOutputSize(p.x[0]!.length, p.k, p.s),
        w: poolOutputSize(p.x[0]![0]!.length, p.kw, p.sw),
      };

/** True when the window and its stride are the same along both axes. */
const isSquare = (p: PoolingParams): boolean => p.k === p.kw && p.s === p.sw;

/** The kh×kw window whose top-left corner is at (top, left). */
const windowAt = (m: number[][], top: number, left: number, kh: number, kw: number): number[] =>
  m.slice(top, top + kh).flatMap((r) => r.slice(left, left + kw));

/** The window of output entry (i, j). */
const window = (m: number[][], i: number, j: number, p: PoolingParams): number[] =>
  windowAt(m, i * p.s, j * p.sw, p.k, p.kw);

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const total = (v: number[]) => v.reduce((a, b) => a + b, 0);

function distractors(p: PoolingParams, value: number): NumericDistractor[] {
  const out: NumericDistractor[] = [];
  const add = (v: number | undefined, misconception: string, feedback: string) => {
    if (v !== undefined && Number.isFinite(v)) out.push({ value: v, misconception, feedback });
  };
  if (isGlobal(p.mode)) {
    const ch = p.x[p.row]!.flat();
    const all = p.x.flat(2);
    if (p.mode === 'global-avg') {
      add(
        Math.max(...ch),
        'max-instead-of-average',
        'That is the maximum; global AVERAGE pooling takes the mean of the channel.',
      );
      add(
        total(ch),
        'sum-instead-of-average',
        'You summed the channel; divide by its number of entries.',
      );
      add(
        mean(all),
        'pooled-across-channels',
        'Global pooling works per channel; you averaged over all channels together.',
      );
    } else {
      add(
        mean(ch),
        'average-instead-of-max',
        'That is the mean; global MAX pooling keeps the largest value of the channel.',
      );
      add(
        Math.max(...all),
        'pooled-across-channels',
        'Global pooling works per channel; that is the maximum over all channels.',
      );
      add(total(ch), 'sum-instead-of-max', 'You summed the channel instead of taking its maximum.');
      add(Math.min(...ch), 'min-instead-of-max', 'That is the smallest value of the channel.');
    }
    return out;
  }
  const m = p.x[0]!;
  const win = window(m, p.row, p.col, p);
  const neighbourCol = p.col + 1 < outShape(p).w ? p.col + 1 : p.col - 1;
  const neighbour = neighbourCol >= 0 ? window(m, p.row, neighbourCol, p) : [];
  const square = isSquare(p);
  const strided = square ? p.s !== 1 : p.s !== 1 || p.sw !== 1;
  const strideText = square
    ? `with stride ${p.s} it moves ${p.s} pixels`
    : `with stride ${p.s} along the height and ${p.sw} along the width it moves that many pixels`;
  const unstrided = windowAt(m, p.row, p.col, p.k, p.kw);
  // The window read as width × height (same corner), when it fits.
  const swapped =
    p.k !== p.kw && p.row * p.s + p.kw <= m.length && p.col * p.sw + p.k <= m[0]!.length
      ? windowAt(m, p.row * p.s, p.col * p.sw, p.kw, p.k)
      : [];
  const SWAPPED = 'You read the window as width × height; it is given as height × width.';
  if (p.mode === 'max') {
    add(
      mean(win),
      'average-instead-of-max',
      'That is the average of the window; max pooling keeps its largest value.',
    );
    add(Math.min(...win), 'min-instead-of-max', 'That is the smallest value of the window.');
    if (strided)
      add(Math.max(...unstrided), 'ignored-stride', `You moved the window by 1; ${strideText}.`);
    if (neighbour.length)
      add(Math.max(...neighbour), 'wrong-window', 'That is the maximum of a neighbouring window.');
    add(total(win), 'sum-instead-of-max', 'You summed the window instead of taking its maximum.');
    if (swapped.length) add(Math.max(...swapped), 'window-axes-swapped', SWAPPED);
  } else {
    add(
      Math.max(...win),
      'max-instead-of-average',
      'That is the maximum; average pooling takes the mean of the window.',
    );
    add(
      total(win),
      'sum-instead-of-average',
      `You summed the window; divide by its ${p.k * p.kw} entries.`,
    );
    add(
      total(win) / p.k,
      'divided-by-k',
      square
        ? `The window has k² = ${p.k * p.k} entries, not k = ${p.k}.`
        : `The window has k_H·k_W = ${p.k * p.kw} entries, not k_H = ${p.k}.`,
    );
    if (strided)
      add(mean(unstrided), 'ignored-stride', `You moved the window by 1; ${strideText}.`);
    if (neighbour.length)
      add(mean(neighbour), 'wrong-window', 'That is the average of a neighbouring window.');
    if (swapped.length) add(mean(swapped), 'window-axes-swapped', SWAPPED);
  }
  return out.filter((d) => roundTo(d.value, 2) !== roundTo(value, 2));
}

const MODE_TEXT: Record<PoolingMode, string> = {
  max: 'max pooling',
  avg: 'average pooling',
  'global-max': 'global max pooling',
  'global-avg': 'global average pooling',
};

const STEMS = [
  'Apply {{op}} to the input below. {{rule}} {{ask}}',
  'A pooling layer performs {{op}} on the feature map below. {{rule}} {{ask}}',
  'Compute the result of {{op}} on this input. {{rule}} {{ask}}',
];

/** Validity on an input of at most 8×8: windows and strides 1–8, the asked row and column 0–7. */
const VALID_WINDOW = { min: 1, max: 8 };
const VALID_ENTRY = { min: 0, max: 7 };

export const pooling = defineTemplate<PoolingParams>({
  id: 'cnn.pooling',
  topic: 'cnn',
  title: 'Pooling by hand',
  objective: 'Compute max, average and global pooling outputs and their sizes.',
  difficulty: 1,
  tags: ['pooling'],
  kinds: ['table', 'numeric', 'single'],
  params: {
    x: intTensorParam(
      'input [C][H][W] of integers 0..99: one channel (max/avg) or 2–3 (global)',
      [0, 99],
      8,
      [
        [
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ],
      ],
    ),
    mode: param.choice('pooling operation', ['max', 'avg', 'global-max', 'global-avg']),
    k: param.int(
      'window height (the size k of a square k×k window; 2 for global pooling)',
      [1, 3],
      VALID_WINDOW,
    ),
    kw: param.int(
      'window width (= k for a square window; 2 for global pooling)',
      [1, 3],
      VALID_WINDOW,
    ),
    s: param.int(
      'stride along the height (and both axes when sw = s; 2 for global pooling)',
      [1, 3],
      VALID_WINDOW,
    ),
    sw: param.int('stride along the width (2 for global)', [1, 3], VALID_WINDOW),
    row: param.int('asked row (global: channel index)', [0, 5], VALID_ENTRY),
    col: param.int('asked column (0 for global)', [0, 5], VALID_ENTRY),
  },
  constraints: [
    {
      description:
        'x is a [C][H][W] integer tensor, at most 8×8, with one channel for max/avg and 2–3 for global pooling',
      check: (p) =>
        isIntArray(p.x, 0, 99, [3, 8, 8]) &&
        (isGlobal(p.mode) ? p.x.length >= 2 : p.x.length === 1),
    },
    {
      description: 'global pooling has the canonical k = kw = s = sw = 2 and col = 0',
      check: (p) =>
        !isGlobal(p.mode) || (p.k === 2 && p.kw === 2 && p.s === 2 && p.sw === 2 && p.col === 0),
    },
    {
      description: 'a window has at least 2 entries',
      check: (p) => p.k * p.kw >= 2,
    },
    {
      description: 'the window fits the input',
      check: (p) => isGlobal(p.mode) || (p.k <= p.x[0]!.length && p.kw <= p.x[0]![0]!.length),
    },
    {
      description: 'the output is at most 4×4',
      check: (p) => isGlobal(p.mode) || (outShape(p).h <= 4 && outShape(p).w <= 4),
      prefer: true,
      params: ['x', 'k', 'kw', 's', 'sw'],
    },
    {
      description: 'the asked entry is inside the output (global pooling: row is the channel)',
      check: (p) =>
        isGlobal(p.mode)
          ? p.row < p.x.length && p.col === 0
          : p.row < outShape(p).h && p.col < outShape(p).w,
    },
  ],
  // A pinned or narrowed height's kernel/stride/padding is the width's too unless that is set.
  follows: { kw: 'k', sw: 's' },
  /**
   * Trivial (numeric, single): every value the asked output pools is the same (a constant window,
   * or a constant channel for global pooling), so max and average are that value without pooling.
   */
  trivial(p, v) {
    if (v.kind === 'table') return null;
    const pooled = isGlobal(p.mode)
      ? (p.x[p.row] ?? []).flat()
      : (p.x[0] ?? [])
          .slice(p.row * p.s, p.row * p.s + p.k)
          .flatMap((r) => r.slice(p.col * p.sw, p.col * p.sw + p.kw));
    return pooled.length > 1 && pooled.every((x) => x === pooled[0])
      ? 'every value the asked output pools is the same'
      : null;
  },
  sample(rng) {
    const mode = rng.choice(['max', 'max', 'avg', 'avg', 'global-max', 'global-avg'] as const);
    if (isGlobal(mode)) {
      const c = rng.int(2, 3);
      const h = rng.int(2, 4);
      const w = rng.int(2, 4);
      return {
        x: Array.from({ length: c }, () => rng.intMatrix(h, w, 0, 9)),
        mode,
        k: 2,
        kw: 2,
        s: 2,
        sw: 2,
        row: rng.int(0, c - 1),
        col: 0,
      };
    }
    const k = rng.bool(0.7) ? 2 : 3;
    const s = rng.choice([1, 2, 2, k]);
    // The width's window and stride on a stream of their own: square draws are unchanged.
    const axes = rng.child(`axes-${mode}-${k}-${s}`);
    const nonSquare = axes.bool(0.25);
    const kw = nonSquare ? axes.choice([1, 2, 3].filter((x) => x !== k)) : k;
    const sw = nonSquare ? axes.choice([1, 2, kw]) : s;
    const fits = (kk: number, ss: number) => (n: number) =>
      n >= kk && poolOutputSize(n, kk, ss) >= 2 && poolOutputSize(n, kk, ss) <= 4;
    const sizes = [3, 4, 5, 6, 7].filter(fits(k, s));
    const h = rng.choice(sizes);
    const w = nonSquare
      ? rng.bool(0.7)
        ? fits(kw, sw)(h)
          ? h
          : rng.choice([3, 4, 5, 6, 7].filter(fits(kw, sw)))
        : rng.choice([3, 4, 5, 6, 7].filter(fits(kw, sw)))
      : rng.bool(0.7)
        ? h
        : rng.choice(sizes);
    const oh = poolOutputSize(h, k, s);
    const ow = poolOutputSize(w, kw, sw);
    return {
      x: [rng.intMatrix(h, w, 0, 9)],
      mode,
      k,
      kw,
      s,
      sw,
      row: rng.int(0, oh - 1),
      col: rng.int(0, ow - 1),
    };
  },
  build(p, ctx) {
    const out = poolingOutput(p);
    const { h: oh, w: ow } = outShape(p);
    const global = isGlobal(p.mode);
    const avg = p.mode === 'avg' || p.mode === 'global-avg';
    const decimals = avg ? 2 : 0;
    const fmt = (v: number) => (avg ? formatFixed(v, 2) : formatInt(v));
    const rule = global
      ? `Global pooling reduces each of the ${p.x.length} channels to one number.`
      : isSquare(p)
        ? `The window is ${plainDims(p.k, p.k)} with stride ${p.s} and no padding; windows that would run past the edge are dropped.`
        : `The window is ${plainDims(p.k, p.kw)} (height × width) with stride ${p.s} along the height and ${p.sw} along the width, and no padding; windows that would run past the edge are dropped.`;
    const round = avg ? ' Round to 2 decimal places.' : '';
    const ask =
      ctx.kind === 'table'
        ? global
          ? `Give the pooled value of every channel.${round}`
          : `Give the full ${plainDims(oh, ow)} output.${round}`
        : global
          ? `What is the output for channel ${p.row + 1}?${round}`
          : `What is the output entry in row ${p.row + 1}, column ${p.col + 1} (counting from 1 at the top left)?${round}`;
    const data = global
      ? `\\[ ${p.x.map((m, c) => `X_{${c + 1}} = ${texInt(m)}`).join(', \\quad ')} \\]`
      : `\\[ X = ${texInt(p.x[0]!)} \\]`;
    const stem =
      ctx.render(ctx.rng.choice(STEMS), { op: MODE_TEXT[p.mode], rule, ask }) + `\n\n${data}`;

    const explain = (i: number, j: number): string => {
      const win = global ? p.x[i]!.flat() : window(p.x[0]!, i, j, p);
      const v = out[global ? 0 : i]![global ? i : j]!;
      const op = avg
        ? `\\frac{${win.map((x) => formatInt(x)).join(' + ')}}{${formatInt(win.length)}}`
        : `\\max(${win.map((x) => formatInt(x)).join(', ')})`;
      const name = global ? `y_{${i + 1}}` : `Y_{${i + 1}${j + 1}}`;
      const exact = Math.abs(v - roundTo(v, decimals)) < 1e-9;
      return `\\[ ${name} = ${op} ${exact ? '=' : '\\approx'} ${fmt(v)} \\]`;
    };
    const sizeLine = global
      ? `Global ${avg ? 'average' : 'max'} pooling outputs one value per channel: \\(1 \\times 1 \\times ${p.x.length}\\).`
      : `${isSquare(p) ? '' : `Each axis has its own window size and stride (height ${formatInt(p.k)}, stride ${formatInt(p.s)}; width ${formatInt(p.kw)}, stride ${formatInt(p.sw)}). `}The output is \\(\\lfloor (${p.x[0]!.length} - ${p.k})/${p.s} \\rfloor + 1 = ${oh}\\) by \\(\\lfloor (${p.x[0]![0]!.length} - ${p.kw})/${p.sw} \\rfloor + 1 = ${ow}\\). Entry \\((i, j)\\) takes the ${avg ? 'mean' : 'maximum'} of the window starting at row \\(${p.s > 1 ? `${p.s}(i-1)+1` : 'i'}\\), column \\(${p.sw > 1 ? `${p.sw}(j-1)+1` : 'j'}\\).`;
    const worked =
      ctx.kind === 'table'
        ? global
          ? out[0]!.map((_, c) => explain(c, 0)).join('\n\n')
          : `${explain(0, 0)}\n\n${explain(oh - 1, ow - 1)}`
        : explain(p.row, p.col);
    const fullTex = `\\begin{bmatrix}${out.map((r) => r.map(fmt).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
    const solution = `${sizeLine}\n\n${worked}\n\n${global ? 'All channels' : 'The full output'}: \\[ ${fullTex} \\]`;
    const figure = {
      svg: gridsSvg(
        [
          ...p.x.map((m, c) => ({ label: global ? `channel ${c + 1}` : 'input', matrix: m })),
          { label: `output (${plainDims(oh, ow)})`, matrix: out, unknown: true },
        ],
        `Input of ${MODE_TEXT[p.mode]} and its output grid`,
      ),
      alt: `Input ${p.x.map(altMatrix).join(' | ')}; an empty ${plainDims(oh, ow)} output grid for ${MODE_TEXT[p.mode]}.`,
    };
    if (ctx.kind === 'table') {
      const table = global
        ? {
            header: p.x.map((_, c) => `channel ${c + 1}`),
            rows: [out[0]!.map((v): TableCellSpec => ({ type: 'numeric', value: v, decimals }))],
          }
        : gridTable(out, decimals);
      // No figure: the stem gives the input and the answer grid is the output; the figure's input
      // and empty output grids would print both twice.
      return { stem, solution, answer: { type: 'table', ...table } };
    }
    const value = global ? out[0]![p.row]! : out[p.row]![p.col]!;
    const ds = distractors(p, value);
    if (ctx.kind === 'single' && new Set(ds.map((d) => roundTo(d.value, decimals))).size < 3)
      throw new GenerationError(
        'fewer than 3 distinct pooling distractors; single choice needs 3 (the numeric kind keeps the question)',
      );
    return {
      stem,
      solution,
      figure,
      answer: { type: 'numeric', value, decimals, distractors: ds },
    };
  },
  fixtures: [
    {
      id: 'S003-maxpool',
      params: {
        x: [
          [
            [0, 1, 2],
            [3, 4, 5],
            [6, 7, 8],
          ],
        ],
        mode: 'max',
        k: 2,
        kw: 2,
        s: 1,
        sw: 1,
        row: 0,
        col: 0,
      },
      note: '2×2 max pooling, stride 1: [[4, 5], [7, 8]]',
    },
    {
      id: 'nonsquare-avgpool-1x2',
      params: {
        x: [
          [
            [1, 3, 2, 6],
            [5, 7, 0, 4],
          ],
        ],
        mode: 'avg',
        k: 1,
        kw: 2,
        s: 1,
        sw: 2,
        row: 1,
        col: 1,
      },
      kind: 'table',
      note: '1×2 average pooling with stride (1, 2) on a 2×4 map: rows [2, 4] and [6, 2]',
    },
  ],
});
