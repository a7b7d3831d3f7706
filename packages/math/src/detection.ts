/**
 * Object-detection basics: boxes in corner and centre format, intersection over union, greedy
 * non-maximum suppression, YOLO grid-cell and anchor assignment, and the output size of a
 * YOLO-style head.
 */

/** A box in corner format: `[x1, y1, x2, y2]` with x1 ≤ x2 and y1 ≤ y2 (continuous coordinates). */
export type Box = readonly [number, number, number, number];

/** Corner box from centre format `(cx, cy, w, h)`. */
export function centreToCorner(cx: number, cy: number, w: number, h: number): Box {
  return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
}

/** Centre format `[cx, cy, w, h]` of a corner box. */
export function cornerToCentre(b: Box): [number, number, number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1]];
}

/** Area of a corner box (0 for a degenerate one). */
export function boxArea(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

/** The overlap rectangle's width, height and area (0 when the boxes do not overlap). */
export function intersection(a: Box, b: Box): { w: number; h: number; area: number } {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  return { w, h, area: w * h };
}

/** Intersection over union of two corner boxes; 0 when both are empty. */
export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b).area;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export interface ScoredBox {
  box: Box;
  score: number;
}

export interface NmsResult {
  /** Indices of the kept boxes, highest score first. */
  kept: number[];
  /** For every suppressed box, the index of the kept box that suppressed it. */
  suppressedBy: Map<number, number>;
}

/**
 * Greedy non-maximum suppression (torchvision's `nms`): take the highest-scoring remaining box,
 * keep it, and discard every remaining box whose IoU with it is strictly greater than `threshold`.
 * Ties in score keep the earlier index first.
 */
export function nms(boxes: readonly ScoredBox[], threshold: number): NmsResult {
  const order = boxes.map((_, i) => i).sort((i, j) => boxes[j]!.score - boxes[i]!.score || i - j);
  const kept: number[] = [];
  const suppressedBy = new Map<number, number>();
  for (const i of order) {
    if (suppressedBy.has(i)) continue;
    kept.push(i);
    for (const j of order)
      if (j !== i && !suppressedBy.has(j) && !kept.includes(j))
        if (iou(boxes[i]!.box, boxes[j]!.box) > threshold) suppressedBy.set(j, i);
  }
  return { kept, suppressedBy };
}

/**
 * The grid cell `(row, col)` (0-based, row 0 at the top) responsible for an object whose centre is
 * `(cx, cy)` in an image `width × height` divided into `s × s` cells: `col = ⌊cx / (width/s)⌋`,
 * `row = ⌊cy / (height/s)⌋`; a centre on a cell border belongs to the cell right of / below it, and
 * a centre on the image's right or bottom edge to the last cell.
 */
export function gridCell(
  cx: number,
  cy: number,
  width: number,
  height: number,
  s: number,
): { row: number; col: number } {
  const col = Math.min(s - 1, Math.floor((cx * s) / width));
  const row = Math.min(s - 1, Math.floor((cy * s) / height));
  return { row, col };
}

/** IoU of two boxes given by width and height only, placed on the same centre (anchor matching). */
export function shapeIou(w1: number, h1: number, w2: number, h2: number): number {
  const inter = Math.min(w1, w2) * Math.min(h1, h2);
  const union = w1 * h1 + w2 * h2 - inter;
  return union > 0 ? inter / union : 0;
}

/** Index of the anchor (w, h) whose shape IoU with the box is largest; the first wins a tie. */
export function bestAnchor(
  w: number,
  h: number,
  anchors: readonly (readonly [number, number])[],
): number {
  let best = 0;
  let bestIou = -1;
  anchors.forEach(([aw, ah], i) => {
    const v = shapeIou(w, h, aw, ah);
    if (v > bestIou) {
      bestIou = v;
      best = i;
    }
  });
  return best;
}

/**
 * Numbers per grid cell of a YOLO-style head with `b` boxes per cell and `c` classes:
 * YOLOv1 shares one class distribution per cell (`b·5 + c`); anchor-based heads (YOLOv2/v3)
 * predict 5 + c numbers per anchor (`b·(5 + c)`). Each box is x, y, w, h and a confidence.
 */
export function yoloDepth(b: number, c: number, style: 'v1' | 'anchors'): number {
  return style === 'v1' ? b * 5 + c : b * (5 + c);
}

/** Total numbers output by a YOLO-style head on an `s × s` grid: `s · s · depth`. */
export function yoloOutputSize(s: number, b: number, c: number, style: 'v1' | 'anchors'): number {
  return s * s * yoloDepth(b, c, style);
}
