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

/** Grids of numbers side by side, with captions; padding shown as dashed zero cells. */
export function gridsSvg(panels: readonly GridPanel[], title: string): string {
  let x = GAP / 2;
  let maxH = 0;
  const parts: string[] = [];
  for (const p of panels) {
    const pad = p.padding ?? 0;
    const rows = p.matrix.length + 2 * pad;
    const cols = (p.matrix[0]?.length ?? 0) + 2 * pad;
    const shaded = new Set((p.shaded ?? []).map(([r, c]) => `${r},${c}`));
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const inside = r >= pad && r < rows - pad && c >= pad && c < cols - pad;
        const cx = x + c * CELL;
        const cy = GAP / 2 + r * CELL;
        const shade = shaded.has(`${r - pad},${c - pad}`);
        const fill = shade ? '#cfe3ff' : inside ? '#ffffff' : '#f2f2f2';
        const dash = inside ? '' : ' stroke-dasharray="3 2"';
        parts.push(
          `<rect x="${cx}" y="${cy}" width="${CELL}" height="${CELL}" fill="${fill}" stroke="#555"${dash}/>`,
        );
        const v = inside ? (p.unknown ? '?' : num(p.matrix[r - pad]![c - pad]!)) : '0';
        const color = inside ? '#000' : '#999';
        parts.push(
          `<text x="${cx + CELL / 2}" y="${cy + CELL / 2 + 5}" font-size="13" text-anchor="middle" fill="${color}">${esc(v)}</text>`,
        );
      }
    const w = cols * CELL;
    parts.push(
      `<text x="${x + w / 2}" y="${GAP / 2 + rows * CELL + 16}" font-size="13" text-anchor="middle" fill="#000">${esc(p.label)}</text>`,
    );
    maxH = Math.max(maxH, rows * CELL);
    x += w + GAP;
  }
  const width = Math.round(x - GAP / 2);
  const height = GAP + maxH + CAPTION;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${esc(title)}</title>` +
    `<g font-family="sans-serif">${parts.join('')}</g></svg>`
  );
}

export interface StackBox {
  /** Top line (layer name). */
  name: string;
  /** Bottom line (shape or a question mark). */
  detail: string;
}

/** A left-to-right strip of labelled boxes joined by arrows (a layer stack). */
export function stackSvg(boxes: readonly StackBox[], title: string): string {
  const W = 104;
  const H = 48;
  const ARROW = 22;
  const parts: string[] = [];
  boxes.forEach((b, i) => {
    const x = 8 + i * (W + ARROW);
    parts.push(
      `<rect x="${x}" y="8" width="${W}" height="${H}" rx="6" fill="#eef4ff" stroke="#335"/>`,
    );
    parts.push(
      `<text x="${x + W / 2}" y="28" font-size="12" text-anchor="middle">${esc(b.name)}</text>`,
    );
    parts.push(
      `<text x="${x + W / 2}" y="46" font-size="11" text-anchor="middle" fill="#333">${esc(b.detail)}</text>`,
    );
    if (i < boxes.length - 1) {
      const ax = x + W;
      parts.push(`<line x1="${ax + 2}" y1="32" x2="${ax + ARROW - 4}" y2="32" stroke="#335"/>`);
      parts.push(
        `<polygon points="${ax + ARROW - 2},32 ${ax + ARROW - 8},28 ${ax + ARROW - 8},36" fill="#335"/>`,
      );
    }
  });
  const width = 16 + boxes.length * W + (boxes.length - 1) * ARROW;
  const height = H + 16;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${esc(title)}</title>` +
    `<g font-family="sans-serif">${parts.join('')}</g></svg>`
  );
}

/** Plain-text rows of a matrix for alt text: `[1, 2]; [3, 4]`. */
export const altMatrix = (m: readonly (readonly number[])[]): string =>
  m.map((r) => `[${r.map(num).join(', ')}]`).join('; ');
