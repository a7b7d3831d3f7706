import { expect } from 'vitest';
import type { AnyTemplate } from '@dlexam/generator';
import {
  checkValidPins,
  correctChoice,
  numericValue,
  tableNumbers,
} from '@dlexam/generator/testing';
import type { Variant } from '@dlexam/types';

/** What an independent reference says a variant's key is. */
export interface ReferenceKey {
  /** The asked number: a numeric variant's value, the text of a single-choice variant's key. */
  value: number | undefined;
  /** The numeric cells of a table variant, row by row. */
  table?: number[][];
  /** Decimals the correct option shows the value with (default: as `String` prints it). */
  decimals?: number;
}

/**
 * Checks a variant's key against an independent reference: a table variant's numeric cells are
 * `want.table`, a numeric variant's value is `want.value`, and any other variant's correct option
 * reads `want.value` (at `want.decimals` when given).
 */
export function expectKey(v: Variant, want: ReferenceKey): void {
  if (v.kind === 'table') expect(tableNumbers(v)).toEqual(want.table);
  else if (v.kind === 'numeric') expect(numericValue(v)).toBe(want.value);
  else
    expect(correctChoice(v)).toBe(
      want.decimals === undefined ? String(want.value) : want.value?.toFixed(want.decimals),
    );
}

/**
 * Pins 200 random valid exercises, every other one re-pinning a single parameter, and checks each
 * key with `check` (the template's independent reference): some must be accepted, and some
 * (`offDraw: 'some'`) or none (`'none'`) of them may lie off the draw.
 */
export function checkPartialPins<P>(
  t: AnyTemplate,
  check: (v: Variant, p: P) => void,
  opts: { offDraw?: 'some' | 'none' } = {},
): void {
  const r = checkValidPins(t, { count: 200, partial: true, check });
  expect(r.accepted).toBeGreaterThan(0);
  if (opts.offDraw === 'some') expect(r.offDraw).toBeGreaterThan(0);
  if (opts.offDraw === 'none') expect(r.offDraw).toBe(0);
}
