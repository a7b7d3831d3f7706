import {
  mkdirSync,
  rmdirSync,
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
  /**
   * Runs `cleanup` on SIGINT/SIGTERM, then ends the process (exit 130/143); returns the handlers'
   * removal. Absent in tests that run `main` in-process.
   */
  trapSignals?: (cleanup: () => void) => () => void;
}

export { processIo } from './process-io.js';

/**
 * Creates the missing directories of `abs` one level at a time, from its nearest existing
 * ancestor down. Node 20's recursive `mkdirSync` never returns under /proc (it retries the parent
 * forever); one level at a time, such a place fails at once with the system's reason.
 */
export function makeDirs(abs: string): string[] {
  const missing: string[] = [];
  let d = abs;
  for (;;) {
    let exists = true;
    try {
      statSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      exists = false;
    }
    if (exists) break;
    missing.push(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  if (missing.length && !statSync(d).isDirectory()) throw new Error(`${d} is not a directory`);
  const created: string[] = [];
  for (const m of missing.reverse()) {
    mkdirSync(m);
    created.push(m);
  }
  return created;
}

/**
 * Checks that `dir` can be written without leaving anything behind: an existing directory must be
 * writable; a missing one is created to get the system's own answer at once (a place such as
 * /proc refuses at once) and removed again. A run refused later (bad spec, export error) then
 * leaves no empty `--out` folder; `ensureWritableDir` creates it when the files are ready.
 */
export function checkWritableDir(dir: string, at = '--out'): string {
  const abs = resolve(dir);
  try {
    const created = makeDirs(abs);
    if (!statSync(abs).isDirectory()) throw new Error('not a directory');
    accessSync(abs, constants.W_OK);
    for (const d of created.reverse()) rmdirSync(d);
  } catch (e) {
    throw new DlexamError(
      `cannot write to directory ${abs} (${(e as Error).message.split('\n')[0]}); choose a writable --out`,
      at,
    );
  }
  return abs;
}

/** Makes sure `dir` exists and is writable, with a clear error otherwise. */
export function ensureWritableDir(dir: string, at = '--out'): string {
  const abs = resolve(dir);
  try {
    makeDirs(abs);
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
      makeDirs(dirname(target));
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

/**
 * The byte offset of the first byte that is not valid UTF-8 (a stray byte, a truncated or
 * overlong sequence, a surrogate or a code point above U+10FFFF), or -1 when all of it is.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}
