import type { Exam, TableCell, Variant } from '@dlexam/types';
import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import { describe, expect, test } from 'vitest';
import { QtiExportError, toQtiZip } from '@dlexam/export-qti';
import { examOf } from './fixtures.js';

/** Bad input gets a clear error naming the question, never a silently wrong question. */

const sample = (kind: Variant['kind'], n = 0) =>
  sampleVariants().filter((v) => v.kind === kind)[n] as Variant;

function rejects(variant: Variant, message: RegExp): void {
  let error: unknown;
  try {
    toQtiZip(examOf([variant]));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(QtiExportError);
  expect((error as Error).message).toMatch(message);
  // Every message says which question it is about.
  expect((error as Error).message).toMatch(/^version A question 1 \(/);
  expect((error as Error).message).toContain(variant.templateId);
}

function table(rows: TableCell[][], header: string[] = []): Variant {
  const v = sample('table');
  return { ...v, answer: { kind: 'table', header, rows } };
}

const num = (value: number, decimals: number, tolerance: number, sigFigs?: number): TableCell => ({
  type: 'numeric',
  answer: { value, decimals, tolerance, ...(sigFigs === undefined ? {} : { sigFigs }) },
});
const txt = (s: string): TableCell => ({ type: 'text', text: s, plain: s });

describe('choice questions', () => {
  test('no correct option', () => {
    const v = sample('single');
    rejects(
      { ...v, choices: v.choices.map((c) => ({ ...c, correct: false })) },
      /no correct option/,
    );
    const m = sample('multiple');
    rejects(
      {
        ...m,
        answer: { kind: 'multiple', correct: [] },
        choices: m.choices.map((c) => ({ ...c, correct: false })),
      },
      /no correct option/,
    );
  });
  test('two correct options in a single-answer question', () => {
    const v = sample('single');
    rejects(
      { ...v, choices: v.choices.map((c, i) => ({ ...c, correct: i < 2 })) },
      /2 options marked correct/,
    );
  });
  test('answer index disagrees with the options marked correct', () => {
    rejects(
      { ...sample('single'), answer: { kind: 'single', correct: 0 } },
      /answer lists correct option\(s\) \[0\]/,
    );
    rejects(
      { ...sample('multiple'), answer: { kind: 'multiple', correct: [0, 2, 2] } },
      /answer lists/,
    );
  });
  test('fewer than two options', () => {
    const v = sample('single');
    rejects(
      { ...v, answer: { kind: 'single', correct: 0 }, choices: [v.choices[1]!] },
      /at least 2 options/,
    );
  });
});

describe('numeric questions', () => {
  test('non-finite value or bad tolerance', () => {
    const v = sample('numeric');
    rejects(
      {
        ...v,
        answer: { kind: 'numeric', numeric: { value: Number.NaN, decimals: 0, tolerance: 0 } },
      },
      /not finite/,
    );
    rejects(
      { ...v, answer: { kind: 'numeric', numeric: { value: 1, decimals: 0, tolerance: -1 } } },
      /tolerance/,
    );
    rejects(
      {
        ...v,
        answer: { kind: 'numeric', numeric: { value: 1, decimals: 0, tolerance: Infinity } },
      },
      /tolerance/,
    );
  });
});

describe('tables', () => {
  test('no blanks', () => rejects(table([[txt('a'), txt('b')]]), /no blanks/));
  test('no rows', () => rejects(table([]), /no rows/));
  test('ragged rows', () =>
    rejects(table([[txt('a'), num(1, 0, 0)], [num(2, 0, 0)]]), /row 2 has 1 cells, expected 2/));
  test('a tolerance that would need too many accepted strings', () =>
    rejects(table([[num(0.5, 1, 100)]]), /accepts 2001 strings/));
  test('significant figures cannot be matched as text', () =>
    rejects(table([[num(4.07e17, 0, 1e15, 3)]]), /significant figures/));
  test('no number with the asked decimals inside the tolerance', () =>
    rejects(table([[num(0.55, 1, 0.01)]]), /no number with 1 decimals/));
  test('choice cells with clashing or empty plain forms, or a bad correct index', () => {
    const choice = (plains: string[], correct = 0): TableCell => ({
      type: 'choice',
      options: plains.map((p) => ({ text: p, plain: p })),
      correct,
    });
    rejects(table([[choice(['yes', 'yes'])]]), /distinct, non-empty plain forms/);
    rejects(table([[choice(['yes', ' '])]]), /distinct, non-empty plain forms/);
    // In a mixed table the choice becomes a typed blank, graded case-insensitively by Canvas.
    rejects(table([[choice(['Yes', 'yes']), num(1, 0, 0)]]), /distinct, non-empty plain forms/);
    rejects(table([[choice(['a', 'b'], 2)]]), /correct index 2/);
    rejects(table([[choice(['a'])]]), /at least 2 options/);
  });
});

describe('matching and short answers', () => {
  test('matching answers that read the same in plain text', () => {
    const v = sample('matching');
    const answer = v.answer as Extract<Variant['answer'], { kind: 'matching' }>;
    rejects(
      {
        ...v,
        answer: { ...answer, distractors: [{ text: 'x', plain: answer.pairs[0]!.answerPlain }] },
      },
      /read the same in plain text/,
    );
  });
  test('a matching question with one pair', () => {
    const v = sample('matching');
    const answer = v.answer as Extract<Variant['answer'], { kind: 'matching' }>;
    rejects({ ...v, answer: { ...answer, pairs: answer.pairs.slice(0, 1) } }, /at least 2 pairs/);
  });
  test('case-sensitive short answers (Canvas ignores case)', () => {
    rejects(
      { ...sample('short'), answer: { kind: 'short', accepted: ['ReLU'], caseSensitive: true } },
      /case-insensitively/,
    );
  });
  test('no accepted answer', () => {
    rejects(
      { ...sample('short'), answer: { kind: 'short', accepted: [' '], caseSensitive: false } },
      /non-empty accepted answer/,
    );
  });
});

describe('text and figures', () => {
  test('a character XML cannot hold', () => {
    rejects({ ...sample('single'), stem: 'bell \u0007 here' }, /U\+0007 cannot appear/);
    rejects({ ...sample('single'), solution: 'lone \ud800 surrogate' }, /U\+D800/);
  });
  test('unbalanced rich text', () =>
    rejects({ ...sample('single'), stem: 'open \\(x' }, /unclosed/));
  test('a figure without alt text or that is not SVG', () => {
    const v = sample('numeric');
    rejects({ ...v, figure: { svg: v.figure!.svg, alt: ' ' } }, /no alt text/);
    rejects({ ...v, figure: { svg: '<png/>', alt: 'x' } }, /not an SVG/);
    rejects(
      { ...v, figure: { svg: '<svg><g/></svg>', alt: 'x' } },
      /not an SVG.*without a namespace/,
    );
    const ns = 'xmlns="http://www.w3.org/2000/svg"';
    rejects({ ...v, figure: { svg: `<svg ${ns}><g></svg>`, alt: 'x' } }, /not well-formed/);
  });
  test('kind and answer disagree', () =>
    rejects(
      { ...sample('single'), kind: 'multiple' },
      /variant kind 'multiple' but answer kind 'single'/,
    ));
});

describe('exam-level options', () => {
  const exam = sampleExam();
  const fails = (e: Exam, options: Parameters<typeof toQtiZip>[1], message: RegExp) =>
    expect(() => toQtiZip(e, options)).toThrowError(new RegExp(message.source));

  test('unknown mode, unknown version, versions outside plain mode, bad time limit', () => {
    fails(exam, { mode: 'bogus' as 'plain' }, /unknown mode 'bogus'/);
    fails(exam, { mode: 'plain', versions: ['Z'] }, /no version 'Z'/);
    fails(exam, { versions: ['A'] }, /applies to mode 'plain' only/);
    fails(exam, { timeLimitMinutes: 1.5 }, /positive whole number/);
    expect(() => toQtiZip(exam, { mode: 'bogus' as 'plain' })).toThrow(QtiExportError);
  });
  test('an exam without versions', () => fails({ ...exam, versions: [] }, {}, /no versions/));
  test('a group whose questions have different points', () => {
    const versions = exam.versions.map((v, i) => ({
      ...v,
      questions: v.questions.map((q) => ({ ...q, points: q.points + i })),
    }));
    fails({ ...exam, versions }, {}, /same points/);
    // Plain mode has no groups, so it exports.
    expect(toQtiZip({ ...exam, versions }, { mode: 'plain' }).length).toBeGreaterThan(0);
  });
  test('a slot count that disagrees with the versions', () => {
    fails(
      { ...exam, slots: exam.slots.map((s, i) => (i === 0 ? { ...s, count: 2 } : s)) },
      {},
      /holds 1 questions but the slot count is 2/,
    );
  });
  test('a question of a slot the exam does not list', () => {
    fails(
      { ...exam, slots: exam.slots.slice(1) },
      {},
      /belongs to slot 0, which the exam does not list/,
    );
  });
  test('a group that would pick more distinct variants than it holds', () => {
    // Both versions drew the very same variant for slot 1 and the slot picks 2 per student.
    const same = exam.versions[0]!.questions[0]!;
    const versions = exam.versions.map((v) => ({
      ...v,
      questions: [same, { ...same, number: 2 }, ...v.questions.slice(1)],
    }));
    fails(
      { ...exam, versions, slots: exam.slots.map((s, i) => (i === 0 ? { ...s, count: 2 } : s)) },
      {},
      /picks 2 from only 1 distinct/,
    );
  });
});
