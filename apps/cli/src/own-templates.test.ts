import { PROPERTY_SEEDS } from '@dlexam/generator/testing';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import { checkExamFiles } from '@dlexam/grading-contract';
import type { Exam } from '@dlexam/types';
import { main, type Io } from 'dlexam';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const example = join(repo, 'examples', 'my-templates');
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `dlexam-own-${prefix}-`));

async function run(argv: string[], cwd = tmp('cwd')) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    isTTY: false,
    secretSeed: () => 'secret0123',
  };
  return { code: await main(argv, io), stdout, stderr, cwd };
}

/** A refused run: exit 2, exactly this one line on stderr, no stack trace. */
function expectRefused(r: Awaited<ReturnType<typeof run>>, line: string | RegExp) {
  expect(r.code, r.stdout).toBe(2);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  if (typeof line === 'string') expect(r.stderr).toBe(`dlexam: ${line}\n`);
  else expect(r.stderr).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** A folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = tmp('mod');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A valid template as module source (no imports), with an id and optional overrides. */
const template = (id: string, extra = '') => `{
  id: '${id}',
  topic: 'foundations',
  title: 'Sum',
  objective: 'Add two integers.',
  difficulty: 1,
  tags: ['arithmetic'],
  kinds: ['numeric'],
  params: {
    a: { type: 'int', min: 1, max: 40, description: 'first addend' },
    b: { type: 'int', min: 3, max: 40, description: 'second addend' },
  },
  build(p, ctx) {
    const stems = ['What is \\\\({{a}} + {{b}}\\\\)?', 'Add {{a}} and {{b}}.'];
    return {
      stem: ctx.render(stems[ctx.rng.int(0, 1)], p),
      solution: ctx.render('\\\\({{a}} + {{b}} = {{s}}\\\\)', { ...p, s: p.a + p.b }),
      answer: {
        type: 'numeric', value: p.a + p.b, decimals: 0,
        distractors: [{ value: p.a * p.b, misconception: 'multiplied', feedback: 'That is the product.' }],
      },
    };
  },
  ${extra}
}`;

describe('the example template package (examples/my-templates)', () => {
  beforeAll(() => {
    // Built as its README says (tsup, one self-contained ES module), from this repository's sources.
    const tsup = join(example, 'node_modules', 'tsup', 'dist', 'cli-default.js');
    const r = spawnSync(process.execPath, [tsup], { cwd: example, encoding: 'utf8' });
    expect(r.status, r.stderr + r.stdout).toBe(0);
  });

  it('passes dlexam check over 10,000 seeds', async () => {
    const r = await run(['check', './dist/index.js'], example);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('myclass.softmax-loss — Cross-entropy of a softmax classifier');
    expect(r.stdout).toContain('ok   gates, params and own verify: 10,000 seeds (numeric, single)');
    expect(r.stdout).toMatch(/ok {3}distractor\/key separation: [\d,]+ wrong answers/);
    expect(r.stdout).toMatch(/ok {3}figures/);
    expect(r.stdout).toMatch(
      /ok {3}graded alike by the model, Moodle and Canvas: \d+ scripted responses/,
    );
    expect(r.stdout).toContain('2 template(s) checked over 10000 seeds: 2 clean, 0 failing');
  });

  it('generates an exam from its exam.yaml in every format, graded alike by the model, Moodle and Canvas', async () => {
    const out = tmp('out');
    const chromium = runsBrowserTests();
    const formats = `json,moodle,qti,html${chromium ? ',pdf' : ''}`;
    // Run from elsewhere: `templates: ./dist/index.js` is relative to the spec.
    const r = await run([
      'generate',
      '--spec',
      join(example, 'exam.yaml'),
      '--format',
      formats,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const exam = JSON.parse(readFileSync(join(out, 'optimization-quiz.exam.json'), 'utf8')) as Exam;
    const ids = exam.versions.flatMap((v) => v.questions.map((q) => q.variant.templateId));
    expect(ids.filter((id) => id === 'myclass.softmax-loss')).toHaveLength(6);
    expect(ids.filter((id) => id === 'myclass.warmup-lr')).toHaveLength(3);
    const moodleXml = readFileSync(join(out, 'optimization-quiz.moodle.xml'), 'utf8');
    expect(moodleXml).toContain('myclass.softmax-loss');
    const zip = unzipSync(new Uint8Array(readFileSync(join(out, 'optimization-quiz.qti.zip'))));
    const assessment = Object.keys(zip).find((k) => /\/dlx_[^/]*\.xml$/.test(k))!;
    const qtiAssessmentXml = strFromU8(zip[assessment]!);
    expect(qtiAssessmentXml).toMatch(/cross-entropy/i);
    const result = checkExamFiles(exam, { moodleXml, qtiAssessmentXml });
    expect(result.disagreements).toEqual([]);
    expect(result.responses).toBeGreaterThan(50);
    const html = readdirSync(join(out, 'optimization-quiz'));
    expect(html).toEqual(expect.arrayContaining(['answer-key.html', 'solutions.html']));
    const copy = readFileSync(
      join(out, 'optimization-quiz', html.find((f) => /^version-a/i.test(f)) ?? 'answer-key.html'),
      'utf8',
    );
    expect(copy).toContain('<svg');
    if (chromium) expect(html.some((f) => f.endsWith('.pdf'))).toBe(true);
  });

  it('loads by package name from node_modules, for list, describe and preview', async () => {
    const cwd = tmp('pkg');
    mkdirSync(join(cwd, 'node_modules', '@myclass'), { recursive: true });
    symlinkSync(example, join(cwd, 'node_modules', '@myclass', 'dlexam-templates'));
    const flag = ['--templates', '@myclass/dlexam-templates'];
    const list = await run(['list', '--topics', 'optimization', '--json', ...flag], cwd);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout).templates as { id: string; topic: string }[];
    expect(rows.find((t) => t.id === 'myclass.warmup-lr')?.topic).toBe('optimization');
    expect(rows.some((t) => t.id === 'optimization.optimizer-step')).toBe(true);
    const describe = await run(['describe', 'myclass.softmax-loss', ...flag], cwd);
    expect(describe.stdout).toContain('logits of the classes cat, dog, bird');
    const a = await run(['preview', 'myclass.softmax-loss', '--seed', '7', '--json', ...flag], cwd);
    const b = await run(['preview', 'myclass.softmax-loss', '--seed', '7', '--json', ...flag], cwd);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).figure.alt).toMatch(/^Bar chart of the logits/);
    // Without --templates the id is unknown again: nothing leaks from one run to the next.
    expectRefused(
      await run(['preview', 'myclass.softmax-loss'], cwd),
      /unknown template 'myclass.softmax-loss'/,
    );
    expectRefused(
      await run(['list', '--templates', '@myclass/not-installed'], cwd),
      `--templates: cannot find package '@myclass/not-installed' from ${cwd}; install it, or give a file such as ./my-templates.js`,
    );
  });

  it('is the worked example of docs/authoring.md, verbatim', () => {
    const guide = readFileSync(join(repo, 'docs', 'authoring.md'), 'utf8');
    const file = readFileSync(join(example, 'src', 'softmax-loss.ts'), 'utf8');
    expect(guide).toContain('```ts\n' + file + '```\n');
  });
});

describe('bad template modules: one line, exit 2', () => {
  it('a syntax error names the line', async () => {
    const dir = folder({
      'bad.js': 'export const templates = [\n  { id: "myclass.x" \n  id: 2 },\n];\n',
    });
    expectRefused(
      await run(['list', '--templates', './bad.js'], dir),
      /^dlexam: --templates: \.\/bad\.js: syntax error at line 3: .* \(an ES module is expected\)\n$/,
    );
  });

  it('no usable export', async () => {
    const dir = folder({
      'none.js': 'export const answer = 42;\n',
      'empty.js': 'export default [];\n',
    });
    const msg =
      "exports no templates; export a list 'templates' (or a default export) of defineTemplate({...}) results";
    expectRefused(
      await run(['list', '--templates', './none.js'], dir),
      `--templates: ./none.js: ${msg}`,
    );
    expectRefused(await run(['check', './empty.js'], dir), `check: ./empty.js: ${msg}`);
  });

  it('a module that throws while loading, or is CommonJS', async () => {
    const dir = folder({
      'throws.js': 'throw new Error("no config found");\n',
      'cjs.cjs': 'module.exports = [];\n',
    });
    expectRefused(
      await run(['list', '--templates', './throws.js'], dir),
      '--templates: ./throws.js: throws while loading: no config found',
    );
    expectRefused(
      await run(['list', '--templates', './cjs.cjs'], dir),
      /--templates: \.\/cjs\.cjs: exports no templates/,
    );
  });

  it('duplicate ids: with a built-in namespace, within a module, between modules', async () => {
    const dir = folder({
      'builtin.js': `export default [${template('cnn.conv-output-size')}];\n`,
      'twice.js': `export const templates = [${template('myclass.sum')}, ${template('myclass.sum')}];\n`,
      'a.js': `export default ${template('myclass.sum')};\n`,
      'b.js': `export const sum = ${template('myclass.sum')};\n`,
    });
    expectRefused(
      await run(['list', '--templates', './builtin.js'], dir),
      "--templates: ./builtin.js: template id 'cnn.conv-output-size' uses dlexam's namespace 'cnn'; start your ids with your own (e.g. 'myclass.conv-output-size')",
    );
    expectRefused(
      await run(['list', '--templates', './twice.js'], dir),
      "--templates: ./twice.js: duplicate template id 'myclass.sum' (twice in this module); give each template an id of its own",
    );
    expectRefused(
      await run(['list', '--templates', './a.js', '--templates', './b.js'], dir),
      "--templates: ./b.js: duplicate template id 'myclass.sum' (also in --templates: ./a.js); give each template an id of its own",
    );
    // Both forms load when alone.
    expect((await run(['describe', 'myclass.sum', '--templates', './a.js'], dir)).code).toBe(0);
    expect((await run(['describe', 'myclass.sum', '--templates=./b.js'], dir)).code).toBe(0);
  });

  it('a template without build, or breaking the contract elsewhere', async () => {
    const dir = folder({
      'nobuild.js': `const t = ${template('myclass.sum')};\ndelete t.build;\nexport default [t];\n`,
      'kind.js': `export default [{ ...${template('myclass.sum')}, kinds: ['essay'] }];\n`,
      'plain-id.js': `export default [{ ...${template('myclass.sum')}, id: 'sum' }];\n`,
    });
    expectRefused(
      await run(['list', '--templates', './nobuild.js'], dir),
      "--templates: ./nobuild.js: template 'myclass.sum' has no build(params, ctx) function",
    );
    expectRefused(
      await run(['generate', '--templates', './kind.js'], dir),
      `--templates: ./kind.js: template 'myclass.sum' has kind "essay"; allowed: numeric, single, multiple, matching, short, table`,
    );
    expectRefused(
      await run(['list', '--templates', './plain-id.js'], dir),
      "--templates: ./plain-id.js: template id 'sum' is not a namespaced kebab-case id such as 'myclass.loss-curve'",
    );
  });

  it('templates: in a spec must name modules, relative to the spec', async () => {
    const dir = folder({
      'list.yaml': 'title: Q\ntemplates: 3\nslots:\n  - topic: cnn\n',
      'missing.yaml': 'title: Q\ntemplates: [./dist/index.js]\nslots:\n  - template: myclass.sum\n',
    });
    expectRefused(
      await run(['generate', '--spec', 'list.yaml'], dir),
      'spec.templates: must be a module or a list of modules (./my-templates.js, a package name)',
    );
    expectRefused(
      await run(['generate', '--spec', 'missing.yaml'], dir),
      `spec.templates: ./dist/index.js: no such file (${join(dir, 'dist', 'index.js')}); build it first if it is compiled`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a missing build output, or TypeScript given as is', async () => {
    const dir = folder({ 'src.ts': 'export default [];\n' });
    expectRefused(
      await run(['list', '--templates', './dist/index.js'], dir),
      `--templates: ./dist/index.js: no such file (${join(dir, 'dist', 'index.js')}); build it first if it is compiled`,
    );
    expectRefused(
      await run(['check', './src.ts'], dir),
      'check: ./src.ts: is TypeScript; compile it to JavaScript first (tsc or tsup, see docs/authoring.md) and pass the .js',
    );
  });

  it('a template whose key fails its own verify', async () => {
    const wrong = `verify(v, p) { if (v.answer.numeric.value !== p.a - p.b) throw new Error('key ' + v.answer.numeric.value + ' is not a − b'); },`;
    const dir = folder({ 'wrong.js': `export default [${template('myclass.sum', wrong)}];\n` });
    for (const argv of [
      ['generate', '--templates', './wrong.js'],
      ['check', './wrong.js'],
    ]) {
      const at = argv[0] === 'check' ? 'check' : '--templates';
      expectRefused(
        await run(argv, dir),
        new RegExp(
          `^dlexam: ${at}: \\./wrong\\.js: template myclass\\.sum seed 0 \\(numeric\\): its own verify fails: key \\d+ is not a − b\\n$`,
        ),
      );
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a key that fails its verify on some seeds only: the report names them with preview commands', async () => {
    // Right at seed 0 (so it loads), wrong whenever a + b has the other parity.
    const dir = folder({ 'sum.js': `export default [${template('myclass.sum')}];\n` });
    const zero = await run(
      ['preview', 'myclass.sum', '--seed', '0', '--json', '--templates', './sum.js'],
      dir,
    );
    const { a, b } = JSON.parse(zero.stdout).params as { a: number; b: number };
    const flaky = `verify(v, p) { if ((p.a + p.b) % 2 !== ${(a + b) % 2}) throw new Error('the sum has the wrong parity'); },`;
    writeFileSync(join(dir, 'flaky.js'), `export default [${template('myclass.sum', flaky)}];\n`);
    const r = await run(['check', './flaky.js'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /FAIL gates, params and own verify: first failing seeds \(\d+ seeds failed\)/,
    );
    expect(r.stdout).toMatch(
      /seed \d+ \(numeric\): the sum has the wrong parity; params \{"a":\d+,"b":\d+\}\n {11}dlexam preview myclass\.sum --seed \d+ --kind numeric --templates \.\/flaky\.js/,
    );
    expect(r.stdout).toContain('1 template(s) checked over 10000 seeds: 0 clean, 1 failing');
    expectRefused(
      r,
      'check: 1 of 1 template(s) failed: myclass.sum (gates, params and own verify)',
    );
    // The preview command it prints works.
    const cmd = /dlexam (preview myclass\.sum .*)/.exec(r.stdout)![1]!.split(' ');
    const p = await run(cmd, dir);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/^myclass\.sum — Sum/);
  });

  it('a distractor the key interval accepts fails the separation check', async () => {
    // 'off by a tenth' lies within the tolerance 0.5 of a 0-decimal key.
    const close = template('myclass.sum').replace(
      'distractors: [',
      "tolerance: 0.5, distractors: [{ value: p.a + p.b + 0.25, misconception: 'off', feedback: 'Off.' }, ",
    );
    const dir = folder({ 'close.js': `export default [${close}];\n` });
    const r = await run(['check', './close.js', '--quick'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /FAIL distractor\/key separation: first failing seeds \(1000 seeds failed\)/,
    );
    expect(r.stdout).toMatch(
      /distractor [\d.]+ \(off\) is accepted as the answer \d+ ± 0\.5 in every variant, so no student ever sees it/,
    );
    expectRefused(r, 'check: 1 of 1 template(s) failed: myclass.sum (distractor/key separation)');
  });
});

describe('help and completion of the new commands', () => {
  it('check and new-template have --help, and completion offers every option it names', async () => {
    const fish = (await run(['completion', 'fish'])).stdout;
    for (const c of ['check', 'new-template', 'list', 'describe', 'preview', 'generate']) {
      const help = await run([c, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toBe((await run(['help', c])).stdout);
      // The help text is light (no generator loaded for it): its seed count is kept true here.
      if (c === 'check') expect(help.stdout).toContain(`(default ${PROPERTY_SEEDS},`);
      for (const [o] of help.stdout.matchAll(/--[a-z][a-z-]*/g))
        expect(fish, `${c} ${o}`).toContain(`__fish_seen_subcommand_from ${c}' -l ${o.slice(2)}`);
    }
    expect((await run(['preview', '--help'])).stdout).toContain('--templates M');
    expect((await run(['--help'])).stdout).toMatch(/ {2}check {9}run the full harness/);
  });
});

describe('dlexam check on an id', () => {
  it('checks a built-in template by id, and names an unknown one', async () => {
    const r = await run(['check', 'cnn.conv-output-size']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok {3}fixtures: \d+ fixture\(s\) reproduce/);
    expect(r.stdout).toMatch(
      /dropped where they coincide with the key: .*ceil-instead-of-floor \d+ %/,
    );
    expectRefused(
      await run(['check', 'cnn.conv-output-sise']),
      /^dlexam: check: unknown template 'cnn\.conv-output-sise'; did you mean cnn\.conv-output-size/,
    );
    expectRefused(
      await run(['check', 'cnn.conv-output-size', '--seeds', '500']),
      '--seeds: must be at least 10000 for a check (got 500); use --quick for a fast look',
    );
  });
});

describe('dlexam new-template', () => {
  it('writes a starter and its test; the starter passes dlexam check as written', async () => {
    const dir = tmp('new');
    const w = await run(['new-template', 'myclass.loss-curve'], dir);
    expect(w.code, w.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'myclass-loss-curve.js',
      'myclass-loss-curve.test.js',
    ]);
    const starter = readFileSync(join(dir, 'myclass-loss-curve.js'), 'utf8');
    expect(starter).toContain("id: 'myclass.loss-curve'");
    const c = await run(['check', './myclass-loss-curve.js'], dir);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(c.stdout).toContain('1 clean, 0 failing');
    expect(w.stdout).toContain('Next:\n  dlexam check ./myclass-loss-curve.js\n');
    const sub = await run(['new-template', 'myclass.other', '--out', 'tpl'], dir);
    expect(sub.stdout).toContain(
      'dlexam preview myclass.other --seed 1 --templates ./tpl/myclass-other.js\n',
    );
    expect((await run(['check', './tpl/myclass-other.js', '--quick'], dir)).code).toBe(0);
    expectRefused(
      await run(['new-template', 'myclass.loss-curve'], dir),
      `new-template: ${join(dir, 'myclass-loss-curve.js')} exists; choose another id or --out, or pass --force`,
    );
    expectRefused(
      await run(['new-template', 'cnn.mine'], dir),
      "new-template: template id 'cnn.mine' uses dlexam's namespace 'cnn'; start your ids with your own (e.g. 'myclass.mine')",
    );
  });

  // Its test runs under `node --test` with @dlexam/generator installed (here: the built workspace copy).
  const generatorDist = join(repo, 'packages', 'generator', 'dist', 'testing.js');
  it.skipIf(!existsSync(generatorDist))('its test file passes under node --test', async () => {
    const dir = tmp('nodetest');
    expect((await run(['new-template', 'myclass.step'], dir)).code).toBe(0);
    mkdirSync(join(dir, 'node_modules', '@dlexam'), { recursive: true });
    symlinkSync(
      join(repo, 'packages', 'generator'),
      join(dir, 'node_modules', '@dlexam', 'generator'),
    );
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const r = spawnSync(process.execPath, ['--test', 'myclass-step.test.js'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/# pass 2/);
  });
});
