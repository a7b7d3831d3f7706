import { assembleExam, parseExamSpec, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { describe, expect, it } from 'vitest';
import { analyze } from './index.js';
import { canvasStudentAnalysisCsv, simulateClass } from './testing.js';

// A statement bank asks the same question text in every variant ("Which statements about … are
// true?"); a small class answers each of a slot's variants a few times, often with a statement
// several variants share, so its Canvas column fits more than one of them.
const registry = new TemplateRegistry(cnnTemplates);
const exam = assembleExam(
  parseExamSpec(
    { title: 'Same stems', versions: 10, slots: [{ template: 'cnn.concepts', kind: 'single' }] },
    registry,
  ),
  registry,
  { seed: 'same-stem' },
);

describe('a Canvas column that fits several same-stem variants', () => {
  it('is counted as the first when its responses grade alike under each, and the report says so', () => {
    let ambiguous = 0;
    for (const students of [2, 3, 4, 6, 8]) {
      const sim = simulateClass(exam, { students, seed: `small-${students}`, misconceptions: [] });
      const csv = canvasStudentAnalysisCsv(sim);
      const a = analyze({
        exam: { name: 'exam.json', json: exam },
        results: { name: 'canvas.csv', data: new TextEncoder().encode(csv) },
      });
      expect(a.test.students).toBe(students);
      const notes = a.source.warnings.filter((w) => /fits \d+ variants of slot 1/.test(w));
      ambiguous += notes.length;
      // Every student's mark is the one Canvas gave: the variant chosen grades their answer alike.
      for (const s of a.students) expect(s.total).toBeCloseTo(s.lmsTotal ?? Number.NaN, 9);
    }
    // The classes above do meet the case (without the tie-break, analyze refused them).
    expect(ambiguous).toBeGreaterThan(0);
  });
});
