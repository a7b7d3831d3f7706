/**
 * Test helper: random matrices and vectors of pinned entries off the draw grids (two decimals in
 * [−half, half]), for the tests that pin textbook weights beyond what `sample` draws.
 */
import type { Rng } from '@dlexam/generator';

export function offGridEntries(rng: Rng, half: number) {
  const num = () => Math.round((rng.next() * 2 * half - half) * 100) / 100;
  const mat = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, num));
  const vec = (n: number) => Array.from({ length: n }, num);
  return { mat, vec };
}
