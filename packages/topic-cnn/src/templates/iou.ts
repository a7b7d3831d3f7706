import { defineTemplate, GenerationError, param, type NumericDistractor } from '@dlexam/generator';
import {
  boxArea,
  centreToCorner,
  formatDecimal,
  formatFixed,
  intersection,
  iou,
  type Box,
} from '@dlexam/math';
import { boxesSvg } from '../detection-svg.js';

/**
 * Intersection over union of two boxes, given in corner format (x₁, y₁, x₂, y₂) or in centre
 * format (c_x, c_y, w, h). Coordinates are continuous (area = width · height, no "+1 pixel").
 */

export type BoxFormat = 'corner' | 'centre';

export type IouParams = {
  format: BoxFormat;
  /** Box A in the stated format. */
  a: number[];
  /** Box B in the stated format. */
  b: number[];
};

/** The corner box of a parameter box in the stated format. */
export function toCorners(format: BoxFormat, v: readonly number[]): Box {
  const [p, q, r, s] = v as [number, number, number, number];
  return format === 'corner' ? [p, q, r, s] : centreToCorner(p, q, r, s);
}

/** The answer: IoU of the two boxes. */
export const boxIou = (p: IouParams): number =>
  iou(toCorners(p.format, p.a), toCorners(p.format, p.b));

const validBox = (format: BoxFormat, v: unknown): boolean =>
  Array.isArray(v) &&
  v.length === 4 &&
  (format === 'corner' ? v[0] < v[2] && v[1] < v[3] : v[2] > 0 && v[3] > 0);

// Up to 6 decimals: exact for 2-decimal coordinates (3 for centre-format corners, 6 for areas);
// whole-number draws print as before.
const num = (x: number) => formatDecimal(x, 6);
const tuple = (v: readonly number[]) => `(${v.map(num).join(', ')})`;

const STEMS = [
  'Two bounding boxes are given in {{fmt}}. What is their intersection over union (IoU)? Round to 3 decimals.',
  'A detector predicts box A for an object whose ground-truth box is B, both in {{fmt}}. Compute IoU(A, B), rounded to 3 decimals.',
  'Compute the intersection over union of the boxes A and B below ({{fmt}}). Give the IoU to 3 decimal places.',
];

const FORMAT_TEXT: Record<BoxFormat, string> = {
  corner: 'corner format \\((x_1, y_1, x_2, y_2)\\) (top-left and bottom-right corners)',
  centre: 'centre format \\((c_x, c_y, w, h)\\) (centre, width and height)',
};

export const iouTemplate = defineTemplate<IouParams>({
  id: 'cnn.iou',
  topic: 'cnn',
  title: 'Intersection over union of two boxes',
  objective:
    'Compute the IoU of two bounding boxes given in corner or centre format, as object detectors and their metrics do.',
  difficulty: 2,
  tags: ['object detection', 'IoU', 'bounding box'],
  kinds: ['numeric', 'single'],
  params: {
    format: param.choice('box format: corner (x1, y1, x2, y2) or centre (cx, cy, w, h)', [
      'corner',
      'centre',
    ]),
    a: param.numberVector('box A in the chosen format', [4, 4], [-1000, 1000], 0.01, {
      min: -1000,
      max: 1000,
      decimals: 2,
      length: [4, 4],
    }),
    b: param.numberVector('box B in the chosen format', [4, 4], [-1000, 1000], 0.01, {
      min: -1000,
      max: 1000,
      decimals: 2,
      length: [4, 4],
    }),
  },
  constraints: [
    {
      description: 'each box has positive width and height (x1 < x2 and y1 < y2; w, h > 0)',
      check: (p) => validBox(p.format, p.a) && validBox(p.format, p.b),
    },
  ],
  sample(rng) {
    // Draw preference: small integer corners (even sizes in centre format, so corners stay whole),
    // boxes that overlap without one containing the other most of the time.
    const format = rng.choice(['corner', 'centre'] as const);
    const draw = (): Box => {
      const w = format === 'centre' ? 2 * rng.int(1, 4) : rng.int(2, 7);
      const h = format === 'centre' ? 2 * rng.int(1, 4) : rng.int(2, 7);
      const x = rng.int(0, 10 - Math.min(w, 8));
      const y = rng.int(0, 10 - Math.min(h, 8));
      return [x, y, x + w, y + h];
    };
    let A = draw();
    let B = draw();
    for (let i = 0; i < 20 && (intersection(A, B).area === 0 || iou(A, B) === 1); i++) {
      A = draw();
      B = draw();
    }
    const out = (q: Box) =>
      format === 'corner'
        ? [...q]
        : [(q[0] + q[2]) / 2, (q[1] + q[3]) / 2, q[2] - q[0], q[3] - q[1]];
    return { format, a: out(A), b: out(B) };
  },
  build(p, ctx) {
    const A = toCorners(p.format, p.a);
    const B = toCorners(p.format, p.b);
    const inter = intersection(A, B);
    const areaA = boxArea(A);
    const areaB = boxArea(B);
    const union = areaA + areaB - inter.area;
    const value = inter.area / union;
    const plusOne = (q: Box): Box => [q[0], q[1], q[2] + 1, q[3] + 1];
    const distractors: NumericDistractor[] = [
      {
        value: inter.area / (areaA + areaB),
        misconception: 'union-double-counts-overlap',
        feedback:
          'The union is area(A) + area(B) − intersection: adding the two areas counts the overlap twice.',
      },
      {
        value: inter.area / Math.min(areaA, areaB),
        misconception: 'divided-by-smaller-box',
        feedback: 'IoU divides by the union of the boxes, not by the area of the smaller box.',
      },
      {
        value: inter.area / Math.max(areaA, areaB),
        misconception: 'divided-by-larger-box',
        feedback: 'IoU divides by the union of the boxes, not by the area of one box.',
      },
      {
        value: iou(plusOne(A), plusOne(B)),
        misconception: 'plus-one-pixel',
        feedback:
          'The coordinates are continuous here: a box is x₂ − x₁ wide, without the "+1" of inclusive pixel indices.',
      },
      ...(p.format === 'centre'
        ? [
            {
              value: iou(
                [p.a[0]! - p.a[2]!, p.a[1]! - p.a[3]!, p.a[0]! + p.a[2]!, p.a[1]! + p.a[3]!],
                [p.b[0]! - p.b[2]!, p.b[1]! - p.b[3]!, p.b[0]! + p.b[2]!, p.b[1]! + p.b[3]!],
              ),
              misconception: 'full-size-from-centre',
              feedback:
                'From the centre a box extends w/2 to each side (and h/2 up and down), not w.',
            },
          ]
        : [
            {
              value: inter.area,
              misconception: 'intersection-not-ratio',
              feedback: 'That is the intersection area; IoU divides it by the area of the union.',
            },
          ]),
    ];
    if (ctx.kind === 'single') {
      const shown = new Set(
        distractors.map((d) => formatFixed(d.value, 3)).filter((s) => s !== formatFixed(value, 3)),
      );
      if (shown.size < 3)
        throw new GenerationError(
          'fewer than 3 distinct IoU distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    const stem = `${ctx.render(ctx.rng.choice(STEMS), { fmt: FORMAT_TEXT[p.format] })}\n\n- A = \\(${tuple(p.a)}\\)\n- B = \\(${tuple(p.b)}\\)\n\nCoordinates are continuous (a box from x₁ to x₂ is x₂ − x₁ wide); y grows downwards as in image coordinates.`;
    const corners =
      p.format === 'centre'
        ? `Corners first: \\(x_1 = c_x - w/2\\), \\(x_2 = c_x + w/2\\) (likewise for y), so A = \\(${tuple(A)}\\) and B = \\(${tuple(B)}\\).\n\n`
        : '';
    const solution = `${corners}Intersection: width \\(\\max(0, \\min(${num(A[2])}, ${num(B[2])}) - \\max(${num(A[0])}, ${num(B[0])})) = ${num(inter.w)}\\), height \\(\\max(0, \\min(${num(A[3])}, ${num(B[3])}) - \\max(${num(A[1])}, ${num(B[1])})) = ${num(inter.h)}\\), area \\(${num(inter.area)}\\).\n\nAreas: A \\(= ${num(A[2] - A[0])} \\cdot ${num(A[3] - A[1])} = ${num(areaA)}\\), B \\(= ${num(B[2] - B[0])} \\cdot ${num(B[3] - B[1])} = ${num(areaB)}\\); union \\(= ${num(areaA)} + ${num(areaB)} - ${num(inter.area)} = ${num(union)}\\).\n\n\\(\\text{IoU} = ${num(inter.area)} / ${num(union)} \\approx ${formatFixed(value, 3)}\\).`;
    const lo = Math.min(A[0], B[0], A[1], B[1]);
    const hi = Math.max(A[2], B[2], A[3], B[3]);
    const margin = Math.max(1, Math.round((hi - lo) / 10));
    const figure = {
      svg: boxesSvg({
        extent: [lo - margin, lo - margin, hi + margin, hi + margin],
        boxes: [
          { box: A, label: 'A' },
          { box: B, label: 'B', dashed: true },
        ],
        title: 'Boxes A and B',
      }),
      alt: `Box A with corners ${tuple(A)} and box B with corners ${tuple(B)}.`,
    };
    return { stem, solution, figure, answer: { type: 'numeric', value, decimals: 3, distractors } };
  },
  fixtures: [
    {
      id: 'cnn-iou-corner-textbook',
      params: { format: 'corner', a: [0, 0, 2, 2], b: [1, 1, 3, 3] },
      note: 'overlap 1, union 4 + 4 − 1 = 7: IoU = 1/7 ≈ 0.143',
    },
    {
      id: 'cnn-iou-centre-textbook',
      params: { format: 'centre', a: [5, 5, 4, 4], b: [6, 6, 4, 4] },
      note: 'corners (3,3,7,7) and (4,4,8,8): overlap 9, union 23: IoU ≈ 0.391',
    },
  ],
});
