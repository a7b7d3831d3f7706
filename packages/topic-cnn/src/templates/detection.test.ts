import { describe, expect, it } from 'vitest';
import {
  iouTemplate,
  nmsTemplate,
  yoloGrid,
  type IouParams,
  type NmsParams,
  type YoloGridParams,
} from '@dlexam/topic-cnn';
import {
  assertAnswer,
  checkFigures,
  checkTemplate,
  correctChoice,
  numericValue,
  runProperty,
} from '@dlexam/generator/testing';
import { checkPartialPins } from '../../test/key-checks.js';
import { generateFixture, generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';

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

/**
 * Independent IoU for coordinates with up to 2 decimals: corners in two-hundredths (whole numbers,
 * also for centre-format halves), overlap and areas in integer arithmetic.
 */
function exactIou(format: string, a: number[], b: number[]): number {
  const scaled = (v: number[]): B => {
    const q = v.map((x) => Math.round(x * 200)) as B;
    return format === 'corner'
      ? q
      : [q[0] - q[2] / 2, q[1] - q[3] / 2, q[0] + q[2] / 2, q[1] + q[3] / 2];
  };
  const A = scaled(a);
  const C = scaled(b);
  const side = (lo1: number, hi1: number, lo2: number, hi2: number) =>
    Math.max(0, Math.min(hi1, hi2) - Math.max(lo1, lo2));
  const inter = BigInt(side(A[0], A[2], C[0], C[2])) * BigInt(side(A[1], A[3], C[1], C[3]));
  const area = (q: B) => BigInt(q[2] - q[0]) * BigInt(q[3] - q[1]);
  const union = area(A) + area(C) - inter;
  return Number(inter) / Number(union);
}

/** The key of an NMS variant: how many boxes a recursive NMS keeps, or their letters in order. */
function expectKeptKey(v: Variant, p: NmsParams): void {
  const list = p.boxes.map((b, id) => ({ id, box: b.box as B, score: b.score }));
  const kept = recursiveNms(list, p.threshold);
  if (v.kind === 'numeric') expect(numericValue(v)).toBe(kept.length);
  else
    expect(correctChoice(v)).toBe(
      [...kept]
        .sort((a, b) => a - b)
        .map((i) => 'ABCDEFGH'[i])
        .join(', '),
    );
}

/** The key of a grid-cell variant: the row-major index of the cell, or its row and column. */
function expectCellKey(v: Variant, s: number, row: number, col: number): void {
  if (v.kind === 'numeric') expect(numericValue(v)).toBe(row * s + col);
  else expect(correctChoice(v)).toBe(`row ${row}, column ${col}`);
}

/** The key of an anchor variant: the best anchor's IoU (3 decimals), or that anchor's option. */
function expectAnchorKey(v: Variant, ious: number[]): void {
  const top = Math.max(...ious);
  const best = ious.indexOf(top);
  if (v.kind === 'numeric') assertAnswer(v, top, 3);
  else expect(correctChoice(v).startsWith(`Anchor ${best + 1} `)).toBe(true);
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

  it('pins decimal, negative coordinates off the drawn integer grid', () => {
    // A (−1.5, 0.25, 2.5, 3.25): 4 × 3 = 12; B (0.5, 1.25, 4.5, 5.25): 4 × 4 = 16.
    // Overlap (0.5..2.5) × (1.25..3.25) = 2 × 2 = 4; union 12 + 16 − 4 = 24; IoU = 1/6 ≈ 0.167.
    const v = generateVariant(iouTemplate, 'decimals', {
      kind: 'numeric',
      pins: { format: 'corner', a: [-1.5, 0.25, 2.5, 3.25], b: [0.5, 1.25, 4.5, 5.25] },
    });
    expect(numericValue(v)).toBe(0.167);
    expect(v.stem).toContain('(-1.5, 0.25, 2.5, 3.25)');
    // Centre format with odd hundredths: A (1.01, 1.01, 2.02, 2.02) → corners (0, 0, 2.02, 2.02);
    // B (1.52, 1.52, 1.01, 1.01) → corners (1.015, 1.015, 2.025, 2.025). Overlap 1.005² = 1.010025,
    // union 4.0804 + 1.0201 − 1.010025 = 4.090475: IoU ≈ 0.247.
    const c = generateVariant(iouTemplate, 'centre', {
      kind: 'numeric',
      pins: { format: 'centre', a: [1.01, 1.01, 2.02, 2.02], b: [1.52, 1.52, 1.01, 1.01] },
    });
    expect(numericValue(c)).toBe(0.247);
    expect(c.solution).toContain('4.090475');
    expect(c.solution).toContain('1.015');
  });

  it('accepts valid pinned boxes, with the key of the exact integer IoU', () => {
    checkPartialPins(iouTemplate, (v, p: IouParams) => {
      assertAnswer(v, exactIou(p.format, p.a, p.b), 3);
    });
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(iouTemplate, { minStems: 100 });
    checkFigures(iouTemplate);
  });
});

describe('cnn.nms', () => {
  it('kept boxes match a recursive NMS with counted IoU over 10,000 seeds', () => {
    runProperty(nmsTemplate, expectKeptKey);
  });

  it('reproduces the two-object example worked by hand', () => {
    // A–B: overlap 9 × 9 = 81, union 100 + 100 − 81 = 119, IoU 0.681 > 0.5: B goes.
    // A–D: overlap 5 × 10 = 50, union 150, IoU 1/3 ≤ 0.5: D stays; C touches nothing.
    expect(correctChoice(generateFixture(nmsTemplate, 'cnn-nms-two-objects'))).toBe('A, C, D');
    expect(numericValue(generateFixture(nmsTemplate, 'cnn-nms-two-objects', 'numeric'))).toBe(3);
  });

  it('pins thresholds with 3 decimals either side of an IoU of 0.681', () => {
    const boxes = [
      { box: [0, 0, 10, 10], score: 0.9 },
      { box: [1, 1, 11, 11], score: 0.8 },
      { box: [20, 20, 30, 30], score: 0.7 },
      { box: [5, 0, 15, 10], score: 0.6 },
    ];
    // IoU(A, B) = 81/119 ≈ 0.6807: above 0.675 (B goes), below 0.685 (B stays).
    const low = generateVariant(nmsTemplate, 'low', {
      kind: 'single',
      pins: { boxes, threshold: 0.675 },
    });
    expect(correctChoice(low)).toBe('A, C, D');
    expect(low.stem).toContain('0.675');
    const high = generateVariant(nmsTemplate, 'high', {
      kind: 'numeric',
      pins: { boxes, threshold: 0.685 },
    });
    expect(numericValue(high)).toBe(4);
  });

  it('accepts valid pinned thresholds, with the key of the recursive NMS', () => {
    checkPartialPins(nmsTemplate, expectKeptKey, { offDraw: 'some' });
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(nmsTemplate, { minStems: 100 });
    checkFigures(nmsTemplate);
  });
});

describe('cnn.yolo-grid', () => {
  it('answers match enumerated outputs, scanned cells and counted overlaps over 10,000 seeds', () => {
    runProperty(yoloGrid, (v, p) => {
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
        expectCellKey(v, p.s, scan(p.cy, p.height), scan(p.cx, p.width));
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
        expectAnchorKey(v, ious);
      }
    });
  });

  it('reproduces YOLOv1, a grid cell and an anchor worked by hand', () => {
    expect(numericValue(generateFixture(yoloGrid, 'cnn-yolo-v1-head'))).toBe(1470);
    expect(correctChoice(generateFixture(yoloGrid, 'cnn-yolo-grid-cell'))).toBe('row 1, column 3');
    // 30 × 60 vs 30 × 61: overlap 30 · 60 = 1800, union 1800 + 1830 − 1800 = 1830.
    expect(numericValue(generateFixture(yoloGrid, 'cnn-yolo-anchor'))).toBe(0.984);
  });

  it('pins centres with 2 decimals, one on a cell border, and a fractional box', () => {
    const base = {
      b: 2,
      c: 20,
      style: 'v1',
      w: 1,
      h: 1,
      anchors: [
        [1, 1],
        [2, 2],
      ],
    };
    // A 608 × 608 image under a 25 × 25 grid has 24.32-pixel cells: x = 72.96 = 3 · 24.32 lies on
    // the border of column 3 and belongs to it (72.96 · 25/608 is 2.999… in floating point);
    // y = 100.5 is in row ⌊100.5/24.32⌋ = 4. Index 4 · 25 + 3 = 103.
    const v = generateVariant(yoloGrid, 'border', {
      kind: 'numeric',
      pins: { ...base, s: 25, task: 'grid-cell', width: 608, height: 608, cx: 72.96, cy: 100.5 },
    });
    expect(numericValue(v)).toBe(103);
    // A 2.5 × 1.25 box against anchors 2 × 1 and 3 × 1.5: overlaps 2 and 3.125 over unions
    // 3.125 and 4.5: IoU 0.64 and ≈ 0.694, so the second anchor wins with 0.694.
    const a = generateVariant(yoloGrid, 'frac', {
      kind: 'numeric',
      pins: {
        ...base,
        task: 'anchor',
        cx: 0,
        cy: 0,
        width: 416,
        height: 416,
        s: 13,
        w: 2.5,
        h: 1.25,
        anchors: [
          [2, 1],
          [3, 1.5],
        ],
      },
    });
    expect(numericValue(a)).toBe(0.694);
  });

  it('accepts valid pinned grids, sizes and centres, with the key of the scanned cells', () => {
    checkPartialPins(
      yoloGrid,
      (v, p: YoloGridParams) => {
        if (p.task === 'head-size') {
          const depth = p.style === 'v1' ? p.b * 5 + p.c : p.b * (5 + p.c);
          expect(numericValue(v)).toBe(p.s * p.s * depth);
        } else if (p.task === 'grid-cell') {
          // In hundredths of a pixel: k·size/S ≤ x ⇔ 100·k·size ≤ S·x₁₀₀ (whole numbers).
          const scan = (x: number, size: number) => {
            const x100 = Math.round(x * 100);
            let k = 0;
            while (k + 1 < p.s && 100 * (k + 1) * size <= p.s * x100) k++;
            return k;
          };
          expectCellKey(v, p.s, scan(p.cy, p.height), scan(p.cx, p.width));
        } else {
          const ious = p.anchors.map(([aw = NaN, ah = NaN]) => {
            const inter = Math.min(p.w, aw) * Math.min(p.h, ah);
            return inter / (p.w * p.h + aw * ah - inter);
          });
          expectAnchorKey(v, ious);
        }
      },
      { offDraw: 'some' },
    );
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(yoloGrid, { minStems: 40 });
    checkFigures(yoloGrid);
  });
});
