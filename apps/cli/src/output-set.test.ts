import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, OutputSet, recoverOutput, type Io } from 'dlexam';
import { snapshot } from './cli-harness.js';

/** Issue 20: --out holds the complete previous set or the complete new one, whatever happens. */

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    isTTY: false,
    secretSeed: () => 'secret0123',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Every file below `dir` (hidden ones too) with a hash of its bytes. */

const SLUG = 'sample-deep-learning-exam';
const exam = (versions: number, seed = 'same', formats = 'json,moodle,html') => [
  'generate',
  '--topics',
  'cnn',
  '--count',
  '1',
  '--versions',
  String(versions),
  '--seed',
  seed,
  '--format',
  formats,
];

/** Leftover staging folders in `dir` (where a set is staged next to `dir/out`). */
const staging = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.dlexam-staging-'));

describe('an output set that is never half-written', () => {
  it('removes the exam’s own stale files and keeps everyone else’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(5), dir)).code).toBe(0);
    const out = join(dir, 'out');
    expect(readdirSync(join(out, SLUG))).toContain('version-E.html');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, SLUG, 'room-plan.txt'), 'mine too');
    mkdirSync(join(out, SLUG, 'scans'));
    writeFileSync(join(out, SLUG, 'scans', 'a.txt'), 'scan');
    const r = await run(exam(2, 'same', 'json,html'), dir);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(out, SLUG)).sort();
    // Versions C–E and the format not asked for this time are gone with the old set.
    expect(files.filter((f) => f.startsWith('version-'))).toEqual([
      'version-A.html',
      'version-B.html',
    ]);
    expect(existsSync(join(out, `${SLUG}.moodle.xml`))).toBe(false);
    // Anyone else's files stay, byte for byte.
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, SLUG, 'room-plan.txt'), 'utf8')).toBe('mine too');
    expect(readFileSync(join(out, SLUG, 'scans', 'a.txt'), 'utf8')).toBe('scan');
    // Even when the new set has no HTML folder at all.
    expect((await run(exam(2, 'same', 'json'), dir)).code).toBe(0);
    expect(readdirSync(join(out, SLUG)).sort()).toEqual(['room-plan.txt', 'scans']);
    expect(JSON.parse(readFileSync(join(out, `.${SLUG}.dlexam.json`), 'utf8')).files).toEqual([
      `${SLUG}.exam.json`,
    ]);
    expect(staging(dir)).toEqual([]);
  });

  it('the same seed gives the same bytes, whatever was in --out before', async () => {
    const a = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    const b = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(4), a)).code).toBe(0);
    expect((await run(exam(3), a)).code).toBe(0);
    expect((await run(exam(3), b)).code).toBe(0);
    expect(snapshot(join(a, 'out'))).toEqual(snapshot(join(b, 'out')));
  });

  it('the sample exam (no spec, topics, count or title) runs again; an exam without a seed does not replace another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    // A fresh secret seed on every call, as on a real terminal.
    let n = 0;
    const fresh = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main(argv, {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        cwd: dir,
        isTTY: false,
        secretSeed: () => `fresh${++n}`,
      });
      return { code, stdout, stderr };
    };
    const first = await fresh(['generate', '--format', 'json,moodle']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('seed sample');
    expect(first.stdout).not.toContain('random');
    const before = snapshot(join(dir, 'out'));
    const again = await fresh(['generate', '--format', 'json,moodle']);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(join(dir, 'out'))).toEqual(before);
    // Asked for topics, the exam is a real one: a secret seed each run, and the second run is
    // another exam, refused without --force.
    const other = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    const topics = ['generate', '--topics', 'cnn', '--format', 'json', '--out', join(other, 'out')];
    const a = await fresh(topics);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('(random; keep it secret');
    const b = await fresh(topics);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/another exam \(a different seed\)/);
  });

  it('refuses to overwrite a different exam’s files without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(2, 'first'), dir)).code).toBe(0);
    const before = snapshot(join(dir, 'out'));
    const r = await run(exam(2, 'second'), dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /--out: .* holds another exam \(a different seed\) under the name 'sample-deep-learning-exam' .*--force/,
    );
    expect(snapshot(join(dir, 'out'))).toEqual(before);
    expect(staging(dir)).toEqual([]);
    // A random secret seed is a different exam each time: its only record is never overwritten.
    expect((await run(['generate', '--topics', 'cnn', '--count', '1'], dir)).code).toBe(2);
    const forced = await run([...exam(2, 'second'), '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', `${SLUG}.exam.json`), 'utf8')).seed).toBe(
      'second',
    );
  });

  it('tells sets written before manifests apart by their exam JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(3, 'old'), dir)).code).toBe(0);
    const out = join(dir, 'out');
    // As dlexam wrote it before: no manifest, a leftover temporary of a killed run.
    renameSync(join(out, `.${SLUG}.dlexam.json`), join(dir, 'manifest'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(out, `${SLUG}.moodle.xml.tmp-${dead}`), 'half');
    expect((await run(exam(2, 'new'), dir)).code).toBe(2);
    expect((await run(exam(2, 'old'), dir)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      `.${SLUG}.dlexam.json`,
      SLUG,
      `${SLUG}.exam.json`,
      `${SLUG}.moodle.xml`,
    ]);
    expect(readdirSync(join(out, SLUG))).not.toContain('version-C.html');
    // Files at the exam's names that no exam JSON vouches for are not replaced silently.
    const other = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    mkdirSync(join(other, 'out', `${SLUG}.moodle.xml`), { recursive: true });
    const r = await run(exam(2, 'old'), other);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/files dlexam cannot tell are this exam’s .*--force/);
    expect(existsSync(join(other, 'out', `${SLUG}.moodle.xml`))).toBe(true);
  });

  it('a failing swap puts the previous set back and says nothing was changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(2), dir)).code).toBe(0);
    const out = join(dir, 'out');
    const before = snapshot(out);
    const set = new OutputSet(out, { slug: SLUG, seed: 'same' });
    set.write(`${SLUG}.exam.json`, '{}\n');
    set.write(`${SLUG}/version-A.html`, '<p>new</p>');
    set.write(`${SLUG}.qti.zip`, 'zip');
    // Someone puts a folder where the new set's last entry goes, after the checks: its rename fails.
    mkdirSync(join(out, `${SLUG}.qti.zip`, 'x'), { recursive: true });
    expect(() => set.commit()).toThrow(
      /could not write the exam into .*out: .*; nothing there was changed/,
    );
    const after = snapshot(out);
    expect(after).toEqual({ ...before });
    expect(existsSync(join(out, `${SLUG}.qti.zip`, 'x'))).toBe(true);
    expect(staging(dir)).toEqual([]);
  });

  it('the next run rolls back a swap that a kill interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(exam(3), dir)).code).toBe(0);
    const out = join(dir, 'out');
    const before = snapshot(out);
    // What SIGKILL leaves in the middle of a swap: a journal, two old entries moved aside, one
    // new entry moved in, the rest still staged.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const st = join(dir, `.dlexam-staging-${dead}-out`);
    mkdirSync(join(st, 'old'), { recursive: true });
    mkdirSync(join(st, 'new', SLUG), { recursive: true });
    writeFileSync(join(st, 'target.json'), JSON.stringify({ out }));
    const old = [`.${SLUG}.dlexam.json`, `${SLUG}.exam.json`, `${SLUG}.moodle.xml`, SLUG];
    const neu = [`.${SLUG}.dlexam.json`, `${SLUG}.exam.json`, SLUG];
    writeFileSync(join(st, 'journal.json'), JSON.stringify({ out, old, new: neu }));
    writeFileSync(join(st, 'new', SLUG, 'version-A.html'), 'new');
    writeFileSync(join(st, 'new', `${SLUG}.exam.json`), 'new');
    renameSync(join(out, old[0]!), join(st, 'old', old[0]!));
    renameSync(join(out, old[1]!), join(st, 'old', old[1]!));
    writeFileSync(join(out, neu[0]!), 'new manifest');
    expect(snapshot(out)).not.toEqual(before);
    recoverOutput(out, SLUG);
    expect(snapshot(out)).toEqual(before);
    expect(staging(dir)).toEqual([]);
  });

  const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
  const big = [
    'generate',
    '--topics',
    'cnn,rnn',
    '--count',
    '2',
    '--versions',
    '30',
    '--seed',
    'kill',
    '--format',
    'json,moodle,qti,html',
  ];
  const start = (argv: string[], cwd: string) =>
    spawn(process.execPath, [bin, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const finished = (child: ReturnType<typeof start>) =>
    new Promise<{ code: number | null; signal: string | null; stderr: string }>((done) => {
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => done({ code, signal, stderr }));
    });

  it.skipIf(!existsSync(bin))(
    'a process killed by its PID at a random point leaves the old set or the new one',
    async () => {
      const ref = mkdtempSync(join(tmpdir(), 'dlexam-kill-'));
      expect((await run(exam(2, 'kill', 'json,moodle,qti,html'), ref)).code).toBe(0);
      const oldSet = snapshot(join(ref, 'out'));
      const t0 = Date.now();
      const full = await finished(start(big, ref));
      expect(full.code, full.stderr).toBe(0);
      const took = Date.now() - t0;
      const newSet = snapshot(join(ref, 'out'));
      for (let i = 0; i < 4; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'dlexam-kill-'));
        expect((await run(exam(2, 'kill', 'json,moodle,qti,html'), dir)).code).toBe(0);
        // Anywhere from start-up to just after the end, the last draw in the swap's quarter.
        const at = i === 3 ? took * (0.85 + 0.2 * Math.random()) : took * Math.random();
        const child = start(big, dir);
        const exit = finished(child);
        await new Promise((r) => setTimeout(r, at));
        try {
          process.kill(child.pid!, 'SIGKILL');
        } catch (e) {
          // The draws after the end find the run finished.
          expect((e as NodeJS.ErrnoException).code).toBe('ESRCH');
        }
        await exit;
        const out = join(dir, 'out');
        const seen = snapshot(out);
        const pending = staging(dir).some((s) => existsSync(join(dir, s, 'journal.json')));
        // Only a kill inside the few renames of the swap leaves a journal; the next run undoes it.
        if (pending) recoverOutput(out, SLUG);
        else expect([oldSet, newSet], `killed after ${Math.round(at)} ms`).toContainEqual(seen);
        expect([oldSet, newSet], `killed after ${Math.round(at)} ms`).toContainEqual(snapshot(out));
        // The next run clears what the killed one staged.
        expect((await run(exam(2, 'kill', 'json'), dir)).code).toBe(0);
        expect(staging(dir)).toEqual([]);
      }
    },
    120_000,
  );

  it.skipIf(!existsSync(bin))(
    'SIGINT and SIGTERM remove what was staged and leave --out as it was',
    async () => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'dlexam-sig-'));
        expect((await run(exam(2, 'kill', 'json,moodle,qti,html'), dir)).code).toBe(0);
        const before = snapshot(join(dir, 'out'));
        const child = start(big, dir);
        const exit = finished(child);
        // Once the run has begun writing its files.
        while (!staging(dir).length) await new Promise((r) => setTimeout(r, 5));
        process.kill(child.pid!, signal);
        const r = await exit;
        expect(r.code, r.stderr).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(r.stderr).toMatch(
          new RegExp(`dlexam: interrupted \\(${signal}\\); no file was written`),
        );
        expect(staging(dir)).toEqual([]);
        expect(snapshot(join(dir, 'out'))).toEqual(before);
      }
    },
    120_000,
  );

  it('creates nothing for a refused run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-set-'));
    expect((await run(['generate', '--format', 'docx'], dir)).code).toBe(2);
    expect((await run(['generate', '--topics', 'vision'], dir)).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('formats written in pieces', () => {
  it('a file of many small text pieces and byte pieces is written byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-pieces-'));
    const out = join(dir, 'out');
    const set = new OutputSet(out, { slug: SLUG, seed: 'pieces' });
    // Text pieces cross the 64 Ki-character joins; byte pieces (a zip's) cut them short.
    const pieces: (string | Uint8Array)[] = [];
    for (let i = 0; i < 3000; i++) {
      pieces.push(`<question n="${i}">${'é'.repeat(i % 97)}</question>\n`);
      if (i % 700 === 0) pieces.push(new Uint8Array([0, 255, i % 256]));
    }
    await set.put(`${SLUG}.moodle.xml`, pieces);
    set.commit();
    const expected = Buffer.concat(
      pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
    );
    expect(readFileSync(join(out, `${SLUG}.moodle.xml`)).equals(expected)).toBe(true);
    expect(expected.length).toBeGreaterThan(3 * 65536);
  });

  it('the exam JSON streamed version by version is the same bytes as one JSON.stringify', async () => {
    const { assembleExam, parseExamSpec } = await import('@dlexam/generator');
    const { registry, examJsonChunks } = await import('dlexam');
    for (const versions of [1, 3]) {
      const spec = parseExamSpec(
        { title: 'Chunks "quoted"\n', versions, slots: [{ topic: 'rnn', count: 2 }] },
        registry,
      );
      const exam = assembleExam(spec, registry, { seed: 'chunks' });
      expect([...examJsonChunks(exam)].join('')).toBe(
        JSON.stringify({ schema: 'dlexam.exam/1', ...exam }, null, 2) + '\n',
      );
    }
  });
});
