import { describe, expect, it } from 'vitest';
import { elements, parseXml } from '../test/parse.js';
import { XmlWriter } from './index.js';

function quiz(indent: boolean): string {
  const w = new XmlWriter({ indent });
  w.declaration().open('quiz');
  w.open('question', { type: 'a&"b<' });
  w.leaf('name', `& < > " ' ]]>`);
  w.open('text').cdata('<p>x ]]> y</p>').close();
  w.open('empty').close();
  w.close();
  w.open('question', { type: 'category' }).empty('category').close();
  w.close().end();
  return w.take();
}

describe('XmlWriter', () => {
  it.each([
    {
      name: 'writes compact markup: escaped text and attributes, CDATA split at ]]>, empty elements self-closed',
      indent: false,
      expected:
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="a&amp;&quot;b&lt;">' +
        '<name>&amp; &lt; &gt; &quot; &apos; ]]&gt;</name>' +
        '<text><![CDATA[<p>x ]]]]><![CDATA[> y</p>]]></text><empty/></question>' +
        '<question type="category"><category/></question></quiz>',
    },
    {
      name: 'indents two spaces a level; CDATA and element content close on their own line',
      indent: true,
      expected:
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="a&amp;&quot;b&lt;">' +
        '\n    <name>&amp; &lt; &gt; &quot; &apos; ]]&gt;</name>' +
        '\n    <text><![CDATA[<p>x ]]]]><![CDATA[> y</p>]]>\n    </text>\n    <empty/>\n  </question>' +
        '\n  <question type="category">\n    <category/>\n  </question>\n</quiz>',
    },
  ])('$name', ({ indent, expected }) => {
    expect(quiz(indent)).toBe(expected);
  });

  it('every document parses back to what was written', () => {
    for (const indent of [false, true]) {
      const root = parseXml(quiz(indent));
      const [q1, q2] = elements(root) as ReturnType<typeof parseXml>[];
      expect(root.name).toBe('quiz');
      expect(q1?.attributes).toEqual({ type: 'a&"b<' });
      const [name, text, empty] = elements(q1!) as ReturnType<typeof parseXml>[];
      expect(name?.children).toEqual([`& < > " ' ]]>`]);
      expect(text?.children.join('').trim()).toBe('<p>x ]]> y</p>');
      expect(empty?.children).toEqual([]);
      expect((elements(q2!)[0] as ReturnType<typeof parseXml>).name).toBe('category');
    }
  });

  it('streams: take() hands out what was written so far, and the pieces join to the document', () => {
    const w = new XmlWriter();
    const pieces: string[] = [];
    w.declaration().open('r');
    for (let i = 0; i < 3; i++) {
      w.leaf('i', String(i));
      pieces.push(w.take());
    }
    w.close().end();
    pieces.push(w.take());
    expect(pieces).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?><r><i>0</i>',
      '<i>1</i>',
      '<i>2</i>',
      '</r>',
    ]);
    expect(w.pending).toBe(0);
  });

  it('capture returns a fragment that raw() repeats byte for byte, in either layout', () => {
    for (const indent of [false, true]) {
      const w = new XmlWriter({ indent });
      w.open('r').open('q').leaf('name', 'a');
      const fragment = w.capture((x) => x.open('tags').leaf('tag', 't&').close());
      w.close().open('q').leaf('name', 'b').raw(fragment).close().close().end();
      const xml = w.take();
      const q = (name: string) =>
        indent
          ? `\n  <q>\n    <name>${name}</name>\n    <tags>\n      <tag>t&amp;</tag>\n    </tags>\n  </q>`
          : `<q><name>${name}</name><tags><tag>t&amp;</tag></tags></q>`;
      expect(xml).toBe(`${indent ? '\n' : ''}<r>${q('a')}${q('b')}${indent ? '\n' : ''}</r>`);
      parseXml(xml);
    }
  });

  it('refuses what it cannot write well', () => {
    expect(() => new XmlWriter().close()).toThrow(/no element is open/);
    expect(() => new XmlWriter().open('a').end()).toThrow(/<a> was never closed/);
    expect(() => new XmlWriter().text('x')).toThrow(/open element/);
    expect(() => new XmlWriter().open('a').declaration()).toThrow(/first/);
    // Indented, text after a child element would need a layout decided before the element.
    expect(() => new XmlWriter({ indent: true }).open('a').empty('b').text('x').close()).toThrow(
      /text after child elements/,
    );
    expect(new XmlWriter().open('a').empty('b').text('x').close().take()).toBe('<a><b/>x</a>');
  });
});
