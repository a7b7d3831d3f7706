import {
  defineTemplate,
  GenerationError,
  listOf,
  numberIn,
  param,
  record,
  type NumericDistractor,
} from '@dlexam/generator';
import { formatDecimal, formatFixed, iou, nms, type Box } from '@dlexam/math';
import type { Json } from '@dlexam/types';
import { keyAndDistinctWrong } from '../choice-options.js';
import { boxesSvg } from '../detection-svg.js';

/**
 * Greedy non-maximum suppression on a short list of scored boxes (corner format): which boxes
 * survive, or how many. Suppression is "IoU strictly greater than the threshold" (torchvision).
 */

export type NmsBox = {
  box: number[];
  score: number;
};

export type NmsParams = {
  boxes: NmsBox[];
  threshold: number;
};

const LABELS = 'ABCDEFGH';
const label = (i: number) => LABELS[i]!;

const asScored = (p: NmsParams) =>
  p.boxes.map((b) => ({ box: b.box as unknown as Box, score: b.score }));

/** The answer: labels of the kept boxes, highest score first. */
export function nmsKept(p: NmsParams): number[] {
  return nms(asScored(p), p.threshold).kept;
}

/** Wrong procedures students follow, each giving a set of kept box indices. */
export function nmsMistakes(
  p: NmsParams,
): { kept: number[]; misconception: string; feedback: string }[] {
  const boxes = asScored(p);
  const n = boxes.length;
  const byScore = boxes.map((_, i) => i).sort((i, j) => boxes[j]!.score - boxes[i]!.score);
  const over = (i: number, j: number) => iou(boxes[i]!.box, boxes[j]!.box) > p.threshold;
  // Greedy in list order instead of score order.
  const listOrder: number[] = [];
  for (let i = 0; i < n; i++) if (!listOrder.some((k) => over(k, i))) listOrder.push(i);
  return [
    {
      kept: byScore.filter(
        (j) => !byScore.some((i) => boxes[i]!.score > boxes[j]!.score && over(i, j)),
      ),
      misconception: 'suppressed-box-suppresses',
      feedback:
        'A box that has already been suppressed removes nothing: compare each candidate only with the boxes kept so far.',
    },
    {
      kept: byScore.filter(
        (j) => !byScore.some((i) => boxes[i]!.score > boxes[j]!.score && !over(i, j)),
      ),
      misconception: 'threshold-reversed',
      feedback:
        'NMS removes boxes that overlap a kept box MORE than the threshold; boxes with little overlap are other objects and stay.',
    },
    {
      kept: listOrder,
      misconception: 'ignored-scores',
      feedback:
        'NMS visits the boxes from the highest score down, not in the order they are listed.',
    },
    {
      kept: byScore,
      misconception: 'no-suppression',
      feedback: 'Overlapping boxes with IoU above the threshold are removed.',
    },
    {
      kept: byScore.slice(0, 1),
      misconception: 'keep-only-best',
      feedback:
        'NMS keeps one box per object, not one box in total: boxes that overlap no kept box above the threshold stay.',
    },
  ];
}

const validBox = (b: Json): boolean => {
  if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
  const q = (b as NmsBox).box;
  return Array.isArray(q) && q.length === 4 && q[0]! < q[2]! && q[1]! < q[3]!;
};

const num = (x: number) => formatDecimal(x, 2);
const setText = (kept: readonly number[]) =>
  [...kept]
    .sort((a, b) => a - b)
    .map(label)
    .join(', ');

const STEMS = [
  'A detector outputs the scored boxes below (corner format \\((x_1, y_1, x_2, y_2)\\)). Greedy non-maximum suppression with IoU threshold {{t}} is applied: repeatedly keep the highest-scoring remaining box and discard every remaining box whose IoU with it is greater than {{t}}.',
  'Apply non-maximum suppression (IoU threshold {{t}}) to the detections below, given as \\((x_1, y_1, x_2, y_2)\\) with a confidence score. A box is discarded when its IoU with an already kept, higher-scoring box exceeds {{t}}.',
  'Non-maximum suppression with threshold {{t}} runs on these predicted boxes \\((x_1, y_1, x_2, y_2)\\): take the best remaining box, keep it, drop the remaining boxes that overlap it with IoU > {{t}}, and repeat.',
];

export const nmsTemplate = defineTemplate<NmsParams>({
  id: 'cnn.nms',
  topic: 'cnn',
  title: 'Non-maximum suppression',
  objective: 'Run greedy non-maximum suppression on a short list of scored boxes.',
  difficulty: 2,
  tags: ['object detection', 'non-maximum suppression', 'IoU'],
  kinds: ['single', 'numeric'],
  params: {
    boxes: {
      type: 'json',
      description: '2–8 boxes {box: [x1, y1, x2, y2], score} (score in [0, 1], scores distinct)',
      schema: listOf(
        record({ box: listOf(numberIn(-1000, 1000), 4, 4), score: numberIn(0, 1) }),
        2,
        8,
      ),
      example: [
        { box: [0, 0, 10, 10], score: 0.9 },
        { box: [1, 1, 11, 11], score: 0.8 },
        { box: [20, 20, 30, 30], score: 0.7 },
      ],
    },
    threshold: param.number(
      'IoU threshold: a box overlapping a kept box by more than this is discarded',
      [0, 1],
      0.01,
      { min: 0, max: 1, decimals: 3 },
    ),
  },
  constraints: [
    {
      description: 'every box has x1 < x2 and y1 < y2',
      check: (p) => Array.isArray(p.boxes) && p.boxes.every(validBox),
    },
    {
      description: 'scores are distinct (they fix the order NMS visits the boxes in)',
      check: (p) => new Set(p.boxes.map((b) => b.score)).size === p.boxes.length,
    },
  ],
  /**
   * Trivial (numeric): no box is suppressed, so the count is the number of boxes listed — the
   * guess that NMS does nothing is right.
   */
  trivial(p, v) {
    if (v.kind !== 'numeric') return null;
    return nmsKept(p).length === p.boxes.length
      ? 'no box is suppressed: the answer is the box count'
      : null;
  },
  sample(rng) {
    // Draw preference: 4–6 boxes around two or three objects, no IoU within 0.03 of the threshold.
    const threshold = rng.choice([0.3, 0.4, 0.5, 0.6]);
    for (;;) {
      const objects = rng.int(2, 3);
      const n = rng.int(4, 6);
      const centres = Array.from({ length: objects }, () => [rng.int(4, 16), rng.int(4, 16)]);
      const boxes: NmsBox[] = [];
      const scores = rng.shuffle(Array.from({ length: 50 }, (_, i) => (50 + i) / 100)).slice(0, n);
      for (let i = 0; i < n; i++) {
        const [cx, cy] = centres[i % objects]!;
        const w = rng.int(3, 6);
        const h = rng.int(3, 6);
        const x = cx! - rng.int(1, w - 1);
        const y = cy! - rng.int(1, h - 1);
        boxes.push({ box: [x, y, x + w, y + h], score: scores[i]! });
      }
      const pairs = boxes.flatMap((a, i) =>
        boxes.slice(i + 1).map((b) => iou(a.box as unknown as Box, b.box as unknown as Box)),
      );
      if (pairs.every((v) => Math.abs(v - threshold) > 0.03)) return { boxes, threshold };
    }
  },
  build(p, ctx) {
    const kept = nmsKept(p);
    const run = nms(asScored(p), p.threshold);
    const mistakes = nmsMistakes(p);
    const t = formatDecimal(p.threshold, 3);
    const list = p.boxes
      .map(
        (b, i) =>
          `- ${label(i)}: \\((${b.box.map(num).join(', ')})\\), score ${formatFixed(b.score, 2)}`,
      )
      .join('\n');
    const order = p.boxes
      .map((_, i) => i)
      .sort((i, j) => p.boxes[j]!.score - p.boxes[i]!.score || i - j);
    const boxes = asScored(p);
    const steps = order.map((i) => {
      const by = run.suppressedBy.get(i);
      if (by !== undefined)
        return `- ${label(i)} (${formatFixed(p.boxes[i]!.score, 2)}): IoU with kept ${label(by)} is ${formatFixed(iou(boxes[i]!.box, boxes[by]!.box), 3)} > ${t}: discarded.`;
      const earlier = kept.filter((k) => k !== i && order.indexOf(k) < order.indexOf(i));
      const ious = earlier.map(
        (k) => `${label(k)}: ${formatFixed(iou(boxes[i]!.box, boxes[k]!.box), 3)}`,
      );
      return `- ${label(i)} (${formatFixed(p.boxes[i]!.score, 2)}): ${ious.length ? `IoU with the kept boxes (${ious.join(', ')}) all ≤ ${t}: ` : 'highest remaining score: '}kept.`;
    });
    const solution = `Visit the boxes from the highest score down; a box is discarded when its IoU with a box kept earlier exceeds ${t}, and a discarded box never removes another:\n\n${steps.join('\n')}\n\nKept: ${setText(kept)} (${kept.length} ${kept.length === 1 ? 'box' : 'boxes'}).`;
    const xs = p.boxes.flatMap((b) => b.box);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const figure = {
      svg: boxesSvg({
        extent: [lo - 1, lo - 1, hi + 1, hi + 1],
        boxes: p.boxes.map((b, i) => ({
          box: b.box as unknown as Box,
          label: `${label(i)} ${formatFixed(b.score, 2)}`,
        })),
        title: 'Scored detections before non-maximum suppression',
      }),
      alt: `Boxes ${p.boxes.map((b, i) => `${label(i)} (${b.box.map(num).join(', ')}) score ${formatFixed(b.score, 2)}`).join('; ')}.`,
    };
    const head = ctx.render(ctx.rng.choice(STEMS), { t });
    if (ctx.kind === 'numeric') {
      const distractors: NumericDistractor[] = mistakes.map((m) => ({
        value: m.kept.length,
        misconception: m.misconception,
        feedback: m.feedback,
      }));
      return {
        stem: `${head}\n\n${list}\n\nHow many boxes remain after NMS?`,
        solution,
        figure,
        answer: { type: 'numeric', value: kept.length, decimals: 0, distractors },
      };
    }
    const wrong = mistakes
      .filter((m) => m.kept.length)
      .map((m) => ({
        text: setText(m.kept),
        misconception: m.misconception,
        feedback: m.feedback,
      }));
    const options = keyAndDistinctWrong(setText(kept), wrong, 3);
    if (options.length < 3)
      throw new GenerationError(
        'fewer than 2 distinct wrong NMS outcomes; single choice needs 2 (the numeric kind keeps the question)',
      );
    return {
      stem: `${head}\n\n${list}\n\nWhich boxes remain?`,
      solution,
      figure,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'cnn-nms-two-objects',
      params: {
        boxes: [
          { box: [0, 0, 10, 10], score: 0.9 },
          { box: [1, 1, 11, 11], score: 0.8 },
          { box: [20, 20, 30, 30], score: 0.7 },
          { box: [5, 0, 15, 10], score: 0.6 },
        ],
        threshold: 0.5,
      },
      note: 'B overlaps A with IoU 81/119 ≈ 0.681 > 0.5 and goes; D overlaps A with 1/3: kept A, C, D',
    },
  ],
});
