#!/usr/bin/env node
/**
 * `pnpm bench:compare --base <worktree>`: the CLI jobs of issue 20, timed side by side against a
 * built worktree of another commit (today's main), in the same run: each job runs base then this
 * worktree in turn, N times (default 5), under `/usr/bin/time -v`; the table shows medians of wall
 * time, CPU time (user + system) and peak RSS, and the ratio base ÷ this. The machine's speed
 * swings with other load, so only the side-by-side ratio means much.
 *
 *   git worktree add /work/wt-base <commit> && (cd /work/wt-base && pnpm install && pnpm build)
 *   node apps/cli/bench/compare.mjs --base /work/wt-base [--runs 5] [--only list,help] [--heavy]
 *
 * `--heavy` adds the memory jobs (100,000 variants per format; 10,000 versions of HTML), run once
 * each: minutes per job, and gigabytes for a base that renders in memory. Their rows say whether
 * this worktree meets issue 20's peak-RSS targets (≤ 250 MiB per format; ≤ 500 MiB for the HTML).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    heavy: { type: 'boolean' },
  },
});
if (!values.base) {
  console.error('usage: compare.mjs --base <built worktree of the commit to compare with>');
  process.exit(2);
}
const here = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const trees = { base: resolve(values.base), this: here };
const RUNS = Number(values.runs);

const specDir = mkdtempSync(join(tmpdir(), 'dlexam-compare-'));
const spec = (name, body) => {
  const p = join(specDir, name);
  writeFileSync(p, JSON.stringify(body));
  return p;
};
const five = spec('five.json', {
  title: 'Five',
  seed: 'bench',
  versions: 1,
  slots: ['foundations', 'cnn', 'rnn', 'regularization', 'optimization'].map((topic) => ({
    topic,
  })),
});
const conv = spec('conv.json', {
  title: 'Conv',
  seed: 'bench',
  versions: 1000,
  slots: [
    { template: 'cnn.conv-output-size', kind: 'numeric' },
    { template: 'cnn.conv-output-size', kind: 'single' },
  ],
});
const big = spec('big.json', {
  title: 'Big',
  seed: 'bench',
  versions: 10000,
  slots: [
    { topic: 'cnn', count: 5 },
    { topic: 'rnn', count: 5 },
  ],
});
const longHtml = spec('long.json', {
  title: 'Long',
  seed: 'bench',
  versions: 10000,
  slots: [{ template: 'rnn.lstm-step' }, { template: 'cnn.conv-params' }],
});

/** Jobs: argv of the CLI (or `node -e 0`), each run in a fresh directory. */
const jobs = [
  { name: 'node -e 0 (reference)', node: ['-e', '0'] },
  // Issue 20's targets: `vsNode` at most that multiple of `node -e 0`'s wall time; `faster` at
  // least that multiple of base's; `rss` this worktree's peak RSS at most that many MiB.
  { name: 'dlexam --help', cli: ['--help'], vsNode: 2 },
  {
    name: 'dlexam preview <id> --seed 1',
    cli: ['preview', 'cnn.conv-output-size', '--seed', '1'],
    vsNode: 2,
  },
  { name: 'dlexam list', cli: ['list'], faster: 10 },
  {
    name: 'generate --spec (5 topic slots), JSON',
    cli: ['generate', '--spec', five, '--format', 'json'],
    faster: 8,
  },
  { name: 'generate (sample, default formats)', cli: ['generate'], faster: 5 },
  {
    name: '2,000 conv-output-size to Moodle XML',
    cli: ['generate', '--spec', conv, '--format', 'moodle'],
    faster: 4,
  },
  ...(values.heavy
    ? ['json', 'moodle', 'qti'].map((f) => ({
        name: `100,000 variants to ${f} (peak RSS)`,
        cli: ['generate', '--spec', big, '--format', f],
        once: true,
        rss: 250,
      }))
    : []),
  ...(values.heavy
    ? [
        {
          name: '10,000 versions × 2 long solutions to HTML',
          cli: ['generate', '--spec', longHtml, '--format', 'html'],
          once: true,
          rss: 500,
        },
      ]
    : []),
].filter((j) => !values.only || values.only.split(',').some((o) => j.name.includes(o)));

/** A built worktree's command: `bin.cjs` since the code cache, `bin.js` before. */
function cliBin(tree) {
  const cjs = join(tree, 'apps/cli/dist/bin.cjs');
  return existsSync(cjs) ? cjs : join(tree, 'apps/cli/dist/bin.js');
}

function timeOnce(tree, job) {
  const cwd = mkdtempSync(join(tmpdir(), 'dlexam-compare-run-'));
  const args = job.node ?? [cliBin(trees[tree]), ...job.cli];
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  // Wall time to the microsecond here: /usr/bin/time prints it in hundredths, too coarse for
  // `--help` beside `node -e 0`.
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(cwd, { recursive: true, force: true });
  const field = (label) => new RegExp(`${label}: (.*)`).exec(r.stderr)?.[1]?.trim();
  const cpu = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
  const rss = Number(field('Maximum resident set size \\(kbytes\\)')) / 1024;
  const status = Number(field('Exit status') ?? 1);
  const err =
    status === 0
      ? ''
      : (r.stderr.split('\n').find((l) => /dlexam:|Error/.test(l)) ?? `exit ${status}`);
  return { wall, cpu, rss, err };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f2 = (x) => x.toFixed(2);
const f3 = (x) => x.toFixed(3);
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');

const rows = [];
let nodeWall = 0;
for (const job of jobs) {
  const runs = { base: [], this: [] };
  for (let i = 0; i < (job.once ? 1 : RUNS); i++)
    for (const tree of ['base', 'this']) runs[tree].push(timeOnce(tree, job));
  const m = (tree, k) => median(runs[tree].map((r) => r[k]));
  const errs = ['base', 'this'].map((t) => runs[t].find((r) => r.err)?.err).filter(Boolean);
  if (job.node) nodeWall = m('this', 'wall');
  const verdict = (ok) => (ok ? 'met' : 'not met');
  const target = job.vsNode
    ? `≤ ${job.vsNode}× node -e 0: ${(m('this', 'wall') / nodeWall).toFixed(2)}×, ${verdict(m('this', 'wall') <= job.vsNode * nodeWall)}`
    : job.faster
      ? `≥ ${job.faster}× faster: ${verdict(m('base', 'wall') >= job.faster * m('this', 'wall'))}`
      : job.rss
        ? `≤ ${job.rss} MiB: ${verdict(m('this', 'rss') <= job.rss)}`
        : '';
  rows.push([
    job.name,
    `${f3(m('base', 'wall'))} s / ${f2(m('base', 'cpu'))} s / ${Math.round(m('base', 'rss'))} MiB`,
    `${f3(m('this', 'wall'))} s / ${f2(m('this', 'cpu'))} s / ${Math.round(m('this', 'rss'))} MiB`,
    `${ratio(m('base', 'wall'), m('this', 'wall'))} wall, ${ratio(m('base', 'cpu'), m('this', 'cpu'))} CPU`,
    target,
    errs.join('; '),
  ]);
  process.stderr.write(`${job.name} done\n`);
}
const head = [
  'job',
  'base: wall / CPU / peak RSS',
  'this: wall / CPU / peak RSS',
  'base ÷ this',
  'issue 20 target',
  'errors',
];
console.log(
  `medians of ${RUNS} runs each (heavy jobs: 1; wall clock to the millisecond), base ${trees.base}, this ${trees.this}\n`,
);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
rmSync(specDir, { recursive: true, force: true });
