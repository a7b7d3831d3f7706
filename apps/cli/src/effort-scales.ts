import {
  installPrecompiledText,
  primeEffortScales,
  primePoolSizes,
  type EffortScale,
  type PrecompiledText,
} from '@dlexam/generator';
import { buildFile, precomputedPoolSizes } from './pool-sizes.js';

export const EFFORT_SCALES_FILE = 'effort-scales.json';
export const EFFORT_SCALES_SCHEMA = 'dlexam.effort-scales/1';
export const TEXT_PIECES_FILE = 'text-pieces.json';
export const TEXT_PIECES_SCHEMA = 'dlexam.text-pieces/1';

let primed = false;

/**
 * Hands the generator the effort scales, pool sizes and question-text pieces the build computed
 * beside the bundle (`scripts/pool-sizes.ts`), so assembling an exam does not draw every candidate
 * template's difficulty sample, or sample a large slot's pools, or parse each question text with
 * handlebars, again. Run from source, or without the files, the generator computes them.
 */
export function primeFromBuild(): void {
  if (primed) return;
  primed = true;
  const pools = precomputedPoolSizes();
  if (pools) primePoolSizes(pools);
  const scales = buildFile<Record<string, Record<string, EffortScale>>>(
    EFFORT_SCALES_FILE,
    EFFORT_SCALES_SCHEMA,
    'scales',
  );
  if (scales) primeEffortScales(scales);
  const pieces = buildFile<Record<string, PrecompiledText>>(
    TEXT_PIECES_FILE,
    TEXT_PIECES_SCHEMA,
    'pieces',
  );
  if (pieces) installPrecompiledText(pieces);
}
