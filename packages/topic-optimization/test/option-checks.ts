import type { Variant } from '@dlexam/types';

/** A single-choice concept variant: four options, exactly one correct, every wrong one tagged. */
export function assertOneCorrectOfFourTagged(v: Variant): void {
  if (v.choices.length !== 4 || v.choices.filter((c) => c.correct).length !== 1)
    throw new Error('bad option set');
  for (const c of v.choices) if (!c.correct && !c.misconception) throw new Error('untagged');
}
