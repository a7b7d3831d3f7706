import { describe, expect, it } from 'vitest';
import { defineTemplate, generateVariant } from './index.js';

/** A template whose width follows its height unless set: drawn non-square, pinned square. */
const t = defineTemplate<{ h: number; w: number }>({
  id: 'test.follows',
  topic: 'cnn',
  title: 'follows',
  objective: 'test',
  difficulty: 1,
  tags: [],
  kinds: ['numeric'],
  params: {
    h: { type: 'int', min: 1, max: 9, description: 'height' },
    w: { type: 'int', min: 1, max: 9, description: 'width (= h unless set)' },
  },
  follows: { w: 'h' },
  sample: (rng) => ({ h: rng.int(1, 4), w: rng.int(5, 9) }),
  build: (p) => ({
    stem: `A ${p.h}×${p.w} grid: how many cells?`,
    solution: `${p.h * p.w}`,
    answer: { type: 'numeric', value: p.h * p.w, decimals: 0, distractors: [] },
  }),
});

describe('Template.follows', () => {
  it('a pinned or narrowed leader carries an unset follower; random draws and set followers are kept', () => {
    for (let i = 0; i < 50; i++) {
      const drawn = generateVariant(t, i).params;
      expect(drawn.w).toBeGreaterThan(drawn.h as number); // the sampler's own width
      expect(generateVariant(t, i, { pins: { h: 7 } }).params).toMatchObject({ h: 7, w: 7 });
      const narrowed = generateVariant(t, i, { narrow: { h: [6, 8] } }).params;
      expect(narrowed.w).toBe(narrowed.h);
      expect(generateVariant(t, i, { pins: { h: 7, w: 2 } }).params).toMatchObject({ h: 7, w: 2 });
      expect(generateVariant(t, i, { narrow: { h: [6, 8], w: [1, 2] } }).params.w).toBeLessThan(3);
    }
  });
});
