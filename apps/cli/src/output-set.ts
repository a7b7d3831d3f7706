import { scryptSync } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  createWriteStream,
  type WriteStream,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { DlexamError } from '@dlexam/generator';
import { makeDirs } from './io.js';
import { keepMemoryFlat } from './memory.js';

/**
 * An exam's output set — `<slug>.exam.json`, `<slug>.moodle.xml`, `<slug>.qti.zip`, the `<slug>/`
 * HTML folder and a small manifest `.<slug>.dlexam.json` naming the files and the exam they belong
 * to — written so that `--out` holds either the complete previous set or the complete new one:
 *
 * 1. Every file is written into a staging folder next to `--out` (`.dlexam-staging-<pid>-<name>`
 *    in its parent; inside `--out` when the parent cannot be written or is another file system).
 * 2. `commit()` swaps the set in. When `--out` does not exist yet, the staged folder becomes it in
 *    one rename. Otherwise a journal is written first, then the set's few top-level entries are
 *    renamed: the old ones into the staging folder, the new ones into `--out`. Any error rolls
 *    the old set back; a kill (even SIGKILL) is rolled back by the next `dlexam generate` into
 *    that folder, which finds the journal of a process that no longer runs.
 * 3. SIGINT/SIGTERM while the set is open remove the staging folder; the commit itself is
 *    synchronous, so a signal waits for it to finish.
 *
 * The exam's own stale files (a `version-C.html` of a run with more versions, a format not asked
 * for this time) go with the old set; files someone else put in `--out` or in `<slug>/` stay. A
 * set of a *different* exam (another seed) at the same names is refused unless `force`.
 */
export interface OutputSetOptions {
  slug: string;
  /** The exam's seed: only a slow hash of it is stored, in the manifest. */
  seed: string;
  /** Replace files that belong to another exam or to no exam dlexam can identify. */
  force?: boolean;
  /**
   * Installs handlers that call `cleanup` on SIGINT/SIGTERM and then end the process; returns
   * their removal. `processIo` provides it; tests that run `main` in-process leave it out.
   */
  trapSignals?: (cleanup: () => void) => () => void;
}

export const MANIFEST_SCHEMA = 'dlexam.outputs/1';
const STAGING = '.dlexam-staging-';
/** Characters of text pieces joined before a write (`writeChunks`). */
const COALESCE = 64 * 1024;

interface Manifest {
  schema: string;
  exam: string;
  files: string[];
}

interface Journal {
  out: string;
  /** Top-level entries of the old set, moved to `old/` (restored on rollback). */
  old: string[];
  /** Top-level entries of the new set, moved from `new/` into `--out`. */
  new: string[];
}

export function manifestName(slug: string): string {
  return `.${slug}.dlexam.json`;
}

/** A slow salted hash of the seed: tells exams apart without handing out the seed. */
export function examFingerprint(slug: string, seed: string): string {
  return scryptSync(seed, `${MANIFEST_SCHEMA}\0${slug}`, 16, { N: 1 << 12 }).toString('hex');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every file below `dir`, as paths relative to `base` with `/` separators. */
function walk(dir: string, base: string, into: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, into);
    else into.push(relative(base, p).split(sep).join('/'));
  }
  return into;
}

/** The paths dlexam writes inside `<slug>/` (for sets written before manifests existed). */
const HTML_SET_FILE =
  /^(version-[A-Z]+\.(html|pdf)|answer-key\.(html|csv|pdf)|solutions\.(html|pdf)|katex\/.+)$/;

function readManifest(path: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (m.schema === MANIFEST_SCHEMA && typeof m.exam === 'string' && Array.isArray(m.files))
      return m;
  } catch {
    /* unreadable or not ours: treated as absent */
  }
  return undefined;
}

/** Undoes a commit that a journal records as begun (idempotent: safe to run again). */
function rollback(staging: string, j: Journal): void {
  for (const e of j.new)
    if (!exists(join(staging, 'new', e))) rmSync(join(j.out, e), { recursive: true, force: true });
  for (const e of j.old) {
    const saved = join(staging, 'old', e);
    if (exists(saved)) renameSync(saved, join(j.out, e));
  }
}

/**
 * Finishes what killed runs left for `out`: rolls back a swap a journal records as begun and
 * removes staging folders; also removes the `<file>.tmp-<pid>` leftovers of older dlexam versions.
 */
export function recoverOutput(out: string, slug: string): void {
  const places = [dirname(out), out];
  for (const place of places) {
    let names: string[];
    try {
      names = readdirSync(place);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^\.dlexam-staging-(\d+)-/.exec(name);
      if (!m || pidAlive(Number(m[1]))) continue;
      const staging = join(place, name);
      let target: string | undefined;
      try {
        target = JSON.parse(readFileSync(join(staging, 'target.json'), 'utf8')).out;
      } catch {
        /* killed before it named its target: only this folder's own name says */
      }
      if (target !== undefined && target !== out) continue;
      if (target === undefined && !name.endsWith(`-${basename(out)}`) && place !== out) continue;
      const journal = join(staging, 'journal.json');
      if (exists(journal)) rollback(staging, JSON.parse(readFileSync(journal, 'utf8')) as Journal);
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const own = [`${slug}.exam.json`, `${slug}.moodle.xml`, `${slug}.qti.zip`];
  for (const [dir, pattern] of [
    [out, (n: string) => own.includes(n)],
    [join(out, slug), (n: string) => HTML_SET_FILE.test(n)],
  ] as const) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^(.*)\.tmp-(\d+)$/.exec(name);
      if (m && pattern(m[1]!) && !pidAlive(Number(m[2]))) rmSync(join(dir, name), { force: true });
    }
  }
}

export class OutputSet {
  out: string;
  private readonly staging: string;
  private fresh: boolean;
  private readonly ownOld = new Set<string>();
  private readonly keep: string[] = [];
  private readonly files: string[] = [];
  private readonly fileSet = new Set<string>();
  private readonly fingerprint: string;
  private readonly force: boolean;
  private readonly slug: string;
  private untrap: (() => void) | undefined;
  private open = true;

  /**
   * Prepares a set for `out` (an absolute path checked by `checkWritableDir`): finishes what
   * killed runs left, and refuses another exam's files before anything is written.
   */
  constructor(out: string, opts: OutputSetOptions) {
    this.slug = opts.slug;
    this.force = opts.force === true;
    this.fingerprint = examFingerprint(opts.slug, opts.seed);
    this.fresh = !existsSync(out);
    this.out = this.fresh ? out : realpathSync(out);
    recoverOutput(this.out, opts.slug);
    if (!this.fresh) this.readOld();
    // Next to --out when its parent can take it on the same file system, else inside --out.
    let place = dirname(this.out);
    if (this.fresh) while (!existsSync(place)) place = dirname(place);
    else if (!writable(place) || statSync(place).dev !== statSync(this.out).dev) place = this.out;
    this.staging = join(place, `${STAGING}${process.pid}-${basename(this.out)}`);
    this.untrap = opts.trapSignals?.(() => this.abort());
    try {
      // One level at a time: a recursive mkdir never returns under /proc on Node 20.
      makeDirs(join(this.staging, 'new'));
      writeFileSync(join(this.staging, 'target.json'), JSON.stringify({ out: this.out }));
    } catch (e) {
      this.abort();
      throw new DlexamError(
        `cannot write to directory ${this.out} (${(e as Error).message.split('\n')[0]}); choose a writable --out`,
        '--out',
      );
    }
  }

  /** Which of `out`'s entries are this exam's, and the foreign files inside `<slug>/`. */
  private readOld(): void {
    const manifest = readManifest(join(this.out, manifestName(this.slug)));
    const names = [
      `${this.slug}.exam.json`,
      `${this.slug}.moodle.xml`,
      `${this.slug}.qti.zip`,
      this.slug,
    ];
    let own: (rel: string) => boolean;
    let sameExam: boolean | undefined;
    if (manifest) {
      sameExam = manifest.exam === this.fingerprint;
      const listed = new Set(manifest.files);
      own = (rel) => listed.has(rel);
      this.ownOld.add(manifestName(this.slug));
    } else {
      // Written before manifests: the exam JSON (when there) names the seed.
      const json = join(this.out, `${this.slug}.exam.json`);
      if (existsSync(json))
        try {
          const seed = (JSON.parse(readFileSync(json, 'utf8')) as { seed?: unknown }).seed;
          sameExam =
            typeof seed === 'string' && examFingerprint(this.slug, seed) === this.fingerprint;
        } catch {
          sameExam = undefined;
        }
      own = (rel) =>
        names.slice(0, 3).includes(rel) ||
        (rel.startsWith(`${this.slug}/`) && HTML_SET_FILE.test(rel.slice(this.slug.length + 1)));
    }
    const present = names.filter((n) => exists(join(this.out, n)));
    if (!present.length && !manifest) return;
    if (sameExam !== true && !this.force)
      throw new DlexamError(
        `${this.out} holds ${sameExam === false ? 'another exam (a different seed)' : 'files dlexam cannot tell are this exam’s'} under the name '${this.slug}' (${present.join(', ') || manifestName(this.slug)}); add --force to replace them, or choose another --out or title`,
        '--out',
      );
    for (const n of present) {
      const p = join(this.out, n);
      const st = lstatSync(p);
      if (n === this.slug && st.isDirectory()) {
        // Inside <slug>/: the exam's own files go with the old set, anyone else's are kept.
        for (const rel of walk(p, this.out)) if (!own(rel)) this.keep.push(rel);
        this.ownOld.add(n);
      } else if (own(n) || this.force) this.ownOld.add(n);
      else
        throw new DlexamError(
          `${p} was not written by this exam (its manifest does not list it); add --force to replace it`,
          '--out',
        );
    }
    if (this.force && manifest) this.ownOld.add(manifestName(this.slug));
  }

  /** The staged path of `rel` (creating its folders), for writers that open files themselves. */
  path(rel: string): string {
    if (!this.open) throw new Error('output set is closed');
    const p = join(this.staging, 'new', rel);
    this.guard(() => mkdirSync(dirname(p), { recursive: true }));
    if (!this.fileSet.has(rel)) (this.fileSet.add(rel), this.files.push(rel));
    return p;
  }

  /** Runs a write to the staging folder; a failure (a full disk) aborts the set with one line. */
  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.abort();
      throw new DlexamError(
        `could not write the exam into ${this.out}: ${(e as Error).message.split('\n')[0]}; nothing there was changed`,
        '--out',
      );
    }
  }

  write(rel: string, content: string | Uint8Array): void {
    const p = this.path(rel);
    this.guard(() => writeFileSync(p, content));
  }

  /**
   * Writes `rel` from pieces as they are produced, waiting for the disk when its buffer is full
   * (back-pressure), so memory holds about one write (~64 KB) and one piece however large the file.
   */
  async writeChunks(rel: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
    const p = this.path(rel);
    const stream: WriteStream = createWriteStream(p);
    let failed: Error | undefined;
    let wake: (() => void) | undefined;
    stream.on('error', (e) => {
      failed = e;
      wake?.();
    });
    stream.on('drain', () => wake?.());
    const waitFor = (start: () => void) =>
      new Promise<void>((done) => {
        wake = done;
        start();
      }).then(() => {
        wake = undefined;
        if (failed) throw failed;
      });
    // Text pieces (a question's XML, a version's JSON) are joined to about COALESCE characters
    // before each write: one conversion to bytes and one write call per ~64 KB, not per piece.
    let pending = '';
    const send = async (chunk: string | Uint8Array) => {
      if (!stream.write(chunk)) await waitFor(() => {});
    };
    try {
      for (const chunk of chunks) {
        if (failed) throw failed;
        keepMemoryFlat();
        if (typeof chunk === 'string') {
          pending += chunk;
          if (pending.length < COALESCE) continue;
          await send(pending);
          pending = '';
        } else {
          if (pending) await send(pending);
          pending = '';
          await send(chunk);
        }
      }
      if (pending) await send(pending);
      await waitFor(() => stream.end(() => wake?.()));
    } catch (e) {
      stream.destroy();
      // A disk error is the set's to report; an error of the content (an exporter's) is thrown on.
      if (e !== failed) throw e;
      this.guard(() => {
        throw e;
      });
    }
  }

  /** Writes a whole file, or streams one given in pieces (see `writeChunks`). */
  async put(
    rel: string,
    content: string | Uint8Array | Iterable<string | Uint8Array>,
  ): Promise<void> {
    if (typeof content === 'string' || content instanceof Uint8Array) this.write(rel, content);
    else await this.writeChunks(rel, content);
  }

  /** Swaps the staged set in; returns the paths written (in `out`, in writing order). */
  commit(): string[] {
    if (!this.open) throw new Error('output set is closed');
    const manifest = manifestName(this.slug);
    const files = this.files.filter((f) => f !== manifest);
    this.write(
      manifest,
      JSON.stringify(
        { schema: MANIFEST_SCHEMA, exam: this.fingerprint, files: [...files].sort() },
        null,
        2,
      ) + '\n',
    );
    try {
      if (this.fresh) {
        makeDirs(dirname(this.out));
        try {
          renameSync(join(this.staging, 'new'), this.out);
        } catch (e) {
          // Another run created --out meanwhile: swap into it like into any existing folder.
          if (!['EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
          this.fresh = false;
          this.out = realpathSync(this.out);
          this.readOld();
        }
      }
      if (!this.fresh) {
        this.carryForeign();
        const top = [...new Set([...this.files, ...this.keep].map((f) => f.split('/')[0]!))];
        const journal: Journal = { out: this.out, old: [...this.ownOld], new: top };
        mkdirSync(join(this.staging, 'old'));
        writeFileSync(join(this.staging, 'journal.tmp'), JSON.stringify(journal));
        renameSync(join(this.staging, 'journal.tmp'), join(this.staging, 'journal.json'));
        try {
          for (const e of journal.old) renameSync(join(this.out, e), join(this.staging, 'old', e));
          for (const e of journal.new) renameSync(join(this.staging, 'new', e), join(this.out, e));
        } catch (e) {
          rollback(this.staging, journal);
          throw e;
        }
        rmSync(join(this.staging, 'journal.json'));
      }
    } catch (e) {
      this.abort();
      if (e instanceof DlexamError) throw e;
      throw new DlexamError(
        `could not write the exam into ${this.out}: ${(e as Error).message.split('\n')[0]}; nothing there was changed`,
        '--out',
      );
    }
    this.close();
    return files.map((f) => join(this.out, f));
  }

  /** Anyone else's files inside `<slug>/` go into the new folder too (hard links: no copy). */
  private carryForeign(): void {
    for (const rel of this.keep) {
      if (this.fileSet.has(rel)) {
        if (this.force) continue;
        throw new DlexamError(
          `${join(this.out, rel)} is not this exam's file, and the new set writes one there; add --force to replace it`,
          '--out',
        );
      }
      const to = join(this.staging, 'new', rel);
      mkdirSync(dirname(to), { recursive: true });
      try {
        linkSync(join(this.out, rel), to);
      } catch {
        copyFileSync(join(this.out, rel), to);
      }
    }
  }

  private close(): void {
    this.open = false;
    this.untrap?.();
    this.untrap = undefined;
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Removes everything staged; `out` is left as it was. */
  abort(): void {
    if (this.open) this.close();
  }
}
