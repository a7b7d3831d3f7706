import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';
import { analyze } from '@dlexam/analyze';
import {
  canvasStudentAnalysisCsv,
  moodleResponsesCsv,
  simulateClass,
} from '@dlexam/analyze/testing';
import { assembleExam, parseExamSpec } from '@dlexam/generator';
import { registry } from 'dlexam';

const SAMPLE = fileURLToPath(
  new URL('../../../packages/analyze/test/fixtures/moodle-analyze-1/', import.meta.url),
);

const run = (argv: string[], cwd?: string) =>
  runCli(argv, cwd ?? mkdtempSync(join(tmpdir(), 'dlexam-analyze-')));

describe('dlexam analyze', () => {
  it('writes the HTML report, every figure as CSV/JSON and the KaTeX assets', async () => {
    const r = await run([
      'analyze',
      '--exam',
      join(SAMPLE, 'exam.exam.json'),
      '--results',
      join(SAMPLE, 'responses.csv'),
      '--grades',
      join(SAMPLE, 'grades.csv'),
      '--out',
      'report',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Analyze Fixture One: 29 students × 6 questions \(moodle\), 1 unfinished attempt\(s\) left out\n/,
    );
    expect(r.stdout).toMatch(/most held misconceptions: forgot-plus-one \(5\)/);
    const dir = join(r.cwd, 'report');
    expect(readdirSync(dir).sort()).toEqual([
      'analysis.json',
      'fairness.csv',
      'katex',
      'misconceptions.csv',
      'options.csv',
      'questions.csv',
      'report.html',
      'responses.csv',
      'students.csv',
      'templates.csv',
      'variants.csv',
    ]);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('href="katex/katex.min.css"');
    expect(html).toContain('<code>forgot-plus-one</code>');
    expect(existsSync(join(dir, 'katex', 'katex.min.css'))).toBe(true);
    const questions = readFileSync(join(dir, 'questions.csv'), 'utf8').split('\n');
    expect(questions[0]).toMatch(/^question,slot,points,n,facility,/);
    expect(questions).toHaveLength(8);
  });

  it('bad input: one line naming the file and line, exit code 2, no report', async () => {
    const r = await run([
      'analyze',
      '--exam',
      join(SAMPLE, 'exam.exam.json'),
      '--results',
      join(SAMPLE, 'grades.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^dlexam: .*grades\.csv line 1: this is a Moodle Grades download; pass it with --grades/,
    );
    expect(existsSync(join(r.cwd, 'report'))).toBe(false);
    const m = await run(['analyze', '--exam', join(SAMPLE, 'exam.exam.json')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe('dlexam: analyze: needs --results <file> (see --help)\n');
  });
});

describe('analyze on a 40-question exam of every topic, answered by a simulated class', () => {
  const spec = parseExamSpec(
    {
      title: 'All topics',
      versions: 6,
      slots: registry.topics().map((topic) => ({ topic, count: 8 })),
    },
    registry,
  );
  const exam = assembleExam(spec, registry, { seed: 'analyze-all-topics' });
  const sim = simulateClass(exam, { students: 120, seed: 'all-topics', misconceptions: [] });

  for (const [lms, csv, keyOf] of [
    ['moodle', moodleResponsesCsv(sim), (i: number) => sim[i]!.key],
    ['canvas', canvasStudentAnalysisCsv(sim), (i: number) => String(3000 + i)],
  ] as const)
    it(`${lms}: every response joins to its variant and earns the score its simulated intent implies`, () => {
      const a = analyze({
        exam: { name: 'exam.json', json: exam },
        results: { name: `${lms}.csv`, data: csv },
      });
      // Canvas does not say where in a slot's group a question stood: responses are keyed by variant.
      const got = new Map(a.responses.map((r) => [`${r.student}/${r.item}`, r]));
      sim.forEach((s, i) =>
        s.answers.forEach((x) => {
          const r = got.get(`${keyOf(i)}/${x.id}`)!;
          const at = `${lms} ${keyOf(i)} Q${x.question} ${x.id} ${JSON.stringify(x.intent)}`;
          expect(r.item, at).toBe(x.id);
          expect(r.score, at).toBeCloseTo(x.score, 9);
          if (x.intent.type === 'misconception')
            expect(r.misconceptions, at).toContain(x.intent.tag);
        }),
      );
      expect(a.questions).toHaveLength(40);
    });
});

describe('a small class on Canvas, every topic', () => {
  // pnpm bench's exam (8 questions per topic, 10 versions): statement banks ask the same question
  // in several variants, and two templates of different topics ask one stem, so a small class
  // leaves columns that fit variants of several slots, or several variants of one slot.
  const exam = assembleExam(
    parseExamSpec(
      {
        title: 'Analyze bench',
        versions: 10,
        slots: registry.topics().map((topic) => ({ topic, count: 8 })),
      },
      registry,
    ),
    registry,
    { seed: 'analyze-bench' },
  );

  it('is joined slot by slot, each response to the variant given or to one the report names as grading it alike', () => {
    for (const students of [30, 100]) {
      const sim = simulateClass(exam, { students, seed: 'bench', misconceptions: [] });
      const a = analyze({
        exam: { name: 'exam.json', json: exam },
        results: {
          name: 'canvas.csv',
          data: new TextEncoder().encode(canvasStudentAnalysisCsv(sim)),
        },
      });
      expect(a.test.students).toBe(students);
      for (const s of a.students) expect(s.total).toBeCloseTo(s.lmsTotal ?? Number.NaN, 9);
      // The simulated file's k-th student has the id 3000 + k.
      sim.forEach((student, k) => {
        const given = student.answers.map((x) => x.id);
        const joined = a.responses.filter((r) => r.student === String(3000 + k));
        expect(joined).toHaveLength(given.length);
        for (const r of joined)
          if (!given.includes(r.item))
            expect(
              a.source.warnings.some((w) => w.includes(r.item) && given.some((g) => w.includes(g))),
              `${r.item} of student ${k}`,
            ).toBe(true);
      });
    }
  });
});
