import { describe, expect, it } from 'vitest';
import { escapeHtml, plainTextToHtml, richTextToHtml, richTextToInlineHtml } from './html.js';

describe('rich text → HTML', () => {
  it('renders paragraphs, lists, code, inline and display math', () => {
    const source =
      'First \\(a < b\\) and `x<y`.\n\n- one\n- two \\(\\alpha\\)\n\n\\[ \\frac{1}{2} \\]\n\n```\nif a < b:\n    pass\n```';
    expect(richTextToHtml(source)).toBe(
      [
        '<p>First \\(a &lt; b\\) and <code>x&lt;y</code>.</p>',
        '<ul><li>one</li><li>two \\(\\alpha\\)</li></ul>',
        '<p>\\[\\frac{1}{2}\\]</p>',
        '<pre><code>if a &lt; b:\n    pass</code></pre>',
      ].join('\n'),
    );
  });

  it('escapes text and breaks literal MathJax delimiters', () => {
    expect(escapeHtml('a & <b> "c"')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    expect(plainTextToHtml('cost $$5 and \\[ not math \\]')).toBe(
      'cost $<span></span>$5 and \\<span></span>[ not math \\<span></span>]',
    );
    expect(richTextToHtml('x ]]> y')).toBe('<p>x ]]&gt; y</p>');
  });

  it('drops the <p> of a one-paragraph text only', () => {
    expect(richTextToInlineHtml('just \\(x\\)')).toBe('just \\(x\\)');
    expect(richTextToInlineHtml('one\n\ntwo')).toBe('<p>one</p>\n<p>two</p>');
    expect(richTextToInlineHtml('')).toBe('');
  });

  it('renders a one-line text exactly as the full parse does', () => {
    // A trailing newline forces the line-by-line parse and adds nothing to the blocks.
    const samples = [
      'plain text',
      '  padded  ',
      '- a bullet',
      '-not a bullet',
      'x - y and - z',
      'inline \\(a < b\\) and \\(c\\)',
      'cost $$5 & "quoted" <tag>',
      'stray closer \\) and \\] here',
      'text then \\[ display \\] after',
      '\\[ only display \\]',
      'with `code` inside',
      'tab\there',
      ' ',
      '',
    ];
    for (const s of samples) {
      expect(richTextToHtml(s), s).toBe(richTextToHtml(`${s}\n`));
      expect(richTextToInlineHtml(s), s).toBe(richTextToInlineHtml(`${s}\n`));
    }
    expect(() => richTextToHtml('unclosed \\(x')).toThrow(/unclosed/);
    expect(() => richTextToInlineHtml('unclosed `x')).toThrow(/unclosed/);
    expect(() => richTextToHtml('```')).toThrow(/unclosed/);
  });
});
