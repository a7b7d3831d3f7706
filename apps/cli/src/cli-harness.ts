import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from 'dlexam';

/**
 * Runs the CLI in-process for tests, capturing what it prints: a fresh temporary working folder
 * unless `cwd` is given, stdout/stderr as strings, and a fixed secret seed.
 */
export async function runCli(
  argv: string[],
  cwd = mkdtempSync(join(tmpdir(), 'dlexam-cli-')),
  isTTY = false,
): Promise<{ code: number; stdout: string; stderr: string; cwd: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    isTTY,
    secretSeed: () => 'secret0123',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, cwd };
}
