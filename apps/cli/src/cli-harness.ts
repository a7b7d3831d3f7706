import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

/** Every file under `dir` (none when it is missing): its path relative to `dir` → SHA-256 of its bytes. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
