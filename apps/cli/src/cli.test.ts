import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import { runCli } from './cli-harness.js';
import { registry } from 'dlexam';

const run = (argv: string[], cwd?: string, isTTY = false) =>
  runCli(argv, cwd ?? mkdtempSync(join(tmpdir(), 'dlexam-cli-')), isTTY);

/** A user error: exit 2, exactly one line on stderr, no stack trace. */
function expectUsageError(r: Awaited<ReturnType<typeof run>>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('dlexam list / describe / preview', async () => {
  it('lists templates with pool sizes and seed rows', async () => {
    const r = await run(['list', '--topic', 'cnn', '--json']);
    expect(r.code).toBe(0);
    const { templates } = JSON.parse(r.stdout);
    const conv = templates.find((t: { id: string }) => t.id === 'cnn.conv-output-size');
    expect(conv.seedRows).toContain('S001-conv-15');
    expect(conv.pool.variants).toBeGreaterThan(100);
    expect(new Set(templates.map((t: { topic: string }) => t.topic))).toEqual(new Set(['cnn']));
    expect((await run(['list', '--topic', 'cnn'])).stdout).toMatch(
      /cnn\.conv-output-size .* S001-conv-15/,
    );
    expectUsageError(await run(['list', '--topic', 'vision']), /--topic: unknown topic 'vision'/);
  });

  it('previews a seed row exactly', async () => {
    const r = await run(['preview', 'cnn.conv-output-size', '--fixture', 'S001-conv-15', '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.templateId).toBe('cnn.conv-output-size');
    expect(v.answer.numeric.value).toBe(6);
    const text = await run(['preview', 'cnn.conv-output-size', '--seed', '7']);
    expect(text.stdout).toMatch(/Answer:/);
    expect(text.stdout).toMatch(/Solution:/);
    expect((await run(['preview', 'cnn.conv-output-size', '--seed', '7'])).stdout).toBe(
      text.stdout,
    );
  });

  it('describes parameters, as text and JSON Schema', async () => {
    const r = await run(['describe', 'cnn.conv-output-size', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'object', additionalProperties: false });
    expect((await run(['describe', 'cnn.conv-output-size'])).stdout).toMatch(/Parameters:/);
  });

  it('prints help for every command', async () => {
    for (const c of ['list', 'describe', 'preview', 'generate']) {
      const r = await run([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: dlexam ${c}`));
    }
  });

  it('rejects bad input with one clear line and exit code 2', async () => {
    expectUsageError(
      await run(['preview', 'cnn.conv-output-sise']),
      /unknown template 'cnn.conv-output-sise'; did you mean cnn.conv-output-size/,
    );
    expectUsageError(
      await run(['preview', 'cnn.conv-output-size', '--seed', 'no way']),
      /--seed: invalid seed/,
    );
    expectUsageError(
      await run(['preview', 'cnn.conv-output-size', '--kind', 'essay']),
      /unknown kind 'essay'/,
    );
    expectUsageError(
      await run(['preview', 'cnn.conv-output-size', '--params', '{nope']),
      /--params: not valid JSON/,
    );
    expectUsageError(
      await run(['preview', 'cnn.conv-output-size', '--fixture', 'S999']),
      /has no fixture 'S999'/,
    );
    expectUsageError(
      await run(['generate', '--count', '0']),
      /--count: must be a whole number from 1/,
    );
    expectUsageError(
      await run(['generate', '--versions', 'many']),
      /--versions: must be a whole number/,
    );
    expectUsageError(
      await run(['generate', '--format', 'docx']),
      /--format: unknown value 'docx'; allowed: json, moodle/,
    );
    expectUsageError(
      await run(['generate', '--topics', 'cnn,vision']),
      /--topics: unknown topic 'vision'/,
    );
    expectUsageError(await run(['generate', '--bogus']), /unknown option --bogus/);
    expectUsageError(await run(['frobnicate']), /unknown command 'frobnicate'/);
  });
});

describe('dlexam generate', async () => {
  it('writes byte-identical JSON for the same spec and seed', async () => {
    const a = await run([
      'generate',
      '--topics',
      'cnn',
      '--count',
      '2',
      '--versions',
      '3',
      '--seed',
      's42',
      '--format',
      'json',
    ]);
    const b = await run([
      'generate',
      '--topics',
      'cnn',
      '--count',
      '2',
      '--versions',
      '3',
      '--seed',
      's42',
      '--format',
      'json',
    ]);
    expect(a.code, a.stderr).toBe(0);
    const file = 'sample-deep-learning-exam.exam.json';
    const ja = readFileSync(join(a.cwd, 'out', file), 'utf8');
    expect(readFileSync(join(b.cwd, 'out', file), 'utf8')).toBe(ja);
    const exam = JSON.parse(ja);
    expect(exam.schema).toBe('dlexam.exam/1');
    expect(exam.seed).toBe('s42');
    expect(exam.versions).toHaveLength(3);
    const q = exam.versions[0].questions[0].variant;
    for (const key of [
      'templateId',
      'seed',
      'kind',
      'params',
      'answer',
      'stem',
      'choices',
      'solution',
    ])
      expect(q).toHaveProperty(key);
  });

  it('writes every format: Moodle XML, Canvas QTI zip and the HTML set', async () => {
    const r = await run([
      'generate',
      '--topics',
      'cnn,rnn',
      '--count',
      '1',
      '--versions',
      '2',
      '--seed',
      'fmt',
      '--format',
      'json,moodle,qti,html',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = join(r.cwd, 'out');
    const slug = 'sample-deep-learning-exam';
    const xml = readFileSync(join(out, `${slug}.moodle.xml`), 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    // One category per slot, each holding both versions' variants.
    expect(xml.match(/<question type="category">/g)?.length).toBeGreaterThanOrEqual(2);
    const zip = unzipSync(new Uint8Array(readFileSync(join(out, `${slug}.qti.zip`))));
    expect(Object.keys(zip)).toContain('imsmanifest.xml');
    const html = readdirSync(join(out, slug));
    expect(html).toEqual(
      expect.arrayContaining([
        'version-A.html',
        'version-B.html',
        'answer-key.html',
        'answer-key.csv',
        'solutions.html',
      ]),
    );
    // No temporary file is left behind.
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.skipIf(!runsBrowserTests())(
    'prints PDFs with the local Chromium and keeps the CSV answer key',
    async () => {
      const r = await run(
        [
          'generate',
          '--topics',
          'cnn',
          '--count',
          '1',
          '--versions',
          '1',
          '--seed',
          'pdf',
          '--format',
          'pdf',
        ],
        undefined,
        true,
      );
      expect(r.code, r.stderr).toBe(0);
      // On a terminal, one progress line counts the printed files (three: version, key, solutions).
      expect(r.stderr).toContain('\rrendering pdf 0/3\x1b[K');
      expect(r.stderr).toContain('\rrendering pdf 3/3\x1b[K\n');
      const dir = join(r.cwd, 'out', 'sample-deep-learning-exam');
      expect(readdirSync(dir).sort()).toEqual([
        'answer-key.csv',
        'answer-key.pdf',
        'solutions.pdf',
        'version-A.pdf',
      ]);
      expect(readFileSync(join(dir, 'version-A.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    },
  );

  it('shows progress on a terminal only, on stderr', async () => {
    const argv = ['generate', '--topics', 'cnn', '--count', '2', '--seed', 'tty'];
    const tty = await run([...argv, '--format', 'json,moodle'], undefined, true);
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toBe(
      '\rgenerating questions 4/4\n\rrendering json\x1b[K\rrendering moodle\x1b[K\n',
    );
    const piped = await run([...argv, '--format', 'json,moodle']);
    expect(piped.stderr).toBe('');
    expect(piped.stdout.replaceAll(piped.cwd, '')).toBe(tty.stdout.replaceAll(tty.cwd, ''));
  });

  // The built command as a shell runs it (dist exists after the Quick start's `pnpm build`).
  const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
  it.skipIf(!existsSync(bin))('exits quietly when its reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [bin, 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Close the pipe before it writes, as `dlexam list | head -1` does once head has its line.
    child.stdout.destroy();
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('records a random secret seed when none is given', async () => {
    const r = await run(['generate', '--topics', 'cnn', '--count', '1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/seed secret0123 \(random; keep it secret/);
  });

  it('reads an exam spec from YAML and names the bad field of a malformed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-spec-'));
    writeFileSync(
      join(dir, 'exam.yaml'),
      'title: Quiz 3\nseed: q3\nversions: 2\nslots:\n  - template: cnn.conv-output-size\n    count: 2\n    points: 3\n',
    );
    const ok = await run(
      ['generate', '--spec', 'exam.yaml', '--format', 'json', '--out', 'o'],
      dir,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'o', 'quiz-3.exam.json'), 'utf8')).totalPoints).toBe(
      6,
    );
    writeFileSync(
      join(dir, 'bad.yaml'),
      'title: Quiz\nslots:\n  - template: cnn.conv-output-size\n    count: -1\n',
    );
    expectUsageError(
      await run(['generate', '--spec', join(dir, 'bad.yaml')], dir),
      /spec.slots\[0\].count: must be a whole number/,
    );
    writeFileSync(join(dir, 'broken.yaml'), 'title: [unclosed\n');
    expectUsageError(
      await run(['generate', '--spec', join(dir, 'broken.yaml')], dir),
      /is not valid YAML/,
    );
    expectUsageError(
      await run(['generate', '--spec', join(dir, 'missing.yaml')], dir),
      /cannot read .*missing.yaml: ENOENT/,
    );
  });

  it('refuses an unwritable output and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-out-'));
    writeFileSync(join(dir, 'taken'), 'a file, not a directory');
    expectUsageError(
      await run(['generate', '--out', join(dir, 'taken'), '--format', 'json'], dir),
      /--out: cannot write to directory/,
    );
    // A slot pinned to one parameter set cannot fill two versions: refused before anything is written.
    const fixture = registry.get('cnn.conv-output-size').fixtures![0]!;
    writeFileSync(
      join(dir, 'pinned.json'),
      JSON.stringify({
        title: 'Pinned',
        versions: 2,
        slots: [{ template: 'cnn.conv-output-size', params: fixture.params }],
      }),
    );
    const r = await run(['generate', '--spec', 'pinned.json', '--out', 'o2'], dir);
    expectUsageError(
      r,
      /spec.slots\[0\]: needs 2 distinct variants \(1 × 2 versions\) but its pool holds 1/,
    );
    // Nothing is created for a rejected run, not even the --out folder.
    expect(existsSync(join(dir, 'o2'))).toBe(false);
  });
});

describe('the README', () => {
  const readme = readFileSync(
    join(fileURLToPath(import.meta.url), '../../../../README.md'),
    'utf8',
  );

  /** Splits a shell line the way sh would for these examples (single quotes, no escapes). */
  const words = (line: string) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);

  it('every `pnpm dlexam` example runs, with the exam.yaml shown in it', async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeTruthy();
    // The spec the README shows ships as examples/exam.yaml, which its examples use.
    const shipped = readFileSync(
      join(fileURLToPath(import.meta.url), '../../../../examples/exam.yaml'),
      'utf8',
    );
    expect(shipped).toBe(yaml);
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-readme-'));
    mkdirSync(join(dir, 'examples'));
    writeFileSync(join(dir, 'examples', 'exam.yaml'), yaml!);
    const lines = readme
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter((l) => l.startsWith('pnpm dlexam '));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const r = await run(words(line).slice(2), dir);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    }
    const exam = JSON.parse(
      readFileSync(join(dir, 'out', 'deep-learning-midterm.exam.json'), 'utf8'),
    );
    expect(exam.versions).toHaveLength(3);
    const narrowed = exam.versions.flatMap(
      (v: { questions: { slot: number; variant: { params: Record<string, unknown> } }[] }) =>
        v.questions.filter((q) => q.slot === 0).map((q) => q.variant.params),
    );
    for (const p of narrowed) {
      expect([1, 2]).toContain(p.s);
      expect([3, 5, 7]).toContain(p.k);
      expect(p.padMode).toBe('per-side');
    }
  });
});

describe('--version', () => {
  it('prints the version of the CLI package itself', async () => {
    const pkg = JSON.parse(
      readFileSync(join(fileURLToPath(import.meta.url), '../../package.json'), 'utf8'),
    ) as { version: string };
    const r = await run(['--version']);
    expect(r.stdout).toBe(`dlexam ${pkg.version}\n`);
  });
});
