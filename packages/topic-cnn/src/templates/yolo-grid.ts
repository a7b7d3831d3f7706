import {
  defineTemplate,
  GenerationError,
  listOf,
  numberIn,
  param,
  type BuildContext,
  type NumericDistractor,
  type OptionSpec,
  type QuestionBody,
} from '@dlexam/generator';
import {
  bestAnchor,
  formatDecimal,
  formatFixed,
  formatInt,
  gridCell,
  shapeIou,
  yoloDepth,
  yoloOutputSize,
} from '@dlexam/math';
import { keyAndDistinctWrong } from '../choice-options.js';
import { boxesSvg } from '../detection-svg.js';

/**
 * YOLO-style detection heads: the output size of the head (YOLOv1's B·5 + C per cell, or an
 * anchor head's B·(5 + C)), the grid cell responsible for an object's centre, and the anchor box
 * an object is matched to (largest IoU of the shapes on a common centre).
 */

export type YoloTask = 'head-size' | 'grid-cell' | 'anchor';

export type YoloGridParams = {
  task: YoloTask;
  /** Grid side S. */
  s: number;
  /** Boxes (v1) or anchors per cell. */
  b: number;
  /** Classes. */
  c: number;
  style: 'v1' | 'anchors';
  /** Image size (grid-cell). */
  width: number;
  height: number;
  /** Object centre (grid-cell). */
  cx: number;
  cy: number;
  /** Object box size (anchor). */
  w: number;
  h: number;
  /** Anchor shapes [w, h] (anchor). */
  anchors: number[][];
};

/** The answer of a numeric variant. */
export function yoloAnswer(p: YoloGridParams): number {
  if (p.task === 'head-size') return yoloOutputSize(p.s, p.b, p.c, p.style);
  if (p.task === 'grid-cell') {
    const { row, col } = cellOfCentre(p);
    return row * p.s + col;
  }
  const pairs = p.anchors as [number, number][];
  const k = bestAnchor(p.w, p.h, pairs);
  return shapeIou(p.w, p.h, pairs[k]![0], pairs[k]![1]);
}

const num = (x: number) => formatDecimal(x, 2);
/** Areas of 2-decimal sides have up to 4 decimals (whole-number draws print as before). */
const numArea = (x: number) => formatDecimal(x, 4);

/**
 * The grid cell of the object centre. Centres have at most 2 decimals (their validity), so the
 * math core's ⌊x·S/size⌋ runs on hundredths: 0.29 · 100 is 28.999… in floating point, which would
 * put a centre on a cell border into the cell before it.
 */
function cellOfCentre(p: YoloGridParams): { row: number; col: number } {
  const hundredths = (x: number) => Math.round(x * 100);
  return gridCell(hundredths(p.cx), hundredths(p.cy), p.width * 100, p.height * 100, p.s);
}

const HEAD_STEMS = [
  'A YOLO-style detector divides the image into an {{s}} × {{s}} grid. {{convention}} There are {{c}} classes and {{b}} {{boxes}} per cell. How many numbers does the head output for one image (the size of its {{s}} × {{s}} × D output tensor)?',
  'An object-detection head predicts on an {{s}} × {{s}} grid with {{b}} {{boxes}} per cell and {{c}} classes. {{convention}} How many output numbers does it produce per image?',
];
const CELL_STEMS = [
  'A YOLO-style detector divides a {{width}} × {{height}} image (width × height, pixels, origin at the top-left corner, y downwards) into an {{s}} × {{s}} grid. The cell containing the centre of an object is responsible for it; a centre on a border belongs to the cell to its right or below. An object has its centre at \\((x, y) = ({{cx}}, {{cy}})\\).',
  'An {{s}} × {{s}} grid is laid over a {{width}} × {{height}} image (width × height; x to the right, y downwards from the top-left corner). The object whose box centre is \\(({{cx}}, {{cy}})\\) is assigned to the grid cell containing that centre (a centre on a border goes to the cell right of / below it).',
];
const ANCHOR_STEMS = [
  'A detector matches each ground-truth box to the anchor whose shape fits best: the largest IoU between the box and the anchor when both are placed on the same centre. The ground-truth box is {{w}} × {{h}} (width × height); the anchors are:',
  'Anchor assignment: centre the ground-truth box and every anchor at the same point and pick the anchor with the highest IoU. The box is {{w}} wide and {{h}} high; the anchors (width × height) are:',
];

/** YOLOv1 on PASCAL VOC (448 × 448 input, 7 × 7 grid, 2 boxes, 20 classes), as the rows ask it. */
const YOLO_V1_VOC = {
  s: 7,
  b: 2,
  c: 20,
  style: 'v1',
  width: 448,
  height: 448,
  w: 1,
  h: 1,
  anchors: [
    [1, 1],
    [2, 2],
  ],
} satisfies Partial<YoloGridParams>;

export const yoloGrid = defineTemplate<YoloGridParams>({
  id: 'cnn.yolo-grid',
  topic: 'cnn',
  title: 'YOLO heads: output size, grid cell, anchor',
  objective:
    'Size the output of a YOLO-style head, find the grid cell responsible for an object, and match a box to its anchor.',
  difficulty: 2,
  tags: ['object detection', 'YOLO', 'anchor boxes', 'grid'],
  kinds: ['numeric', 'single'],
  params: {
    task: param.choice('what is asked', ['head-size', 'grid-cell', 'anchor']),
    s: param.int('grid side S (head-size, grid-cell)', [1, 64], { min: 1, max: 64 }),
    b: param.int('boxes (v1) or anchors per cell (head-size)', [1, 16], { min: 1, max: 16 }),
    c: param.int('number of classes (head-size)', [1, 1000], { min: 1, max: 1000 }),
    style: param.choice('v1: B·5 + C numbers per cell; anchors: B·(5 + C) (head-size)', [
      'v1',
      'anchors',
    ]),
    width: param.int('image width in pixels (grid-cell)', [1, 4096], { min: 1, max: 4096 }),
    height: param.int('image height in pixels (grid-cell)', [1, 4096], { min: 1, max: 4096 }),
    cx: param.number('object centre x (grid-cell)', [0, 4096], 0.5, {
      min: 0,
      max: 4096,
      decimals: 2,
    }),
    cy: param.number('object centre y (grid-cell)', [0, 4096], 0.5, {
      min: 0,
      max: 4096,
      decimals: 2,
    }),
    w: param.number('box width (anchor)', [0.5, 4096], 0.5, {
      min: 0,
      minExclusive: true,
      max: 4096,
      decimals: 2,
    }),
    h: param.number('box height (anchor)', [0.5, 4096], 0.5, {
      min: 0,
      minExclusive: true,
      max: 4096,
      decimals: 2,
    }),
    anchors: {
      type: 'json',
      description: '2–9 anchor shapes [width, height] (anchor)',
      schema: listOf(listOf(numberIn(0.5, 4096), 2, 2), 2, 9),
      example: [
        [10, 13],
        [30, 61],
        [62, 45],
      ],
    },
  },
  constraints: [
    {
      description: 'the object centre lies inside the image (0 ≤ cx ≤ width, 0 ≤ cy ≤ height)',
      check: (p) => p.task !== 'grid-cell' || (p.cx <= p.width && p.cy <= p.height),
    },
    {
      description: 'anchor widths and heights are positive',
      check: (p) =>
        Array.isArray(p.anchors) &&
        p.anchors.every((a) => Array.isArray(a) && a.length === 2 && a[0]! > 0 && a[1]! > 0),
    },
  ],
  sample(rng) {
    // Draw preferences: published grids and sizes, centres off the cell borders, a unique best anchor.
    const task = rng.choice(['head-size', 'grid-cell', 'anchor'] as const);
    const size = rng.choice([224, 416, 448, 608]);
    const s = task === 'head-size' ? rng.choice([7, 13, 14, 19]) : rng.choice([4, 7, 8, 13]);
    let cx = rng.int(1, 2 * size - 1) / 2;
    let cy = rng.int(1, 2 * size - 1) / 2;
    for (let i = 0; i < 20 && ((cx * s) % size === 0 || (cy * s) % size === 0); i++) {
      cx = rng.int(1, 2 * size - 1) / 2;
      cy = rng.int(1, 2 * size - 1) / 2;
    }
    const anchors = rng
      .shuffle([
        [10, 13],
        [16, 30],
        [33, 23],
        [30, 61],
        [62, 45],
        [59, 119],
        [116, 90],
        [156, 198],
        [373, 326],
      ])
      .slice(0, rng.int(3, 5));
    const target = rng.choice(anchors);
    return {
      task,
      s,
      b: rng.choice([1, 2, 3, 5, 9]),
      c: rng.choice([1, 3, 10, 20, 80]),
      style: rng.choice(['v1', 'anchors'] as const),
      width: size,
      height: size,
      cx,
      cy,
      w: Math.max(1, Math.round(target[0]! * rng.choice([0.7, 0.8, 1.2, 1.4]))),
      h: Math.max(1, Math.round(target[1]! * rng.choice([0.7, 0.9, 1.1, 1.3]))),
      anchors,
    };
  },
  build(p, ctx) {
    if (p.task === 'head-size') return headSize(p, ctx);
    if (p.task === 'grid-cell') return cellOf(p, ctx);
    return anchorOf(p, ctx);
  },
  fixtures: [
    {
      id: 'cnn-yolo-v1-head',
      params: {
        ...YOLO_V1_VOC,
        task: 'head-size',
        cx: 0,
        cy: 0,
      },
      note: 'YOLOv1 on PASCAL VOC: 7 × 7 × (2·5 + 20) = 7 × 7 × 30 = 1470',
    },
    {
      id: 'cnn-yolo-grid-cell',
      params: {
        ...YOLO_V1_VOC,
        task: 'grid-cell',
        cx: 200,
        cy: 100,
      },
      kind: 'single',
      note: 'cells are 64 px: column ⌊200/64⌋ = 3, row ⌊100/64⌋ = 1',
    },
    {
      id: 'cnn-yolo-anchor',
      params: {
        task: 'anchor',
        s: 13,
        b: 3,
        c: 80,
        style: 'anchors',
        width: 416,
        height: 416,
        cx: 0,
        cy: 0,
        w: 30,
        h: 60,
        anchors: [
          [10, 13],
          [30, 61],
          [62, 45],
        ],
      },
      note: 'shape IoU with (30, 61): 1800 / 1830 ≈ 0.984',
    },
  ],
});

type Ctx = BuildContext;

function headSize(p: YoloGridParams, ctx: Ctx): QuestionBody {
  const depth = yoloDepth(p.b, p.c, p.style);
  const value = p.s * p.s * depth;
  const other = p.style === 'v1' ? 'anchors' : 'v1';
  const convention =
    p.style === 'v1'
      ? 'As in YOLOv1, each cell predicts its boxes (x, y, w, h and a confidence each) and one set of class probabilities shared by its boxes.'
      : 'Each anchor box of a cell predicts x, y, w, h, an objectness score and its own class scores.';
  const boxes = p.style === 'v1' ? (p.b === 1 ? 'box' : 'boxes') : p.b === 1 ? 'anchor' : 'anchors';
  const distractors: NumericDistractor[] = [
    {
      value: yoloOutputSize(p.s, p.b, p.c, other),
      misconception: p.style === 'v1' ? 'classes-per-box' : 'classes-per-cell',
      feedback:
        p.style === 'v1'
          ? 'In this head the class probabilities are predicted once per cell, not once per box.'
          : 'Here every anchor predicts its own class scores: each anchor needs 5 + C numbers.',
    },
    {
      value: p.s * p.s * (p.style === 'v1' ? p.b * 4 + p.c : p.b * (4 + p.c)),
      misconception: 'forgot-confidence',
      feedback: 'Each box has 5 numbers: x, y, w, h and its confidence (objectness) score.',
    },
    {
      value: p.s * p.s * (5 + p.c),
      misconception: 'one-box-per-cell',
      feedback: `Each cell predicts ${formatInt(p.b)} boxes, not one.`,
    },
    {
      value: depth,
      misconception: 'per-cell-only',
      feedback: `That is the depth D of one cell; the head outputs it for all ${formatInt(p.s)} × ${formatInt(p.s)} cells.`,
    },
    {
      value: p.s * depth,
      misconception: 'grid-counted-once',
      feedback: `The grid has ${formatInt(p.s)} × ${formatInt(p.s)} cells, not ${formatInt(p.s)}.`,
    },
  ];
  const stem = ctx.render(ctx.rng.choice(HEAD_STEMS), {
    s: formatInt(p.s),
    b: formatInt(p.b),
    c: formatInt(p.c),
    boxes,
    convention,
  });
  const formula =
    p.style === 'v1'
      ? `D = B \\cdot 5 + C = ${formatInt(p.b)} \\cdot 5 + ${formatInt(p.c)} = ${formatInt(depth)}`
      : `D = B \\cdot (5 + C) = ${formatInt(p.b)} \\cdot (5 + ${formatInt(p.c)}) = ${formatInt(depth)}`;
  const solution = `Numbers per cell: \\(${formula}\\). The output tensor is \\(${formatInt(p.s)} \\times ${formatInt(p.s)} \\times ${formatInt(depth)}\\), so the head outputs \\(${formatInt(p.s)} \\cdot ${formatInt(p.s)} \\cdot ${formatInt(depth)} = ${formatInt(value)}\\) numbers.`;
  return {
    stem,
    solution,
    answer: { type: 'numeric' as const, value, decimals: 0, distractors },
  };
}

function cellOf(p: YoloGridParams, ctx: Ctx): QuestionBody {
  const { row, col } = cellOfCentre(p);
  const cw = p.width / p.s;
  const ch = p.height / p.s;
  const clamp = (x: number) => Math.max(0, Math.min(p.s - 1, x));
  const roundRow = clamp(Math.round((p.cy * p.s) / p.height));
  const roundCol = clamp(Math.round((p.cx * p.s) / p.width));
  const mistakes = [
    {
      row: col,
      col: row,
      misconception: 'row-column-swapped',
      feedback: 'The column comes from x (horizontal) and the row from y (vertical).',
    },
    {
      row: roundRow,
      col: roundCol,
      misconception: 'rounded-not-floored',
      feedback:
        'A cell covers [k·size, (k+1)·size): take the floor of position / cell size, not the nearest integer.',
    },
    {
      row: clamp(row + 1),
      col: clamp(col + 1),
      misconception: 'one-based-cells',
      feedback:
        'Cells are numbered from 0 here: the first cell covers positions 0 up to one cell size.',
    },
    {
      row: clamp(p.s - 1 - row),
      col,
      misconception: 'y-axis-upwards',
      feedback: 'In image coordinates y grows downwards: row 0 is the top row.',
    },
  ];
  const data = {
    s: formatInt(p.s),
    width: formatInt(p.width),
    height: formatInt(p.height),
    cx: num(p.cx),
    cy: num(p.cy),
  };
  const head = ctx.render(ctx.rng.choice(CELL_STEMS), data);
  const solution = `Each cell is \\(${num(p.width)} / ${formatInt(p.s)} = ${num(cw)}\\) pixels wide and \\(${num(p.height)} / ${formatInt(p.s)} = ${num(ch)}\\) high. Column \\(= \\lfloor ${num(p.cx)} / ${num(cw)} \\rfloor = ${formatInt(col)}\\), row \\(= \\lfloor ${num(p.cy)} / ${num(ch)} \\rfloor = ${formatInt(row)}\\) (0-based, row 0 at the top; a centre on the right or bottom edge belongs to the last cell). Counted row by row from 0, the cell's index is \\(${formatInt(row)} \\cdot ${formatInt(p.s)} + ${formatInt(col)} = ${formatInt(row * p.s + col)}\\).`;
  const figure = {
    svg: boxesSvg({
      extent: [0, 0, p.width, p.height],
      boxes: [],
      grid: p.s <= 19 ? p.s : undefined,
      points: [{ x: p.cx, y: p.cy, label: 'centre' }],
      title: `${p.s} × ${p.s} grid over the image with the object centre`,
    }),
    alt: `A ${p.width} × ${p.height} image under an ${p.s} × ${p.s} grid; the object centre at (${num(p.cx)}, ${num(p.cy)}).`,
  };
  const cellText = (r: number, c: number) => `row ${formatInt(r)}, column ${formatInt(c)}`;
  if (ctx.kind === 'single') {
    const wrong = mistakes.map((m) => ({
      text: cellText(m.row, m.col),
      misconception: m.misconception,
      feedback: m.feedback,
    }));
    const options = keyAndDistinctWrong(cellText(row, col), wrong);
    if (options.length < 3)
      throw new GenerationError(
        'fewer than 2 distinct wrong cells; single choice needs 2 (the numeric kind keeps the question)',
      );
    return {
      stem: `${head} Which cell is responsible for the object (rows and columns numbered from 0, row 0 at the top)?`,
      solution,
      figure,
      answer: { type: 'choice' as const, options },
    };
  }
  const distractors: NumericDistractor[] = mistakes.map((m) => ({
    value: m.row * p.s + m.col,
    misconception: m.misconception,
    feedback: m.feedback,
  }));
  return {
    stem: `${head} Number the cells row by row from 0 (row 0 at the top, index = row · ${formatInt(p.s)} + column, both from 0). What is the index of the responsible cell?`,
    solution,
    figure,
    answer: { type: 'numeric' as const, value: row * p.s + col, decimals: 0, distractors },
  };
}

function anchorOf(p: YoloGridParams, ctx: Ctx): QuestionBody {
  const anchors = p.anchors as [number, number][];
  const ious = anchors.map(([aw, ah]) => shapeIou(p.w, p.h, aw, ah));
  const k = bestAnchor(p.w, p.h, anchors);
  const area = p.w * p.h;
  const closestArea = anchors.reduce(
    (best, [aw, ah], i) =>
      Math.abs(aw * ah - area) < Math.abs(anchors[best]![0] * anchors[best]![1] - area) ? i : best,
    0,
  );
  const ratio = p.w / p.h;
  const closestRatio = anchors.reduce(
    (best, [aw, ah], i) =>
      Math.abs(Math.log(aw / ah / ratio)) <
      Math.abs(Math.log(anchors[best]![0] / anchors[best]![1] / ratio))
        ? i
        : best,
    0,
  );
  const list = anchors
    .map(([aw, ah], i) => `- Anchor ${i + 1}: ${num(aw)} × ${num(ah)}`)
    .join('\n');
  const head = ctx.render(ctx.rng.choice(ANCHOR_STEMS), { w: num(p.w), h: num(p.h) });
  const rows = anchors.map(([aw, ah], i) => {
    const inter = Math.min(p.w, aw) * Math.min(p.h, ah);
    return `- Anchor ${i + 1}: intersection \\(\\min(${num(p.w)}, ${num(aw)}) \\cdot \\min(${num(p.h)}, ${num(ah)}) = ${numArea(inter)}\\), union \\(${numArea(area)} + ${numArea(aw * ah)} - ${numArea(inter)} = ${numArea(area + aw * ah - inter)}\\), IoU \\(\\approx ${formatFixed(ious[i]!, 3)}\\)`;
  });
  const solution = `On a common centre the overlap of a w × h box and an a × b anchor is \\(\\min(w, a) \\cdot \\min(h, b)\\):\n\n${rows.join('\n')}\n\nThe largest IoU is anchor ${k + 1}'s (${formatFixed(ious[k]!, 3)}), so the box is assigned to anchor ${k + 1}.`;
  if (ctx.kind === 'single') {
    if (ious.some((v, i) => i !== k && formatFixed(v, 3) === formatFixed(ious[k]!, 3)))
      throw new GenerationError(
        'two anchors tie at the shown precision; single choice needs one best anchor (the numeric kind keeps the question)',
      );
    const options: OptionSpec[] = anchors.map(([aw, ah], i) =>
      i === k
        ? { text: `Anchor ${i + 1} (${num(aw)} × ${num(ah)})`, correct: true, feedback: 'Correct.' }
        : {
            text: `Anchor ${i + 1} (${num(aw)} × ${num(ah)})`,
            correct: false,
            misconception:
              i === closestArea
                ? 'closest-area'
                : i === closestRatio
                  ? 'closest-aspect-ratio'
                  : 'not-largest-iou',
            feedback:
              i === closestArea
                ? 'The closest area is not the best match: the shapes must overlap most, which also depends on the aspect ratio.'
                : i === closestRatio
                  ? 'The same aspect ratio is not enough: the sizes must match too; compare the IoUs.'
                  : `Its IoU with the box is ${formatFixed(ious[i]!, 3)}, lower than anchor ${k + 1}'s.`,
          },
    );
    return {
      stem: `${head}\n\n${list}\n\nWhich anchor is the box assigned to?`,
      solution,
      answer: { type: 'choice' as const, options },
    };
  }
  const distractors: NumericDistractor[] = [
    ...anchors.flatMap(([aw, ah], i) =>
      i === k
        ? []
        : [
            {
              value: ious[i]!,
              misconception: i === closestArea ? 'closest-area' : 'not-largest-iou',
              feedback: `That is the IoU with anchor ${i + 1} (${num(aw)} × ${num(ah)}); the box goes to the anchor with the largest IoU.`,
            },
          ],
    ),
    {
      value:
        Math.min(area, anchors[k]![0] * anchors[k]![1]) /
        Math.max(area, anchors[k]![0] * anchors[k]![1]),
      misconception: 'area-ratio',
      feedback: 'The ratio of the areas is not the IoU: the overlap is min(w, a) · min(h, b).',
    },
  ];
  return {
    stem: `${head}\n\n${list}\n\nWhat is the IoU between the box and the anchor it is assigned to? Round to 3 decimals.`,
    solution,
    answer: { type: 'numeric' as const, value: ious[k]!, decimals: 3, distractors },
  };
}
