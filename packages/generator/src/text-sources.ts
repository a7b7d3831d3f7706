import type { AnyTemplate } from './template.js';
import { recordTextSources } from './text.js';
import { generateVariant } from './variant.js';

export interface CollectTextOptions {
  /** Seeds in a row that bring no new source before a template × kind counts as collected. */
  quiet?: number;
  /** At most this many seeds per template × kind. */
  maxSeeds?: number;
}

/**
 * Every question-text source the templates render, sorted: what a build precompiles
 * (`precompileText`, `installPrecompiledText`). Each template × kind is generated over fresh seeds
 * (`stems-0`, `stems-1`, …) until `quiet` seeds in a row bring no new source. A seed the generator
 * refuses is skipped: it is refused at run time too. Sources a template builds for one variant only
 * may be missed; `renderText` compiles those when they come.
 */
export function collectTextSources(
  templates: readonly AnyTemplate[],
  { quiet = 80, maxSeeds = 1000 }: CollectTextOptions = {},
): string[] {
  const seen = new Set<string>();
  recordTextSources((s) => seen.add(s));
  try {
    for (const t of templates)
      for (const kind of t.kinds)
        for (let i = 0, still = 0; i < maxSeeds && still < quiet; i++) {
          const before = seen.size;
          try {
            generateVariant(t, `stems-${i}`, { kind });
          } catch {
            // Refused here, refused at run time: its sources do not matter.
          }
          still = seen.size > before ? 0 : still + 1;
        }
  } finally {
    recordTextSources(null);
  }
  return [...seen].sort();
}
