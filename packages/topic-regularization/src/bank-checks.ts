/**
 * Test helpers for the statement-bank templates: the bank property every variant keeps, and the
 * valid-pin check of a template whose statements are pinned by index (issue 21).
 */
import { expect } from 'vitest';
import { generateVariant, type AnyTemplate, type Params } from '@dlexam/generator';
import { assertEqual, checkValidPins } from '@dlexam/generator/testing';
import type { Variant } from '@dlexam/types';
import { ALL_OF_THE_ABOVE } from './bank.js';

/** Statement-bank property: the shown options are the picked statements, exactly the true ones correct. */
export function bankCheck(v: Variant): void {
  const p = v.params as { trueIdx: number[]; falseIdx: number[] };
  const correct = v.choices.filter((c) => c.correct);
  if (correct.some((c) => c.plain === ALL_OF_THE_ABOVE)) {
    assertEqual(v.choices.length, p.trueIdx.length + 1, 'options');
    assertEqual(correct.length, 1, 'one correct');
  } else {
    assertEqual(correct.length, p.trueIdx.length, 'number of correct options');
    assertEqual(v.choices.length, p.trueIdx.length + p.falseIdx.length, 'options');
  }
  for (const c of v.choices)
    if (!c.correct && !c.misconception)
      throw new Error(`wrong option without misconception: ${c.plain}`);
}

/** 200 partial valid pins of `t` (statements by index among them): some accepted, each passing `check`. */
export function expectValidPinsAccepted(t: AnyTemplate, check: (v: Variant) => void): void {
  const r = checkValidPins(t, { count: 200, partial: true, check });
  expect(r.accepted).toBeGreaterThan(0);
}

/** A variant of `t` with its statements pinned by index (issue 21), passing `check`. */
export function pinnedVariant(t: AnyTemplate, pins: Params, check: (v: Variant) => void): Variant {
  const v = generateVariant(t, 1, { pins });
  check(v);
  return v;
}
