import type { Variant } from '@dlexam/types';
import { sampleVariants } from '@dlexam/types/testing';
import { variantsToMoodleXml, type MoodleOptions } from './moodle.js';

/**
 * A benchmark case for the lead's bench: `count` variants (the sample variant of every kind, with
 * distinct seeds) and a `run` that exports them in-process. Nothing is timed here.
 */
export function moodleBenchCase(
  count = 10_000,
  options: MoodleOptions = {},
): { variants: Variant[]; run: () => string } {
  const variants: Variant[] = [];
  for (let i = 0; variants.length < count; i++) {
    for (const v of sampleVariants(`-${i}`)) {
      if (variants.length < count) variants.push(v);
    }
  }
  return { variants, run: () => variantsToMoodleXml(variants, options) };
}
