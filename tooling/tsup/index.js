import { defineConfig } from 'tsup';

/**
 * The build every library package shares: ESM only, Node 20 target, one entry per public
 * entry point. Workspace dependencies stay external so each package is built once.
 */
export function libraryConfig(entry = ['src/index.ts'], extra = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    dts: true,
    ...extra,
  });
}
