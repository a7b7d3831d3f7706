/**
 * Escaping for the places dlexam writes markup into. One copy of each rule: the Moodle and QTI
 * exporters and the HTML exporter all use these. Every function returns its input unchanged (the
 * same string) when nothing needs escaping, which is most texts: a test is much cheaper than a
 * replace.
 */

const XML_SPECIAL = /[&<>"']/;
const XML_SPECIAL_ALL = /[&<>"']/g;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xmlEscape = (c: string): string => XML_ESCAPES[c] as string;

/**
 * XML text content and attribute values (either quote): `& < > " '` as the five predefined
 * entities `&amp; &lt; &gt; &quot; &apos;`. Characters XML cannot hold at all are not touched:
 * check them first (`checkXmlText`).
 */
export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_SPECIAL_ALL, xmlEscape);
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const htmlEscape = (c: string): string => HTML_ESCAPES[c] as string;

/**
 * HTML element content and attribute values (either quote): `& < > " '`, the apostrophe as
 * `&#39;` (HTML 4 has no `&apos;`).
 */
export function escapeHtml(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(HTML_SPECIAL_ALL, htmlEscape);
}

const HTML_MINIMAL = /[&<>"]/;
const HTML_MINIMAL_ALL = /[&<>"]/g;

/**
 * HTML element content and double-quoted attribute values only: `& < > "`, apostrophes kept as
 * they are (the HTML Moodle stores, where a readable `'` matters to people editing a question).
 */
export function escapeHtmlMinimal(text: string): string {
  if (!HTML_MINIMAL.test(text)) return text;
  return text.replace(HTML_MINIMAL_ALL, htmlEscape);
}

/**
 * `value` as CDATA sections: `<![CDATA[…]]>`, a `]]>` inside split as `]]` | `>` across two
 * sections so each is legal and a parser reads the text back unchanged. Empty for ''.
 */
export function cdataSections(value: string): string {
  if (value === '') return '';
  if (!value.includes(']]>')) return `<![CDATA[${value}]]>`;
  let out = '';
  for (const chunk of cdataChunks(value)) out += `<![CDATA[${chunk}]]>`;
  return out;
}

/** The texts of the CDATA sections `cdataSections` writes (none for ''). */
export function cdataChunks(value: string): string[] {
  if (!value.includes(']]>')) return value === '' ? [] : [value];
  const parts = value.split(']]>');
  return parts
    .map((part, i) => (i > 0 ? '>' : '') + part + (i < parts.length - 1 ? ']]' : ''))
    .filter((chunk) => chunk !== '');
}
