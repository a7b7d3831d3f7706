import { formatDecimal, formatInt } from '@dlexam/math';

/**
 * Self-contained SVG figures built from a variant's own numbers: grids of numbers (input, kernel,
 * output) side by side, and a strip of boxes for a layer stack. Deterministic: every number goes
 * through the math-core formatters, coordinates are integers.
 */

export interface GridPanel {
  /** Caption under the grid (plain text). */
  label: string;
  matrix: readonly (readonly number[])[];
  /** Cells drawn shaded (e.g. the window of one output entry), as [row, col]. */
  shaded?: readonly (readonly [number, number])[];
  /** Rows/columns of zero padding drawn dashed around the grid. */
  padding?: number;
  /** Show a `?` in every cell instead of numbers (an unknown output). */
  unknown?: boolean;
}

const CELL = 30;
const GAP = 26;
const CAPTION = 22;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (x: number): string => (Number.isInteger(x) ? formatInt(x) : formatDecimal(x, 2));

/** Escapes only when needed: most labels hold none of `&`, `<`, `>`. */
const escFast = (s: string): string => (/[&<>]/.test(s) ? esc(s) : s);

const rect = (cx: number, cy: number, fill: string, dash: string): string =>
  `<rect x="${cx}" y="${cy}" width="${CELL}" height="${CELL}" fill="${fill}" stroke="#555"${dash}/>`;
const text = (cx: number, cy: number, color: string): string =>
  `<text x="${cx + CELL / 2}" y="${cy + CELL / 2 + 5}" font-size="13" text-anchor="middle" fill="${color}">`;

/**
 * The markup of a panel's cells depends only on its position, size and padding, except for the
 * numbers: it is built once per shape as the pieces between the numbers (`pieces[i]` ends with the
 * opening of inside cell i, in row-major order), and the unknown panel (`?` in every inside cell)
 * is that joined with `?`. Shapes are bounded by the grid sizes the templates draw; the cache is
 * cleared if it ever grows large.
 */
interface PanelShape {
  pieces: string[];
  unknown: string;
}
const shapes = new Map<string, PanelShape>();

function panelShape(x: number, rows: number, cols: number, pad: number): PanelShape {
  const key = `${x},${rows},${cols},${pad}`;
  let shape = shapes.get(key);
  if (shape !== undefined) return shape;
  const pieces: string[] = [];
  let cur = '';
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const cx = x + c * CELL;
      const cy = GAP / 2 + r * CELL;
      if (r >= pad && r < rows - pad && c >= pad && c < cols - pad) {
        pieces.push(cur + rect(cx, cy, '#ffffff', '') + text(cx, cy, '#000'));
        cur = '</text>';
      } else
        cur += `${rect(cx, cy, '#f2f2f2', ' stroke-dasharray="3 2"')}${text(cx, cy, '#999')}0</text>`;
    }
  pieces.push(cur);
  shape = { pieces, unknown: pieces.join('?') };
  if (shapes.size > 5000) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/** The cells of a panel with shaded cells, one by one. */
function shadedCells(p: GridPanel, x: number, rows: number, cols: number, pad: number): string {
  const shaded = new Set((p.shaded ?? []).map(([r, c]) => `${r},${c}`));
  let out = '';
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const inside = r >= pad && r < rows - pad && c >= pad && c < cols - pad;
      const cx = x + c * CELL;
      const cy = GAP / 2 + r * CELL;
      const fill = shaded.has(`${r - pad},${c - pad}`) ? '#cfe3ff' : inside ? '#ffffff' : '#f2f2f2';
      const v = inside ? (p.unknown ? '?' : num(p.matrix[r - pad]![c - pad]!)) : '0';
      out += `${rect(cx, cy, fill, inside ? '' : ' stroke-dasharray="3 2"')}${text(cx, cy, inside ? '#000' : '#999')}${v}</text>`;
    }
  return out;
}

/** Grids of numbers side by side, with captions; padding shown as dashed zero cells. */
export function gridsSvg(panels: readonly GridPanel[], title: string): string {
  let x = GAP / 2;
  let maxH = 0;
  let body = '';
  for (const p of panels) {
    const pad = p.padding ?? 0;
    const m = p.matrix;
    const rows = m.length + 2 * pad;
    const cols = (m[0]?.length ?? 0) + 2 * pad;
    if (p.shaded?.length) body += shadedCells(p, x, rows, cols, pad);
    else {
      const shape = panelShape(x, rows, cols, pad);
      if (p.unknown) body += shape.unknown;
      else {
        const { pieces } = shape;
        let i = 0;
        let cells = '';
        for (const row of m) for (const v of row) cells += pieces[i++]! + num(v);
        body += cells + pieces[i]!;
      }
    }
    const w = cols * CELL;
    body += `<text x="${x + w / 2}" y="${GAP / 2 + rows * CELL + 16}" font-size="13" text-anchor="middle" fill="#000">${escFast(p.label)}</text>`;
    maxH = Math.max(maxH, rows * CELL);
    x += w + GAP;
  }
  const width = Math.round(x - GAP / 2);
  const height = GAP + maxH + CAPTION;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escFast(title)}</title>` +
    `<g font-family="sans-serif">${body}</g></svg>`
  );
}

export interface StackBox {
  /** Top line (layer name). */
  name: string;
  /** Bottom line (shape or a question mark). */
  detail: string;
}

const BOX_W = 104;
const BOX_H = 48;
const ARROW = 22;

/** Markup of box i that does not depend on its labels: the opening of its name, detail, arrow. */
interface BoxParts {
  name: string;
  detail: string;
  arrow: string;
}
const boxParts: BoxParts[] = [];

function boxAt(i: number): BoxParts {
  let b = boxParts[i];
  if (b === undefined) {
    const x = 8 + i * (BOX_W + ARROW);
    const ax = x + BOX_W;
    b = {
      name: `<rect x="${x}" y="8" width="${BOX_W}" height="${BOX_H}" rx="6" fill="#eef4ff" stroke="#335"/><text x="${x + BOX_W / 2}" y="28" font-size="12" text-anchor="middle">`,
      detail: `</text><text x="${x + BOX_W / 2}" y="46" font-size="11" text-anchor="middle" fill="#333">`,
      arrow: `</text><line x1="${ax + 2}" y1="32" x2="${ax + ARROW - 4}" y2="32" stroke="#335"/><polygon points="${ax + ARROW - 2},32 ${ax + ARROW - 8},28 ${ax + ARROW - 8},36" fill="#335"/>`,
    };
    if (i < 256) boxParts[i] = b;
  }
  return b;
}

/** A left-to-right strip of labelled boxes joined by arrows (a layer stack). */
export function stackSvg(boxes: readonly StackBox[], title: string): string {
  let body = '';
  const last = boxes.length - 1;
  for (let i = 0; i <= last; i++) {
    const b = boxes[i]!;
    const parts = boxAt(i);
    body += `${parts.name}${escFast(b.name)}${parts.detail}${escFast(b.detail)}${i < last ? parts.arrow : '</text>'}`;
  }
  const width = 16 + boxes.length * BOX_W + (boxes.length - 1) * ARROW;
  const height = BOX_H + 16;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escFast(title)}</title>` +
    `<g font-family="sans-serif">${body}</g></svg>`
  );
}

/** Plain-text rows of a matrix for alt text: `[1, 2]; [3, 4]`. */
export function altMatrix(m: readonly (readonly number[])[]): string {
  let s = '';
  for (let i = 0; i < m.length; i++) {
    const r = m[i]!;
    s += i ? '; [' : '[';
    for (let j = 0; j < r.length; j++) s += (j ? ', ' : '') + num(r[j]!);
    s += ']';
  }
  return s;
}
