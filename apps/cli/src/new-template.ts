import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DlexamError, namespaceProblem } from '@dlexam/generator';
import { parse } from './args.js';
import { NEW_TEMPLATE_HELP } from './help.js';
import { ensureWritableDir, writeFilesAtomically, type Io } from './io.js';

/** The starter template (no imports: it runs before anything is installed). */
const STARTER = `// @ts-check
/**
 * __ID__ — a dlexam template (written by \`dlexam new-template __ID__\`).
 *
 * A template turns a seed into a question: dlexam draws the parameters from \`params\` (inside
 * their ranges, redrawing until every constraint holds), calls \`build\` with them, and checks the
 * result with the same gates as its own templates. This starter asks for one gradient-descent
 * step; change it into your question, then run
 *
 *   dlexam check ./__FILE__.js          10,000 seeds through the full harness (must say 0 failing)
 *   dlexam preview __ID__ --seed 1 --templates ./__FILE__.js
 *
 * It imports nothing, so it runs as it is. Once you \`npm install -D @dlexam/generator @dlexam/math\`,
 * wrap it in \`defineTemplate({...})\` from '@dlexam/generator' for type inference and compute with
 * the math core ('@dlexam/math'); docs/authoring.md in the dlexam repository has the whole contract.
 */

/** @typedef {{ w: number, g: number, lr: number }} Params */

/** The update, written once; \`verify\` below recomputes it another way. */
function step(/** @type {Params} */ p) {
  return p.w - p.lr * p.g;
}

/** @type {import('@dlexam/generator').Template<Params>} */
const template = {
  // A namespaced id: your namespace, a dot, kebab-case. dlexam's own topics are not namespaces.
  id: '__ID__',
  // The topic it is practised and drawn under (foundations, cnn, rnn, regularization, optimization).
  topic: 'optimization',
  title: 'One gradient-descent step',
  objective: 'Apply one plain gradient-descent update to a single weight.',
  difficulty: 1,
  tags: ['gradient-descent'],
  // The kinds of question it can be; the first is the default. A numeric answer also makes a
  // single-choice question from its distractors.
  kinds: ['numeric', 'single'],
  // Every parameter: its type, domain and meaning (\`dlexam describe\` shows them; an exam spec
  // narrows them).
  params: {
    w: { type: 'number', min: -2, max: 2, step: 0.1, description: 'current weight' },
    g: { type: 'number', min: -3, max: 3, step: 0.1, description: 'gradient of the loss' },
    lr: { type: 'enum', values: [0.05, 0.1, 0.2, 0.5], description: 'learning rate' },
  },
  // Relations every variant satisfies; a draw that breaks one is redrawn.
  constraints: [
    { description: 'the gradient is not zero', check: (p) => p.g !== 0 },
    { description: 'the weight is not zero (the step alone would be the answer)', check: (p) => p.w !== 0 },
  ],
  build(p, ctx) {
    // Several wordings; pick one with the wording stream (never Math.random: same seed, same question).
    const stems = [
      'A weight \\\\(w = {{w}}\\\\) has gradient \\\\(\\\\partial L/\\\\partial w = {{g}}\\\\). After one gradient-descent step with learning rate \\\\(\\\\eta = {{lr}}\\\\), what is \\\\(w\\\\)? Give 3 decimals.',
      'Plain gradient descent updates \\\\(w \\\\leftarrow w - \\\\eta\\\\, \\\\partial L/\\\\partial w\\\\). With \\\\(w = {{w}}\\\\), \\\\(\\\\partial L/\\\\partial w = {{g}}\\\\) and \\\\(\\\\eta = {{lr}}\\\\), what is the new weight? Give 3 decimals.',
      'Take one step of gradient descent (learning rate {{lr}}) from \\\\(w = {{w}}\\\\), where the gradient is {{g}}. What is the updated weight, to 3 decimals?',
    ];
    const data = { ...p, next: step(p) };
    return {
      stem: ctx.render(stems[ctx.rng.int(0, stems.length - 1)] ?? '', data),
      solution: ctx.render(
        '\\\\(w - \\\\eta\\\\, g = {{w}} - {{lr}} \\\\times ({{g}}) = {{dec next 3}}\\\\).',
        data,
      ),
      answer: {
        type: 'numeric',
        value: data.next,
        decimals: 3,
        // Wrong values a student reaches through a named mistake, with the feedback they get.
        distractors: [
          {
            value: p.w + p.lr * p.g,
            misconception: 'added-gradient',
            feedback: 'The step goes against the gradient: subtract it.',
          },
          {
            value: p.w - p.g,
            misconception: 'forgot-learning-rate',
            feedback: 'The gradient is scaled by the learning rate before it is subtracted.',
          },
          {
            value: -p.lr * p.g,
            misconception: 'step-not-weight',
            feedback: 'That is the step; the question asks for the new weight w − η·g.',
          },
        ],
      },
    };
  },
  // The independent check \`dlexam check\` runs on every variant: throw when the key is wrong.
  verify(v, p) {
    // In whole thousandths: w and g are multiples of 0.1 and η of 0.05, so w − η·g is exact there.
    const expected = Math.round(p.w * 1000 - p.lr * 1000 * p.g) / 1000;
    const key =
      v.answer.kind === 'numeric'
        ? v.answer.numeric.value
        : v.choices.find((c) => c.correct)?.value;
    if (key === undefined || Math.abs(key - expected) > 1e-9)
      throw new Error('key ' + key + ', expected ' + expected);
  },
};

export default template;
`;

/** Its test, for `node --test` once @dlexam/generator is installed. */
const STARTER_TEST = `// Tests for __ID__ with Node's own runner: \`node --test\`. They need the harness dlexam's templates
// pass: \`npm install -D @dlexam/generator\` (or run \`dlexam check ./__FILE__.js\`, which needs nothing).
import { test } from 'node:test';
import { generateVariant } from '@dlexam/generator';
import { auditTemplate } from '@dlexam/generator/testing';
import template from './__FILE__.js';

test('__ID__ passes the dlexam harness over 10,000 seeds', () => {
  const report = auditTemplate(template);
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length)
    throw new Error(
      failed.map((c) => c.name + ': ' + (c.failures[0]?.message ?? c.detail)).join('\\n'),
    );
});

test('__ID__ gives the step worked by hand', () => {
  // A case you worked yourself: pin its params and compare the key.
  const v = generateVariant(template, 'by-hand', { pins: { w: 0.5, g: 2, lr: 0.1 } });
  if (v.answer.kind !== 'numeric' || v.answer.numeric.value !== 0.3)
    throw new Error('expected the key 0.3, got ' + JSON.stringify(v.answer));
});
`;

export function newTemplate(argv: string[], io: Io): number {
  const { values, positionals } = parse(
    'new-template',
    argv,
    { out: { type: 'string' }, force: { type: 'boolean' } },
    1,
  );
  if (values.help) return (io.stdout(NEW_TEMPLATE_HELP), 0);
  const id = positionals[0];
  if (!id) throw new DlexamError('needs a template id such as myclass.loss-curve', 'new-template');
  const problem = namespaceProblem(id);
  if (problem) throw new DlexamError(problem, 'new-template');
  const file = id.replaceAll('.', '-');
  const dir = resolve(io.cwd, values.out ?? '.');
  const files = [
    { path: `${file}.js`, content: STARTER },
    { path: `${file}.test.js`, content: STARTER_TEST },
  ].map((f) => ({
    ...f,
    content: f.content.replaceAll('__ID__', id).replaceAll('__FILE__', file),
  }));
  if (!values.force)
    for (const f of files)
      if (existsSync(resolve(dir, f.path)))
        throw new DlexamError(
          `${resolve(dir, f.path)} exists; choose another id or --out, or pass --force`,
          'new-template',
        );
  const written = writeFilesAtomically(ensureWritableDir(dir), files);
  const rel = relative(io.cwd, resolve(dir, `${file}.js`));
  const path = rel.startsWith('..') || isAbsolute(rel) ? rel : `./${rel}`;
  io.stdout(
    `${written.map((p) => `wrote ${p}`).join('\n')}\n\nNext:\n  dlexam check ${path}\n  dlexam preview ${id} --seed 1 --templates ${path}\n`,
  );
  return 0;
}
