import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Choice, Exam, Variant } from '@dlexam/types';
import { describe, expect, it } from 'vitest';
import { analyze, AnalyzeError } from './index.js';

// The constructed Canvas Classic "Student Analysis" sample of ../shared/formats/lms-results.md §5
// (written from Canvas's student_analysis.rb), and an exam JSON holding its questions.
const csv = readFileSync(
  fileURLToPath(new URL('../test/fixtures/canvas-student-analysis.csv', import.meta.url)),
);

function variant(
  templateId: string,
  seed: string,
  kind: Variant['kind'],
  stem: string,
  answer: Variant['answer'],
  choices: Choice[],
): Variant {
  return {
    schemaVersion: 1,
    templateId,
    seed,
    kind,
    topic: 'foundations',
    title: templateId,
    difficulty: 1,
    tags: [],
    objective: '',
    params: {},
    stem,
    answer,
    choices,
    solution: '',
    points: 1,
  };
}
const c = (text: string, correct: boolean, misconception?: string, value?: number): Choice => ({
  text,
  plain: text,
  correct,
  feedback: misconception ? `Feedback for ${misconception}.` : 'Correct.',
  ...(misconception ? { misconception } : {}),
  ...(value !== undefined ? { value } : {}),
});
const ohm = (v: number, a: number) =>
  variant(
    'test.ohm',
    `v${v}`,
    'numeric',
    `A ${v} V source drives ${a} A. Find R in ohms.`,
    { kind: 'numeric', numeric: { value: v / a, decimals: 2, tolerance: 0.01 } },
    [
      c(String(v / a), true, undefined, v / a),
      c(String(v * a), false, 'multiplied-v-a', v * a),
      c(String(a / v), false, 'inverted-ratio', a / v),
    ],
  );
const gas = variant(
  'test.gas',
  '1',
  'single',
  'Which gas do plants absorb?',
  { kind: 'single', correct: 0 },
  [
    c('Carbon dioxide', true),
    c('Oxygen', false, 'plants-absorb-oxygen'),
    c('Nitrogen', false, 'plants-absorb-nitrogen'),
  ],
);
const primes = variant(
  'test.primes',
  '1',
  'multiple',
  'Select all primes.',
  { kind: 'multiple', correct: [0, 1] },
  [c('2', true), c('7', true), c('9', false, 'nine-is-prime'), c('15', false, 'odd-is-prime')],
);
const units = variant(
  'test.units',
  '1',
  'matching',
  'Match each unit to its quantity.',
  {
    kind: 'matching',
    pairs: [
      { prompt: 'ohm', answer: 'resistance', promptPlain: 'ohm', answerPlain: 'resistance' },
      {
        prompt: 'volt',
        answer: 'potential difference',
        promptPlain: 'volt',
        answerPlain: 'potential difference',
      },
    ],
    distractors: [{ text: 'current', plain: 'current' }],
  },
  [],
);
const slots = ['Ohm', 'Gas', 'Primes', 'Units'];
const version = (code: string, index: number, first: Variant) => ({
  code,
  index,
  questions: [first, gas, primes, units].map((v, i) => ({
    slot: i,
    slotName: slots[i]!,
    number: i + 1,
    points: 1,
    variant: v,
  })),
});
export const canvasExam: Exam = {
  schemaVersion: 1,
  title: 'Canvas sample',
  seed: 'canvas-sample',
  slug: 'canvas-sample',
  slots: slots.map((name, index) => ({ index, name, templateIds: [], count: 1, points: 1 })),
  versions: [version('A', 0, ohm(12, 3)), version('B', 1, ohm(9, 3))],
  totalPoints: 4,
};

const a = analyze({
  exam: { name: 'canvas.exam.json', json: canvasExam },
  results: { name: 'canvas-student-analysis.csv', data: csv },
});
const resp = (student: string, q: number) =>
  a.responses.find((r) => r.student === student && r.question === q)!;

describe('analyze on the constructed Canvas Student Analysis sample', () => {
  it('reads five students and joins each column to its variant (5011: 12 V, 5012: 9 V)', () => {
    expect(a.source.lms).toBe('canvas');
    expect(a.students.map((s) => s.key)).toEqual(['3104', '3103', '3102', '3101', '3105']);
    expect(resp('3104', 1).item).toBe('test.ohm@v9');
    expect(resp('3103', 1).item).toBe('test.ohm@v12');
    expect(resp('3102', 1).item).toBe('test.ohm@v9');
    expect(resp('3101', 1).item).toBe('test.ohm@v12');
  });

  it('grades every response as Canvas did (partial credit for select-all and matching)', () => {
    for (const r of a.responses)
      expect(r.score, `${r.student} Q${r.question}`).toBeCloseTo(r.lmsMark!, 9);
    expect(a.students.map((s) => s.total)).toEqual(a.students.map((s) => s.lmsTotal));
  });

  it('names the misconception of every wrong answer', () => {
    expect(resp('3103', 1).misconceptions).toEqual(['inverted-ratio']); // 0.25 = A/V
    expect(resp('3102', 1).misconceptions).toEqual(['multiplied-v-a']); // 27 = V·A
    expect(resp('3104', 2).misconceptions).toEqual(['plants-absorb-nitrogen']);
    expect(resp('3102', 2).misconceptions).toEqual(['plants-absorb-oxygen']);
    expect(resp('3102', 3).misconceptions).toEqual(['nine-is-prime']);
    expect(resp('3102', 3).outcome).toBe('partly');
    expect(resp('3103', 3).outcome).toBe('blank');
    expect(resp('3103', 4).details).toEqual([
      { type: 'pair', prompt: 0, given: 'potential difference', swappedWith: 1 },
      { type: 'pair', prompt: 1, given: 'resistance', swappedWith: 0 },
    ]);
    expect(resp('3102', 4).details).toEqual([{ type: 'pair', prompt: 1, given: null }]);
    expect(a.misconceptions.map((m) => m.tag).sort()).toEqual([
      'inverted-ratio',
      'multiplied-v-a',
      'nine-is-prime',
      'plants-absorb-nitrogen',
      'plants-absorb-oxygen',
    ]);
  });

  it('refuses the file against another exam, naming the column', () => {
    const other: Exam = {
      ...canvasExam,
      title: 'Other',
      versions: canvasExam.versions.map((v) => ({
        ...v,
        questions: v.questions.map((q) => ({
          ...q,
          variant: { ...q.variant, stem: `Other: ${q.variant.stem}` },
        })),
      })),
    };
    expect(() =>
      analyze({
        exam: { name: 'other.exam.json', json: other },
        results: { name: 'canvas.csv', data: csv },
      }),
    ).toThrow(
      /^canvas\.csv line 1: column '5011: A 12 V source drives 3 A\. Find R in ohms\.' matches no question of the exam 'Other'/,
    );
    expect(() =>
      analyze({
        exam: { name: 'other.exam.json', json: other },
        results: { name: 'canvas.csv', data: csv },
      }),
    ).toThrow(AnalyzeError);
  });
});
