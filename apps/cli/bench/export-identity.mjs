#!/usr/bin/env node
/**
 * `node apps/cli/bench/export-identity.mjs --base <built worktree | git revision>`: the Moodle XML
 * and Canvas QTI exports of this worktree compared byte for byte with another commit's (issue 20:
 * the streaming writer must not change a byte). Given a revision, that commit's two exporter
 * packages are bundled with esbuild (their other dependencies from this worktree). The variants and exams are generated once, by this worktree, and
 * handed to both exporters: every template × kind over `--seeds` seeds (default 3), as bare variants
 * and in a one-version exam, and an assembled exam of every topic (3 versions), each under several
 * option sets (modes, indent, numbering, math and numeric styles, both zip compressors). An export
 * that throws must throw the same message in both. Exits 1 on any difference. Run after
 * `pnpm build` in both worktrees.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { assembleExam, generateVariant, parseExamSpec, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

const { values } = parseArgs({
  options: { base: { type: 'string' }, seeds: { type: 'string', default: '3' } },
});
if (!values.base) {
  console.error('usage: export-identity.mjs --base <built worktree> [--seeds 3]');
  process.exit(2);
}
const here = resolve(new URL('../../..', import.meta.url).pathname);
const load = (tree, pkg) => import(pathToFileURL(`${tree}/packages/${pkg}/dist/index.js`).href);

/** The exporters of revision `rev`, bundled into a temporary directory. */
async function bundleRevision(rev) {
  const dir = mkdtempSync(join(tmpdir(), 'dlexam-identity-'));
  const archive = execFileSync(
    'git',
    ['-C', here, 'archive', rev, 'packages/export-moodle/src', 'packages/export-qti/src'],
    { maxBuffer: 1 << 28 },
  );
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const tsup = createRequire(join(here, 'packages/markup/package.json')).resolve('tsup');
  const esbuild = await import(createRequire(tsup).resolve('esbuild'));
  const out = {};
  for (const [key, pkg] of [
    ['moodle', 'export-moodle'],
    ['qti', 'export-qti'],
  ]) {
    const file = join(dir, `${pkg}.mjs`);
    await esbuild.build({
      entryPoints: [join(dir, 'packages', pkg, 'src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: file,
      logLevel: 'error',
      nodePaths: [join(here, 'packages', pkg, 'node_modules')],
    });
    out[key] = await import(pathToFileURL(file).href);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

const base = existsSync(values.base) ? resolve(values.base) : values.base;
const impl = {
  base:
    base === values.base && !existsSync(base)
      ? await bundleRevision(base)
      : { moodle: await load(base, 'export-moodle'), qti: await load(base, 'export-qti') },
  this: { moodle: await load(here, 'export-moodle'), qti: await load(here, 'export-qti') },
};

const registry = new TemplateRegistry([
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
]);
const SEEDS = Number(values.seeds);
const templates = registry.list();
const variants = [];
for (const t of templates)
  for (const kind of t.kinds)
    for (let s = 1; s <= SEEDS; s++) variants.push(generateVariant(t, `identity-${s}`, { kind }));

function examOf(vs, title) {
  const questions = vs.map((variant, i) => ({
    slot: i,
    slotName: variant.title,
    number: i + 1,
    points: 1 + (i % 3),
    variant,
  }));
  return {
    schemaVersion: 1,
    title,
    seed: 'identity',
    slug: 'identity',
    slots: questions.map((q) => ({
      index: q.slot,
      name: q.slotName,
      templateIds: [q.variant.templateId],
      count: 1,
      points: q.points,
    })),
    versions: [{ code: 'A', index: 0, questions }],
    totalPoints: questions.reduce((n, q) => n + q.points, 0),
  };
}
const assembled = assembleExam(
  parseExamSpec(
    {
      title: 'Identity exam',
      versions: 3,
      slots: registry.topics().map((topic) => ({ topic, count: 3 })),
    },
    registry,
  ),
  registry,
  { seed: 'identity' },
);
const exams = [examOf(variants, 'All templates × kinds'), assembled];

const digest = (x) =>
  createHash('sha256')
    .update(typeof x === 'string' ? x : JSON.stringify(x))
    .digest('hex');

/** Runs `fn` on both trees; the outputs (or error messages) must be equal. */
let checks = 0;
const failures = [];
function same(label, fn) {
  const out = {};
  for (const tree of ['base', 'this']) {
    try {
      const r = fn(impl[tree]);
      out[tree] = r instanceof Uint8Array ? Buffer.from(r).toString('base64') : r;
    } catch (e) {
      out[tree] = `THROWS ${e.name}: ${e.message}`;
    }
  }
  checks++;
  if (digest(out.base) !== digest(out.this)) failures.push(label);
}

const moodleOptions = [
  {},
  { mode: 'plain' },
  { indent: true },
  { mode: 'plain', indent: true },
  { shuffleAnswers: false, answerNumbering: 'ABCD', categoryRoot: '$course$/top/x' },
];
// Per template (all its kinds and seeds) so a difference names its template.
for (const t of templates) {
  const vs = variants.filter((v) => v.templateId === t.id);
  for (const o of moodleOptions)
    same(`moodle variants ${t.id} ${JSON.stringify(o)}`, (x) =>
      x.moodle.variantsToMoodleXml(vs, o),
    );
}
for (const exam of exams)
  for (const o of moodleOptions)
    same(`moodle exam "${exam.title}" ${JSON.stringify(o)}`, (x) => x.moodle.toMoodleXml(exam, o));

const zlib = { deflate: (d) => deflateRawSync(d, { level: 1 }), crc32 };
// A streamed compressor like the CLI's: each piece deflated on its own, sync-flushed.
const zlibStreamed = {
  ...zlib,
  deflateStream: () => (d, final) =>
    deflateRawSync(d, {
      level: 1,
      finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    }),
};
const decoder = new TextDecoder();
/** The files of a zip, in order, as text. */
const unzipped = (zip) =>
  Object.entries(unzipSync(zip)).map(([path, bytes]) => ({ path, content: decoder.decode(bytes) }));
const qtiOptions = [
  {},
  { mode: 'plain' },
  { indent: true },
  { mode: 'plain', indent: true, math: 'canvas-equation-image' },
  { numericStyle: 'margin', shuffleAnswers: true, timeLimitMinutes: 30 },
];
for (const t of templates) {
  const exam = examOf(
    variants.filter((v) => v.templateId === t.id),
    t.id,
  );
  for (const o of qtiOptions)
    same(`qti files ${t.id} ${JSON.stringify(o)}`, (x) =>
      x.qti.toQtiFiles(exam, { mode: 'plain', ...o }),
    );
}
for (const exam of exams)
  for (const o of qtiOptions) {
    same(`qti files "${exam.title}" ${JSON.stringify(o)}`, (x) => x.qti.toQtiFiles(exam, o));
    same(`qti zip (fflate) "${exam.title}" ${JSON.stringify(o)}`, (x) => x.qti.toQtiZip(exam, o));
    same(`qti zip (zlib) "${exam.title}" ${JSON.stringify(o)}`, (x) =>
      x.qti.toQtiZip(exam, { ...o, ...zlib }),
    );
    // A streamed compressor gives other (equally valid) compressed bytes: the files must match.
    same(`qti zip (zlib, streamed) "${exam.title}" ${JSON.stringify(o)}`, (x) =>
      x === impl.base
        ? x.qti.toQtiFiles(exam, o)
        : unzipped(x.qti.toQtiZip(exam, { ...o, ...zlibStreamed })),
    );
  }

console.log(
  `${variants.length} variants (${templates.length} templates, every kind, ${SEEDS} seeds), ` +
    `${checks} exports compared with ${base}: ${failures.length} differ`,
);
for (const f of failures) console.log(`  differs: ${f}`);
process.exit(failures.length ? 1 : 0);
