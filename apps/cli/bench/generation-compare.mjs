#!/usr/bin/env node
/**
 * `node apps/cli/bench/generation-compare.mjs --base <built worktree> [--runs 5] [--count 20000]`:
 * `pnpm bench`'s generation throughput timed side by side with another commit (issue 20: ≥ 3×
 * today's main). Both trees generate the same template × kind pairs — those both have, with the
 * same seeds — each run a fresh process (`generation-job.mjs`), base then this, in turn; the table
 * has the medians of variants/s (wall and CPU) and the ratio this ÷ base. Templates that changed
 * between the commits (more validity checks, more distractors) are timed as each commit has them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '5' },
    count: { type: 'string', default: '20000' },
  },
});
if (!values.base) {
  console.error('usage: generation-compare.mjs --base <built worktree> [--runs 5] [--count 20000]');
  process.exit(2);
}
const job = fileURLToPath(new URL('./generation-job.mjs', import.meta.url));
const trees = {
  base: resolve(values.base),
  this: resolve(fileURLToPath(new URL('../../..', import.meta.url))),
};
const RUNS = Number(values.runs);
const COUNT = Number(values.count);

function run(tree, ...args) {
  const r = spawnSync(process.execPath, [job, trees[tree], ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`${tree}: generation job failed\n${r.stderr}`);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

const theirs = new Set(run('base', 'list'));
const common = run('this', 'list').filter((p) => theirs.has(p));
const dir = mkdtempSync(join(tmpdir(), 'dlexam-gen-compare-'));
const pairsFile = join(dir, 'pairs.json');
writeFileSync(pairsFile, JSON.stringify(common));
const times = { base: [], this: [] };
for (let i = 0; i < RUNS; i++)
  for (const tree of ['base', 'this']) times[tree].push(run(tree, 'run', pairsFile, String(COUNT)));
rmSync(dir, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const rate = (tree, key) => COUNT / median(times[tree].map((t) => t[key]));
const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(
  `generation of ${COUNT.toLocaleString('en-US')} variants over the ${common.length} template × kind pairs both trees have; medians of ${RUNS} runs, base ${trees.base}\n`,
);
console.log('| | base | this | this ÷ base |');
console.log('|---|---|---|---|');
for (const [label, key] of [
  ['variants/s (wall)', 'wall'],
  ['variants/s (CPU)', 'cpu'],
])
  console.log(
    `| ${label} | ${fmt(rate('base', key))} | ${fmt(rate('this', key))} | ${(rate('this', key) / rate('base', key)).toFixed(2)}× |`,
  );
