import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { MoodleExportError } from './errors.js';

/** Thin helpers over xmlbuilder2 that close its escaping gaps. */

// Characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/F).
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws a `MoodleExportError` naming `where` if `value` holds a character XML cannot hold. */
export function checkXmlText(value: string, where: string): void {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new MoodleExportError(`${where}: U+${code} cannot be written in XML`);
  }
}

/**
 * Sets an element's text. xmlbuilder2's serializer leaves anything shaped like a reference
 * (`&amp;`, `&#35;`) unescaped, so text holding `&amp;` would come back as `&`; escaping every `&`
 * ourselves first makes each one such a reference, which the serializer then keeps as written.
 */
export function put(el: XMLBuilder, value: string): void {
  if (value) el.txt(value.replace(/&/g, '&amp;'));
}

/** `<text>` holding escaped plain text. */
export function text(parent: XMLBuilder, value: string, where: string): void {
  checkXmlText(value, where);
  put(parent.ele('text'), value);
}

/** CDATA sections for `value`: a `]]>` is split as `]]` | `>` across two sections. */
export function cdataChunks(value: string): string[] {
  const parts = value.split(']]>');
  return parts
    .map((part, i) => (i > 0 ? '>' : '') + part + (i < parts.length - 1 ? ']]' : ''))
    .filter((chunk) => chunk !== '');
}

/** `<text>` holding HTML in CDATA. */
export function html(parent: XMLBuilder, value: string, where: string): void {
  checkXmlText(value, where);
  const el = parent.ele('text');
  for (const chunk of cdataChunks(value)) el.dat(chunk);
}
