/**
 * Self-contained SVG figures for sequence questions. Deterministic: integer coordinates, labels
 * built from step indices only, no external references.
 */

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** `h` + subscript digits of `t` (h₁₂). */
export const subscripted = (base: string, t: number): string =>
  base +
  String(t)
    .split('')
    .map((d) => SUB[Number(d)])
    .join('');

/**
 * A weight label such as `W_hh` as SVG text content: the base letter, then its subscript in a
 * smaller, lowered `<tspan>` (printed figures showed the underscore literally).
 */
export function weightLabel(label: string): string {
  const at = label.indexOf('_');
  if (at < 0) return label;
  return `${label.slice(0, at)}<tspan dy="3" font-size="9">${label.slice(at + 1)}</tspan>`;
}

const BOX_W = 56;
const BOX_H = 36;
const STEP = 104;

/**
 * An RNN unrolled over `steps` time steps: h₀ → h₁ → … with x_t entering from below and, when
 * `outputs` is set, y_t leaving above. The same weight labels on every step show weight sharing.
 */
export function unrolledRnnSvg(steps: number, outputs: boolean): string {
  if (!Number.isInteger(steps) || steps < 1 || steps > 9)
    throw new RangeError(`unrolledRnnSvg: steps ${steps} must be 1..9`);
  // The figure depends on these two arguments only: draw each one once.
  const key = steps * 2 + (outputs ? 1 : 0);
  return (drawn[key] ??= drawUnrolledRnn(steps, outputs));
}
const drawn: string[] = [];

function drawUnrolledRnn(steps: number, outputs: boolean): string {
  const width = 40 + STEP * steps + BOX_W;
  const height = outputs ? 230 : 170;
  const midY = outputs ? 115 : 55;
  const parts: string[] = [
    '<defs><marker id="rnn-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#333"/></marker></defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const box = (x: number, y: number, label: string, fill: string) =>
    `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${fill}" stroke="#333"/>` +
    `<text x="${x + BOX_W / 2}" y="${y + BOX_H / 2 + 5}" font-size="15" text-anchor="middle" font-family="sans-serif">${label}</text>`;
  const arrow = (x1: number, y1: number, x2: number, y2: number, label?: string, lx = 0, ly = 0) =>
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="1.5" marker-end="url(#rnn-arrow)"/>` +
    (label
      ? `<text x="${lx}" y="${ly}" font-size="12" text-anchor="middle" font-family="sans-serif" fill="#555">${weightLabel(label)}</text>`
      : '');
  const x0 = 20;
  parts.push(box(x0, midY - BOX_H / 2, subscripted('h', 0), '#f2f2f2'));
  for (let t = 1; t <= steps; t++) {
    const x = x0 + STEP * t;
    parts.push(
      arrow(x - STEP + BOX_W, midY, x - 2, midY, 'W_hh', x - (STEP - BOX_W) / 2, midY - 8),
    );
    parts.push(box(x, midY - BOX_H / 2, subscripted('h', t), '#e6f0ff'));
    const xy = midY + BOX_H / 2 + 60;
    parts.push(box(x, xy, subscripted('x', t), '#fff7e0'));
    parts.push(
      arrow(
        x + BOX_W / 2,
        xy,
        x + BOX_W / 2,
        midY + BOX_H / 2 + 2,
        'W_xh',
        x + BOX_W / 2 + 22,
        xy - 22,
      ),
    );
    if (outputs) {
      const yy = midY - BOX_H / 2 - 60 - BOX_H;
      parts.push(box(x, yy, subscripted('y', t), '#e8f7e8'));
      parts.push(
        arrow(
          x + BOX_W / 2,
          midY - BOX_H / 2,
          x + BOX_W / 2,
          yy + BOX_H + 2,
          'W_hy',
          x + BOX_W / 2 + 22,
          yy + BOX_H + 30,
        ),
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
