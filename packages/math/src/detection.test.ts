import { describe, expect, it } from 'vitest';
import {
  bestAnchor,
  boxArea,
  centreToCorner,
  cornerToCentre,
  gridCell,
  iou,
  nms,
  shapeIou,
  yoloDepth,
  yoloOutputSize,
  type Box,
} from './detection.js';
import { lcg } from '../test/lcg.js';

/** Independent: count the unit pixels of an integer grid covered by both / either box. */
function pixelIou(a: Box, b: Box): number {
  let inter = 0;
  let union = 0;
  const inside = (q: Box, x: number, y: number) => x >= q[0] && x < q[2] && y >= q[1] && y < q[3];
  for (let x = 0; x < 20; x++)
    for (let y = 0; y < 20; y++) {
      const ia = inside(a, x, y);
      const ib = inside(b, x, y);
      if (ia && ib) inter++;
      if (ia || ib) union++;
    }
  return union ? inter / union : 0;
}

describe('detection', () => {
  it('IoU of the textbook pair (0,0,2,2) and (1,1,3,3) is 1/7', () => {
    expect(iou([0, 0, 2, 2], [1, 1, 3, 3])).toBeCloseTo(1 / 7, 12);
    expect(iou([0, 0, 2, 2], [2, 0, 4, 2])).toBe(0); // touching edges do not overlap
    expect(iou([0, 0, 4, 4], [0, 0, 4, 4])).toBe(1);
  });

  it('IoU equals counted pixels for 10,000 random integer boxes', () => {
    const r = lcg(3);
    const box = (): Box => {
      const x1 = Math.floor(r() * 15);
      const y1 = Math.floor(r() * 15);
      return [x1, y1, x1 + 1 + Math.floor(r() * (19 - x1)), y1 + 1 + Math.floor(r() * (19 - y1))];
    };
    for (let i = 0; i < 10_000; i++) {
      const a = box();
      const b = box();
      expect(iou(a, b)).toBeCloseTo(pixelIou(a, b), 12);
      expect(iou(a, b)).toBeCloseTo(iou(b, a), 15);
    }
  });

  it('converts centre format to corners and back', () => {
    expect(centreToCorner(5, 4, 4, 2)).toEqual([3, 3, 7, 5]);
    expect(cornerToCentre([3, 3, 7, 5])).toEqual([5, 4, 4, 2]);
    expect(boxArea(centreToCorner(5, 4, 4, 2))).toBe(8);
  });

  it('greedy NMS keeps the best box and drops those overlapping it by more than the threshold', () => {
    const boxes = [
      { box: [0, 0, 10, 10] as Box, score: 0.9 },
      { box: [1, 1, 11, 11] as Box, score: 0.8 }, // IoU 81/119 ≈ 0.68 with box 0
      { box: [20, 20, 30, 30] as Box, score: 0.7 },
      { box: [5, 0, 15, 10] as Box, score: 0.6 }, // IoU 1/3 with box 0
    ];
    expect(nms(boxes, 0.5).kept).toEqual([0, 2, 3]);
    expect(nms(boxes, 0.3).kept).toEqual([0, 2]);
    expect(nms(boxes, 0.3).suppressedBy.get(3)).toBe(0);
    // A box suppressed by a suppressed box survives: 0 kills 1, and 1 would have killed 2.
    const chain = [
      { box: [0, 0, 10, 10] as Box, score: 0.9 },
      { box: [6, 0, 16, 10] as Box, score: 0.8 }, // IoU 4/16 with 0
      { box: [12, 0, 22, 10] as Box, score: 0.7 }, // IoU 4/16 with 1, 0 with 0
    ];
    expect(nms(chain, 0.2).kept).toEqual([0, 2]);
  });

  it('assigns the grid cell of a centre, borders to the next cell', () => {
    expect(gridCell(200, 100, 448, 448, 7)).toEqual({ row: 1, col: 3 });
    expect(gridCell(64, 64, 448, 448, 7)).toEqual({ row: 1, col: 1 });
    expect(gridCell(448, 0, 448, 448, 7)).toEqual({ row: 0, col: 6 });
  });

  it('matches anchors by shape IoU', () => {
    expect(shapeIou(2, 4, 4, 2)).toBeCloseTo(4 / 12, 12);
    expect(
      bestAnchor(30, 60, [
        [10, 13],
        [30, 61],
        [62, 45],
      ]),
    ).toBe(1);
  });

  it('sizes YOLO heads: v1 7×7×30, anchors 13×13×125', () => {
    expect(yoloDepth(2, 20, 'v1')).toBe(30);
    expect(yoloOutputSize(7, 2, 20, 'v1')).toBe(1470);
    expect(yoloDepth(5, 20, 'anchors')).toBe(125);
    expect(yoloOutputSize(13, 5, 20, 'anchors')).toBe(21125);
  });
});
