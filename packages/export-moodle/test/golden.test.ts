import { toMoodleXml } from '@dlexam/export-moodle';
import type { Exam } from '@dlexam/types';
import { sampleExam } from '@dlexam/types/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { wellFormed } from './moodle-reader.js';

const GOLDEN = fileURLToPath(new URL('./golden/small-exam.xml', import.meta.url));

/** The sample exam cut to four slots: numeric with a figure, single choice, matching, table. */
function smallExam(): Exam {
  const exam = sampleExam();
  const keep = new Set([0, 3, 5, 7]);
  const slots = exam.slots.filter((s) => keep.has(s.index));
  const versions = exam.versions.map((v) => ({
    ...v,
    questions: v.questions.filter((q) => keep.has(q.slot)),
  }));
  return {
    ...exam,
    title: 'Small Midterm & <Golden>',
    slots,
    versions,
    totalPoints: slots.reduce((s, x) => s + x.points, 0),
  };
}

it('matches the committed golden file (regenerate with UPDATE_GOLDEN=1 and read the diff)', async () => {
  const xml = toMoodleXml(smallExam(), { negativeMarks: -25 });
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, xml);
  expect(xml).toBe(readFileSync(GOLDEN, 'utf8'));
  expect((await wellFormed(xml)).valid).toBe(true);
});
