import { describe, expect, it } from 'vitest';
import { parseRichText } from '@dlexam/types';
import { excerpt } from './excerpt.js';

describe('excerpt', () => {
  it('keeps short text whole, joined into one line', () => {
    expect(excerpt('A conv layer.\n\nCompute the output.', 220)).toBe(
      'A conv layer. Compute the output.',
    );
  });

  it('cuts at a space, never mid-word, and marks the cut', () => {
    const e = excerpt('alpha beta gamma delta epsilon', 14);
    expect(e).toBe('alpha beta …');
    expect('alpha beta gamma delta epsilon'.startsWith(e.slice(0, -2))).toBe(true);
  });

  it('never cuts inside a formula or code, and makes display math inline', () => {
    const stem =
      'With \\(W = \\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}\\) and\n\\[ h_t = \\tanh(W x_t + U h_{t-1}) \\]\nwhat is `torch.tanh(x)` for each entry of the vector?';
    for (let max = 5; max < stem.length; max += 7) {
      const e = excerpt(stem, max);
      expect(() => parseRichText(e), e).not.toThrow();
      expect(e.split('\n')).toHaveLength(1);
      expect(
        parseRichText(e).every((b) => b.type === 'paragraph'),
        e,
      ).toBe(true);
      expect((e.match(/`/g) ?? []).length % 2).toBe(0);
    }
    expect(excerpt(stem, 12)).toBe('With …');
    expect(excerpt(stem, 70)).toBe(
      'With \\(W = \\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}\\) and …',
    );
    expect(excerpt(stem, 1000)).toContain('\\(h_t = \\tanh(W x_t + U h_{t-1})\\)');
  });

  it('keeps punctuation glued to a formula', () => {
    expect(excerpt('values \\(x\\), \\(y\\).', 100)).toBe('values \\(x\\), \\(y\\).');
  });
});
