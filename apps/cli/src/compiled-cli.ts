import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { Io } from './io.js';

/** The bundle `bin.cjs` runs: the whole CLI as one CommonJS file, in `dist/` beside `bin.cjs`. */
export const CLI_BUNDLE_FILE = 'cli.cjs';
/**
 * V8's code caches of that bundle, written by the build (`scripts/code-cache.ts`), each the SHA-256
 * of the bundle it was made from, then V8's data. V8 deserialises a whole cache before the run, so
 * the commands about one template (`preview`, `describe`) take a cache of what they compile only.
 */
export const CODE_CACHES = {
  /** `preview` and `describe`: ~0.7 MB. */
  template: 'cli-template.cjs.cache',
  /** Every other command (trained on the sample exam in every format): ~2.4 MB. */
  full: 'cli.cjs.cache',
} as const;
type CodeCacheFile = (typeof CODE_CACHES)[keyof typeof CODE_CACHES];
const DIGEST_BYTES = 32;

export interface CompiledCli {
  main: (argv: string[], io?: Io) => Promise<number>;
  /** Whether V8 took the cache (no: none, another bundle, another Node or other V8 flags). */
  cacheUsed: boolean;
  /** V8's code cache of the bundle as compiled so far, for `writeCodeCache` after a training run. */
  codeCache: () => Buffer;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/**
 * Compiles and runs `dist/cli.cjs`, with its code cache when there is one. Node 20 caches no
 * compiled ES module: parsing the ~2.7 MB CLI and compiling every function a run calls cost more
 * than a third of a small `generate`. V8 checks a cache against its own version and flags but only
 * the source's length, so the cache also carries the bundle's SHA-256: a cache of another build is
 * ignored (compiled from source, slower, same result). `DLEXAM_CODE_CACHE=0` ignores it always.
 */
export function loadCompiledCli(dir: URL, cacheFile: CodeCacheFile): CompiledCli {
  const file = fileURLToPath(new URL(CLI_BUNDLE_FILE, dir));
  const bytes = readFileSync(file);
  let cachedData: Buffer | undefined;
  if (process.env.DLEXAM_CODE_CACHE !== '0') {
    try {
      const cache = readFileSync(new URL(cacheFile, dir));
      if (cache.subarray(0, DIGEST_BYTES).equals(sha256(bytes)))
        cachedData = cache.subarray(DIGEST_BYTES);
    } catch {
      // No cache (a build that skipped it): compiled from source.
    }
  }
  const script = new vm.Script(
    // CommonJS's own module wrapper.
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`,
    {
      filename: file,
      cachedData,
    },
  );
  const module = {
    exports: {} as {
      main?: CompiledCli['main'];
      useModuleImport?: (load: (url: string) => Promise<unknown>) => void;
    },
  };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  if (typeof module.exports.main !== 'function')
    throw new Error(`${file} exports no main(): rebuild the CLI (pnpm build)`);
  // The bundle's `import()`s are `require()`s (esbuild's, for CommonJS): an instructor's template
  // module, an ES module, is imported with this module's own `import()`.
  module.exports.useModuleImport?.((url) => import(url));
  return {
    main: module.exports.main,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    // The bundle read again, so a run does not keep its bytes.
    codeCache: () => Buffer.concat([sha256(readFileSync(file)), script.createCachedData()]),
  };
}

/** Writes `cli`'s code cache so far beside its bundle (the build's `scripts/code-cache.ts`). */
export function writeCodeCache(cli: CompiledCli, dir: URL, cacheFile: CodeCacheFile): void {
  writeFileSync(new URL(cacheFile, dir), cli.codeCache());
}
