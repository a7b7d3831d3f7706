import { expect } from 'vitest';
import type { AnyTemplate } from '@dlexam/generator';
import { checkValidPins, forSeeds, type ValidPinsOptions } from '@dlexam/generator/testing';
import type { NumericAnswer, Variant } from '@dlexam/types';

/**
 * `forSeeds` over the numeric kind (10,000 seeds unless `count` says otherwise): every variant must
 * carry a numeric answer, which `check` gets with the variant's params; throw to fail.
 */
export function forNumericSeeds<P>(
  t: AnyTemplate,
  check: (answer: NumericAnswer, p: P, v: Variant) => void,
  count = 10_000,
): void {
  forSeeds(t, count, 'numeric', (v) => {
    if (v.answer.kind !== 'numeric') throw new Error('not numeric');
    check(v.answer.numeric, v.params as P, v);
  });
}

/**
 * `checkValidPins` with partial pins over `count` exercises: each accepted exercise passes `check`,
 * at least one is accepted, and at least one pin lies off the draw lists.
 */
export function expectPartialPins(
  t: AnyTemplate,
  count: number,
  check: NonNullable<ValidPinsOptions['check']>,
): void {
  const r = checkValidPins(t, { count, partial: true, check });
  expect(r.accepted).toBeGreaterThan(0);
  expect(r.offDraw).toBeGreaterThan(0);
}
