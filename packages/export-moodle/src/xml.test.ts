import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { MoodleExportError } from './errors.js';
import { cdataChunks, checkXmlText, html, text } from './xml.js';

const parse = (xml: string) =>
  new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false }).parse(xml) as {
    r: { text: string };
  };

function roundTrip(write: (root: ReturnType<typeof create>) => void): string {
  const root = create().ele('r');
  write(root);
  return parse(root.end()).r.text;
}

describe('xml helpers', () => {
  it('text() survives entity-shaped input that xmlbuilder2 alone would not escape', () => {
    // Control: xmlbuilder2 by itself writes "&amp;" unchanged, which reads back as "&".
    expect(create().ele('r').txt('&amp;').end()).toContain('<r>&amp;</r>');
    for (const s of ['&amp;', '&#35; &lt;', 'a & b < c > d', '&&amp;amp;', ']]>']) {
      expect(roundTrip((r) => text(r, s, 'test'))).toBe(s);
    }
  });

  it('cdataChunks splits ]]> so each section is legal and the text is unchanged', () => {
    expect(cdataChunks('a]]>b')).toEqual(['a]]', '>b']);
    expect(cdataChunks(']]>]]>')).toEqual([']]', '>]]', '>']);
    expect(cdataChunks('')).toEqual([]);
    for (const s of ['a]]>b', ']]>]]>', 'x]]]>>y', '<p>&amp;</p>']) {
      expect(roundTrip((r) => html(r, s, 'test'))).toBe(s);
    }
  });

  it('refuses characters XML 1.0 cannot hold, accepts astral characters', () => {
    expect(() => checkXmlText('a\u0000b', 'here')).toThrow(MoodleExportError);
    expect(() => checkXmlText('lone \uD83D surrogate', 'here')).toThrow(/U\+D83D/);
    expect(() => checkXmlText('emoji 😀, tab\t, newline\n', 'here')).not.toThrow();
  });
});
