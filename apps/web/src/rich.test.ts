import { describe, expect, it } from 'vitest';
import { richTextToHtml } from '@dlexam/export-html';
import { richTextToPlainHtml } from './rich.js';

describe('richTextToPlainHtml (the first question before KaTeX)', () => {
  it('keeps the blocks KaTeX’s version has, with the math as readable Unicode', () => {
    const text =
      'Output size \\(\\frac{n + 2p - k}{s} + 1\\) for a \\(3 \\times 3\\) kernel:\n\n' +
      '\\[ h_t = \\tanh(W x_t) \\]\n\n- one `code`\n- two\n\n```\nraw <b>\n```';
    expect(richTextToPlainHtml(text)).toBe(
      '<p>Output size <span class="math-plain">(n + 2p - k)/s + 1</span> for a ' +
        '<span class="math-plain">3 × 3</span> kernel:</p>' +
        '<div class="math-display math-plain">hₜ = tanh(W xₜ)</div>' +
        '<ul><li>one <code>code</code></li><li>two</li></ul>' +
        '<pre><code>raw &#60;b&#62;</code></pre>',
    );
    // The same block structure as the typeset version.
    const tags = (html: string) => html.match(/<(p|ul|li|pre|div class="math-display)\b/g);
    expect(tags(richTextToPlainHtml(text))).toEqual(tags(richTextToHtml(text)));
  });

  it('escapes text and math', () => {
    expect(richTextToPlainHtml('a <b> & "c" \\(x < y\\)')).toBe(
      '<p>a &#60;b&#62; &#38; &#34;c&#34; <span class="math-plain">x &#60; y</span></p>',
    );
  });
});
