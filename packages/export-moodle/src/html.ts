import { escapeHtmlMinimal } from '@dlexam/markup';
import { parseRichText, type Block, type Inline } from '@dlexam/types';

/**
 * Rich text → the HTML Moodle stores in `questiontext`, answers and feedback. Text is HTML-escaped,
 * so the result never contains `]]>` and is safe inside a CDATA section. Math stays as TeX between
 * `\( … \)` / `\[ … \]` for Moodle's MathJax filter.
 */

/**
 * Escapes `& < > "` (enough for element content and double-quoted attributes; apostrophes stay
 * readable in the HTML Moodle stores).
 */
export const escapeHtml: (text: string) => string = escapeHtmlMinimal;

/**
 * Escapes plain text and breaks up anything MathJax would take for a math delimiter (`\(`, `\)`,
 * `\[`, `\]`, `$$`) with an empty span, so literal text is never typeset.
 */
export function plainTextToHtml(text: string): string {
  return escapeHtml(text).replace(/\\(?=[()[\]])|\$(?=\$)/g, (c) => `${c}<span></span>`);
}

function inlineToHtml(inlines: Inline[]): string {
  let html = '';
  for (const x of inlines) {
    if (x.type === 'text') html += plainTextToHtml(x.value);
    else if (x.type === 'math') html += `\\(${escapeHtml(x.tex)}\\)`;
    else html += `<code>${escapeHtml(x.value)}</code>`;
  }
  return html;
}

/**
 * Like `richTextToHtml`, but a text that is one paragraph comes back without its `<p>` (for option
 * labels, feedback and table cells, where a paragraph margin would look odd).
 */
export function richTextToInlineHtml(source: string): string {
  const blocks = parseRichText(source);
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'paragraph') return inlineToHtml(only.children);
  return blocksToHtml(blocks);
}

/** Renders rich text as HTML: `<p>`, `<ul><li>`, `<code>`, `<pre><code>`; TeX kept as `\( \)`, `\[ \]`. */
export function richTextToHtml(source: string): string {
  return blocksToHtml(parseRichText(source));
}

function blocksToHtml(blocks: Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        parts.push(`<p>${inlineToHtml(block.children)}</p>`);
        break;
      case 'list':
        parts.push(
          `<ul>${block.items.map((item) => `<li>${inlineToHtml(item)}</li>`).join('')}</ul>`,
        );
        break;
      case 'display-math':
        parts.push(`<p>\\[${escapeHtml(block.tex)}\\]</p>`);
        break;
      case 'code-block':
        parts.push(`<pre><code>${escapeHtml(block.value)}</code></pre>`);
        break;
    }
  }
  return parts.join('\n');
}
