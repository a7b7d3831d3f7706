import { libraryConfig } from '@dlexam/tsup-config';

// The CLI is bundled with its workspace packages (resolved from source), so `node dist/bin.js`
// needs nothing else built.
export default libraryConfig(
  {
    bin: 'src/bin.ts',
    index: 'src/index.ts',
    bench: 'bench/bench.ts',
    'pool-sizes': 'scripts/pool-sizes.ts',
  },
  {
    platform: 'node',
    noExternal: [/^@dlexam\//],
    // Declarations for the library entry only (`dlexam`'s exports map), not the bin and scripts.
    dts: { entry: { index: 'src/index.ts' } },
    esbuildOptions(options) {
      options.conditions = ['source'];
    },
  },
);
