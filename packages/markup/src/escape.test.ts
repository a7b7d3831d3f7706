import { mulberry32 } from '@dlexam/types/testing';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../test/parse.js';
import {
  cdataChunks,
  cdataSections,
  checkXmlText,
  escapeHtml,
  escapeHtmlMinimal,
  escapeXml,
  invalidXmlChar,
  XmlWriter,
} from './index.js';

/** Pieces random strings are made of: markup, entities, controls, surrogates, `]]>`, astral. */
const PIECES = [
  ...'abcXYZ019 .,;:/-_',
  '&',
  '<',
  '>',
  '"',
  "'",
  '&amp;',
  '&#35;',
  '&lt;',
  ']]>',
  ']]',
  ']',
  '>',
  '<![CDATA[',
  '</a>',
  '/>',
  '<!--',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u00A0',
  'ü',
  '—',
  '深',
  '\uD7FF',
  '\uE000',
  '\uFFFD',
  '\uFFFE',
  '\uFFFF',
  '😀',
  '\u{10FFFF}',
  '\uD83D',
  '\uDE00',
  '\uDBFF',
  '\uDC00',
];

function randomString(next: () => number): string {
  let s = '';
  const n = Math.floor(next() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** An independent per-code-point reading of XML 1.0's Char production. */
function xmlCanHold(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    if (c === 0x9 || c === 0xa || c === 0xd) continue;
    if (c < 0x20 || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

/** What an XML parser reads back: line ends normalized to `\n` (XML 1.0 §2.11). */
const lineEnds = (s: string) => s.replace(/\r\n?/g, '\n');

describe('escaping', () => {
  it('escapeXml writes the five predefined entities and nothing else', () => {
    expect(escapeXml(`a & <b> "c" 'd' — ü &amp;`)).toBe(
      'a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; — ü &amp;amp;',
    );
    const plain = 'plain text, ünïcode 😀';
    expect(escapeXml(plain)).toBe(plain);
  });

  it('escapeHtml writes the apostrophe as &#39;, escapeHtmlMinimal keeps it', () => {
    expect(escapeHtml(`a & <b> "c" 'd'`)).toBe('a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;');
    expect(escapeHtmlMinimal(`a & <b> "c" 'd'`)).toBe("a &amp; &lt;b&gt; &quot;c&quot; 'd'");
  });

  it('cdataSections splits ]]> so each section is legal', () => {
    expect(cdataChunks('a]]>b')).toEqual(['a]]', '>b']);
    expect(cdataChunks(']]>]]>')).toEqual([']]', '>]]', '>']);
    expect(cdataChunks('')).toEqual([]);
    expect(cdataSections('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(cdataSections('')).toBe('');
  });

  it('checkXmlText names the first character XML cannot hold and accepts astral characters', () => {
    expect(() => checkXmlText('a\u0007b', 'the stem')).toThrow(
      'the stem: character U+0007 cannot appear in an XML document',
    );
    expect(() => checkXmlText('lone \uD83D surrogate', 'x')).toThrow(/U\+D83D/);
    expect(() => checkXmlText('x\uFFFE', 'x', (m) => new RangeError(m))).toThrow(RangeError);
    expect(checkXmlText('emoji 😀, tab\t, newline\n', 'x')).toBe('emoji 😀, tab\t, newline\n');
    expect(invalidXmlChar('\uDE00')).toBe(0xde00);
    expect(invalidXmlChar('ok')).toBe(-1);
  });

  it('fuzz: every string is refused exactly when XML cannot hold it, and reads back unchanged', () => {
    const next = mulberry32(20); // seeded: a failing string reproduces
    let written = 0;
    for (let i = 0; i < 4000; i++) {
      const value = randomString(next);
      const holdable = xmlCanHold(value);
      expect(invalidXmlChar(value) < 0, JSON.stringify(value)).toBe(holdable);
      // The one-pass escaping agrees with a plain reading of each rule.
      const entities = (apos: string | null) =>
        value.replace(/[&<>"']/g, (c) =>
          c === "'" ? (apos ?? c) : { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]!,
        );
      expect(escapeXml(value)).toBe(entities('&apos;'));
      expect(escapeHtml(value)).toBe(entities('&#39;'));
      expect(escapeHtmlMinimal(value)).toBe(entities(null));
      if (!holdable) continue;
      written++;
      for (const indent of [false, true]) {
        const w = new XmlWriter({ indent });
        w.declaration().open('doc', { a: value, b: `${value}'"` });
        w.leaf('t', value).open('c').cdata(value).close();
        w.open('m').text(value).close().empty('e', { x: value }).close().end();
        const doc = parseXml(w.take());
        const [t, c, m, e] = doc.children.filter((x) => typeof x !== 'string') as ReturnType<
          typeof parseXml
        >[];
        const attr = lineEnds(value).replace(/[\t\n]/g, ' '); // attribute-value normalization
        expect(doc.attributes, JSON.stringify(value)).toEqual({ a: attr, b: `${attr}'"` });
        const text = lineEnds(value);
        expect(t?.children.join('') ?? '', JSON.stringify(value)).toBe(text);
        // Indented, an element ending in CDATA closes on a line of its own (layout whitespace).
        expect(c?.children.join('') ?? '', JSON.stringify(value)).toBe(
          indent && value !== '' ? `${text}\n  ` : text,
        );
        expect(m?.children.join('') ?? '', JSON.stringify(value)).toBe(text);
        expect(e?.attributes.x).toBe(attr);
      }
    }
    expect(written).toBeGreaterThan(500);
  });
});
