import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { MoodleExportError } from './errors.js';
import { checkXmlText, html, QuizWriter, text } from './xml.js';

const parse = (xml: string) =>
  new XMLParser({
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => name === 'question',
  }).parse(xml) as { quiz: { question: { text: string[] | string }[] } | '' };

function quiz(indent: boolean, write: (doc: QuizWriter) => void): string {
  const doc = new QuizWriter(indent);
  write(doc);
  return doc.finish();
}

describe('xml helpers', () => {
  it('text() escapes everything, including entity-shaped input; html() keeps ]]> in CDATA', () => {
    const texts = ['&amp;', '&#35; &lt;', 'a & b < c > d " \'', '&&amp;amp;', ']]>'];
    const htmls = ['a]]>b', ']]>]]>', 'x]]]>>y', '<p>&amp;</p>'];
    for (const indent of [false, true]) {
      const xml = quiz(indent, (doc) => {
        doc.xml.open('question', { type: 'a&"b<' });
        for (const s of texts) text(doc.xml, s, 'test');
        for (const s of htmls) html(doc.xml, s, 'test');
        doc.xml.close();
      });
      const read = parse(xml);
      if (read.quiz === '') throw new Error('empty quiz');
      // Moodle trims every text it reads (qformat_xml getpath(..., istext = true)).
      expect((read.quiz.question[0]?.text as string[]).map((t) => String(t).trim())).toEqual([
        ...texts,
        ...htmls,
      ]);
      expect(xml).toContain('<text>&amp;amp;</text>');
      expect(xml).toContain('<text><![CDATA[a]]]]><![CDATA[>b]]>');
    }
  });

  it('an empty quiz is <quiz/>; fragments repeat the bytes of their first writing', () => {
    expect(quiz(false, () => {})).toBe('<?xml version="1.0" encoding="UTF-8"?><quiz/>\n');
    const xml = quiz(false, (doc) => {
      for (const name of ['a', 'b']) {
        doc.xml.open('question').leaf('name', name);
        doc.fragment(['k'], (w) => w.leaf('tag', name));
        doc.xml.close();
      }
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><quiz><question><name>a</name><tag>a</tag></question>' +
        '<question><name>b</name><tag>a</tag></question></quiz>\n',
    );
  });

  it('refuses characters XML 1.0 cannot hold, accepts astral characters', () => {
    expect(() => checkXmlText('a\u0000b', 'here')).toThrow(MoodleExportError);
    expect(() => checkXmlText('lone \uD83D surrogate', 'here')).toThrow(/U\+D83D/);
    expect(() => checkXmlText('emoji 😀, tab\t, newline\n', 'here')).not.toThrow();
  });
});
