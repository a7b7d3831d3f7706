/**
 * XML 1.0 can hold tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (the `Char`
 * production). Anything else (other C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot appear in
 * a document at all, escaped or not, so exporters refuse it with a message naming the field instead
 * of writing a file no parser reads.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// A cheap screen without the `u` flag: only a text holding a control character, a surrogate or
// U+FFFE/U+FFFF needs the exact test (surrogates are usually valid pairs such as emoji).
const MAYBE_NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** The first character of `text` XML 1.0 cannot hold, as a code point, or -1 when there is none. */
export function invalidXmlChar(text: string): number {
  if (!MAYBE_NOT_XML_CHAR.test(text)) return -1;
  const bad = NOT_XML_CHAR.exec(text);
  return bad ? (bad[0].codePointAt(0) as number) : -1;
}

/** `U+0007`: a code point as people read it in messages. */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Makes the error a failed check throws (an exporter's own error class). */
export type XmlTextError = (message: string) => Error;

/**
 * Returns `text` when XML can hold every character of it; otherwise throws
 * `error("<where>: character U+XXXX cannot appear in an XML document")` (a plain `Error` unless
 * `error` makes another).
 */
export function checkXmlText(
  text: string,
  where: string,
  error: XmlTextError = (message) => new Error(message),
): string {
  const bad = invalidXmlChar(text);
  if (bad < 0) return text;
  throw error(`${where}: character ${codePointName(bad)} cannot appear in an XML document`);
}
