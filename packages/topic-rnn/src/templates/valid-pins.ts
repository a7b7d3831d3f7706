/**
 * Test helpers for pins beyond the draws: random matrices and vectors of pinned entries off the draw
 * grids, and the partial valid-pin check most templates' tests run.
 */
import { expect } from 'vitest';
import type { AnyTemplate, Params, Rng } from '@dlexam/generator';
import { checkValidPins, type ValidPinsOptions } from '@dlexam/generator/testing';

/** Random matrices and vectors of entries with two decimals in [−half, half]. */
export function offGridEntries(rng: Rng, half: number) {
  const num = () => Math.round((rng.next() * 2 * half - half) * 100) / 100;
  const mat = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, num));
  const vec = (n: number) => Array.from({ length: n }, num);
  return { mat, vec };
}

/**
 * 200 valid pins of `t`, every other one re-pinning a single parameter (after `adjust`, if given):
 * some are accepted, some lie off the draws, and each accepted variant passes `check`.
 */
export function expectPartialPinsAccepted(
  t: AnyTemplate,
  check: NonNullable<ValidPinsOptions['check']>,
  adjust?: (p: Params, rng: Rng) => void,
): void {
  const r = checkValidPins(t, { count: 200, partial: true, ...(adjust ? { adjust } : {}), check });
  expect(r.accepted).toBeGreaterThan(0);
  expect(r.offDraw).toBeGreaterThan(0);
}
