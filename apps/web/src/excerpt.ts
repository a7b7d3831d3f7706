/**
 * The start of a rich-text stem for a one-line preview (the builder's version list): at most about
 * `max` characters of text, cut at a space — never inside a word, a `\( … \)` or `\[ … \]` formula
 * or backtick code — and ending in "…" when cut. Paragraphs and lines are joined by spaces and
 * display math becomes inline math, so the result is one paragraph of rich text (render it with
 * KaTeX); formulas count as their TeX length.
 */
export function excerpt(rich: string, max = 220): string {
  // Atoms: formulas and code spans stay whole; everything else splits at whitespace.
  const atoms: string[] = [];
  const src = rich.replace(
    /```[\s\S]*?```/g,
    (m) => ` \`${m.slice(3, -3).trim().split(/\s+/).join(' ')}\` `,
  );
  const re = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]|`[^`]*`|\S+/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const glued = m.index === last && atoms.length > 0; // no space before: "x,\(y\)" stays together
    const atom =
      m[1] !== undefined
        ? `\\(${m[1].trim()}\\)`
        : m[2] !== undefined
          ? `\\(${m[2].trim()}\\)`
          : m[0];
    if (glued) atoms[atoms.length - 1] += atom;
    else atoms.push(atom);
    last = m.index + m[0].length;
  }
  let out = '';
  for (const [i, a] of atoms.entries()) {
    const next = out ? `${out} ${a}` : a;
    if (next.length > max && out) return `${out.replace(/[,;:]$/, '')} …`;
    out = next;
    if (next.length > max && i < atoms.length - 1) return `${out} …`;
  }
  return out;
}
