#!/usr/bin/env node
/**
 * The grading contract at any size: `pnpm grading-contract [--seeds N] [--template ID]`. Prints one
 * line per template × kind with a progress count, every disagreement, and a summary; exits 1 when
 * any response is scored differently by the model, Moodle's rules or Canvas's rules.
 */
import { argv, exit, stderr, stdout } from 'node:process';
import { checkVariants, contractVariants } from './contract.js';
import { allTemplates } from './templates.js';

function option(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
}

const seeds = Number(option('seeds', '1000'));
const only = option('template', '');
if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100_000) {
  stderr.write(`--seeds must be a whole number from 1 to 100000, got ${option('seeds', '')}\n`);
  exit(2);
}
const templates = only ? allTemplates.filter((t) => t.id === only) : allTemplates;
if (!templates.length) {
  stderr.write(`--template: no template '${only}' (run 'pnpm dlexam list')\n`);
  exit(2);
}

const pairs = templates.reduce((n, t) => n + t.kinds.length, 0);
let done = 0;
let variants = 0;
let responses = 0;
let disagreements = 0;
const start = performance.now();
for (const t of templates) {
  for (const kind of t.kinds) {
    const [batch = []] = contractVariants([{ ...t, kinds: [kind] }], seeds);
    for (const grading of ['right-minus-wrong'] as const) {
      const r = checkVariants(batch, grading);
      variants += r.variants;
      responses += r.responses;
      disagreements += r.disagreements.length;
      for (const d of r.disagreements.slice(0, 5)) stdout.write(`DISAGREE ${JSON.stringify(d)}\n`);
    }
    done++;
    stderr.write(`\r${done}/${pairs} ${t.id} ${kind}\x1b[K`);
  }
}
stderr.write('\n');
const seconds = (performance.now() - start) / 1000;
stdout.write(
  `${variants} variants, ${responses} scripted responses over ${pairs} template × kind pairs ` +
    `(${seeds} seeds each) in ${seconds.toFixed(1)} s: ${disagreements} disagreements\n`,
);
exit(disagreements ? 1 : 0);
