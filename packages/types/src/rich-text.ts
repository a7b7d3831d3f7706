import { UserError } from './errors.js';
/**
 * The rich-text format of stems, options and solutions, and its parser. Kept deliberately small so
 * that every exporter (Moodle, QTI, HTML, web) renders exactly the same structure:
 *
 * - paragraphs are separated by one or more blank lines;
 * - `\( … \)` is inline TeX, `\[ … \]` is display TeX (may span lines);
 * - `` `code` `` is inline code, a ``` fence opens and closes a code block;
 * - a line starting with `- ` inside a paragraph starts a bullet item.
 */

export type Inline =
  { type: 'text'; value: string } | { type: 'math'; tex: string } | { type: 'code'; value: string };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'display-math'; tex: string }
  | { type: 'code-block'; value: string };

export class RichTextError extends UserError {
  override name = 'RichTextError';
}

/** Splits one paragraph's text into text, inline math and inline code runs. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  let textStart = 0;
  // Jump from one possible delimiter to the next instead of walking every character.
  while (i < text.length) {
    const math = text.indexOf('\\(', i);
    const code = text.indexOf('`', i);
    if (math < 0 && code < 0) break;
    const isMath = math >= 0 && (code < 0 || math < code);
    const at = isMath ? math : code;
    if (at > textStart) out.push({ type: 'text', value: text.slice(textStart, at) });
    if (isMath) {
      const end = text.indexOf('\\)', at + 2);
      if (end < 0) throw new RichTextError(`unclosed \\( in: ${text.slice(at, at + 40)}`);
      out.push({ type: 'math', tex: text.slice(at + 2, end).trim() });
      i = end + 2;
    } else {
      const end = text.indexOf('`', at + 1);
      if (end < 0) throw new RichTextError(`unclosed backtick in: ${text.slice(at, at + 40)}`);
      out.push({ type: 'code', value: text.slice(at + 1, end) });
      i = end + 1;
    }
    textStart = i;
  }
  if (textStart < text.length) out.push({ type: 'text', value: text.slice(textStart) });
  return out;
}

function pushParagraph(blocks: Block[], lines: string[]): void {
  const text = lines.join('\n').trim();
  if (!text) return;
  // `\[ … \]` inside a paragraph still displays: split the paragraph around it.
  const open = text.indexOf('\\[');
  if (open >= 0) {
    const close = text.indexOf('\\]', open + 2);
    if (close < 0) throw new RichTextError(`unclosed \\[ in: ${text.slice(open, open + 40)}`);
    pushParagraph(blocks, [text.slice(0, open)]);
    blocks.push({ type: 'display-math', tex: text.slice(open + 2, close).trim() });
    pushParagraph(blocks, [text.slice(close + 2)]);
    return;
  }
  const rawLines = text.split('\n');
  if (rawLines.every((l) => l.trimStart().startsWith('- '))) {
    blocks.push({
      type: 'list',
      items: rawLines.map((l) => parseInline(l.trimStart().slice(2).trim())),
    });
    return;
  }
  // Lead-in text followed by bullet lines: a paragraph then a list.
  const firstBullet = rawLines.findIndex((l) => l.trimStart().startsWith('- '));
  if (firstBullet > 0 && rawLines.slice(firstBullet).every((l) => l.trimStart().startsWith('- '))) {
    blocks.push({
      type: 'paragraph',
      children: parseInline(rawLines.slice(0, firstBullet).join(' ')),
    });
    blocks.push({
      type: 'list',
      items: rawLines.slice(firstBullet).map((l) => parseInline(l.trimStart().slice(2).trim())),
    });
    return;
  }
  blocks.push({ type: 'paragraph', children: parseInline(rawLines.join(' ')) });
}

const LINK = /\\(href|url)(?![a-zA-Z])/g;

/**
 * Why a link in the text is unsafe, or null: `\href{target}{…}` and `\url{target}` must point to
 * an http(s) address, since KaTeX, MathJax and the LMS would otherwise make `javascript:` or
 * `data:` links out of them.
 */
export function unsafeLinkProblem(source: string): string | null {
  if (!source.includes('\\href') && !source.includes('\\url')) return null;
  for (const m of source.matchAll(LINK)) {
    let i = m.index + m[0].length;
    while (source[i] === ' ' || source[i] === '\t' || source[i] === '\n') i++;
    let target: string;
    if (source[i] === '{') {
      let depth = 1;
      let j = i + 1;
      for (; j < source.length && depth; j++)
        if (source[j] === '{') depth++;
        else if (source[j] === '}') depth--;
      target = source.slice(i + 1, j - 1);
    } else target = source[i] ?? '';
    if (!/^https?:\/\//i.test(target.trim()))
      return `\\${m[1]} target '${target.length > 40 ? `${target.slice(0, 37)}...` : target}' is not an http(s) address`;
  }
  return null;
}

/**
 * Parses rich text into blocks. Throws `RichTextError` on unbalanced delimiters and on `\href` /
 * `\url` links to anything but http(s) addresses.
 */
export function parseRichText(source: string): Block[] {
  const link = unsafeLinkProblem(source);
  if (link) throw new RichTextError(link);
  // One plain line, as most options and feedback are: the one paragraph the general path makes.
  if (!/[\n\r`]/.test(source) && !source.includes('\\[')) {
    const text = source.trim();
    if (text === '') return [];
    if (!text.startsWith('- ')) return [{ type: 'paragraph', children: parseInline(text) }];
  }
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    if (trimmed.startsWith('```')) {
      pushParagraph(blocks, para);
      para = [];
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith('```')) {
        body.push(lines[i] as string);
        i++;
      }
      if (i >= lines.length) throw new RichTextError('unclosed ``` code block');
      blocks.push({ type: 'code-block', value: body.join('\n') });
      continue;
    }
    if (trimmed.startsWith('\\[')) {
      pushParagraph(blocks, para);
      para = [];
      let tex = trimmed.slice(2);
      while (!tex.includes('\\]')) {
        i++;
        if (i >= lines.length) throw new RichTextError('unclosed \\[ display math');
        tex += '\n' + (lines[i] as string);
      }
      const end = tex.indexOf('\\]');
      blocks.push({ type: 'display-math', tex: tex.slice(0, end).trim() });
      const rest = tex.slice(end + 2).trim();
      if (rest) para.push(rest);
      continue;
    }
    if (trimmed === '') {
      pushParagraph(blocks, para);
      para = [];
      continue;
    }
    para.push(line);
  }
  pushParagraph(blocks, para);
  return blocks;
}

/** Every TeX fragment of a rich text, for validation (KaTeX with errors on). */
export function mathOf(source: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  const visit = (inl: Inline[]) => {
    for (const x of inl) if (x.type === 'math') out.push({ tex: x.tex, display: false });
  };
  for (const b of parseRichText(source)) {
    if (b.type === 'paragraph') visit(b.children);
    else if (b.type === 'list') b.items.forEach(visit);
    else if (b.type === 'display-math') out.push({ tex: b.tex, display: true });
  }
  return out;
}

/**
 * Why a rich text would not parse (`parseRichText` would throw), or null. The gates check every
 * stem, option and solution, so the common case is decided by a scan that allocates nothing: no code,
 * and on every line each `\(` is closed by `\)` and each `\[` by `\]` with no other delimiter
 * between (stray closers are text). Such a text splits into paragraphs, display blocks and list items
 * exactly along those pairs, so it parses; anything else gets the full parse.
 */
export function richTextProblem(source: string): string | null {
  if (source.includes('`') || source.includes('\r')) return fullParseProblem(source);
  const link = unsafeLinkProblem(source);
  if (link) return link;
  let closer = ''; // the closer awaited (`)` or `]`), or '' at top level
  let eol = -1; // the end of the line the open pair started on (-1: last line)
  let j = source.indexOf('\\');
  while (j >= 0) {
    const c = source[j + 1];
    if (c === '(' || c === '[') {
      if (closer) return fullParseProblem(source);
      closer = c === '(' ? ')' : ']';
      eol = source.indexOf('\n', j);
    } else if (c === ')' || c === ']') {
      if (closer) {
        // Closed by another delimiter, or on a later line: let the full parser decide.
        if (c !== closer || (eol >= 0 && eol < j)) return fullParseProblem(source);
        closer = '';
      }
    } else {
      j = source.indexOf('\\', j + 1);
      continue;
    }
    j = source.indexOf('\\', j + 2);
  }
  return closer ? fullParseProblem(source) : null;
}

function fullParseProblem(source: string): string | null {
  try {
    parseRichText(source);
    return null;
  } catch (e) {
    if (e instanceof RichTextError) return e.message;
    throw e;
  }
}
