import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { MoodleExportError } from './errors.js';
import {
  cdataChunks,
  checkXmlText,
  html,
  QuizDocument,
  text,
  xmlDocument,
  type XmlElement,
} from './xml.js';

const parse = (xml: string) =>
  new XMLParser({
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  }).parse(xml) as {
    r: { text: string };
  };

function roundTrip(write: (root: XmlElement) => void): { xml: string; value: string } {
  const { root, serialize } = xmlDocument('r');
  write(root);
  const xml = serialize();
  // Moodle trims every text it reads (qformat_xml getpath(..., istext = true)).
  return { xml, value: String(parse(xml).r.text).trim() };
}

describe('xml helpers', () => {
  it('text() escapes everything, including entity-shaped input', () => {
    for (const s of ['&amp;', '&#35; &lt;', 'a & b < c > d " \'', '&&amp;amp;', ']]>']) {
      expect(roundTrip((r) => text(r, s, 'test')).value).toBe(s);
    }
    expect(roundTrip((r) => text(r, '&amp;', 'test')).xml).toContain('<text>&amp;amp;</text>');
  });

  it('cdataChunks splits ]]> so each section is legal and the text is unchanged', () => {
    expect(cdataChunks('a]]>b')).toEqual(['a]]', '>b']);
    expect(cdataChunks(']]>]]>')).toEqual([']]', '>]]', '>']);
    expect(cdataChunks('')).toEqual([]);
    for (const s of ['a]]>b', ']]>]]>', 'x]]]>>y', '<p>&amp;</p>']) {
      expect(roundTrip((r) => html(r, s, 'test')).value).toBe(s);
    }
    expect(roundTrip((r) => html(r, 'a]]>b', 'test')).xml).toContain(
      '<text><![CDATA[a]]]]><![CDATA[>b]]>',
    );
  });

  it('writes the declaration, attributes in order, and empty elements self-closed', () => {
    const { root, serialize } = xmlDocument('quiz');
    root.ele('question', { type: 'numerical', x: 'a&"b' }).ele('text');
    expect(serialize()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="numerical" x="a&amp;&quot;b">\n    <text/>\n  </question>\n</quiz>',
    );
  });

  it('QuizDocument composes compact questions, each escaped by the builder, or indents one tree', () => {
    for (const indent of [false, true]) {
      const doc = new QuizDocument(indent);
      const q = doc.question({ type: 'a&"b<' });
      text(q, '& < > " \' ]]>', 'test');
      html(q, '<p>x ]]> y</p>', 'test');
      doc.question({ type: 'category' }).ele('category');
      const xml = doc.serialize();
      const quiz = parse(xml) as unknown as { quiz: { question: unknown[] } };
      expect(quiz.quiz.question).toHaveLength(2);
      if (indent) {
        expect(xml).toContain(
          '\n  <question type="category">\n    <category/>\n  </question>\n</quiz>\n',
        );
      } else {
        expect(xml).toBe(
          '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="a&amp;&quot;b&lt;">' +
            '<text>&amp; &lt; &gt; &quot; &apos; ]]&gt;</text>' +
            '<text><![CDATA[<p>x ]]]]><![CDATA[> y</p>]]></text></question>' +
            '<question type="category"><category/></question></quiz>\n',
        );
      }
    }
    expect(new QuizDocument(false).serialize()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><quiz/>\n',
    );
  });

  it('refuses characters XML 1.0 cannot hold, accepts astral characters', () => {
    expect(() => checkXmlText('a\u0000b', 'here')).toThrow(MoodleExportError);
    expect(() => checkXmlText('lone \uD83D surrogate', 'here')).toThrow(/U\+D83D/);
    expect(() => checkXmlText('emoji 😀, tab\t, newline\n', 'here')).not.toThrow();
  });
});
