/**
 * Build step (`pnpm --filter dlexam build` runs it last): V8's code caches of `dist/cli.cjs`
 * (`compiled-cli.ts`). The bundle is compiled without a cache and trained on the commands people
 * run first; a cache then holds the bytecode of every function those runs compiled, so a later run
 * deserialises it instead of parsing and compiling. First a preview and a describe (the cache of
 * the commands about one template), then the sample exam in every format, `list` and a Moodle
 * export (the full cache). Outputs do not depend on it: a test runs the CLI with and without.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_CACHES, loadCompiledCli, writeCodeCache } from '../src/compiled-cli.js';

const dist = new URL('./', import.meta.url);
for (const file of Object.values(CODE_CACHES)) rmSync(new URL(file, dist), { force: true });

const cli = loadCompiledCli(dist, CODE_CACHES.full);
const out = mkdtempSync(join(tmpdir(), 'dlexam-code-cache-'));
let said = '';
const io = {
  stdout: () => {},
  stderr: (s: string) => void (said += s),
  cwd: out,
  isTTY: false,
  secretSeed: () => 'code-cache',
};
async function train(...runs: string[][]): Promise<void> {
  for (const argv of runs) {
    const code = await cli.main(argv, io);
    if (code !== 0)
      throw new Error(
        `dlexam ${argv.join(' ')} exited ${code} while training the code cache:\n${said}`,
      );
  }
}
try {
  await train(
    ['preview', 'cnn.conv-output-size', '--seed', '1'],
    ['describe', 'cnn.conv-output-size'],
  );
  writeCodeCache(cli, dist, CODE_CACHES.template);
  await train(
    ['generate'],
    ['list'],
    ['generate', '--topics', 'cnn', '--count', '50', '--format', 'moodle', '--out', 'conv'],
  );
  writeCodeCache(cli, dist, CODE_CACHES.full);
} finally {
  rmSync(out, { recursive: true, force: true });
}
