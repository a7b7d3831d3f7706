import { formatDecimal, formatInt } from '@dlexam/math';

/**
 * Deterministic, self-contained SVG line charts (no external references, no locale formatting):
 * the figure of a variant is a pure function of its numbers.
 */

export interface Series {
  name: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

export interface LineChartOptions {
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** Epoch numbers start at 1. */
  width?: number;
  height?: number;
  /** Epoch to mark with a vertical dotted line, if any. */
  marker?: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text of every coordinate: at most two decimals, from the math core. */
const c = (x: number): string => formatDecimal(x, 2);
const LEFT = 52;
const RIGHT = 110;
const TOP = 16;
const BOTTOM = 44;

interface Frame {
  /** Everything before the series, as one string. */
  svg: string;
  /** xs[e] is the text of the x coordinate of epoch e (1-based). */
  xs: string[];
}
const frames = new Map<string, Frame>();

function frame(
  o: LineChartOptions,
  width: number,
  height: number,
  n: number,
  yMax: number,
  x: (epoch: number) => number,
  y: (v: number) => number,
): Frame {
  const left = LEFT;
  const top = TOP;
  const plotW = width - LEFT - RIGHT;
  const plotH = height - TOP - BOTTOM;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  // Axes and grid.
  parts.push(
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#000000"/>`,
  );
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#000000"/>`);
  const grid = yStep(yMax);
  const steps = Math.round(yMax / grid);
  for (let k = 0; k <= steps; k++) {
    const v = k * grid;
    parts.push(
      `<line x1="${left}" y1="${c(y(v))}" x2="${left + plotW}" y2="${c(y(v))}" stroke="#dddddd"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${c(y(v) + 4)}" text-anchor="end">${formatDecimal(v, 1)}</text>`,
    );
  }
  // xs[e] is the text of x(e), shared by the ticks and every series.
  const xs: string[] = [''];
  for (let e = 1; e <= n; e++) xs.push(c(x(e)));
  // Every epoch is labelled up to 20 epochs; longer runs label epoch 1 and every 5th.
  const every = n <= 20 ? 1 : 5;
  for (let e = 1; e <= n; e++) {
    parts.push(
      `<line x1="${xs[e]}" y1="${top + plotH}" x2="${xs[e]}" y2="${top + plotH + 4}" stroke="#000000"/>`,
    );
    if (e === 1 || e % every === 0)
      parts.push(
        `<text x="${xs[e]}" y="${top + plotH + 16}" text-anchor="middle">${formatInt(e)}</text>`,
      );
  }
  parts.push(
    `<text x="${c(left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${esc(o.xLabel)}</text>`,
  );
  parts.push(
    `<text x="14" y="${c(top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${c(top + plotH / 2)})">${esc(o.yLabel)}</text>`,
  );
  if (o.marker !== undefined)
    parts.push(
      `<line x1="${c(x(o.marker))}" y1="${top}" x2="${c(x(o.marker))}" y2="${top + plotH}" stroke="#888888" stroke-dasharray="2 3"/>`,
    );
  return { svg: parts.join(''), xs };
}

/**
 * The y grid spacing: 0.5 up to a maximum of 5, else the smallest of 1, 2, 5, 10, 20, 50, … that
 * keeps at most 10 grid lines (a pinned loss curve may reach 1000).
 */
function yStep(yMax: number): number {
  if (yMax <= 5) return 0.5;
  for (let scale = 1; ; scale *= 10)
    for (const m of [1, 2, 5]) if (yMax / (m * scale) <= 10) return m * scale;
}

/** The top of the y axis: the next multiple of the grid spacing above every value. */
function yTop(maxVal: number): number {
  const half = Math.ceil(maxVal * 2 + 1e-9) / 2; // next multiple of 0.5
  if (half <= 5) return half;
  const step = yStep(half);
  return Math.ceil(maxVal / step + 1e-9) * step;
}

/** A line chart over epochs 1..n with a y axis from 0 to a rounded maximum. */
export function lineChartSvg(o: LineChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 280;
  const left = LEFT;
  const top = TOP;
  const n = Math.max(...o.series.map((s) => s.values.length));
  if (n < 2) throw new RangeError('a line chart needs at least 2 points');
  let maxVal = -Infinity;
  for (const s of o.series) for (const v of s.values) maxVal = Math.max(maxVal, v);
  const yMax = yTop(maxVal);
  const plotW = width - LEFT - RIGHT;
  const plotH = height - TOP - BOTTOM;
  const x = (epoch: number) => left + ((epoch - 1) / (n - 1)) * plotW;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  // The axes, grid and ticks depend only on the chart's shape and labels: built once per shape.
  const key = `${width}\u0001${height}\u0001${n}\u0001${yMax}\u0001${o.marker}\u0001${o.xLabel}\u0001${o.yLabel}`;
  let f = frames.get(key);
  if (!f) {
    f = frame(o, width, height, n, yMax, x, y);
    if (frames.size >= 512) frames.clear();
    frames.set(key, f);
  }
  const { xs } = f;
  const parts: string[] = [f.svg];
  o.series.forEach((s, i) => {
    const ys = s.values.map((v) => c(y(v)));
    const pts = ys.map((yj, j) => `${xs[j + 1]},${yj}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    for (let j = 0; j < ys.length; j++)
      parts.push(`<circle cx="${xs[j + 1]}" cy="${ys[j]}" r="2.5" fill="${s.color}"/>`);
    const ly = top + 14 + i * 18;
    parts.push(
      `<line x1="${left + plotW + 12}" y1="${ly}" x2="${left + plotW + 36}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${left + plotW + 40}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
