import { moodleXmlChunks, toMoodleXml } from '@dlexam/export-moodle';
import { assembleExam, assembleExamSource, parseExamSpec } from '@dlexam/generator';
import { countingSource, lazyCnnExam } from '@dlexam/generator/testing';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { expect, it } from 'vitest';

const { registry, spec } = lazyCnnExam(cnnTemplates);

it('an exam source exports the same bytes as the exam in memory, materialising each question once', () => {
  const exam = assembleExam(spec, registry, { seed: 'lazy' });
  for (const mode of ['categories', 'plain'] as const) {
    const { src, calls } = countingSource(assembleExamSource(spec, registry, { seed: 'lazy' }));
    const chunks = [...moodleXmlChunks(src, { mode })];
    expect(chunks.join('')).toBe(toMoodleXml(exam, { mode }));
    // Never twice; in categories mode a variant another version already put in the category is
    // not materialised at all.
    expect(Math.max(...calls.values())).toBe(1);
    if (mode === 'plain') expect(calls.size).toBe(5 * 6); // 5 versions of 6 questions
  }
});

it('hands the document out in chunks, none of them the whole document', () => {
  const big = parseExamSpec(
    { title: 'Chunks', versions: 300, slots: [{ template: 'cnn.conv-output-size', count: 2 }] },
    registry,
  );
  const chunks = [...moodleXmlChunks(assembleExamSource(big, registry, { seed: 'c' }))];
  const whole = chunks.join('');
  expect(chunks.length).toBeGreaterThan(3);
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(whole.length / 2);
  expect(whole).toBe(toMoodleXml(assembleExam(big, registry, { seed: 'c' })));
});
