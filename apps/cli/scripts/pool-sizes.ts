/**
 * Build step (`pnpm --filter dlexam build` runs it after tsup): sizes every template × kind's pool
 * once, into `dist/pool-sizes.json` (its difficulty scale into `dist/effort-scales.json`, its
 * question text's pieces into `dist/text-pieces.json`), so `list` (the first kind's figures) and
 * exam assembly read them instead of drawing thousands of variants on every run. A test compares the file with a
 * live computation, so it stays true whenever the generator changes how pools are counted.
 */
import { writeFileSync } from 'node:fs';
import { collectTextSources, effortScale, poolSize, precompileText } from '@dlexam/generator';
import { registry } from '../src/catalog.js';
import {
  EFFORT_SCALES_FILE,
  EFFORT_SCALES_SCHEMA,
  TEXT_PIECES_FILE,
  TEXT_PIECES_SCHEMA,
} from '../src/effort-scales.js';
import { POOL_SIZES_FILE, POOL_SIZES_SCHEMA } from '../src/pool-sizes.js';

const templates = Object.fromEntries(
  registry
    .list()
    .map((t) => [t.id, Object.fromEntries(t.kinds.map((kind) => [kind, poolSize(t, { kind })]))]),
);
writeFileSync(
  new URL(`./${POOL_SIZES_FILE}`, import.meta.url),
  JSON.stringify({ schema: POOL_SIZES_SCHEMA, templates }) + '\n',
);

// The difficulty scale of every template × kind (exam assembly's balance), likewise: a test keeps
// `dist/effort-scales.json` equal to `effortScale`.
const scales = Object.fromEntries(
  registry
    .list()
    .map((t) => [
      t.id,
      Object.fromEntries(t.kinds.map((kind) => [kind, effortScale(t, { kind })])),
    ]),
);
writeFileSync(
  new URL(`./${EFFORT_SCALES_FILE}`, import.meta.url),
  JSON.stringify({ schema: EFFORT_SCALES_SCHEMA, scales }) + '\n',
);

// The question text every template renders, cut into its literal and `{{name}}` pieces, likewise
// (`dist/text-pieces.json`): `renderText` then joins those instead of parsing each source with
// handlebars in every run. Every source is plain today; one that is not is left to handlebars.
const pieces = Object.fromEntries(
  collectTextSources(registry.list()).flatMap((source) => {
    const p = precompileText(source).pieces;
    return p ? [[source, { pieces: p }]] : [];
  }),
);
writeFileSync(
  new URL(`./${TEXT_PIECES_FILE}`, import.meta.url),
  JSON.stringify({ schema: TEXT_PIECES_SCHEMA, pieces }) + '\n',
);
