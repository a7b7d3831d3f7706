import { describe, expect, it } from 'vitest';
import { analyze } from '@dlexam/analyze';
import {
  canvasStudentAnalysisCsv,
  moodleResponsesCsv,
  simulateClass,
} from '@dlexam/analyze/testing';
import { generateVariant } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { EXAM_SCHEMA_VERSION, type Exam, type Variant } from '@dlexam/types';

// cnn.same-padding seeds 8c286ffea47d and 16d406209b2e differ only in `symbolic`, which a numeric
// question does not use: the same text, key and options — one question to a student and an LMS.
const template = cnnTemplates.find((t) => t.id === 'cnn.same-padding')!;
const twins: Variant[] = ['8c286ffea47d', '16d406209b2e'].map((seed) =>
  generateVariant(template, seed, { kind: 'numeric' }),
);

const exam: Exam = {
  schemaVersion: EXAM_SCHEMA_VERSION,
  title: 'Twins',
  seed: 'twins',
  slug: 'twins',
  slots: [{ index: 0, name: 'Same padding', templateIds: [template.id], count: 1, points: 1 }],
  versions: twins.map((variant, index) => ({
    code: String.fromCharCode(65 + index),
    index,
    questions: [{ slot: 0, slotName: 'Same padding', number: 1, points: 1, variant }],
  })),
  totalPoints: 1,
};

describe('variants a student cannot tell apart', () => {
  it('are one question to join: Moodle and Canvas results both analyse', () => {
    expect(twins[0]!.params).not.toEqual(twins[1]!.params);
    expect(twins[0]!.stem).toBe(twins[1]!.stem);
    const sim = simulateClass(exam, { students: 12, seed: 'twins', misconceptions: [] });
    for (const [name, csv] of [
      ['moodle.csv', moodleResponsesCsv(sim)],
      ['canvas.csv', canvasStudentAnalysisCsv(sim)],
    ] as const) {
      const a = analyze({
        exam: { name: 'exam.json', json: exam },
        results: { name, data: new TextEncoder().encode(csv) },
      });
      expect(a.test.students).toBe(12);
    }
  });
});
