/**
 * `pnpm bench`: generation throughput over every template, and export throughput per format.
 * Timing lives here and only here (unit tests never time anything). Run after `pnpm build`.
 */
import {
  assembleExam,
  assembleExamSource,
  generateVariant,
  parseExamSpec,
  type AnyTemplate,
} from '@dlexam/generator';
import { degenerateSweep } from '@dlexam/generator/testing';
import { toQtiZip } from '@dlexam/export-qti';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceVersions, type Exam, type ExamQuestion, type Variant } from '@dlexam/types';
import { registry } from '../src/catalog.js';
import { renderFormats } from '../src/formats.js';
import { analyzeBench } from './analyze-bench.js';

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 100_000);
const EXPORT_VARIANTS = Number(process.env.BENCH_EXPORT_VARIANTS ?? 10_000);
const HTML_VARIANTS = Number(process.env.BENCH_HTML_VARIANTS ?? 1_000);
const LAZY_VERSIONS = Number(process.env.BENCH_LAZY_VERSIONS ?? 500);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** CPU seconds (user + system, all threads of this process) since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function fmt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// BENCH_ONLY=cnn. (an id prefix) profiles a subset.
const templates: AnyTemplate[] = registry
  .list()
  .filter((t) => t.id.startsWith(process.env.BENCH_ONLY ?? ''));
const kinds = templates.flatMap((t) => t.kinds.map((k) => [t, k] as const));

// Warm-up: compile handlebars sources and JIT the hot paths before timing.
for (const [t, k] of kinds) generateVariant(t, 'warm', { kind: k });

let start = process.hrtime.bigint();
const sample: Variant[] = [];
for (let i = 0; i < VARIANTS; i++) {
  const [t, k] = kinds[i % kinds.length]!;
  const v = generateVariant(t, i, { kind: k });
  if (sample.length < EXPORT_VARIANTS) sample.push(v);
}
const genSeconds = seconds(start);
const lines = [
  `templates: ${templates.length} (${kinds.length} template×kind pairs)`,
  `generate: ${fmt(VARIANTS)} variants in ${genSeconds.toFixed(2)} s = ${fmt(VARIANTS / genSeconds)} variants/s (one core)`,
  `peak RSS after generation: ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`,
];

// What the gates against degenerate variants cost: the same seeds generated with them and with
// every one waived (`waive: 'all'`), in interleaved blocks, timed in CPU seconds (less sensitive
// to other processes than wall time). The cost includes the redraws of rejected variants.
const GATE_VARIANTS = Number(process.env.BENCH_GATE_VARIANTS ?? 40_000);
{
  const BLOCK = 2000;
  let withGates = 0;
  let without = 0;
  for (let from = 0; from < GATE_VARIANTS; from += BLOCK) {
    for (const waive of [undefined, 'all'] as const) {
      const cpu = process.cpuUsage();
      for (let i = from; i < from + BLOCK; i++) {
        const [t, k] = kinds[i % kinds.length]!;
        generateVariant(t, `gates-${i}`, waive ? { kind: k, waive } : { kind: k });
      }
      if (waive) without += cpuSeconds(cpu);
      else withGates += cpuSeconds(cpu);
    }
  }
  const share = (withGates - without) / withGates;
  lines.push(
    `degeneracy gates: ${(share * 100).toFixed(1)} % of generation time (${fmt(GATE_VARIANTS / withGates)} variants/s with them, ${fmt(GATE_VARIANTS / without)} without; budget 15 %)`,
  );
}

// Issue 18's property at full size: every template × kind over BENCH_DEGENERATE_SEEDS (10,000)
// seeds, each generated variant checked again by every gate (generic and the template's own), and
// the first 1,000 seeds also drawn with the gates off, to show what they keep out.
const DEGENERATE_SEEDS = Number(process.env.BENCH_DEGENERATE_SEEDS ?? 10_000);
if (DEGENERATE_SEEDS > 0) {
  const start = process.hrtime.bigint();
  const sweep = degenerateSweep(templates, { seeds: DEGENERATE_SEEDS });
  const bad = sweep.filter((p) => p.degenerate > 0 || p.failures > 0);
  const raw = degenerateSweep(templates, { seeds: Math.min(1000, DEGENERATE_SEEDS), raw: true });
  const rawDegenerate = raw.reduce((s, p) => s + p.rawDegenerate, 0);
  const hooked = raw.filter((p) => p.rawDegenerate > 0).length;
  lines.push(
    `degenerate variants: ${fmt(sweep.reduce((s, p) => s + p.degenerate, 0))} of ${fmt(sweep.length * DEGENERATE_SEEDS)} (${sweep.length} template×kind pairs × ${fmt(DEGENERATE_SEEDS)} seeds), ${fmt(sweep.reduce((s, p) => s + p.failures, 0))} seeds without a variant, in ${seconds(start).toFixed(1)} s; gates off, ${fmt(rawDegenerate)} of ${fmt(raw.length * Math.min(1000, DEGENERATE_SEEDS))} draws would be degenerate (in ${hooked} pairs)`,
  );
  for (const p of bad) lines.push(`  ${p.templateId} ${p.kind}: ${p.examples.join('; ')}`);
}

/** An exam whose single version holds the given variants, for export timing. */
function examOf(variants: Variant[]): Exam {
  const questions: ExamQuestion[] = variants.map((variant, i) => ({
    slot: i,
    slotName: variant.title,
    number: i + 1,
    points: 1,
    variant,
  }));
  return {
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
}

const big = examOf(sample);

/** Wall and CPU seconds of one run of `fn`, and what it returned. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ s: number; cpu: number; out: T }> {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const out = await fn();
  return { s: seconds(t), cpu: cpuSeconds(cpu), out };
}

/**
 * Each export runs twice on the same exam: the first run is what one `dlexam generate` call
 * costs (the exporter's code is compiled while it runs), the second is the steady throughput of a
 * warm process (a server, a watch mode, an exam of many versions).
 */
async function exportLine(label: string, fn: () => number | Promise<number>): Promise<string> {
  try {
    const cold = await timed(fn);
    const warm = await timed(fn);
    return `export ${label}: ${fmt(sample.length)} variants in ${warm.s.toFixed(2)} s warm, ${cold.s.toFixed(2)} s first run (CPU ${warm.cpu.toFixed(2)} s; ${fmt(sample.length / warm.s)} variants/s, ${fmt(warm.out / 1024)} KiB)`;
  } catch (e) {
    return `export ${label}: skipped (${(e as Error).message})`;
  }
}

for (const format of ['json', 'moodle', 'qti'] as const) {
  lines.push(
    await exportLine(format, async () => {
      const files = await renderFormats(big, [format], { mode: 'plain', paper: 'a4' });
      return files.reduce(
        (n, f) =>
          n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength),
        0,
      );
    }),
  );
}
// The same QTI export with the package's default compressor (fflate, pure JavaScript), as the
// browser build runs it; the CLI above injects Node's zlib.
lines.push(
  await exportLine(
    'qti (fflate, as in the browser)',
    () => toQtiZip(big, { mode: 'plain' }).byteLength,
  ),
);
try {
  const small = examOf(sample.slice(0, HTML_VARIANTS));
  start = process.hrtime.bigint();
  await renderFormats(small, ['html'], { mode: 'plain', paper: 'a4' });
  const s = seconds(start);
  lines.push(
    `export html (KaTeX): ${fmt(small.versions[0]!.questions.length)} variants in ${s.toFixed(2)} s`,
  );
} catch (e) {
  lines.push(`export html: skipped (${(e as Error).message})`);
}

start = process.hrtime.bigint();
const spec = parseExamSpec(
  {
    title: 'Bench exam',
    versions: 30,
    slots: registry.topics().map((topic) => ({ topic, count: 4 })),
  },
  registry,
);
const exam = assembleExam(spec, registry, { seed: 'bench' });
lines.push(
  `assemble: ${exam.versions.length} versions × ${exam.versions[0]!.questions.length} questions in ${seconds(start).toFixed(2)} s (pool sizes included)`,
);
{
  // What a lazily materialised exam costs (issue 20, `dlexam generate`): assembling it as question
  // references instead of in memory, and one pass of regenerating every question — what each
  // format writing from it pays (HTML makes four: copies, key, CSV, solutions). CPU seconds.
  const lazySpec = parseExamSpec(
    {
      title: 'Lazy bench',
      versions: LAZY_VERSIONS,
      slots: [
        { topic: 'cnn', count: 5 },
        { topic: 'rnn', count: 5 },
      ],
    },
    registry,
  );
  let from = process.cpuUsage();
  const eager = assembleExam(lazySpec, registry, { seed: 'lazy' });
  const eagerCpu = cpuSeconds(from);
  from = process.cpuUsage();
  const lazy = assembleExamSource(lazySpec, registry, { seed: 'lazy' });
  const lazyCpu = cpuSeconds(from);
  from = process.cpuUsage();
  let n = 0;
  for (const v of sourceVersions(lazy)) n += v.questions.length;
  const passCpu = cpuSeconds(from);
  const held = eager.versions.length * eager.versions[0]!.questions.length;
  lines.push(
    `lazy exam, ${fmt(held)} questions: assembled in memory ${eagerCpu.toFixed(2)} s, as references ${lazyCpu.toFixed(2)} s CPU; ` +
      `one pass regenerating every question ${passCpu.toFixed(2)} s (${fmt(n / passCpu)} questions/s)`,
  );
}
lines.push(...analyzeBench(registry));
lines.push(
  `peak RSS (with the exports held in memory): ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`,
);
if (process.env.BENCH_MEMORY === '1') lines.push(...memoryJobs());
process.stdout.write(lines.join('\n') + '\n');

/**
 * Issue 20's memory jobs (`BENCH_MEMORY=1 pnpm bench`; minutes each): the built CLI run in a child
 * process under `/usr/bin/time -v`, its peak RSS against the target. `pnpm bench:compare --heavy`
 * runs the same jobs side by side with another worktree.
 */
function memoryJobs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dlexam-bench-memory-'));
  const spec = (name: string, body: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(body));
    return p;
  };
  const big = spec('big.json', {
    title: 'Big',
    seed: 'bench',
    versions: 10000,
    slots: [
      { topic: 'cnn', count: 5 },
      { topic: 'rnn', count: 5 },
    ],
  });
  const long = spec('long.json', {
    title: 'Long',
    seed: 'bench',
    versions: 10000,
    slots: [{ template: 'rnn.lstm-step' }, { template: 'cnn.conv-params' }],
  });
  const bin = fileURLToPath(new URL('./bin.cjs', import.meta.url));
  const jobs = [
    ...(['json', 'moodle', 'qti'] as const).map((f) => ({
      name: `100,000 variants to ${f}`,
      args: ['--spec', big, '--format', f],
      target: 250,
    })),
    {
      name: '10,000 versions × 2 long solutions to HTML',
      args: ['--spec', long, '--format', 'html'],
      target: 500,
    },
  ];
  const out = jobs.map(({ name, args, target }) => {
    const cwd = mkdtempSync(join(dir, 'run-'));
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'generate', ...args], {
      cwd,
      encoding: 'utf8',
    });
    rmSync(cwd, { recursive: true, force: true });
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(r.stderr)?.[1];
    const mib = kb / 1024;
    return r.status === 0
      ? `memory ${name}: peak RSS ${fmt(mib)} MiB (target ≤ ${target} MiB: ${mib <= target ? 'met' : 'not met'}), ${wall} wall`
      : `memory ${name}: failed (${r.stderr.split('\n').find((l) => l.startsWith('dlexam:')) ?? `exit ${r.status}`})`;
  });
  rmSync(dir, { recursive: true, force: true });
  return out;
}
