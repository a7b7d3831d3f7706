import { describe, expect, it } from 'vitest';
import { HtmlExportError } from './errors.js';
import { richTextToHtml, richTextToInlineHtml, texToHtml } from './rich-text-html.js';

describe('richTextToHtml', () => {
  it('renders TeX on the server: KaTeX markup, no script, no TeX delimiters left', () => {
    const html = richTextToHtml('Area \\(a^2\\) and\n\n\\[ \\frac{1}{2} \\]');
    expect(html).toMatch(/^<p>Area <span class="katex">/);
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(html).toContain('<annotation encoding="application/x-tex">a^2</annotation>');
    expect(html).not.toMatch(/<script|\\\(|\\\[/);
  });

  it('keeps an inline formula holding a matrix on one line (issue 18: LSTM weights wrapped after "=")', () => {
    const html = richTextToHtml(
      'with \\(W_i = \\begin{bmatrix}0 & 1\\end{bmatrix}\\), \\(U_i = 0.5\\) and \\(b_i = 0\\).',
    );
    expect(html.match(/<span class="math-unbroken"><span class="katex">/g)).toHaveLength(1);
    // Formulas without a matrix may still break after a relation, as KaTeX allows.
    expect(html).toContain(', <span class="katex">');
  });

  it('escapes text and code, keeps lists and code blocks', () => {
    expect(richTextToHtml('a & <b> "q" `x<y`')).toBe(
      '<p>a &amp; &lt;b&gt; &quot;q&quot; <code>x&lt;y</code></p>',
    );
    expect(richTextToHtml('Lead:\n- one\n- two')).toBe(
      '<p>Lead:</p><ul><li>one</li><li>two</li></ul>',
    );
    expect(richTextToHtml('```\nif a < b:\n  pass\n```')).toBe(
      '<pre><code>if a &lt; b:\n  pass</code></pre>',
    );
  });

  it('throws HtmlExportError for TeX KaTeX rejects and for unbalanced delimiters', () => {
    expect(() => richTextToHtml('\\(\\frac{1}\\)')).toThrow(HtmlExportError);
    expect(() => richTextToHtml('\\(\\undefinedmacro\\)')).toThrow(
      /KaTeX cannot render \\\( \\undefinedmacro \\\)/,
    );
    expect(() => richTextToHtml('open \\( never closed')).toThrow(/bad rich text: unclosed/);
  });

  it('renders the same formula the same way twice (cache returns what KaTeX returned)', () => {
    const first = texToHtml('x_{17}', false);
    expect(texToHtml('x_{17}', false)).toBe(first);
    expect(texToHtml('x_{17}', true)).not.toBe(first);
  });
});

describe('richTextToInlineHtml', () => {
  it('flattens paragraphs to line breaks for one-line slots', () => {
    expect(richTextToInlineHtml('one\n\ntwo')).toBe('one<br>two');
  });
});

describe('richTextToInlineHtml in display style', () => {
  it('renders option math at full size', () => {
    const html = richTextToInlineHtml('\\(\\frac{1}{2}\\)', { displayStyle: true });
    expect(html).toContain(
      '<annotation encoding="application/x-tex">\\displaystyle \\frac{1}{2}</annotation>',
    );
    expect(html).not.toBe(richTextToInlineHtml('\\(\\frac{1}{2}\\)'));
  });
});
