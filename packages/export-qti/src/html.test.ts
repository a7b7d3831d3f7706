import { describe, expect, test } from 'vitest';
import {
  closeRenderCache,
  escapeHtml,
  openRenderCache,
  richTextToHtml,
  richTextToInlineHtml,
} from './html.js';
import { QtiExportError } from './errors.js';

describe('richTextToHtml', () => {
  test('paragraphs, lists, inline code and math', () => {
    expect(richTextToHtml('First & <second>.\n\n- one \\(a<b\\)\n- `x && y`')).toBe(
      '<p>First &amp; &lt;second&gt;.</p><ul><li>one \\(a&lt;b\\)</li><li><code>x &amp;&amp; y</code></li></ul>',
    );
  });
  test('display math and code blocks (no math typesetting inside <pre>)', () => {
    expect(richTextToHtml('\\[ \\frac{a}{b} \\]\n\n```\nif a < b:\n  pass\n```')).toBe(
      '<p>\\[\\frac{a}{b}\\]</p><pre><code>if a &lt; b:\n  pass</code></pre>',
    );
  });
  test('quotes and apostrophes are escaped so the HTML can sit in attributes too', () => {
    expect(escapeHtml(`"a" 'b' & <c>`)).toBe('&quot;a&quot; &#39;b&#39; &amp; &lt;c&gt;');
  });
  test('equation images', () => {
    expect(richTextToHtml('\\(x<1\\)', 'w', 'canvas-equation-image')).toBe(
      '<p><img class="equation_image" title="x&lt;1" src="/equation_images/x%253C1?scale=1" alt="LaTeX: x&lt;1" data-equation-content="x&lt;1"></p>',
    );
  });
  test('unbalanced delimiters become a QtiExportError naming the field', () => {
    expect(() => richTextToHtml('open \\(x', 'question 3 stem')).toThrowError(
      new QtiExportError('question 3 stem: unclosed \\( in: \\(x'),
    );
  });
});

describe('richTextToInlineHtml', () => {
  test('drops the paragraph of one-paragraph text only', () => {
    expect(richTextToInlineHtml('a & b', 'w')).toBe('a &amp; b');
    expect(richTextToInlineHtml('a\n\nb', 'w')).toBe('<p>a</p><p>b</p>');
    expect(richTextToInlineHtml('- a\n- b', 'w')).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});

describe('openRenderCache', () => {
  test('cached rendering gives the same HTML per math style, and errors name each field', () => {
    const texts = ['a & b', '\\(x<1\\)', 'Correct.', '- a\n- b', 'x'.repeat(500)];
    const plain = texts.flatMap((t) => [
      richTextToHtml(t),
      richTextToHtml(t, 'w', 'canvas-equation-image'),
      richTextToInlineHtml(t, 'w'),
    ]);
    expect(openRenderCache()).toBe(true);
    expect(openRenderCache()).toBe(false);
    try {
      for (let round = 0; round < 2; round++) {
        expect(
          texts.flatMap((t) => [
            richTextToHtml(t),
            richTextToHtml(t, 'w', 'canvas-equation-image'),
            richTextToInlineHtml(t, 'w'),
          ]),
        ).toEqual(plain);
        expect(() => richTextToHtml('open \\(x', `field ${round}`)).toThrowError(`field ${round}`);
      }
    } finally {
      closeRenderCache();
    }
  });
});
