/**
 * One timed export for `export-compare.mjs`: `node export-job.mjs <worktree> <moodle|qti>`.
 * Generates the 10,000 variants `pnpm bench` exports (every template × kind in turn, seeds 0, 1, …)
 * with this worktree's generator, exports them with `<worktree>`'s built exporter as `pnpm bench`
 * does (one version, plain mode; QTI with Node's zlib), twice, and prints the wall and CPU seconds of
 * the first (cold) and second (warm) run as JSON.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { generateVariant, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

const [tree, format] = process.argv.slice(2);
const COUNT = Number(process.env.BENCH_EXPORT_VARIANTS ?? 10_000);
const registry = new TemplateRegistry([
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
]);
const kinds = registry.list().flatMap((t) => t.kinds.map((k) => [t, k]));
const sample = [];
for (let i = 0; sample.length < COUNT; i++) {
  const [t, k] = kinds[i % kinds.length];
  sample.push(generateVariant(t, i, { kind: k }));
}
const questions = sample.map((variant, i) => ({
  slot: i,
  slotName: variant.title,
  number: i + 1,
  points: 1,
  variant,
}));
const exam = {
  schemaVersion: 1,
  title: 'Bench',
  seed: 'bench',
  slug: 'bench',
  slots: questions.map((q) => ({
    index: q.slot,
    name: q.slotName,
    templateIds: [q.variant.templateId],
    count: 1,
    points: 1,
  })),
  versions: [{ code: 'A', index: 0, questions }],
  totalPoints: questions.length,
};

const pkg = format === 'moodle' ? 'export-moodle' : 'export-qti';
const lib = await import(pathToFileURL(`${resolve(tree)}/packages/${pkg}/dist/index.js`).href);
const deflate = (d) => deflateRawSync(d, { level: 1 });
// What `dlexam generate` runs: the chunked API where the tree has it (this worktree), else the
// whole-document one (the base).
const run =
  format === 'moodle'
    ? lib.moodleXmlChunks
      ? () => {
          let n = 0;
          for (const c of lib.moodleXmlChunks(exam, { mode: 'plain' })) n += c.length;
          return n;
        }
      : () => lib.toMoodleXml(exam, { mode: 'plain' }).length
    : lib.qtiZipChunks
      ? () => {
          let n = 0;
          const deflateStream = () => (d, final) =>
            deflateRawSync(d, {
              level: 1,
              finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
            });
          for (const c of lib.qtiZipChunks(exam, {
            mode: 'plain',
            deflate,
            crc32,
            deflateStream,
          }))
            n += c.length;
          return n;
        }
      : () => lib.toQtiZip(exam, { mode: 'plain', deflate, crc32 }).length;
/** Wall and CPU (user + system) seconds of one export. */
const time = () => {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const bytes = run();
  const used = process.cpuUsage(cpu);
  return {
    s: Number(process.hrtime.bigint() - t) / 1e9,
    cpu: (used.user + used.system) / 1e6,
    bytes,
  };
};
const cold = time();
const warm = time();
process.stdout.write(
  JSON.stringify({
    cold: cold.s,
    warm: warm.s,
    coldCpu: cold.cpu,
    warmCpu: warm.cpu,
    bytes: warm.bytes,
  }) + '\n',
);
