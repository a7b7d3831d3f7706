import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from './index.js';

// Real Moodle 4.5.6 exports of a dlexam exam (see test/fixtures/moodle-analyze-1/README.md).
const dir = fileURLToPath(new URL('../test/fixtures/moodle-analyze-1/', import.meta.url));
const file = (name: string) => ({ name, data: readFileSync(dir + name) });
const truth = JSON.parse(readFileSync(dir + 'truth.json', 'utf8')) as {
  students: Record<
    string,
    {
      attempt_state: string;
      slots: Record<
        string,
        { idnumber: string; intent: string; why: string; kind: string; moodle_mark: number | null }
      >;
    }
  >;
};
const moodle = JSON.parse(readFileSync(dir + 'statistics.json', 'utf8')) as {
  quiz: { cic: number; standarderror: number; standarddeviation: number; allattemptscount: number };
  slots: {
    slot: number;
    facility_percent: number;
    discrimination_index: number | null;
    discriminative_efficiency: number | null;
    s: number;
    idnumber: string | null;
    subquestions?: unknown;
  }[];
  questions: {
    idnumber: string;
    s: number;
    facility_percent: number;
    discrimination_index: number | null;
  }[];
};

const withGrades: Analysis = analyze({
  exam: file('exam.exam.json'),
  results: file('responses.csv'),
  grades: file('grades.csv'),
});
const alone: Analysis = analyze({ exam: file('exam.exam.json'), results: file('responses.csv') });

const slotRow = (n: number) => moodle.slots.find((s) => s.slot === n)!;

describe('analyze on the real Moodle 4.5.6 sample', () => {
  it('counts the 29 finished attempts and leaves out the one in progress, by line', () => {
    expect(withGrades.test.students).toBe(29);
    expect(moodle.quiz.allattemptscount).toBe(29);
    expect(withGrades.source.skipped).toEqual([
      {
        line: 31,
        name: 'Student30 Larsen',
        reason: "status 'In progress' (only finished attempts are graded)",
      },
    ]);
  });

  it('joins every response to the variant truth.json names', () => {
    let n = 0;
    for (const r of withGrades.responses) {
      const t = truth.students[r.student]!.slots[String(r.question)]!;
      expect(r.item, `${r.student} Q${r.question}`).toBe(t.idnumber);
      n++;
    }
    expect(n).toBe(29 * 6);
  });

  it('recovers every simulated answer: right, blank, and the misconception of each wrong one', () => {
    for (const r of withGrades.responses) {
      const t = truth.students[r.student]!.slots[String(r.question)]!;
      const at = `${r.student} Q${r.question}: ${t.why}`;
      if (t.intent === 'blank') {
        expect(r.outcome, at).toBe('blank');
        continue;
      }
      if (t.intent === 'right') {
        expect(r.outcome, at).toBe('correct');
        continue;
      }
      expect(r.outcome, at).not.toBe('correct');
      const tag = /\(misconception ([\w-]+)\)/.exec(t.why)?.[1];
      if (tag) expect(r.misconceptions, at).toContain(tag);
      const swapped = /swapped the answers of "(.+)" and "(.+)"/.exec(t.why);
      if (swapped) {
        const pairs = r.details.filter((d) => d.type === 'pair');
        expect(pairs, at).toHaveLength(2);
        expect(
          pairs.every((d) => d.type === 'pair' && d.swappedWith !== undefined),
          at,
        ).toBe(true);
      }
      const cell = /cell (\d+) wrong: ([\d.]+) instead of ([\d.]+)/.exec(t.why);
      if (cell) {
        const cells = r.details.filter((d) => d.type === 'cell');
        expect(cells, at).toHaveLength(1);
        expect(cells[0], at).toMatchObject({ given: cell[2], expected: cell[3] });
      }
      if (/ticked every box/.test(t.why)) {
        // Every wrong option is named (Moodle gave full marks here; dlexam's model does not).
        expect(r.details.filter((d) => d.type === 'option').length, at).toBeGreaterThan(0);
        expect(
          r.details.some((d) => d.type === 'missed'),
          at,
        ).toBe(false);
      }
      const only = /only the distractor "(.+)"/.exec(t.why);
      if (only)
        expect(
          r.details.filter((d) => d.type === 'option'),
          at,
        ).toHaveLength(1);
    }
  });

  it('with the Grades download: facility, discrimination, efficiency and α equal Moodle’s to 4 digits', () => {
    for (const q of withGrades.questions) {
      const m = slotRow(q.question);
      expect(q.lms!.facility * 100, `facility Q${q.question}`).toBeCloseTo(m.facility_percent, 3);
      expect(q.lms!.discrimination! * 100, `discrimination Q${q.question}`).toBeCloseTo(
        m.discrimination_index!,
        1,
      );
      expect(q.lms!.efficiency! * 100, `efficiency Q${q.question}`).toBeCloseTo(
        m.discriminative_efficiency!,
        1,
      );
    }
    expect(withGrades.test.lms!.alpha! * 100).toBeCloseTo(moodle.quiz.cic, 4);
    expect(withGrades.test.lms!.sem!).toBeCloseTo(moodle.quiz.standarderror, 6);
    expect(withGrades.test.lms!.sdTotal).toBeCloseTo(moodle.quiz.standarddeviation, 3);
  });

  it('per drawn question: facility and full-total discrimination equal Moodle’s sub-rows', () => {
    const subRows = moodle.questions;
    expect(subRows.length).toBeGreaterThan(0);
    for (const m of subRows) {
      const v = withGrades.variants.find((x) => x.id === m.idnumber)!;
      expect(v.n, m.idnumber).toBe(m.s);
      expect(v.lms!.facility! * 100, m.idnumber).toBeCloseTo(m.facility_percent, 3);
      if (m.discrimination_index === null) expect(v.lms!.discrimination, m.idnumber).toBeNull();
      else expect(v.lms!.discrimination! * 100, m.idnumber).toBeCloseTo(m.discrimination_index, 3);
    }
  });

  it('with dlexam’s grading: the same facility except where the models differ (select-all ticked entirely)', () => {
    for (const q of alone.questions) {
      const m = slotRow(q.question);
      if (q.question === 3) {
        // Moodle gave full marks to “ticked every box” (wrong options carry fraction 0); dlexam does not.
        const ticked = Object.values(truth.students).filter(
          (s) => s.attempt_state === 'finished' && /ticked every box/.test(s.slots['3']!.why),
        ).length;
        expect(q.facility * 100).toBeLessThan(m.facility_percent);
        expect((m.facility_percent / 100 - q.facility) * 29).toBeCloseTo(ticked, 6);
      } else expect(q.facility * 100, `Q${q.question}`).toBeCloseTo(m.facility_percent, 1);
    }
    expect(alone.questions.every((q) => q.lms === undefined)).toBe(true);
  });

  it('ranks the class misconceptions with feedback, templates and a practice link', () => {
    const top = alone.misconceptions[0]!;
    expect(top.tag).toBe('forgot-plus-one');
    expect(top.students).toBe(5);
    expect(top.templates).toEqual(['cnn.conv-output-size']);
    expect(top.feedback.length).toBeGreaterThan(10);
    const conv = alone.templates.find((t) => t.templateId === 'cnn.conv-output-size')!;
    expect(conv.misconceptions[0]).toEqual({ tag: 'forgot-plus-one', count: 5 });
    expect(conv.n).toBe(29);
    expect(top.practice).toMatch(/^#\/practice\/cnn\.conv-output-size\/[0-9a-f]+\?kind=numeric$/);
    // Every tag truth.json names is in the list, with at least as many students.
    const want = new Map<string, Set<string>>();
    for (const [email, s] of Object.entries(truth.students))
      if (s.attempt_state === 'finished')
        for (const slot of Object.values(s.slots)) {
          const tag = /\(misconception ([\w-]+)\)/.exec(slot.why)?.[1];
          if (tag) want.set(tag, (want.get(tag) ?? new Set()).add(email));
        }
    for (const [tag, who] of want) {
      const m = alone.misconceptions.find((x) => x.tag === tag);
      expect(m, tag).toBeDefined();
      expect(m!.students, tag).toBeGreaterThanOrEqual(who.size);
    }
  });

  it('tests each slot’s variants for fairness with Fisher’s exact test at these small counts', () => {
    for (const f of alone.fairness) {
      expect(f.test.test).toBe('fisher-exact');
      expect(f.variants.reduce((s, v) => s + v.n, 0)).toBe(29);
      expect(f.test.p).toBeGreaterThan(0);
      expect(f.test.p).toBeLessThanOrEqual(1);
    }
  });
});
