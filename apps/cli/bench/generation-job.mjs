/**
 * One timed generation for `generation-compare.mjs`:
 * `node generation-job.mjs <worktree> list` prints the worktree's template × kind pairs (JSON);
 * `node generation-job.mjs <worktree> run <pairs.json> <count>` generates `count` variants with
 * that worktree's built generator and topic packages, cycling through the given pairs (seeds 0, 1,
 * …, as `pnpm bench` does), and prints the wall and CPU seconds as JSON.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tree, mode, pairsFile, countArg] = process.argv.slice(2);
const load = (pkg) =>
  import(pathToFileURL(join(resolve(tree), 'packages', pkg, 'dist/index.js')).href);
const { generateVariant } = await load('generator');
const templates = new Map();
for (const topic of ['foundations', 'cnn', 'rnn', 'regularization', 'optimization']) {
  const mod = await load(`topic-${topic}`);
  const list = mod[`${topic}Templates`];
  if (!Array.isArray(list)) throw new Error(`${tree}: topic-${topic} exports no ${topic}Templates`);
  for (const t of list) templates.set(t.id, t);
}
if (mode === 'list') {
  const pairs = [...templates.values()].flatMap((t) => t.kinds.map((k) => `${t.id}|${k}`));
  process.stdout.write(JSON.stringify(pairs));
} else {
  const pairs = JSON.parse(readFileSync(pairsFile, 'utf8')).map((p) => {
    const [id, kind] = p.split('|');
    return [templates.get(id), kind];
  });
  const count = Number(countArg);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const [t, kind] = pairs[i % pairs.length];
    generateVariant(t, i, { kind });
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ wall, cpu: (c.user + c.system) / 1e6 }));
}
