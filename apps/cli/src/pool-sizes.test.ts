import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectTextSources, effortScale, poolSize, precompileText } from '@dlexam/generator';
import { describe, expect, it } from 'vitest';
import { registry } from 'dlexam';

/**
 * `dlexam list` reads pool sizes the build computed (`scripts/pool-sizes.ts`): they must be what
 * the generator computes now, for every template, or list would show stale figures.
 */
const file = fileURLToPath(new URL('../dist/pool-sizes.json', import.meta.url));

describe.skipIf(!existsSync(file))('precomputed pool sizes', () => {
  it('equal a live computation for every template and kind', () => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.schema).toBe('dlexam.pool-sizes/1');
    const ids = registry.list().map((t) => t.id);
    expect(Object.keys(json.templates).sort()).toEqual([...ids].sort());
    for (const t of registry.list())
      for (const kind of t.kinds)
        expect(json.templates[t.id][kind], `${t.id} ${kind}`).toEqual(poolSize(t, { kind }));
  });
});

/** Exam assembly reads the difficulty scales the build computed: they must be the generator's. */
const scalesFile = fileURLToPath(new URL('../dist/effort-scales.json', import.meta.url));

describe.skipIf(!existsSync(scalesFile))('precomputed effort scales', () => {
  it('equal a live computation for every template and kind', () => {
    const json = JSON.parse(readFileSync(scalesFile, 'utf8'));
    expect(json.schema).toBe('dlexam.effort-scales/1');
    expect(Object.keys(json.scales).sort()).toEqual(
      registry
        .list()
        .map((t) => t.id)
        .sort(),
    );
    for (const t of registry.list())
      for (const kind of t.kinds)
        expect(json.scales[t.id][kind], `${t.id} ${kind}`).toEqual(effortScale(t, { kind }));
  });
});

/** Rendering reads the question-text pieces the build cut: they must be the generator's. */
const piecesFile = fileURLToPath(new URL('../dist/text-pieces.json', import.meta.url));

describe.skipIf(!existsSync(piecesFile))('precomputed question-text pieces', () => {
  it('are every source the templates render, cut as handlebars parses it', () => {
    const json = JSON.parse(readFileSync(piecesFile, 'utf8')) as {
      schema: string;
      pieces: Record<string, unknown>;
    };
    expect(json.schema).toBe('dlexam.text-pieces/1');
    const sources = collectTextSources(registry.list());
    expect(sources.length).toBeGreaterThan(200);
    expect(Object.keys(json.pieces)).toEqual(
      sources.filter((s) => precompileText(s).pieces !== null),
    );
    for (const s of Object.keys(json.pieces))
      expect(json.pieces[s], s).toEqual({ pieces: precompileText(s).pieces });
  });
});
