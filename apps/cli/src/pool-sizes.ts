import { readFileSync } from 'node:fs';
import { poolSize, type PoolSize, type Template, type AnyTemplate } from '@dlexam/generator';

export const POOL_SIZES_FILE = 'pool-sizes.json';
export const POOL_SIZES_SCHEMA = 'dlexam.pool-sizes/1';

/** Template id → kind → pool. */
type Figures = Record<string, Record<string, PoolSize>>;
let precomputed: Figures | null | undefined;

/**
 * The `key` field of a file the build wrote beside the bundle (`scripts/pool-sizes.ts`), or null
 * when run from source or when the file is missing or of another schema.
 */
export function buildFile<T>(name: string, schema: string, key: string): T | null {
  try {
    const file = JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as Record<
      string,
      unknown
    >;
    return file.schema === schema && file[key] ? (file[key] as T) : null;
  } catch {
    // No file (a run from source): the generator computes what it holds.
    return null;
  }
}

/** The pool sizes the build computed, or null (see `buildFile`). */
export function precomputedPoolSizes(): Figures | null {
  if (precomputed === undefined)
    precomputed = buildFile<Figures>(POOL_SIZES_FILE, POOL_SIZES_SCHEMA, 'templates');
  return precomputed;
}

/** A template's pool for its first kind: precomputed when the build wrote it, else computed. */
export function listedPoolSize(t: AnyTemplate): PoolSize {
  return precomputedPoolSizes()?.[t.id]?.[t.kinds[0]!] ?? poolSize(t);
}
