import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Exam } from '@dlexam/types';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from './index.js';
import {
  canvasStudentAnalysisCsv,
  moodleGradesCsv,
  moodleResponsesCsv,
  simulateClass,
  type SimStudent,
} from './testing.js';

// A real dlexam exam (6 slots × 6 variants: numeric, single, multiple, matching, cloze table,
// numeric) answered by simulated classes; the LMS files are written per lms-results.md.
const exam = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../test/fixtures/moodle-analyze-1/exam.exam.json', import.meta.url)),
    'utf8',
  ),
) as Exam;
const examInput = { name: 'exam.exam.json', json: exam };
const HELD = ['forgot-plus-one', 'tanh-gates', 'computed-accuracy', 'dense-equivariant'];
const harder = `${exam.versions[1]!.questions[1]!.variant.templateId}@${exam.versions[1]!.questions[1]!.variant.seed}`;

// ---- independent statistics, written out here without the package's code ----
function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
const svar = (x: number[]) => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
};

function checkAgainstSimulation(
  a: Analysis,
  sim: SimStudent[],
  keyOf = (s: SimStudent, _i: number) => s.key,
) {
  const byKey = new Map(a.students.map((s, i) => [s.key, i]));
  const Q = exam.versions[0]!.questions.length;
  const matrix = sim.map((s) => s.answers.map((x) => x.score));
  for (const [i, s] of sim.entries()) {
    const key = keyOf(s, i);
    for (const x of s.answers) {
      const r = a.responses.find((y) => y.student === key && y.question === x.question)!;
      const at = `${key} Q${x.question} ${JSON.stringify(x.intent)}`;
      expect(r.item, at).toBe(x.id);
      expect(r.score, at).toBeCloseTo(x.score, 9);
      if (x.intent.type === 'blank') expect(r.outcome, at).toBe('blank');
      if (x.intent.type === 'right') expect(r.outcome, at).toBe('correct');
      if (x.intent.type === 'misconception') expect(r.misconceptions, at).toContain(x.intent.tag);
      if (x.intent.type === 'unmodelled') expect(r.misconceptions, at).toEqual([]);
      if (x.intent.type === 'swap')
        expect(r.details, at).toEqual([
          expect.objectContaining({ type: 'pair', prompt: x.intent.a, swappedWith: x.intent.b }),
          expect.objectContaining({ type: 'pair', prompt: x.intent.b, swappedWith: x.intent.a }),
        ]);
      if (x.intent.type === 'cell')
        expect(r.details, at).toEqual([
          expect.objectContaining({ type: 'cell', row: x.intent.row, col: x.intent.col }),
        ]);
    }
    expect(byKey.has(key)).toBe(true);
  }
  const totals = matrix.map((r) => r.reduce((t, v) => t + v, 0));
  for (let j = 0; j < Q; j++) {
    const x = matrix.map((r) => r[j]!);
    const q = a.questions[j]!;
    expect(q.facility, `facility Q${j + 1}`).toBeCloseTo(
      x.reduce((t, v) => t + v, 0) / x.length,
      9,
    );
    expect(q.discrimination!, `r_it Q${j + 1}`).toBeCloseTo(
      pearson(
        x,
        totals.map((t, i) => t - x[i]!),
      ),
      9,
    );
    expect(q.pointBiserial!, `r_pb Q${j + 1}`).toBeCloseTo(pearson(x, totals), 9);
  }
  const alpha =
    (Q / (Q - 1)) *
    (1 -
      Array.from({ length: Q }, (_, j) => svar(matrix.map((r) => r[j]!))).reduce(
        (t, v) => t + v,
        0,
      ) /
        svar(totals));
  expect(a.test.alpha!).toBeCloseTo(alpha, 9);
  expect(a.test.sem!).toBeCloseTo(Math.sqrt(svar(totals)) * Math.sqrt(1 - alpha), 9);
  // Every held misconception is recovered, with exactly the students who held it.
  for (const tag of HELD) {
    const holders = new Set(
      sim
        .filter((s) =>
          s.answers.some((x) => x.intent.type === 'misconception' && x.intent.tag === tag),
        )
        .map((s) => s.first),
    );
    const m = a.misconceptions.find((y) => y.tag === tag);
    expect(m, tag).toBeDefined();
    expect(m!.students, tag).toBe(holders.size);
  }
}

describe('simulated classes on a real dlexam exam', () => {
  const sim = simulateClass(exam, {
    students: 300,
    seed: 'moodle-1',
    misconceptions: HELD,
    harder: { id: harder, p: 0.05 },
  });
  const moodle = analyze({
    exam: examInput,
    results: { name: 'responses.csv', data: moodleResponsesCsv(sim) },
    grades: { name: 'grades.csv', data: moodleGradesCsv(sim) },
  });

  it('Moodle export (300 students): every response joined and graded, statistics equal independent ones', () => {
    expect(moodle.test.students).toBe(300);
    checkAgainstSimulation(moodle, sim);
  });

  it('the Grades download gives the same facility (its 2-decimal rounding is undone)', () => {
    for (const q of moodle.questions) expect(q.lms!.facility).toBeCloseTo(q.facility, 9);
  });

  it('the variant made harder on purpose is flagged, and named as the hardest', () => {
    const f = moodle.fairness[1]!;
    expect(f.flagged).toBe(true);
    expect(f.verdict).toContain(`hardest: ${harder}`);
    expect(f.test.test).toBe('chi-square');
    expect(f.test.p!).toBeLessThan(0.001);
    // Other slots may differ too (a held misconception is modelled in some variants only), but none as clearly.
    for (const x of moodle.fairness)
      if (x.question !== 2) expect(x.test.p!).toBeGreaterThan(f.test.p!);
  });

  it('the held misconceptions lead the class list', () => {
    for (const m of moodle.misconceptions.slice(0, 3)) expect(HELD).toContain(m.tag);
  });

  it('Canvas export of the same class: the same analysis', () => {
    const canvas = analyze({
      exam: examInput,
      results: { name: 'canvas.csv', data: canvasStudentAnalysisCsv(sim) },
    });
    checkAgainstSimulation(canvas, sim, (_s, i) => String(3000 + i));
    expect(canvas.fairness[1]!.flagged).toBe(true);
    for (const q of canvas.questions) expect(q.lms!.facility).toBeCloseTo(q.facility, 9);
  });

  it('fixed versions: totals compared by version', () => {
    const fixed = simulateClass(exam, { students: 120, seed: 'versions', mode: 'versions' });
    const a = analyze({
      exam: examInput,
      results: { name: 'r.csv', data: moodleResponsesCsv(fixed) },
    });
    checkAgainstSimulation(a, fixed);
    expect(a.test.versions!.groups.map((g) => g.version)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(a.test.versions!.groups.reduce((t, g) => t + g.n, 0)).toBe(120);
    expect(a.test.versions!.test.test).toBe('kruskal-wallis');
  });
});
