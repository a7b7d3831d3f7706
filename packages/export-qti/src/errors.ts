import { UserError } from '@dlexam/types';
/** Thrown when an exam holds something Canvas QTI cannot express faithfully. */
export class QtiExportError extends UserError {
  override name = 'QtiExportError';
}

// XML 1.0 Char production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
// Anything else (control characters, lone surrogates, U+FFFE/U+FFFF) cannot appear in an XML
// document at all, so we refuse it instead of letting the XML library emit a broken file.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// A cheap screen without the `u` flag: only text holding a control character, a surrogate or
// U+FFFE/U+FFFF needs the exact test above (surrogates are usually valid pairs such as emoji).
const MAYBE_NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** Throws a `QtiExportError` naming `where` if `text` holds a character XML 1.0 forbids. */
export function checkXmlText(text: string, where: string): string {
  if (!MAYBE_NOT_XML_CHAR.test(text)) return text;
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new QtiExportError(`${where}: character U+${code} cannot appear in an XML document`);
  }
  return text;
}

/**
 * An attribute value: checked like text, and with tabs and line breaks turned into spaces, since
 * XML attribute-value normalization would turn them into spaces on import anyway.
 */
export function attrText(text: string, where: string): string {
  return checkXmlText(text, where).replace(/[\t\n\r]/g, ' ');
}
