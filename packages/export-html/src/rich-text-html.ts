import katex from 'katex';
import { parseRichText, RichTextError, type Block, type Inline } from '@dlexam/types';
import { HtmlExportError } from './errors.js';
import { escapeHtml } from './escape.js';

/**
 * Rich text → static HTML. TeX is rendered here, on the server, by KaTeX with `throwOnError`, so the
 * files need no script to read or print and a bad formula fails the export instead of printing red
 * text. Only the KaTeX stylesheet and fonts are needed at display time (see `katexAssets`).
 */

// Rendered formulas, keyed by display flag and source. Exams repeat many small formulas (option
// values, units), and rendering is the exporter's hot path. Bounded in entries and in characters
// (a long solution's display formula renders to tens of kilobytes): a long-lived web app or an
// export of 10,000 versions holds a few megabytes of it at most.
const TEX_CACHE_LIMIT = 5000;
const TEX_CACHE_CHARS = 2_000_000;
/** Larger renders (a whole worked derivation) are kept out: they seldom repeat. */
const TEX_CACHE_ENTRY_CHARS = 10_000;
const texCache = new Map<string, string>();
let texCacheChars = 0;

/** The largest size (em) a formula may ask for (`\rule`, `\kern`, …): a few centimetres. */
export const MAX_TEX_SIZE = 10;
/** Macro expansions per formula (KaTeX's default, stated so it cannot silently change). */
export const MAX_TEX_EXPAND = 1000;

/** One TeX fragment as KaTeX HTML+MathML. Throws HtmlExportError on any KaTeX error. */
export function texToHtml(tex: string, display: boolean): string {
  const key = (display ? 'D' : 'I') + tex;
  const cached = texCache.get(key);
  if (cached !== undefined) return cached;
  let html: string;
  try {
    html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      output: 'htmlAndMathml',
      // Strict-mode notes (Unicode in math mode, …) are style advice, not rendering errors.
      strict: 'ignore',
      trust: false,
      // A \rule{100000em}{100000em} in exam instructions would print a page-filling black box, and
      // a self-expanding macro would hang the export: sizes are capped at MAX_TEX_SIZE em, macro
      // expansions at MAX_TEX_EXPAND.
      maxSize: MAX_TEX_SIZE,
      maxExpand: MAX_TEX_EXPAND,
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HtmlExportError(
      `KaTeX cannot render ${display ? '\\[' : '\\('} ${tex} ${display ? '\\]' : '\\)'}: ${why}`,
    );
  }
  if (
    texCache.size >= TEX_CACHE_LIMIT ||
    texCacheChars + key.length + html.length > TEX_CACHE_CHARS
  ) {
    texCache.clear();
    texCacheChars = 0;
  }
  texCache.set(key, html);
  texCacheChars += key.length + html.length;
  return html;
}

function inlineToHtml(runs: Inline[], displayStyle = false): string {
  let out = '';
  for (const run of runs) {
    if (run.type === 'text') out += escapeHtml(run.value);
    else if (run.type === 'code') out += `<code>${escapeHtml(run.value)}</code>`;
    // \displaystyle keeps a fraction that is a whole option (\frac{6288}{2}) at full size.
    else {
      const html = texToHtml(displayStyle ? `\\displaystyle ${run.tex}` : run.tex, false);
      // KaTeX lets inline math break after a relation: \(W_i = [\dots]\) printed "W_i =" at a
      // line end and the matrix on the next line. A formula holding a matrix stays on one line.
      out += run.tex.includes('\\begin{') ? `<span class="math-unbroken">${html}</span>` : html;
    }
  }
  return out;
}

/** The blocks of rich text; bad rich text is an `HtmlExportError`. */
function richTextBlocks(text: string): Block[] {
  try {
    return parseRichText(text);
  } catch (err) {
    if (err instanceof RichTextError) throw new HtmlExportError(`bad rich text: ${err.message}`);
    throw err;
  }
}

/** Rich text as block HTML: `<p>`, `<ul>`, display math in `<div class="math-display">`, `<pre>`. */
export function richTextToHtml(text: string): string {
  const blocks = richTextBlocks(text);
  let out = '';
  for (const block of blocks) {
    if (block.type === 'paragraph') out += `<p>${inlineToHtml(block.children)}</p>`;
    else if (block.type === 'list')
      out += `<ul>${block.items.map((it) => `<li>${inlineToHtml(it)}</li>`).join('')}</ul>`;
    else if (block.type === 'display-math')
      out += `<div class="math-display">${texToHtml(block.tex, true)}</div>`;
    else out += `<pre><code>${escapeHtml(block.value)}</code></pre>`;
  }
  return out;
}

/**
 * Rich text that must stay inline (an option, a table cell, a matching item): its paragraphs joined by
 * line breaks, display math rendered in display style. Block structure inside a one-line slot would
 * break the layout, so lists and code blocks are flattened too.
 */
export function richTextToInlineHtml(
  text: string,
  options: { displayStyle?: boolean } = {},
): string {
  const display = options.displayStyle ?? false;
  const blocks = richTextBlocks(text);
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') parts.push(inlineToHtml(block.children, display));
    else if (block.type === 'list')
      parts.push(...block.items.map((it) => '• ' + inlineToHtml(it, display)));
    else if (block.type === 'display-math') parts.push(texToHtml(block.tex, false));
    else parts.push(`<code>${escapeHtml(block.value)}</code>`);
  }
  return parts.join('<br>');
}
