import { escapeHtml } from '@dlexam/markup';

/** Escaping for the three contexts the exporter writes into: HTML text, attribute values, CSS strings. */

/** Escapes text for HTML element content and double-quoted attribute values (`& < > " '`). */
export { escapeHtml };

/**
 * A CSS string literal (with its quotes) that can sit inside a `<style>` element: every character
 * outside a small safe set becomes a hex escape, so quotes, backslashes and `</style>` cannot break out.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (/[A-Za-z0-9 .,:;!?()_-]/.test(ch)) out += ch;
    else out += `\\${(ch.codePointAt(0) as number).toString(16)} `;
  }
  return out + '"';
}
