/** Test helper: the determinism and variety check shared by the step, layer and clipping templates. */
import type { AnyTemplate } from '@dlexam/generator';
import { checkTemplate } from '@dlexam/generator/testing';

/**
 * `t` is deterministic and varies in its numeric and table kinds: at least 150 distinct stems and
 * at least 2 distinct openings.
 */
export function checkNumericAndTableVariety(t: AnyTemplate): void {
  checkTemplate(t, { kinds: ['numeric', 'table'], minStems: 150, minOpenings: 2 });
}
