import { describe, expect, it } from 'vitest';
import { iouTemplate, nmsTemplate, yoloGridTemplate } from '@dlexam/topic-cnn';
import {
  assertAnswer,
  checkFigures,
  checkTemplate,
  correctChoice,
  numericValue,
  runProperty,
} from '@dlexam/generator/testing';
import { generateFixture } from '@dlexam/generator';

type B = [number, number, number, number];

/** Independent IoU: count the unit squares of an integer grid inside both / either box. */
function countedIou(a: B, b: B): number {
  let inter = 0;
  let union = 0;
  const lo = Math.floor(Math.min(a[0], a[1], b[0], b[1]));
  const hi = Math.ceil(Math.max(a[2], a[3], b[2], b[3]));
  const inside = (q: B, x: number, y: number) =>
    x >= q[0] && x + 1 <= q[2] && y >= q[1] && y + 1 <= q[3];
  for (let x = lo; x < hi; x++)
    for (let y = lo; y < hi; y++) {
      const ia = inside(a, x, y);
      const ib = inside(b, x, y);
      if (ia && ib) inter++;
      if (ia || ib) union++;
    }
  return inter / union;
}

const corners = (format: string, v: number[]): B =>
  format === 'corner'
    ? (v as B)
    : [v[0]! - v[2]! / 2, v[1]! - v[3]! / 2, v[0]! + v[2]! / 2, v[1]! + v[3]! / 2];

/** Independent NMS: recursive — keep the best, drop what overlaps it, recurse on the rest. */
function recursiveNms(list: { id: number; box: B; score: number }[], t: number): number[] {
  if (!list.length) return [];
  const best = list.reduce((m, x) => (x.score > m.score ? x : m));
  const rest = list.filter((x) => x !== best && countedIou(best.box, x.box) <= t);
  return [best.id, ...recursiveNms(rest, t)];
}

describe('cnn.iou', () => {
  it('answers match counted pixels over 10,000 seeds', () => {
    runProperty(iouTemplate, (v, p) => {
      const want = countedIou(corners(p.format, p.a), corners(p.format, p.b));
      assertAnswer(v, want, 3);
    });
  });

  it('reproduces the textbook pairs worked by hand', () => {
    // (0,0,2,2) and (1,1,3,3): overlap 1 × 1, union 4 + 4 − 1 = 7.
    expect(numericValue(generateFixture(iouTemplate, 'cnn-iou-corner-textbook'))).toBe(0.143);
    // centre (5,5,4,4) → (3,3,7,7); (6,6,4,4) → (4,4,8,8): overlap 3 × 3 = 9, union 16 + 16 − 9 = 23.
    expect(numericValue(generateFixture(iouTemplate, 'cnn-iou-centre-textbook'))).toBe(0.391);
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(iouTemplate, { minStems: 100 });
    checkFigures(iouTemplate);
  });
});

describe('cnn.nms', () => {
  it('kept boxes match a recursive NMS with counted IoU over 10,000 seeds', () => {
    runProperty(nmsTemplate, (v, p) => {
      const list = p.boxes.map((b: { box: B; score: number }, id: number) => ({ id, ...b }));
      const kept = recursiveNms(list, p.threshold);
      if (v.kind === 'numeric') expect(numericValue(v)).toBe(kept.length);
      else
        expect(correctChoice(v)).toBe(
          [...kept]
            .sort((a, b) => a - b)
            .map((i) => 'ABCDEFGH'[i])
            .join(', '),
        );
    });
  });

  it('reproduces the two-object example worked by hand', () => {
    // A–B: overlap 9 × 9 = 81, union 100 + 100 − 81 = 119, IoU 0.681 > 0.5: B goes.
    // A–D: overlap 5 × 10 = 50, union 150, IoU 1/3 ≤ 0.5: D stays; C touches nothing.
    expect(correctChoice(generateFixture(nmsTemplate, 'cnn-nms-two-objects'))).toBe('A, C, D');
    expect(numericValue(generateFixture(nmsTemplate, 'cnn-nms-two-objects', 'numeric'))).toBe(3);
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(nmsTemplate, { minStems: 100 });
    checkFigures(nmsTemplate);
  });
});

describe('cnn.yolo-grid', () => {
  it('answers match enumerated outputs, scanned cells and counted overlaps over 10,000 seeds', () => {
    runProperty(yoloGridTemplate, (v, p) => {
      if (p.task === 'head-size') {
        // Enumerate the named outputs of one cell.
        const cell: string[] = [];
        for (let k = 0; k < p.b; k++) {
          cell.push('x', 'y', 'w', 'h', 'conf');
          if (p.style === 'anchors') for (let c = 0; c < p.c; c++) cell.push(`p${c}`);
        }
        if (p.style === 'v1') for (let c = 0; c < p.c; c++) cell.push(`p${c}`);
        expect(numericValue(v)).toBe(p.s * p.s * cell.length);
      } else if (p.task === 'grid-cell') {
        const scan = (x: number, size: number) => {
          for (let k = 0; k < p.s; k++)
            if (x >= (k * size) / p.s && (x < ((k + 1) * size) / p.s || k === p.s - 1)) return k;
          throw new Error('outside');
        };
        const row = scan(p.cy, p.height);
        const col = scan(p.cx, p.width);
        if (v.kind === 'numeric') expect(numericValue(v)).toBe(row * p.s + col);
        else expect(correctChoice(v)).toBe(`row ${row}, column ${col}`);
      } else {
        // Corner-aligned boxes overlap as centred ones do; count the overlap's unit rows and columns.
        const count = (a: number, b: number) => {
          let n = 0;
          for (let i = 0; i < Math.max(a, b); i++) if (i < a && i < b) n++;
          return n;
        };
        const ious = p.anchors.map(([aw, ah]: [number, number]) => {
          const inter = count(p.w, aw) * count(p.h, ah);
          return inter / (p.w * p.h + aw * ah - inter);
        });
        const best = ious.indexOf(Math.max(...ious));
        if (v.kind === 'numeric') assertAnswer(v, ious[best], 3);
        else expect(correctChoice(v).startsWith(`Anchor ${best + 1} `)).toBe(true);
      }
    });
  });

  it('reproduces YOLOv1, a grid cell and an anchor worked by hand', () => {
    expect(numericValue(generateFixture(yoloGridTemplate, 'cnn-yolo-v1-head'))).toBe(1470);
    expect(correctChoice(generateFixture(yoloGridTemplate, 'cnn-yolo-grid-cell'))).toBe(
      'row 1, column 3',
    );
    // 30 × 60 vs 30 × 61: overlap 30 · 60 = 1800, union 1800 + 1830 − 1800 = 1830.
    expect(numericValue(generateFixture(yoloGridTemplate, 'cnn-yolo-anchor'))).toBe(0.984);
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(yoloGridTemplate, { minStems: 40 });
    checkFigures(yoloGridTemplate);
  });
});
