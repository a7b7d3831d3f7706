import {
  defineTemplate,
  intIn,
  listOf,
  GenerationError,
  param,
  type BuildContext,
  type NumericDistractor,
  type QuestionBody,
  type OptionSpec,
} from '@dlexam/generator';
import { correlate2d, formatInt, transpose } from '@dlexam/math';
import { factor, isIntArray, plainDims, texInt, type IntMatrix } from '../shared.js';
import { gridTable } from '../grid-table.js';
import { altMatrix, gridsSvg } from '../svg.js';

/**
 * Edge detection with a 3×3 edge filter (Prewitt or Sobel, vertical or horizontal) on an image with
 * a step or a stripe: compute the response (valid cross-correlation, stride 1), or say which
 * kind of edge a kernel detects (single choice, decided by the kernel's responses to test edges).
 */

export type EdgeKernelName =
  'prewitt-vertical' | 'prewitt-horizontal' | 'sobel-vertical' | 'sobel-horizontal';

/** The vertical-edge kernels (a difference across columns); each horizontal one is the transpose. */
const PREWITT_VERTICAL: IntMatrix = [
  [-1, 0, 1],
  [-1, 0, 1],
  [-1, 0, 1],
];
const SOBEL_VERTICAL: IntMatrix = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

export const EDGE_KERNELS: Record<EdgeKernelName, IntMatrix> = {
  'prewitt-vertical': PREWITT_VERTICAL,
  'prewitt-horizontal': transpose(PREWITT_VERTICAL),
  'sobel-vertical': SOBEL_VERTICAL,
  'sobel-horizontal': transpose(SOBEL_VERTICAL),
};

export type EdgeDetectionParams = {
  image: IntMatrix;
  kernel: EdgeKernelName;
  /** Entry asked by numeric variants (0-based). */
  row: number;
  col: number;
};

export const edgeResponse = (p: EdgeDetectionParams): number[][] =>
  correlate2d(p.image, EDGE_KERNELS[p.kernel]);

const flip = (m: IntMatrix): IntMatrix => m.map((r) => [...r].reverse()).reverse();

/** A vertical (left-right change) or horizontal (top-bottom change) test image of a kernel's size. */
export function edgeKind(kernel: IntMatrix): 'vertical' | 'horizontal' | 'none' {
  const step = (vertical: boolean) =>
    kernel.map((_, i) => kernel[0]!.map((__, j) => ((vertical ? j : i) >= 1 ? 1 : 0)));
  const respond = (img: IntMatrix) => Math.abs(correlate2d(img, kernel)[0]![0]!);
  const v = respond(step(true));
  const h = respond(step(false));
  if (v > h) return 'vertical';
  if (h > v) return 'horizontal';
  return 'none';
}

const STEMS = [
  'The {{name}} kernel \\(K\\) below is applied to the grayscale image \\(X\\) (valid cross-correlation: no padding, stride 1, kernel not flipped). {{ask}}',
  'An edge detector convolves the image \\(X\\) with the {{name}} filter \\(K\\) (as in CNN layers: no kernel flip, no padding, stride 1). {{ask}}',
  'Compute the response of the {{name}} filter \\(K\\) to the image \\(X\\), using cross-correlation without padding and with stride 1. {{ask}}',
];

const KERNEL_STEMS = [
  'Consider the kernel below, used as a convolution filter on grayscale images. Which structures does it respond to most strongly?',
  'A convolutional layer has learned the 3×3 filter below. What kind of image feature does it detect?',
  'Which image structures does the following filter highlight when it slides over a grayscale image?',
];

export const BOX_BLUR: IntMatrix = [
  [1, 1, 1],
  [1, 1, 1],
  [1, 1, 1],
];
export const IDENTITY: IntMatrix = [
  [0, 0, 0],
  [0, 1, 0],
  [0, 0, 0],
];
export const GAUSS_BLUR: IntMatrix = [
  [1, 2, 1],
  [2, 4, 2],
  [1, 2, 1],
];
export const SHARPEN: IntMatrix = [
  [0, -1, 0],
  [-1, 5, -1],
  [0, -1, 0],
];

const MATCH_ANSWERS = {
  vertical: 'detects vertical edges (left-right intensity changes)',
  horizontal: 'detects horizontal edges (top-bottom intensity changes)',
  blur: 'blurs the image (a weighted average of each 3×3 window, up to a constant factor)',
  sharpen: 'sharpens the image (boosts a pixel against its neighbours)',
  identity: 'leaves the image unchanged',
  diagonal: 'detects only diagonal edges',
};

const MATCH_STEMS = [
  'Match each 3×3 convolution kernel (applied as cross-correlation to a grayscale image) with what it does. One description is not used. Kernels are shown without normalising factors.',
  'Which effect does each of these filters have on a grayscale image? Match kernels and descriptions (one description matches no kernel; kernels are shown without normalising factors).',
];

const NAME: Record<EdgeKernelName, string> = {
  'prewitt-vertical': 'vertical-edge (Prewitt)',
  'prewitt-horizontal': 'horizontal-edge (Prewitt)',
  'sobel-vertical': 'vertical-edge (Sobel)',
  'sobel-horizontal': 'horizontal-edge (Sobel)',
};

/** The figure of the numeric kind: the image, the kernel and an empty response grid. */
function responseFigure(
  p: EdgeDetectionParams,
  k: IntMatrix,
  out: number[][],
  oh: number,
  ow: number,
) {
  return {
    svg: gridsSvg(
      [
        { label: 'image', matrix: p.image },
        { label: 'kernel', matrix: k },
        { label: `response (${plainDims(oh, ow)})`, matrix: out, unknown: true },
      ],
      'Image, edge kernel and response grid',
    ),
    alt: `Image ${altMatrix(p.image)}; kernel ${altMatrix(k)}; an empty ${plainDims(oh, ow)} response grid.`,
  };
}

/** The matching kind: kernels of the variant's family and others, each with what it does. */
function matchingBody(p: EdgeDetectionParams, ctx: BuildContext): QuestionBody {
  // Kernels of the variant's family (Prewitt or Sobel) plus a box blur and the identity.
  const family = p.kernel.startsWith('sobel') ? 'sobel' : 'prewitt';
  // The rng only varies presentation (sign of the edge kernels, which blur and which fourth
  // kernel); the answer of every pair follows from the kernel shown.
  const sign = (m: IntMatrix) => (ctx.rng.bool() ? m : m.map((r) => r.map((x) => -x)));
  const fourth = ctx.rng.bool()
    ? { k: IDENTITY, does: MATCH_ANSWERS.identity }
    : { k: SHARPEN, does: MATCH_ANSWERS.sharpen };
  const kernels: { k: IntMatrix; does: string }[] = [
    { k: sign(EDGE_KERNELS[`${family}-vertical`]), does: MATCH_ANSWERS.vertical },
    { k: sign(EDGE_KERNELS[`${family}-horizontal`]), does: MATCH_ANSWERS.horizontal },
    { k: ctx.rng.bool() ? BOX_BLUR : GAUSS_BLUR, does: MATCH_ANSWERS.blur },
    fourth,
  ];
  const unused =
    fourth.does === MATCH_ANSWERS.identity ? MATCH_ANSWERS.sharpen : MATCH_ANSWERS.identity;
  const pairs = kernels.map((x) => ({ prompt: `\\(${texInt(x.k)}\\)`, answer: x.does }));
  const stem = ctx.render(ctx.rng.choice(MATCH_STEMS), {});
  const explain =
    'An edge kernel has weights that sum to 0 and opposite signs on opposite sides: it is 0 on flat regions and large where intensity changes across it. Columns of −1/+1 (left/right) detect vertical edges, rows (top/bottom) horizontal edges. Only positive weights average the window (a blur, up to the normalising factor); a large centre weight minus the neighbours sharpens; a single 1 in the centre copies the pixel.';
  return {
    stem,
    solution: `${explain}\n\n${kernels.map((x) => `- \\(${texInt(x.k)}\\): ${x.does}`).join('\n')}`,
    answer: {
      type: 'matching',
      pairs,
      distractors: [ctx.rng.bool() ? MATCH_ANSWERS.diagonal : unused],
    },
  };
}

/** The single-choice kind: which edges the kernel detects (`why` explains it). */
function singleBody(
  p: EdgeDetectionParams,
  k: IntMatrix,
  out: number[][],
  why: string,
  ctx: BuildContext,
): QuestionBody {
  // Which edges does this kernel detect? Decided by its responses to a vertical and a horizontal step.
  const detected = edgeKind(k);
  const options: OptionSpec[] = [
    {
      text: 'Vertical edges (intensity changes from left to right)',
      correct: detected === 'vertical',
      feedback:
        detected === 'vertical'
          ? 'Correct.'
          : 'Its rows are constant: it does not react to a left-right change.',
      misconception: 'edge-orientation-swapped',
    },
    {
      text: 'Horizontal edges (intensity changes from top to bottom)',
      correct: detected === 'horizontal',
      feedback:
        detected === 'horizontal'
          ? 'Correct.'
          : 'Its columns are constant: it does not react to a top-bottom change.',
      misconception: 'edge-orientation-swapped',
    },
    {
      text: 'Regions of constant intensity (it averages the image)',
      correct: false,
      misconception: 'edge-filter-as-blur',
      feedback: 'The kernel entries sum to 0, so a constant region gives 0: it is not a blur.',
    },
    {
      text: 'Isolated bright pixels only (a point detector)',
      correct: false,
      misconception: 'edge-filter-as-point-detector',
      feedback:
        'The centre weight is 0; the kernel compares opposite sides, it does not single out a point.',
    },
  ].map((o) => (o.correct ? { text: o.text, correct: true, feedback: 'Correct.' } : o));
  if (options.filter((o) => o.correct).length !== 1)
    throw new GenerationError('kernel detects no single orientation');
  const stem =
    ctx.render(ctx.rng.choice(KERNEL_STEMS), {}) +
    `\n\n\\[ K = ${texInt(k)} \\]\n\nFor reference, applied to the image \\(X = ${texInt(p.image)}\\) (cross-correlation, no padding) it gives \\(Y = ${texInt(out)}\\).`;
  return {
    stem,
    solution: `${why}\n\nOn the given image: \\[ Y = ${texInt(out)} \\]`,
    answer: { type: 'choice', options },
  };
}

/** The mistakes of the numeric kind: flipped or rotated kernel, the sign, a neighbour, the centre. */
function responseMistakes(
  p: EdgeDetectionParams,
  k: IntMatrix,
  out: number[][],
  value: number,
): NumericDistractor[] {
  const other = transpose(k);
  return [
    {
      value: correlate2d(p.image, flip(k))[p.row]![p.col]!,
      misconception: 'flipped-kernel',
      feedback:
        'You flipped the kernel; CNN layers apply it as given (cross-correlation), which changes the sign.',
    },
    {
      value: correlate2d(p.image, other)[p.row]![p.col]!,
      misconception: 'edge-orientation-swapped',
      feedback:
        'You applied the kernel rotated by 90°, i.e. the detector for the other edge orientation.',
    },
    {
      value: -value,
      misconception: 'sign-error',
      feedback: 'Check the sign: the kernel computes right minus left (or bottom minus top).',
    },
    ...(out[p.row]?.[p.col + 1] !== undefined
      ? [
          {
            value: out[p.row]![p.col + 1]!,
            misconception: 'wrong-window',
            feedback: 'That is the response at the neighbouring position.',
          },
        ]
      : out[p.row]?.[p.col - 1] !== undefined
        ? [
            {
              value: out[p.row]![p.col - 1]!,
              misconception: 'wrong-window',
              feedback: 'That is the response at the neighbouring position.',
            },
          ]
        : []),
    {
      value: p.image[p.row + 1]![p.col + 1]!,
      misconception: 'centre-pixel',
      feedback: 'That is the centre pixel of the window, not the filter response.',
    },
  ];
}

export const edgeDetection = defineTemplate<EdgeDetectionParams>({
  id: 'cnn.edge-detection',
  topic: 'cnn',
  title: 'Edge detection with a convolution filter',
  objective:
    'Compute the response of an edge filter to an image and tell which edges a kernel detects.',
  difficulty: 2,
  tags: ['convolution', 'edge detection', 'filters'],
  kinds: ['table', 'numeric', 'single', 'matching'],
  params: {
    image: {
      type: 'json',
      description: 'grayscale image, 4–7 × 4–7 integers 0..255',
      schema: listOf(listOf(intIn(0, 255), 4, 7), 4, 7),
      example: [
        [0, 50, 50, 0],
        [0, 50, 50, 0],
        [0, 50, 50, 0],
        [0, 50, 50, 0],
      ],
    },
    kernel: param.choice('3×3 edge kernel', [
      'prewitt-vertical',
      'prewitt-horizontal',
      'sobel-vertical',
      'sobel-horizontal',
    ]),
    // A 7-pixel image side gives at most 5 response rows/columns (indices 0–4).
    row: param.int('asked row of the response (numeric)', [0, 4], { min: 0, max: 4 }),
    col: param.int('asked column of the response (numeric)', [0, 4], { min: 0, max: 4 }),
  },
  constraints: [
    {
      description: 'the image is 4–7 × 4–7 integers 0..255',
      check: (p) =>
        isIntArray(p.image, 0, 255, [7, 7]) && p.image.length >= 4 && p.image[0]!.length >= 4,
    },
    {
      description: 'the asked entry is inside the response',
      check: (p) => p.row <= p.image.length - 3 && p.col <= p.image[0]!.length - 3,
    },
  ],
  sample(rng) {
    const vertical = rng.bool();
    const h = rng.int(4, 6);
    const w = rng.int(4, 6);
    const lo = rng.choice([0, 0, 10, 20]);
    const hi = lo + rng.choice([10, 20, 30, 50, 100]);
    const along = vertical ? w : h;
    // A step (one edge) or a stripe (two edges) across the image.
    const start = rng.int(1, along - 2);
    const end = rng.bool() ? along : rng.int(start + 1, along);
    const level = (i: number) => (i >= start && i < end ? hi : lo);
    const image = Array.from({ length: h }, (_, i) =>
      Array.from({ length: w }, (_, j) => level(vertical ? j : i)),
    );
    const kernel = rng.choice(
      rng.bool(0.75)
        ? ([
            vertical ? 'prewitt-vertical' : 'prewitt-horizontal',
            vertical ? 'sobel-vertical' : 'sobel-horizontal',
          ] as const)
        : ([
            'prewitt-vertical',
            'prewitt-horizontal',
            'sobel-vertical',
            'sobel-horizontal',
          ] as const),
    );
    // Mostly ask a position on an edge (non-zero response); flat regions give 0.
    const response = correlate2d(image, EDGE_KERNELS[kernel]);
    const cells = response.flatMap((r, i) => r.map((v, j) => ({ i, j, v })));
    const onEdge = cells.filter((c) => c.v !== 0);
    const cell = rng.choice(onEdge.length && rng.bool(0.8) ? onEdge : cells);
    return { image, kernel, row: cell.i, col: cell.j };
  },
  /**
   * Trivial (numeric, single): the asked window is flat — every pixel under the kernel is the same
   * intensity — so the response is 0 for any edge kernel without computing it.
   */
  trivial(p, v) {
    if (v.kind !== 'numeric' && v.kind !== 'single') return null;
    const window = p.image.slice(p.row, p.row + 3).flatMap((r) => r.slice(p.col, p.col + 3));
    return window.every((x) => x === window[0])
      ? 'the asked window is flat: every edge kernel gives 0 there'
      : null;
  },
  build(p, ctx) {
    const k = EDGE_KERNELS[p.kernel];
    const out = edgeResponse(p);
    const oh = out.length;
    const ow = out[0]!.length;
    const data = `\\[ X = ${texInt(p.image)}, \\qquad K = ${texInt(k)} \\]`;
    const kindName = p.kernel.endsWith('vertical') ? 'vertical' : 'horizontal';
    const entry = (i: number, j: number) => {
      const terms: string[] = [];
      k.forEach((r, u) =>
        r.forEach(
          (kv, v) =>
            kv !== 0 && terms.push(`${factor(kv)} \\cdot ${formatInt(p.image[i + u]![j + v]!)}`),
        ),
      );
      return `\\[ Y_{${i + 1}${j + 1}} = ${terms.join(' + ')} = ${formatInt(out[i]![j]!)} \\]`;
    };
    const why =
      kindName === 'vertical'
        ? 'The kernel subtracts the left column from the right column, so it responds where intensity changes from left to right (a vertical edge): positive for dark→bright, negative for bright→dark, 0 in flat regions.'
        : 'The kernel subtracts the top row from the bottom row, so it responds where intensity changes from top to bottom (a horizontal edge): positive for dark→bright going down, negative for bright→dark, 0 in flat regions.';
    const solutionOf = () =>
      `The response is \\(${formatInt(oh)} \\times ${formatInt(ow)}\\) (\\(n - 3 + 1\\) per axis). Only the non-zero kernel entries contribute:\n\n${ctx.kind === 'table' ? `${entry(0, 0)}\n\n${entry(oh - 1, ow - 1)}` : entry(p.row, p.col)}\n\n${why}\n\n\\[ Y = ${texInt(out)} \\]`;

    if (ctx.kind === 'table') {
      const stem =
        ctx.render(ctx.rng.choice(STEMS), {
          name: NAME[p.kernel],
          ask: `Give the full ${plainDims(oh, ow)} response.`,
        }) + `\n\n${data}`;
      // No figure: the stem gives the image and the kernel and the answer grid is the response;
      // the figure's image and empty response grids would print both twice.
      return {
        stem,
        solution: solutionOf(),
        answer: { type: 'table', ...gridTable(out, 0) },
      };
    }
    if (ctx.kind === 'matching') return matchingBody(p, ctx);
    if (ctx.kind === 'single') return singleBody(p, k, out, why, ctx);
    const value = out[p.row]![p.col]!;
    const distractors = responseMistakes(p, k, out, value);
    const stem =
      ctx.render(ctx.rng.choice(STEMS), {
        name: NAME[p.kernel],
        ask: `What is the response in row ${p.row + 1}, column ${p.col + 1} (counting from 1 at the top left)?`,
      }) + `\n\n${data}`;
    return {
      stem,
      solution: solutionOf(),
      // Only the numeric kind shows the figure (the table's answer grid is the response grid).
      figure: responseFigure(p, k, out, oh, ow),
      answer: { type: 'numeric', value, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'S000-edge',
      params: {
        image: Array.from({ length: 5 }, () => [0, 50, 50, 0, 0, 0]),
        kernel: 'prewitt-vertical',
        row: 0,
        col: 0,
      },
      kind: 'table',
      note: '5×6 image, vertical-edge kernel, valid: 3×4, every row [150, −150, −150, 0]',
    },
  ],
});
