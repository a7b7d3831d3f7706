import { describe, expect, it } from 'vitest';
import {
  richTextProblem,
  mathOf,
  parseInline,
  parseRichText,
  richTextToPlain,
  texToPlain,
  RichTextError,
  unsafeLinkProblem,
} from '@dlexam/types';

describe('parseRichText', () => {
  it('splits paragraphs, inline math, code and display math', () => {
    const blocks = parseRichText(
      'A \\(5 \\times 5\\) input and `nn.Conv2d`.\n\n\\[ y = Wx + b \\]\n\nLast line.',
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'A ' },
          { type: 'math', tex: '5 \\times 5' },
          { type: 'text', value: ' input and ' },
          { type: 'code', value: 'nn.Conv2d' },
          { type: 'text', value: '.' },
        ],
      },
      { type: 'display-math', tex: 'y = Wx + b' },
      { type: 'paragraph', children: [{ type: 'text', value: 'Last line.' }] },
    ]);
  });

  it('reads code fences and bullet lists', () => {
    const blocks = parseRichText('Model:\n```\nnn.Linear(3, 4)\n```\nOptions:\n- one\n- \\(x\\)');
    expect(blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', value: 'Model:' }] });
    expect(blocks[1]).toEqual({ type: 'code-block', value: 'nn.Linear(3, 4)' });
    expect(blocks[3]).toEqual({
      type: 'list',
      items: [[{ type: 'text', value: 'one' }], [{ type: 'math', tex: 'x' }]],
    });
  });

  it('displays \\[ … \\] that stands inside a paragraph', () => {
    expect(
      parseRichText('All channels: \\[ \\begin{bmatrix}9 & 9\\end{bmatrix} \\] done.'),
    ).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'All channels:' }] },
      { type: 'display-math', tex: '\\begin{bmatrix}9 & 9\\end{bmatrix}' },
      { type: 'paragraph', children: [{ type: 'text', value: 'done.' }] },
    ]);
    expect(() => parseRichText('a \\[ b')).toThrow(/unclosed/);
  });

  it('rejects unbalanced delimiters', () => {
    expect(() => parseRichText('a \\( b')).toThrow(RichTextError);
    expect(() => parseRichText('\\[ x')).toThrow(/unclosed/);
    expect(() => parseRichText('```\ncode')).toThrow(/code block/);
  });

  it('collects every TeX fragment', () => {
    expect(mathOf('\\(a\\) and \\(b\\)\n\n\\[c\\]')).toEqual([
      { tex: 'a', display: false },
      { tex: 'b', display: false },
      { tex: 'c', display: true },
    ]);
  });
});

describe('parseInline', () => {
  /** The character-by-character reading the fast parser must agree with. */
  function reference(text: string) {
    const out: { type: string; value?: string; tex?: string }[] = [];
    let buf = '';
    for (let i = 0; i < text.length;) {
      if (text.startsWith('\\(', i)) {
        const end = text.indexOf('\\)', i + 2);
        if (end < 0) return 'error';
        if (buf) out.push({ type: 'text', value: buf });
        buf = '';
        out.push({ type: 'math', tex: text.slice(i + 2, end).trim() });
        i = end + 2;
      } else if (text[i] === '`') {
        const end = text.indexOf('`', i + 1);
        if (end < 0) return 'error';
        if (buf) out.push({ type: 'text', value: buf });
        buf = '';
        out.push({ type: 'code', value: text.slice(i + 1, end) });
        i = end + 1;
      } else buf += text[i++];
    }
    if (buf) out.push({ type: 'text', value: buf });
    return out;
  }

  it('agrees with a character-by-character reading on random texts', () => {
    const alphabet = ['a', ' ', '\\', '(', ')', '`', 'x', '\\(', '\\)'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from(
        { length: Math.floor(next() * 16) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const want = reference(text);
      if (want === 'error') expect(() => parseInline(text)).toThrow(RichTextError);
      else expect(parseInline(text)).toEqual(want);
    }
  });
});

describe('texToPlain', () => {
  it.each([
    ['5 \\times 5', '5 × 5'],
    ['x^2 + y^{10}', 'x² + y¹⁰'],
    ['\\frac{a+b}{2}', '(a+b)/2'],
    ['W^\\top x', 'Wᵀ x'],
    ['h_{t-1}', 'hₜ₋₁'],
    ['\\sqrt{d_k}', '√(dₖ)'],
    ['\\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}', '[1, 2; 3, 4]'],
    ['\\sigma(z) - 1', 'σ(z) - 1'],
    ['\\hat{m}_t = \\mathcal{L}', 'm̂ₜ = L'],
    ['a \\oslash b', 'a ⊘ b'],
    ['\\frac{\\partial f}{\\partial y}', '∂f/∂y'],
    ['\\alpha \\lambda w', 'αλw'],
    ['w - \\alpha \\lambda \\operatorname{sign}(w)', 'w - αλ sign(w)'],
    ['2\\lambda \\exp(x)', '2λ exp(x)'],
    ['\\tilde{h}_t', 'h̃ₜ'],
    // A letter-like symbol keeps its space before a relation or operator, not before an operand.
    ['\\eta > 0', 'η > 0'],
    ['\\lambda = 0.1', 'λ = 0.1'],
    ['\\eta \\leq 1', 'η ≤ 1'],
    ['\\alpha \\cdot x', 'α · x'],
    ['\\sigma ^2', 'σ²'],
    ['\\lambda \\|w\\|^2', 'λ‖w‖²'],
    // A one-character script without a Unicode form is bracketed when a factor follows it.
    ['2e^{y}x^2z', '2e^(y)x²z'],
    ['\\gamma^e + b_y', 'γ^e + b_y'],
    ['b_y x', 'b_y x'],
    ['\\eta', 'η'],
  ])('%s → %s', (tex, plain) => {
    expect(texToPlain(tex)).toBe(plain);
  });

  it('flattens rich text', () => {
    expect(richTextToPlain('Output \\(6 \\times 6\\).\n\n- a\n- b')).toBe(
      'Output 6 × 6.\n\n• a\n• b',
    );
  });
});

describe('parseRichText on one plain line', () => {
  it('gives exactly the blocks of the line-by-line parse', () => {
    // A trailing newline forces the line-by-line path and adds nothing to the blocks.
    const samples = [
      'plain text',
      '  padded  ',
      '- a bullet',
      '-not a bullet',
      'inline \\(a < b\\) and \\(c\\)',
      'stray closer \\) and \\] here',
      'text then \\[ display \\] after',
      'tab\there',
      ' ',
      '',
    ];
    for (const s of samples) expect(parseRichText(s), s).toEqual(parseRichText(`${s}\n`));
    expect(() => parseRichText('unclosed \\(x')).toThrow(/unclosed/);
  });
});

describe('richTextProblem', () => {
  it('names the unclosed delimiter', () => {
    expect(richTextProblem('a \\(x')).toMatch(/unclosed \\\(/);
    expect(richTextProblem('```\ncode')).toMatch(/unclosed ```/);
    expect(richTextProblem('\\[ x')).toMatch(/unclosed \\\[/);
    expect(richTextProblem('a \\(x\\) and `y` \\[z\\]')).toBeNull();
  });

  it('agrees with the full parser on random texts built from every delimiter', () => {
    // A small deterministic generator (no Math.random): tokens chosen by a linear congruential walk.
    const tokens = [
      'a',
      ' ',
      '\n',
      '\n\n',
      '\\(',
      '\\)',
      '\\[',
      '\\]',
      '`',
      '```',
      '- ',
      'x^2',
      '\r\n',
    ];
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % tokens.length;
    let checked = 0;
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const len = 1 + (next() % 12);
      for (let k = 0; k < len; k++) s += tokens[next()];
      let parses = true;
      try {
        parseRichText(s);
      } catch {
        parses = false;
      }
      expect(richTextProblem(s) === null, JSON.stringify(s)).toBe(parses);
      checked++;
    }
    expect(checked).toBe(20_000);
  });
});

describe('links in rich text', () => {
  it('refuses \\href and \\url to anything but http(s), in math and text', () => {
    for (const bad of [
      'See \\(\\href{javascript:alert(1)}{here}\\)',
      'See \\( \\href { JavaScript:x }{here}\\)',
      '\\[\\url{data:text/html,<b>x</b>}\\]',
      'Plain \\href{file:///etc/passwd}{x}',
      '\\(\\href x{y}\\)',
    ]) {
      expect(unsafeLinkProblem(bad), bad).toMatch(/is not an http\(s\) address$/);
      expect(richTextProblem(bad), bad).toMatch(/is not an http\(s\) address$/);
      expect(() => parseRichText(bad)).toThrow(RichTextError);
    }
    expect(unsafeLinkProblem('\\(\\href{javascript:alert(1)}{here}\\)')).toBe(
      "\\href target 'javascript:alert(1)' is not an http(s) address",
    );
  });

  it('accepts http(s) links and commands that only start alike', () => {
    for (const ok of [
      '\\(\\href{https://example.org/a?b=1}{here}\\)',
      '\\(\\url{http://example.org}\\)',
      '\\(\\underline{x} + \\hrefx\\)',
    ]) {
      expect(unsafeLinkProblem(ok), ok).toBeNull();
      expect(richTextProblem(ok), ok).toBeNull();
    }
  });
});

describe('UserError', () => {
  it('is the base of every layer’s user-facing error, so apps need no error names', async () => {
    const { UserError, RichTextError } = await import('@dlexam/types');
    let caught: unknown;
    try {
      parseRichText('\\( unclosed');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RichTextError);
    expect(caught).toBeInstanceOf(UserError);
  });
});
