import { readFileSync } from 'node:fs';
import { poolSize, type PoolSize, type Template, type AnyTemplate } from '@dlexam/generator';

export const POOL_SIZES_FILE = 'pool-sizes.json';
export const POOL_SIZES_SCHEMA = 'dlexam.pool-sizes/1';

/** Template id → kind → pool. */
type Figures = Record<string, Record<string, PoolSize>>;
let precomputed: Figures | null | undefined;

/**
 * The figures the build computed beside the bundle (`scripts/pool-sizes.ts`), or null when run
 * from source or when the file is missing or of another schema.
 */
export function precomputedPoolSizes(): Figures | null {
  if (precomputed !== undefined) return precomputed;
  try {
    const file = JSON.parse(
      readFileSync(new URL(`./${POOL_SIZES_FILE}`, import.meta.url), 'utf8'),
    ) as { schema?: string; templates?: Figures };
    precomputed = file.schema === POOL_SIZES_SCHEMA && file.templates ? file.templates : null;
  } catch {
    precomputed = null;
  }
  return precomputed;
}

/** A template's pool for its first kind: precomputed when the build wrote it, else computed. */
export function listedPoolSize(t: AnyTemplate): PoolSize {
  return precomputedPoolSizes()?.[t.id]?.[t.kinds[0]!] ?? poolSize(t);
}
