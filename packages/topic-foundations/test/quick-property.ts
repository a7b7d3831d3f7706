import type { AnyTemplate } from '@dlexam/generator';
import { runProperty, type PropertyCheck } from '@dlexam/generator/testing';

/**
 * The property loop as every foundations template test runs it: `DLEXAM_QUICK_SEEDS` honoured,
 * display math at the start of a line, at least `minStems` distinct stems, and `check` against an
 * independent computation.
 */
export function quickProperty(t: AnyTemplate, minStems: number, check: PropertyCheck): void {
  runProperty(t, { minStems, quick: true, displayMathAtLineStart: true, check });
}
