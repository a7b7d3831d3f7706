import { expect, it } from 'vitest';
import type { AnyTemplate } from '@dlexam/generator';
import { checkVariants, contractVariants, type Disagreement } from '@dlexam/grading-contract';

/** Seeds per template × kind in `pnpm test`; `pnpm grading-contract --seeds N` runs more. */
export const CI_SEEDS = 200;

/**
 * The contract over every template × kind of `templates`: one test per pair, each scoring every
 * scripted response to `CI_SEEDS` variants three ways. A failure lists the first disagreements.
 */
export function sweep(templates: readonly AnyTemplate[]): void {
  for (const t of templates)
    for (const kind of t.kinds)
      it(`${t.id} (${kind}): model, Moodle and Canvas agree on every scripted response`, () => {
        const [variants = []] = contractVariants([{ ...t, kinds: [kind] }], CI_SEEDS);
        const result = checkVariants(variants);
        expect(result.responses).toBeGreaterThanOrEqual(CI_SEEDS);
        expect(result.disagreements.slice(0, 3)).toEqual([]);
      });
}
