import { libraryConfig } from '@dlexam/tsup-config';
import type { Options } from 'tsup';

// The CLI is bundled with its workspace packages (resolved from source), so `node dist/bin.cjs`
// needs nothing else built.
const bundled: Options = {
  platform: 'node',
  noExternal: [/^@dlexam\//],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
};

export default [
  libraryConfig(
    {
      // `bin.cjs` imports it for help and the version (a stable name, outside its bundle).
      main: 'src/main.ts',
      index: 'src/index.ts',
      bench: 'bench/bench.ts',
      'pool-sizes': 'scripts/pool-sizes.ts',
      'code-cache': 'scripts/code-cache.ts',
    },
    {
      ...bundled,
      // Declarations for the library entry only (`dlexam`'s exports map), not the bin and scripts.
      dts: { entry: { index: 'src/index.ts' } },
      // The two builds run at once, so neither cleans: the build script empties dist/ first.
      clean: false,
    },
  ),
  // The command itself: CommonJS, so a command never starts Node's ES module loader.
  libraryConfig(
    { bin: 'src/bin.ts' },
    {
      ...bundled,
      format: ['cjs'],
      shims: true,
      sourcemap: false,
      dts: false,
      clean: false,
      outExtension: () => ({ js: '.cjs' }),
      // Help's ES module chunks, imported as they are.
      external: ['./main.js'],
    },
  ),
  // What `bin.cjs` runs (`compiled-cli.ts`): the whole CLI as one CommonJS file, for V8's code
  // cache (Node 20 caches no ES module). Lazy modules stay lazy: esbuild wraps each module a
  // dynamic `import()` reaches in an initialiser that runs on the first import.
  libraryConfig(
    { cli: 'src/cli.ts' },
    {
      ...bundled,
      format: ['cjs'],
      splitting: false,
      // `import.meta.url` (files beside the bundle: pool sizes, effort scales) as the .cjs file's URL.
      shims: true,
      sourcemap: false,
      dts: false,
      clean: false,
      outExtension: () => ({ js: '.cjs' }),
      esbuildOptions(options) {
        options.conditions = ['source'];
        // A vm script has no `import()` without a Node flag: the bundle requires its lazy modules
        // and Node's built-ins, yaml and playwright-core (CommonJS); see `useModuleImport`.
        options.supported = { 'dynamic-import': false };
      },
    },
  ),
];
