/**
 * Build step (`pnpm --filter dlexam build` runs it last): V8's code cache of `dist/cli.cjs`, into
 * `dist/cli.cjs.cache`. The bundle is compiled without a cache and trained on the commands people
 * run first (the sample exam in every format, `list`, a preview); the cache then holds the bytecode
 * of every function those runs compiled, so a later run deserialises it instead of parsing and
 * compiling. Outputs do not depend on it: a test runs the CLI with and without the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_CODE_CACHE_FILE, loadCompiledCli, writeCodeCache } from '../src/compiled-cli.js';

const dist = new URL('./', import.meta.url);
rmSync(new URL(CLI_CODE_CACHE_FILE, dist), { force: true });
const cli = loadCompiledCli(dist);
const out = mkdtempSync(join(tmpdir(), 'dlexam-code-cache-'));
let said = '';
const io = {
  stdout: () => {},
  stderr: (s: string) => void (said += s),
  cwd: out,
  isTTY: false,
  secretSeed: () => 'code-cache',
};
try {
  for (const argv of [
    ['generate'],
    ['list'],
    ['preview', 'cnn.conv-output-size', '--seed', '1'],
    ['generate', '--topics', 'cnn', '--count', '50', '--format', 'moodle', '--out', 'conv'],
  ]) {
    const code = await cli.main(argv, io);
    if (code !== 0)
      throw new Error(
        `dlexam ${argv.join(' ')} exited ${code} while training the code cache:\n${said}`,
      );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
writeCodeCache(cli, dist);
