import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  accessSync,
  constants,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DlexamError } from '@dlexam/generator';

/** Where a command writes and how it reports; tests pass their own. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Progress lines go to stderr only when it is a terminal. */
  isTTY: boolean;
  /** A fresh secret seed for exams without one (crypto randomness, never Math.random). */
  secretSeed: () => string;
}

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    secretSeed: () => randomBytes(8).toString('hex'),
  };
}

/** Makes sure `dir` exists and is writable, with a clear error otherwise. */
export function ensureWritableDir(dir: string, at = '--out'): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
    if (!statSync(abs).isDirectory()) throw new Error('not a directory');
    accessSync(abs, constants.W_OK);
  } catch (e) {
    throw new DlexamError(
      `cannot write to directory ${abs} (${(e as Error).message.split('\n')[0]}); choose a writable --out`,
      at,
    );
  }
  return abs;
}

export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * Writes files so that none is ever half-written: each goes to a temporary name in its own
 * directory and is renamed into place; on any failure the temporaries are removed.
 */
export function writeFilesAtomically(root: string, files: OutputFile[]): string[] {
  const written: string[] = [];
  const temps: string[] = [];
  try {
    const staged = files.map((f) => {
      const target = join(root, f.path);
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.tmp-${process.pid}`;
      temps.push(tmp);
      writeFileSync(tmp, f.content);
      return [tmp, target] as const;
    });
    for (const [tmp, target] of staged) {
      renameSync(tmp, target);
      written.push(target);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw new DlexamError(
      `could not write output: ${(e as Error).message.split('\n')[0]}`,
      '--out',
    );
  }
  return written;
}
