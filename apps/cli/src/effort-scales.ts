import { readFileSync } from 'node:fs';
import { primeEffortScales, primePoolSizes, type EffortScale } from '@dlexam/generator';
import { precomputedPoolSizes } from './pool-sizes.js';

export const EFFORT_SCALES_FILE = 'effort-scales.json';
export const EFFORT_SCALES_SCHEMA = 'dlexam.effort-scales/1';

let primed = false;

/**
 * Hands the generator the effort scales and pool sizes the build computed beside the bundle
 * (`scripts/pool-sizes.ts`), so assembling an exam does not draw every candidate template's
 * difficulty sample, or sample a large slot's pools, again. Run from source, or without the files,
 * the generator computes them.
 */
export function primeFromBuild(): void {
  if (primed) return;
  primed = true;
  const pools = precomputedPoolSizes();
  if (pools) primePoolSizes(pools);
  try {
    const file = JSON.parse(
      readFileSync(new URL(`./${EFFORT_SCALES_FILE}`, import.meta.url), 'utf8'),
    ) as { schema?: string; scales?: Record<string, Record<string, EffortScale>> };
    if (file.schema === EFFORT_SCALES_SCHEMA && file.scales) primeEffortScales(file.scales);
  } catch {
    // No file (a run from source): the generator computes each scale when a slot needs it.
  }
}
