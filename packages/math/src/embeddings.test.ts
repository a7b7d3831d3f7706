import { describe, expect, it } from 'vitest';
import { analogy, cosineSimilarity, embeddingModelParams } from './embeddings.js';
import { lcg } from '../test/lcg.js';

describe('embeddings', () => {
  it('cosine similarity of textbook pairs', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12);
    expect(() => cosineSimilarity([0, 0], [1, 1])).toThrow(/zero vector/);
  });

  it('cosine is the cosine of the angle between 2-D vectors (1,000 random pairs)', () => {
    const r = lcg(9);
    for (let i = 0; i < 1000; i++) {
      const a = [r() * 4 - 2, r() * 4 - 2];
      const b = [r() * 4 - 2, r() * 4 - 2];
      const angle = Math.atan2(b[1]!, b[0]!) - Math.atan2(a[1]!, a[0]!);
      expect(cosineSimilarity(a, b)).toBeCloseTo(Math.cos(angle), 10);
    }
  });

  it('king − man + woman lands on queen', () => {
    const words = ['king', 'man', 'woman', 'queen', 'apple'];
    const vecs = [
      [0.9, 0.8, 0.1],
      [0.1, 0.9, 0.1],
      [0.1, 0.1, 0.9],
      [0.9, 0.1, 0.8],
      [0.0, 0.2, 0.1],
    ];
    const r = analogy(vecs, 0, 1, 2);
    expect(r.target.map((x) => Math.round(x * 10) / 10)).toEqual([0.9, 0, 0.9]);
    expect(words[r.best]).toBe('queen');
    expect(Number.isNaN(r.scores[0]!)).toBe(true);
  });

  it('counts embedding tables and output layers', () => {
    expect(embeddingModelParams(10_000, 300, 'none')).toBe(3_000_000);
    expect(embeddingModelParams(10_000, 300, 'untied')).toBe(6_010_000);
    expect(embeddingModelParams(10_000, 300, 'tied')).toBe(3_010_000);
  });
});
