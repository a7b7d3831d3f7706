import { moodleXmlChunks, toMoodleXml } from '@dlexam/export-moodle';
import {
  assembleExam,
  assembleExamSource,
  parseExamSpec,
  TemplateRegistry,
} from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { ExamSource } from '@dlexam/types';
import { expect, it } from 'vitest';

const registry = new TemplateRegistry(cnnTemplates);
const spec = parseExamSpec(
  {
    title: 'Lazy CNN',
    versions: 6,
    slots: [
      { template: 'cnn.conv-output-size', kind: 'numeric', count: 2 },
      { template: 'cnn.conv-params', kind: 'single' },
      { topic: 'cnn', count: 2 },
    ],
  },
  registry,
);

/** The source, counting how often each question is materialised. */
function counted(src: ExamSource): { src: ExamSource; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    src: {
      ...src,
      ref: src.ref.bind(src),
      refs: src.refs.bind(src),
      version: src.version.bind(src),
      question(v, slot, k) {
        const key = `${v}/${slot}/${k}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return src.question(v, slot, k);
      },
    },
  };
}

it('an exam source exports the same bytes as the exam in memory, materialising each question once', () => {
  const exam = assembleExam(spec, registry, { seed: 'lazy' });
  for (const mode of ['categories', 'plain'] as const) {
    const { src, calls } = counted(assembleExamSource(spec, registry, { seed: 'lazy' }));
    const chunks = [...moodleXmlChunks(src, { mode })];
    expect(chunks.join('')).toBe(toMoodleXml(exam, { mode }));
    // Never twice; in categories mode a variant another version already put in the category is
    // not materialised at all.
    expect(Math.max(...calls.values())).toBe(1);
    if (mode === 'plain') expect(calls.size).toBe(6 * 5);
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
