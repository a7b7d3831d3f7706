import { formatDecimal, formatFixed } from '@dlexam/math';

/**
 * Small self-contained SVG line charts, built only from the numbers passed in (no external refs,
 * fixed-decimal coordinates), so the same variant always yields byte-identical markup.
 */
export interface Series {
  values: number[];
  label: string;
  /** Stroke colour; dashes keep series distinguishable in greyscale print. */
  color: string;
  dash?: string;
}

export interface Panel {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** Fixed y-range; otherwise [0, max of the data]. */
  yMax?: number;
  /** Draw a short legend (when a panel has more than one series). */
  legend?: boolean;
}

const W = 320;
const H = 220;
const M = { left: 48, right: 12, top: 28, bottom: 36 };

/** The text of every coordinate: one decimal, from the math core. */
const c = (x: number): string => formatFixed(x, 1);

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The panel before its series (title, axes, tick labels), as one string, per shape and labels. */
const frames = new Map<string, string>();
/** Text of the x coordinate of each point index, per panel offset and point count. */
const xCoords = new Map<string, string[]>();

function frame(
  p: Panel,
  offsetX: number,
  top: number,
  n: number,
  py: (v: number) => number,
): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const parts: string[] = [];
  parts.push(
    `<text x="${c(offsetX + W / 2)}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(p.title)}</text>`,
  );
  parts.push(
    `<line x1="${c(offsetX + M.left)}" y1="${c(M.top)}" x2="${c(offsetX + M.left)}" y2="${c(M.top + ph)}" stroke="#000"/>`,
    `<line x1="${c(offsetX + M.left)}" y1="${c(M.top + ph)}" x2="${c(offsetX + M.left + pw)}" y2="${c(M.top + ph)}" stroke="#000"/>`,
  );
  for (const f of [0, 0.5, 1]) {
    const v = top * f;
    parts.push(
      `<text x="${c(offsetX + M.left - 4)}" y="${c(py(v) + 4)}" text-anchor="end" font-size="10">${formatDecimal(v, 3)}</text>`,
    );
  }
  parts.push(
    `<text x="${c(offsetX + M.left)}" y="${c(M.top + ph + 14)}" text-anchor="middle" font-size="10">0</text>`,
  );
  parts.push(
    `<text x="${c(offsetX + M.left + pw)}" y="${c(M.top + ph + 14)}" text-anchor="middle" font-size="10">${n - 1}</text>`,
  );
  parts.push(
    `<text x="${c(offsetX + M.left + pw / 2)}" y="${c(H - 6)}" text-anchor="middle" font-size="11">${escapeXml(p.xLabel)}</text>`,
  );
  parts.push(
    `<text x="${c(offsetX + 12)}" y="${c(M.top + ph / 2)}" text-anchor="middle" font-size="11" transform="rotate(-90 ${c(offsetX + 12)} ${c(M.top + ph / 2)})">${escapeXml(p.yLabel)}</text>`,
  );
  return parts.join('');
}

function panelSvg(p: Panel, offsetX: number): string {
  let yMax = p.yMax;
  if (yMax === undefined) {
    yMax = -Infinity;
    for (const s of p.series) for (const v of s.values) yMax = Math.max(yMax, v);
  }
  const top = yMax > 0 ? yMax : 1;
  const n = Math.max(...p.series.map((s) => s.values.length));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const px = (i: number) => offsetX + M.left + (n > 1 ? (i / (n - 1)) * pw : 0);
  const py = (v: number) => M.top + ph - (Math.min(Math.max(v, 0), top) / top) * ph;
  // Title, axes, tick labels and the x coordinates depend only on the panel's shape and labels.
  const key = `${offsetX}\u0001${top}\u0001${n}\u0001${p.title}\u0001${p.xLabel}\u0001${p.yLabel}`;
  let f = frames.get(key);
  if (f === undefined) {
    f = frame(p, offsetX, top, n, py);
    if (frames.size >= 2048) frames.clear();
    frames.set(key, f);
  }
  // The x coordinates are shared by every series of the panel: format them once.
  const xKey = `${offsetX}/${n}`;
  let xs = xCoords.get(xKey);
  if (!xs) {
    xs = [];
    for (let i = 0; i < n; i++) xs.push(c(px(i)));
    if (xCoords.size >= 1024) xCoords.clear();
    xCoords.set(xKey, xs);
  }
  const parts: string[] = [f];
  p.series.forEach((s, k) => {
    let pts = '';
    for (let i = 0; i < s.values.length; i++)
      pts += `${i ? ' ' : ''}${xs[i]},${c(py(s.values[i]!))}`;
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts}"/>`,
    );
    if (p.legend) {
      const ly = M.top + 8 + k * 14;
      const lx = offsetX + W - M.right - 110;
      parts.push(
        `<line x1="${c(lx)}" y1="${c(ly)}" x2="${c(lx + 18)}" y2="${c(ly)}" stroke="${s.color}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
        `<text x="${c(lx + 22)}" y="${c(ly + 4)}" font-size="10">${escapeXml(s.label)}</text>`,
      );
    }
  });
  return parts.join('');
}

/** One or more panels side by side, as a complete SVG document. */
export function lineChartSvg(panels: Panel[], title: string): string {
  const width = W * panels.length;
  const body = panels.map((p, i) => panelSvg(p, i * W)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" font-family="sans-serif" role="img">` +
    `<title>${escapeXml(title)}</title><rect width="${width}" height="${H}" fill="#fff"/>${body}</svg>`
  );
}

/**
 * A deterministic pseudo-random sequence in [−1, 1) from an integer seed (an LCG), for noise in
 * generated curves; the seed is a template parameter, so pins reproduce the picture.
 */
export function noiseSequence(seed: number, n: number): number[] {
  let s = (seed * 2654435761 + 12345) >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}
