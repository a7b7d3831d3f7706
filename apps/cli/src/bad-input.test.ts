import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from 'dlexam';

/**
 * Issue 19: every bad input a new user tried gets one clear line and exit code 2. Each case runs
 * the built command as a shell would (dist exists after the Quick start's `pnpm build`).
 */
const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/exam.yaml', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

function dlexam(args: string[], cwd = mkdtempSync(join(tmpdir(), 'dlexam-bad-'))): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Kills a hung run (the /proc case hung forever); generous, as a loaded machine is slow.
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr, cwd }));
  });
}

/** Exit 2, exactly this one line on stderr, nothing on stdout and no file written. */
function expectRefused(r: Run, line: string) {
  expect(r.stderr).toBe(`dlexam: ${line}\n`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(existsSync(join(r.cwd, 'out')) ? readdirSync(join(r.cwd, 'out')) : []).toEqual([]);
}

function specDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dlexam-bad-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const SEQ_NULL = '{"layers":[{"type":"linear","in":32,"out":4,"bias":false},null]}';

describe.skipIf(!existsSync(bin)).concurrent('issue 19: bad input, as a new user tries it', () => {
  describe('crashes', () => {
    it('null layer in foundations.sequential-params --params', async () => {
      expectRefused(
        await dlexam(['preview', 'foundations.sequential-params', '--params', SEQ_NULL]),
        'params.layers[1]: expected an object, got null',
      );
    });

    it('null term in foundations.partial-derivatives --params', async () => {
      const params = '{"terms":[null,{"c":1,"p":[1,0,0],"e":null}],"variable":"x","point":[1,1,1]}';
      expectRefused(
        await dlexam(['preview', 'foundations.partial-derivatives', '--params', params]),
        'params.terms[0]: expected an object, got null',
      );
    });

    it('term without p in foundations.partial-derivatives --params', async () => {
      const params =
        '{"terms":[{"c":1,"e":null},{"c":1,"p":[1,0,0],"e":null}],"variable":"x","point":[1,1,1]}';
      expectRefused(
        await dlexam(['preview', 'foundations.partial-derivatives', '--params', params]),
        'params.terms[0].p: missing; expected a list of 3 items (each an integer from 0 to 3)',
      );
    });

    it('null layer in generate --spec slot params', async () => {
      const dir = specDir({
        'exam.json': JSON.stringify({
          title: 'Q',
          slots: [{ template: 'foundations.sequential-params', params: JSON.parse(SEQ_NULL) }],
        }),
      });
      expectRefused(
        await dlexam(['generate', '--spec', 'exam.json'], dir),
        'spec.slots[0].params.layers[1]: expected an object, got null',
      );
    });

    it.skipIf(!existsSync('/proc/self'))('--out /proc/x fails at once', async () => {
      const r = await dlexam(['generate', '--out', '/proc/x', '--format', 'json', '--seed', 's']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^dlexam: --out: cannot write to directory \/proc\/x \(E[A-Z]+: [^\n]*\); choose a writable --out\n$/,
      );
    });
  });

  describe('accepted but wrong', () => {
    it('spec file that is not UTF-8', async () => {
      const dir = specDir({
        'latin1.yaml': Buffer.from('title: T\xe9st\nslots:\n  - topic: cnn\n', 'latin1'),
      });
      expectRefused(
        await dlexam(['generate', '--spec', 'latin1.yaml'], dir),
        `--spec: ${join(dir, 'latin1.yaml')} is not UTF-8 text (byte 0xe9 at offset 8); save it as UTF-8`,
      );
    });

    it('parameter names constructor, toString, hasOwnProperty', async () => {
      const params = 'op, dims, h, w, k, kw, s, sw, padMode, p, pw, d, cin, filters, axis';
      for (const name of ['constructor', 'toString', 'hasOwnProperty'])
        expectRefused(
          await dlexam(['preview', 'cnn.conv-output-size', '--params', `{"${name}": 1}`]),
          `params.${name}: template cnn.conv-output-size has no parameter '${name}'; its parameters are ${params}`,
        );
      const dir = specDir({
        'exam.json': JSON.stringify({
          title: 'Q',
          slots: [{ template: 'cnn.conv-output-size', params: { toString: 3 } }],
        }),
      });
      expectRefused(
        await dlexam(['generate', '--spec', 'exam.json'], dir),
        `spec.slots[0].params.toString: template cnn.conv-output-size has no parameter 'toString'; its parameters are ${params}`,
      );
      expectRefused(
        await dlexam(['constructor']),
        "unknown command 'constructor'; commands: list, describe, preview, generate, analyze, check, new-template, completion (see 'dlexam --help')",
      );
    });

    it('non-Latin titles get their own file names; Windows device names are guarded', async () => {
      const dir = specDir({
        'zh.yaml': 'title: 深度学习期中考试\nslots:\n  - topic: cnn\n',
        'el.yaml': 'title: Βαθιά Μάθηση\nslots:\n  - topic: cnn\n',
        'ru.yaml': 'title: Глубокое обучение\nslots:\n  - topic: cnn\n',
      });
      writeFileSync(join(dir, 'con.yaml'), 'title: con\nslots:\n  - topic: cnn\n');
      // One after another: each run swaps a complete set into `out`.
      const runs = [];
      for (const f of ['zh.yaml', 'el.yaml', 'ru.yaml', 'con.yaml'])
        runs.push(await dlexam(['generate', '--spec', f, '--format', 'json', '--seed', 's'], dir));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect(
        readdirSync(join(dir, 'out'))
          .filter((f) => !f.startsWith('.'))
          .sort(),
      ).toEqual(
        [
          '深度学习期中考试.exam.json',
          'βαθια-μαθηση.exam.json',
          'глубокое-обучение.exam.json',
          'con-exam.exam.json',
        ].sort(),
      );
    });

    it('Moodle category names are capped at 255 characters', async () => {
      const dir = specDir({
        'long.json': JSON.stringify({ title: 'x'.repeat(10_000), slots: [{ topic: 'cnn' }] }),
      });
      const r = await dlexam(
        ['generate', '--spec', 'long.json', '--format', 'moodle', '--seed', 's'],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      const xml = readFileSync(join(dir, 'out', `${'x'.repeat(60)}.moodle.xml`), 'utf8');
      const paths = [...xml.matchAll(/<category>\s*<text>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths)
        for (const name of path.replaceAll('//', '\0').split('/'))
          expect(Array.from(name.replaceAll('\0', '/')).length).toBeLessThanOrEqual(255);
      expect(paths[0]).toContain(`$course$/top/${'x'.repeat(254)}…/`);
    });

    it('\\rule{100000em}{100000em} in instructions is capped in the HTML', async () => {
      const dir = specDir({
        'rule.yaml':
          'title: Q\ninstructions: "Box \\\\(\\\\rule{100000em}{100000em}\\\\)"\nslots:\n  - topic: cnn\n',
      });
      const r = await dlexam(
        ['generate', '--spec', 'rule.yaml', '--format', 'html', '--seed', 's'],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(join(dir, 'out', 'q', 'version-A.html'), 'utf8');
      expect(html).toContain('border-right-width:10em;border-top-width:10em');
      expect(html).not.toMatch(/width:100000em/);
    });

    it('\\href{javascript:…} in instructions is refused for every format', async () => {
      const dir = specDir({
        'href.yaml':
          'title: Q\ninstructions: "See \\\\(\\\\href{javascript:alert(1)}{here}\\\\)"\nslots:\n  - topic: cnn\n',
        'url.yaml':
          'title: Q\ninstructions: "See \\\\url{data:text/html,x}"\nslots:\n  - topic: cnn\n',
        'ok.yaml':
          'title: Q\ninstructions: "See \\\\(\\\\href{https://example.org}{here}\\\\)"\nslots:\n  - topic: cnn\n',
      });
      for (const format of ['qti', 'moodle', 'html'])
        expectRefused(
          await dlexam(['generate', '--spec', 'href.yaml', '--format', format], dir),
          "spec.instructions: \\href target 'javascript:alert(1)' is not an http(s) address",
        );
      expectRefused(
        await dlexam(['generate', '--spec', 'url.yaml'], dir),
        "spec.instructions: \\url target 'data:text/html,x' is not an http(s) address",
      );
      const ok = await dlexam(
        ['generate', '--spec', 'ok.yaml', '--format', 'qti', '--seed', 's'],
        dir,
      );
      expect(ok.code, ok.stderr).toBe(0);
    });
  });

  describe('misleading messages', () => {
    it('--count -1 names the allowed range', async () => {
      expectRefused(
        await dlexam(['generate', '--count', '-1']),
        "--count: must be a whole number from 1 to 100, got '-1'",
      );
    });

    it('malformed YAML has no dangling colon', async () => {
      const dir = specDir({ 'broken.yaml': 'title: a: b\nslots: []\n' });
      expectRefused(
        await dlexam(['generate', '--spec', 'broken.yaml'], dir),
        `--spec: ${join(dir, 'broken.yaml')} is not valid YAML: Nested mappings are not allowed in compact mappings at line 1, column 8`,
      );
    });

    it('contradictory pinned parameters name the rule', async () => {
      const dir = specDir({
        'valid.yaml':
          'title: Q\nslots:\n  - template: cnn.conv-output-size\n    params:\n      padMode: valid\n      p: 3\n',
      });
      expectRefused(
        await dlexam(['generate', '--spec', 'valid.yaml'], dir),
        'spec.slots[0].params: its params break a validity rule of cnn.conv-output-size: valid convolutions have p = 0',
      );
      const preview = await dlexam([
        'preview',
        'cnn.conv-output-size',
        '--params',
        '{"padMode": "valid", "p": 3}',
      ]);
      expect(preview.code).toBe(2);
      expect(preview.stderr).toMatch(/valid convolutions have p = 0\n$/);
    });

    it('pool sizes of one are singular: 1 version, 1 distinct variant', async () => {
      const fixture = registry.get('cnn.conv-output-size').fixtures![0]!.params;
      const dir = specDir({
        'one.json': JSON.stringify({
          title: 'Q',
          slots: [{ template: 'cnn.conv-output-size', count: 2, params: fixture }],
        }),
      });
      const r = await dlexam(['generate', '--spec', 'one.json'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^dlexam: spec\.slots\[0\]: needs 2 distinct variants \(2 × 1 version\) but its pool holds 1; /,
      );
    });
  });

  describe('rough edges of the CLI', () => {
    it('dlexam help generate equals generate --help', async () => {
      const [help, flag] = await Promise.all([
        dlexam(['help', 'generate']),
        dlexam(['generate', '--help']),
      ]);
      expect(help.code).toBe(0);
      expect(help.stdout).toBe(flag.stdout);
      expect(help.stdout).toMatch(/^Usage: dlexam generate/);
      expectRefused(
        await dlexam(['help', 'grade']),
        "help: unknown command 'grade'; commands: list, describe, preview, generate, analyze, check, new-template, completion",
      );
    });

    it('--version is in --help', async () => {
      const [help, version] = await Promise.all([dlexam(['--help']), dlexam(['--version'])]);
      expect(help.stdout).toMatch(/--version, -v/);
      expect(version.stdout).toMatch(/^dlexam \d+\.\d+\.\d+\n$/);
    });

    it('list and generate accept both --topic and --topics', async () => {
      const [a, b] = await Promise.all([
        dlexam(['list', '--topic', 'cnn', '--json']),
        dlexam(['list', '--topics', 'cnn', '--json']),
      ]);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      const g = await dlexam([
        'generate',
        '--topic',
        'rnn',
        '--count',
        '1',
        '--format',
        'json',
        '--seed',
        's',
      ]);
      expect(g.code, g.stderr).toBe(0);
      expectRefused(
        await dlexam(['list', '--topics', 'cnn,vision']),
        "--topics: unknown topic 'vision'; allowed: cnn, rnn, regularization, optimization, foundations",
      );
    });

    it('dlexam list aligns every row', async () => {
      const r = await dlexam(['list']);
      const rows = r.stdout.split('\n\n')[0]!.split('\n');
      expect(rows.length).toBeGreaterThan(50);
      // The ' / ' between VARIANTS and ANSWERS and the start of KINDS sit in one column on every row.
      const slash = new Set(rows.map((l) => l.indexOf(' / ')));
      const kinds = rows[0]!.indexOf('KINDS');
      expect(slash.size).toBe(1);
      for (const l of rows) expect(l[kinds - 1], l).toBe(' ');
      for (const l of rows.slice(1)) expect(l[kinds], l).not.toBe(' ');
    });

    it('the README spec ships as examples/exam.yaml and generates', async () => {
      const r = await dlexam(['generate', '--spec', examples, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(join(r.cwd, 'out')).sort()).toEqual([
        '.deep-learning-midterm.dlexam.json',
        'deep-learning-midterm.exam.json',
      ]);
    });

    it('generate without options writes JSON, Moodle, QTI and HTML, no PDF', async () => {
      const r = await dlexam(['generate', '--seed', 's', '--topics', 'cnn', '--count', '1']);
      expect(r.code, r.stderr).toBe(0);
      const files = readdirSync(join(r.cwd, 'out')).sort();
      expect(files).toEqual([
        '.sample-deep-learning-exam.dlexam.json',
        'sample-deep-learning-exam',
        'sample-deep-learning-exam.exam.json',
        'sample-deep-learning-exam.moodle.xml',
        'sample-deep-learning-exam.qti.zip',
      ]);
      expect(
        readdirSync(join(r.cwd, 'out', 'sample-deep-learning-exam')).some((f) =>
          f.endsWith('.pdf'),
        ),
      ).toBe(false);
    });

    it('shell completion for bash, zsh and fish lists templates and topics', async () => {
      for (const shell of ['bash', 'zsh', 'fish']) {
        const r = await dlexam(['completion', shell]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain('cnn.conv-output-size');
        expect(r.stdout).toContain('regularization');
        if (shell === 'bash' && spawnSync('bash', ['--version']).status === 0)
          expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
      }
      // Every option a command's --help names completes.
      const fish = (await dlexam(['completion', 'fish'])).stdout;
      for (const c of ['list', 'describe', 'preview', 'generate']) {
        const help = (await dlexam([c, '--help'])).stdout;
        for (const [o] of help.matchAll(/--[a-z][a-z-]*/g))
          expect(fish, `${c} ${o}`).toContain(`__fish_seen_subcommand_from ${c}' -l ${o.slice(2)}`);
      }
      expectRefused(
        await dlexam(['completion', 'powershell']),
        "completion: unknown shell 'powershell'; allowed: bash, zsh, fish",
      );
    });
  });
});
