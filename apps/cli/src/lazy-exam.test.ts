import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleExam, assembleExamSource, parseExamSpec } from '@dlexam/generator';
import { registry, renderFormats } from 'dlexam';
import { runCli } from './cli-harness.js';

/**
 * Issue 20: `generate` holds the exam as question references and regenerates each question as a
 * format writes it. Every file must stay the bytes the exam in memory renders to.
 */
const specs = {
  topics: {
    title: 'Lazy Topics',
    seed: 'lazy-1',
    versions: 3,
    slots: ['foundations', 'cnn', 'rnn', 'regularization', 'optimization'].map((topic, i) => ({
      topic,
      count: i === 1 ? 2 : 1,
      points: i + 1,
    })),
  },
  walked: {
    // 40 of a narrowed pool of 50-odd: random draws run dry and the pool's members are walked.
    title: 'Lazy Walked',
    seed: 'lazy-2',
    versions: 40,
    slots: [
      {
        template: 'cnn.conv-output-size',
        kind: 'single',
        params: { k: { in: [3, 5] }, s: [1, 2] },
        band: 2,
      },
      { template: 'cnn.concepts', kind: 'multiple' },
    ],
  },
  balanced: {
    title: 'Lazy Balanced',
    course: 'DL 101',
    instructions: 'Show your work: \\(y = Wx + b\\).',
    seed: 'lazy-3',
    versions: 4,
    slots: [
      { template: ['rnn.rnn-step', 'rnn.gru-step'], points: 3, difficulty: 3, band: 1 },
      { topic: 'regularization', count: 2, band: 1 },
      { template: 'cnn.conv-params' },
    ],
  },
};

describe('generate from a lazily materialised exam', () => {
  it('writes every format byte for byte as the exam held in memory renders it', async () => {
    for (const [name, raw] of Object.entries(specs)) {
      for (const mode of ['categories', 'plain'] as const) {
        const cwd = mkdtempSync(join(tmpdir(), 'dlexam-lazy-'));
        writeFileSync(join(cwd, 'spec.json'), JSON.stringify(raw));
        const r = await runCli(
          [
            'generate',
            '--spec',
            'spec.json',
            '--format',
            'json,moodle,qti,html',
            '--mode',
            mode,
            '--out',
            'out',
          ],
          cwd,
        );
        expect(r.stderr, `${name} ${mode}`).toBe('');
        expect(r.code).toBe(0);
        const exam = assembleExam(parseExamSpec(raw, registry), registry);
        const files = await renderFormats(exam, ['json', 'moodle', 'qti', 'html'], {
          mode,
          paper: 'a4',
        });
        expect(files.length).toBeGreaterThan(exam.versions.length + 6);
        for (const f of files) {
          const written = readFileSync(join(cwd, 'out', f.path));
          const expected =
            typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content);
          expect(written.equals(expected), `${name} ${mode}: ${f.path}`).toBe(true);
        }
        expect(r.stdout).toContain(
          `${exam.title}: ${exam.versions.length} version(s) × ${exam.versions[0]!.questions.length} questions, seed ${exam.seed}\n`,
        );
      }
    }
  }, 240_000);

  it('renders the same files from an ExamSource as from the exam it materialises', async () => {
    const spec = parseExamSpec(specs.balanced, registry);
    const lazy = assembleExamSource(spec, registry);
    const opts = { mode: 'plain', paper: 'letter', showSeed: true } as const;
    const fromSource = await renderFormats(lazy, ['json', 'html'], opts);
    const fromExam = await renderFormats(assembleExam(spec, registry), ['json', 'html'], opts);
    expect(fromSource.map((f) => f.path)).toEqual(fromExam.map((f) => f.path));
    fromSource.forEach((f, i) => expect(f.content, f.path).toEqual(fromExam[i]!.content));
  });
});
