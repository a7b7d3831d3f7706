import { escapeHtml } from '@dlexam/markup';
import { parseRichText, RichTextError, type Inline } from '@dlexam/types';
import { QtiExportError } from './errors.js';

/**
 * Rich text → the HTML fragment Canvas stores as question/answer text. The fragment is plain text
 * to the XML layer (the DTD gives `mattext` #PCDATA), so the XML library escapes it a second time;
 * here every piece of source text is HTML-escaped exactly once.
 *
 * Math stays TeX with MathJax delimiters `\( … \)` and `\[ … \]`, which Canvas renders (see
 * README, "Math"); it is never put inside `<pre>`, where MathJax does not look.
 */

export { escapeHtml };

/**
 * How TeX is written: 'mathjax' keeps it as `\( … \)` / `\[ … \]` text, which Canvas typesets with
 * MathJax; 'canvas-equation-image' writes the `<img class="equation_image">` element Canvas's
 * own rich-content editor stores (its LaTeX rendered by the Canvas server; New Quizzes' importer
 * turns it back into `\( … \)`).
 */
export type MathStyle = 'mathjax' | 'canvas-equation-image';

function equationImage(tex: string): string {
  // Canvas's equation image URL holds the LaTeX URL-encoded twice (see README, "Math").
  const src = `/equation_images/${encodeURIComponent(encodeURIComponent(tex))}?scale=1`;
  const t = escapeHtml(tex);
  return `<img class="equation_image" title="${t}" src="${escapeHtml(src)}" alt="LaTeX: ${t}" data-equation-content="${t}">`;
}

function math(tex: string, display: boolean, style: MathStyle): string {
  if (style === 'canvas-equation-image') return equationImage(tex);
  return display ? `\\[${escapeHtml(tex)}\\]` : `\\(${escapeHtml(tex)}\\)`;
}

function inlineHtml(runs: Inline[], style: MathStyle): string {
  let out = '';
  for (const run of runs) {
    if (run.type === 'text') out += escapeHtml(run.value);
    else if (run.type === 'math') out += math(run.tex, false, style);
    else out += `<code>${escapeHtml(run.value)}</code>`;
  }
  return out;
}

/**
 * Rendered short rich text (options, feedback such as "Correct.", table cells: the texts many
 * variants share) while an export runs (`openRenderCache`), one map per math style. Long texts
 * (stems, solutions) are nearly always distinct and are not cached: a lookup hashes the whole
 * text and keeps it alive for the export.
 */
let renderCache: Record<MathStyle, Map<string, string>> | null = null;
const MAX_CACHED_SOURCE = 160;
const MAX_CACHED_RENDERS = 4096;

/**
 * Starts caching rendered rich text for an export; returns whether this call opened the cache
 * (then `closeRenderCache` drops it when the export ends). The output is the same either way.
 */
export function openRenderCache(): boolean {
  if (renderCache) return false;
  renderCache = { mathjax: new Map(), 'canvas-equation-image': new Map() };
  return true;
}

/** Drops the cache `openRenderCache` opened. */
export function closeRenderCache(): void {
  renderCache = null;
}

/** Renders rich text as block HTML (`<p>`, `<ul>`, `<pre>`). `where` names the field for errors. */
export function richTextToHtml(
  text: string,
  where = 'rich text',
  style: MathStyle = 'mathjax',
): string {
  const cache = renderCache && text.length <= MAX_CACHED_SOURCE ? renderCache[style] : undefined;
  const hit = cache?.get(text);
  if (hit !== undefined) return hit;
  const out = renderRichText(text, where, style);
  if (cache) {
    // Bounded: a large export's distinct option texts would otherwise all stay alive to its end.
    if (cache.size >= MAX_CACHED_RENDERS) cache.clear();
    cache.set(text, out);
  }
  return out;
}

function renderRichText(text: string, where: string, style: MathStyle): string {
  let blocks;
  try {
    blocks = parseRichText(text);
  } catch (err) {
    if (err instanceof RichTextError) throw new QtiExportError(`${where}: ${err.message}`);
    throw err;
  }
  let out = '';
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        out += `<p>${inlineHtml(block.children, style)}</p>`;
        break;
      case 'list':
        out += `<ul>${block.items.map((item) => `<li>${inlineHtml(item, style)}</li>`).join('')}</ul>`;
        break;
      case 'display-math':
        out += `<p>${math(block.tex, true, style)}</p>`;
        break;
      case 'code-block':
        out += `<pre><code>${escapeHtml(block.value)}</code></pre>`;
        break;
    }
  }
  return out;
}

/**
 * Renders short rich text (an option, a table cell) inline: a single paragraph loses its `<p>`,
 * anything with more structure keeps its blocks.
 */
export function richTextToInlineHtml(
  text: string,
  where: string,
  style: MathStyle = 'mathjax',
): string {
  const html = richTextToHtml(text, where, style);
  if (html.startsWith('<p>') && html.endsWith('</p>') && html.indexOf('<p>', 1) < 0) {
    return html.slice(3, -4);
  }
  return html;
}
