import { describe, expect, it } from 'vitest';
import {
  TemplateRegistry,
  assembleExam,
  assembleExamSource,
  parseExamSpec,
  type ExamSpec,
} from '@dlexam/generator';
import {
  examSource,
  materializeExam,
  questionRef,
  slotQuestions,
  sourceVersions,
} from '@dlexam/types';
import { sumAnswer, sumTemplate } from '../test/sum-template.js';

/** Counts the variants built, to show what materialising costs. */
let builds = 0;
const counted = sumTemplate('counted-sum', (p, ctx) => {
  builds++;
  return {
    stem: ctx.render(ctx.rng.choice(['What is \\({{a}} + {{b}}\\)?', 'Add {{a}} and {{b}}.']), p),
    solution: ctx.render('\\({{a}} + {{b}} = {{s}}\\)', { ...p, s: p.a + p.b }),
    answer: sumAnswer(p, p.a + p.b),
  };
});
const plain = sumTemplate('plain-sum');
const registry = new TemplateRegistry([counted, plain]);

const spec = (versions: number): ExamSpec =>
  parseExamSpec(
    {
      title: 'Lazy Exam',
      course: 'Course',
      instructions: 'Answer all.',
      versions,
      slots: [
        { template: counted.id, count: 2, points: 3, params: { a: [2, 9] } },
        { template: [counted.id, plain.id], kind: 'single', band: 2 },
        { topic: 'foundations', count: 1, difficulty: 1, band: 2 },
      ],
    },
    registry,
  );

describe('assembleExamSource', () => {
  it('draws the same exam as assembleExam, byte for byte', () => {
    for (const [versions, seed] of [
      [1, 'one'],
      [7, 'seven'],
      [40, 'forty'],
    ] as const) {
      const eager = assembleExam(spec(versions), registry, { seed });
      const lazy = assembleExamSource(spec(versions), registry, { seed });
      expect(JSON.stringify(materializeExam(lazy))).toBe(JSON.stringify(eager));
      expect(lazy.versionCodes).toEqual(eager.versions.map((v) => v.code));
      expect(lazy.questionsPerVersion).toBe(4);
    }
  });

  it('regenerates walked pool members (pins) to the variants drawn', () => {
    // 56 of the 8 × 20 − 8 = 152 members of the narrowed pool: random draws run dry, the pool is walked.
    const walked = parseExamSpec(
      {
        title: 'Walked',
        versions: 140,
        slots: [{ template: counted.id, params: { a: [2, 9] }, band: 2 }],
      },
      registry,
    );
    const eager = assembleExam(walked, registry, { seed: 'walk' });
    const lazy = assembleExamSource(walked, registry, { seed: 'walk' });
    expect(JSON.stringify(materializeExam(lazy))).toBe(JSON.stringify(eager));
    expect(
      new Set(eager.versions.map((v) => JSON.stringify(v.questions[0]!.variant.params))).size,
    ).toBe(140);
  });

  it('materialises one variant per access, refs none, in either order', () => {
    // Keeping no variant: every access regenerates its question.
    const lazy = assembleExamSource(spec(30), registry, { seed: 'cost', keepVariantsUpTo: 0 });
    const eager = assembleExam(spec(30), registry, { seed: 'cost' });
    builds = 0;
    const refs = lazy.versionCodes.flatMap((_, v) => lazy.refs(v));
    expect(builds).toBe(0);
    expect(refs).toHaveLength(120);
    expect(refs).toEqual(eager.versions.flatMap((v) => v.questions.map(questionRef)));
    expect(refs[5]).toMatchObject({ slot: 0, number: 2, points: 3, kind: 'numeric' });
    // Slot-major, as a Moodle category is written: each question once.
    const slot0 = [...slotQuestions(lazy, 0)];
    expect(slot0.map((x) => `${x.code}${x.question.number}`).slice(0, 4)).toEqual([
      'A1',
      'A2',
      'B1',
      'B2',
    ]);
    expect(slot0.map((x) => x.question)).toEqual(
      eager.versions.flatMap((v) => v.questions.filter((q) => q.slot === 0)),
    );
    expect(builds).toBeLessThanOrEqual(60); // 60 questions, a build each (a redraw at most)
    expect(builds).toBeGreaterThanOrEqual(60);
    expect([...sourceVersions(lazy)]).toEqual(eager.versions);
  });

  it('a small exam keeps the variants it drew: no build per access, frozen, equal to the eager exam', () => {
    const kept = assembleExamSource(spec(30), registry, { seed: 'cost', keepVariantsUpTo: 120 });
    const eager = assembleExam(spec(30), registry, { seed: 'cost' });
    builds = 0;
    expect([...sourceVersions(kept)]).toEqual(eager.versions);
    expect([...slotQuestions(kept, 1)].map((x) => x.question)).toEqual(
      eager.versions.flatMap((v) => v.questions.filter((q) => q.slot === 1)),
    );
    expect(builds).toBe(0);
    // Shared by every reader, so no reader can change it for the next.
    const v = kept.question(0, 0, 0).variant;
    expect(kept.question(0, 0, 0).variant).toBe(v);
    expect(Object.isFrozen(v) && Object.isFrozen(v.params) && Object.isFrozen(v.answer)).toBe(true);
    expect(() => ((v as { stem: string }).stem = 'changed')).toThrow(TypeError);
    // One question more than the limit: none is kept.
    const over = assembleExamSource(spec(30), registry, { seed: 'cost', keepVariantsUpTo: 119 });
    builds = 0;
    expect(over.question(3, 0, 1).variant).toEqual(eager.versions[3]?.questions[1]?.variant);
    expect(builds).toBe(1);
  });

  it('refuses a question it does not hold with one line', () => {
    const lazy = assembleExamSource(spec(2), registry, { seed: 'x' });
    expect(() => lazy.question(2, 0, 0)).toThrow(/has no version 2/);
    expect(() => lazy.question(0, 0, 2)).toThrow(/holds 2 questions, not 3/);
    expect(() => lazy.ref(0, 3, 0)).toThrow(/slot 3/);
  });
});

describe('examSource (an exam in memory)', () => {
  it('addresses questions by slot, whatever their order in a version', () => {
    const exam = assembleExam(spec(3), registry, { seed: 'mem' });
    // Reverse version B's questions: the source still finds each slot's k-th question.
    exam.versions[1]!.questions.reverse();
    const src = examSource(exam);
    expect(src.header).not.toHaveProperty('versions');
    expect(src.header.title).toBe('Lazy Exam');
    expect(src.question(1, 0, 0)).toBe(exam.versions[1]!.questions[2]);
    expect(src.question(1, 0, 1)).toBe(exam.versions[1]!.questions[3]);
    expect(src.question(1, 2, 0)).toBe(exam.versions[1]!.questions[0]);
    expect(src.refs(1)).toEqual(exam.versions[1]!.questions.map(questionRef));
    expect(src.ref(1, 2, 0).templateId).toBe(exam.versions[1]!.questions[0]!.variant.templateId);
    expect(src.version(1)).toBe(exam.versions[1]);
    expect(materializeExam(src)).toEqual(exam);
    expect(Object.keys(materializeExam(src))).toEqual(Object.keys(exam));
    expect(() => src.question(0, 0, 5)).toThrow(RangeError);
  });
});
