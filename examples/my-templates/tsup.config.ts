import { defineConfig } from 'tsup';

/**
 * One self-contained ES module: `@dlexam/generator` and `@dlexam/math` are bundled in (only what
 * the templates use), so `dist/index.js` runs in the dlexam CLI, in the web app (loaded from a URL
 * or a file) and from npm, with nothing else installed.
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  noExternal: [/^@dlexam\//],
  esbuildOptions(options) {
    // In the dlexam repository the packages are unbuilt workspace sources; published, `source`
    // points at the TypeScript they ship beside `dist`. Either way esbuild compiles it.
    options.conditions = ['source'];
  },
});
