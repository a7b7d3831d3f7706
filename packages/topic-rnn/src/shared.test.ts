import { describe, expect, it } from 'vitest';
import { createRng } from '@dlexam/generator';
import {
  assertSingleChoicePossible,
  grid,
  gridMatrix,
  isGridMatrix,
  plainText,
  texGridM,
  texGridV,
  texM,
  texV,
} from './shared.js';

const GRIDS = [grid(-1, 1, 0.5), grid(-2, 2, 0.5), grid(-2, 2, 1), grid(-3, 3, 1)];

describe('parameter grids', () => {
  it('draw exactly what rng.stepped draws from the same stream', () => {
    for (const g of GRIDS) {
      const a = createRng(`grid/${g.min}/${g.step}`);
      const b = createRng(`grid/${g.min}/${g.step}`);
      for (let i = 0; i < 500; i++) {
        const [x] = gridMatrix(a, 1, 1, g)[0]!;
        expect(Object.is(x, b.stepped(g.min, g.max, g.step))).toBe(true);
      }
    }
  });

  it('format parameters as texM/texV do, memo or not', () => {
    const g = GRIDS[0]!;
    const rng = createRng('tex');
    for (let i = 0; i < 300; i++) {
      const m = gridMatrix(rng, 1 + (i % 3), 1 + (i % 2), g);
      expect(isGridMatrix(m, m.length, m[0]!.length, g)).toBe(true);
      expect(texGridM(m, g)).toBe(texM(m));
      expect(texGridM(m, g)).toBe(texM(m));
      expect(texGridV(m[0]!, g)).toBe(texV(m[0]!));
    }
    // Same indices, other shapes: distinct memo keys.
    expect(texGridM([[0.5, -1]], g)).toBe(texM([[0.5, -1]]));
    expect(texGridM([[0.5], [-1]], g)).toBe(texM([[0.5], [-1]]));
    expect(texGridV([0.5, -1], g)).toBe(texV([0.5, -1]));
    // Off the grid's exact values (pins): formatted without the memo.
    for (const m of [[[0.5000000001]], [[-0]], [[0.5, 1], [1]], [[0.25, 1]]])
      expect(texGridM(m, g)).toBe(texM(m));
  });

  it('memoizes plain-text feedback without changing it', () => {
    const s = 'You left out the tanh of \\(\\tilde h_t\\) and \\(W_{hh}\\).';
    expect(plainText(s)).toBe(plainText(s));
    expect(plainText(s)).not.toMatch(/\\/);
  });
});

describe('assertSingleChoicePossible', () => {
  const d = (...values: number[]) =>
    values.map((value) => ({ value, misconception: 'x', feedback: 'y' }));
  it('rejects a single-choice attempt only when fewer than 3 distractors can stay distinct', () => {
    // Equal to the answer, equal once rounded, not finite: at most 2 distinct.
    expect(() =>
      assertSingleChoicePossible('single', 0.5, d(0.5, 0.25, 0.2501, NaN, 1), 3),
    ).toThrow(/at most 2 distinct/);
    expect(() => assertSingleChoicePossible('single', 0.5, d(0.5, 0.25, 0.26, 1), 3)).not.toThrow();
    // Other kinds never need distinct distractors.
    expect(() => assertSingleChoicePossible('numeric', 0.5, d(0.5), 3)).not.toThrow();
  });
});
