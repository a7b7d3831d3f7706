import { formatDecimal, type Box } from '@dlexam/math';

/**
 * Figure of an image plane with labelled boxes (and optionally an S × S grid and marked centres),
 * drawn from a variant's own coordinates. Image coordinates: x to the right, y downwards, origin at
 * the top left. Deterministic: coordinates go through the math-core formatter.
 */

export interface FigureBox {
  box: Box;
  label: string;
  dashed?: boolean;
}

const COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
];
const n = (x: number): string => formatDecimal(x, 2);
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function boxesSvg(opts: {
  /** The extent drawn: [xMin, yMin, xMax, yMax] in image coordinates. */
  extent: Box;
  boxes: readonly FigureBox[];
  /** Draw an s × s grid over the extent. */
  grid?: number;
  /** Points to mark (object centres). */
  points?: readonly { x: number; y: number; label: string }[];
  title: string;
}): string {
  const [x0, y0, x1, y1] = opts.extent;
  const side = 260;
  const scale = side / Math.max(x1 - x0, y1 - y0);
  const w = (x1 - x0) * scale;
  const h = (y1 - y0) * scale;
  const pad = 24;
  const X = (x: number) => n(pad + (x - x0) * scale);
  const Y = (y: number) => n(pad + (y - y0) * scale);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w + 2 * pad)}" height="${n(h + 2 * pad)}" viewBox="0 0 ${n(w + 2 * pad)} ${n(h + 2 * pad)}" font-family="sans-serif" role="img">`,
    `<title>${esc(opts.title)}</title>`,
    `<rect x="${X(x0)}" y="${Y(y0)}" width="${n(w)}" height="${n(h)}" fill="#fafafa" stroke="#888"/>`,
    `<text x="${X(x0)}" y="${n(pad - 6)}" font-size="11" fill="#555">(${n(x0)}, ${n(y0)})</text>`,
    `<text x="${X(x1)}" y="${n(pad + h + 16)}" font-size="11" text-anchor="end" fill="#555">(${n(x1)}, ${n(y1)})</text>`,
  ];
  if (opts.grid)
    for (let i = 1; i < opts.grid; i++) {
      const gx = x0 + ((x1 - x0) * i) / opts.grid;
      const gy = y0 + ((y1 - y0) * i) / opts.grid;
      parts.push(
        `<line x1="${X(gx)}" y1="${Y(y0)}" x2="${X(gx)}" y2="${Y(y1)}" stroke="#bbb"/>`,
        `<line x1="${X(x0)}" y1="${Y(gy)}" x2="${X(x1)}" y2="${Y(gy)}" stroke="#bbb"/>`,
      );
    }
  opts.boxes.forEach((b, i) => {
    const c = COLOURS[i % COLOURS.length]!;
    parts.push(
      `<rect x="${X(b.box[0])}" y="${Y(b.box[1])}" width="${n((b.box[2] - b.box[0]) * scale)}" height="${n((b.box[3] - b.box[1]) * scale)}" fill="${c}" fill-opacity="0.12" stroke="${c}" stroke-width="2"${b.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${n(Number(X(b.box[0])) + 4)}" y="${n(Number(Y(b.box[1])) + 14)}" font-size="13" font-weight="bold" fill="${c}">${esc(b.label)}</text>`,
    );
  });
  for (const p of opts.points ?? [])
    parts.push(
      `<circle cx="${X(p.x)}" cy="${Y(p.y)}" r="4" fill="#d62728"/>`,
      `<text x="${n(Number(X(p.x)) + 6)}" y="${n(Number(Y(p.y)) - 6)}" font-size="12" fill="#d62728">${esc(p.label)}</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}
