import { describe, expect, it } from 'vitest';
import { article, distinctWrong, isIntArray } from './shared.js';

describe('shared helpers', () => {
  it('picks the article of a number as read aloud', () => {
    expect([8, 11, 18, 80, 800, 11000, 18000].map(article)).toEqual([
      'an',
      'an',
      'an',
      'an',
      'an',
      'an',
      'an',
    ]);
    expect([1, 3, 16, 28, 110, 180, 1100, 100].map(article)).toEqual([
      'a',
      'a',
      'a',
      'a',
      'a',
      'a',
      'a',
      'a',
    ]);
  });

  it('keeps distinct wrong options only', () => {
    const w = (text: string) => ({ text, misconception: 'm', feedback: 'f' });
    expect(
      distinctWrong('5', [w('5'), w('4'), w('4'), w('6'), w('7')], 2).map((x) => x.text),
    ).toEqual(['4', '6']);
  });

  it('validates integer matrices and tensors', () => {
    expect(
      isIntArray(
        [
          [1, 2],
          [3, 4],
        ],
        0,
        9,
        [2, 2],
      ),
    ).toBe(true);
    expect(isIntArray([[1, 2, 3]], 0, 9, [2, 2])).toBe(false);
    expect(isIntArray([[1, 2], [3]], 0, 9, [2, 2])).toBe(false);
    expect(isIntArray([[[1, 2]], [[3, 4]]], 0, 9, [4, 12, 12])).toBe(true);
    expect(isIntArray([[[1, 2]], [[3]]], 0, 9, [4, 12, 12])).toBe(false);
    expect(isIntArray([[[1.5]]], 0, 9, [4, 12, 12])).toBe(false);
    expect(isIntArray([], 0, 9, [4, 12, 12])).toBe(false);
  });
});
