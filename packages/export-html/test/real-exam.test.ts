import { describe, expect, it } from 'vitest';
import { assembleExam, generateVariant, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import {
  answerKeyCsv,
  renderAnswerKey,
  renderQuestions,
  renderSolutions,
  renderStudentCopy,
} from '@dlexam/export-html';
import { answerLeaks, expectValidHtml } from './helpers.js';

// An exam of real CNN templates, one slot per template and kind, three versions: what a teacher prints.
const registry = new TemplateRegistry(cnnTemplates);
const slots = cnnTemplates.flatMap((t) =>
  t.kinds.map((kind) => ({ template: t.id, kind, points: 2 })),
);
const exam = assembleExam(
  { title: 'CNN quiz', course: 'DL 182', seed: 'real-exam-test', versions: 3, slots },
  registry,
);

describe('an exam of real CNN templates', () => {
  // html-validate needs seconds per large KaTeX-heavy file; the solutions booklet has the same
  // building blocks and is validated on the sample exam (solutions.test.ts).
  it('gives valid HTML for a student copy and the answer key', async () => {
    await expectValidHtml(renderStudentCopy(exam, 'A'), 'version-A.html');
    await expectValidHtml(renderAnswerKey(exam), 'answer-key.html');
  });

  it('renders the solutions booklet', () => {
    const html = renderSolutions(exam);
    for (const v of exam.versions)
      for (const q of v.questions) expect(html).toContain(`id="v${v.code}-q${q.number}"`);
  });

  it('leaks no answer into any student copy', () => {
    for (const v of exam.versions)
      expect(answerLeaks(renderStudentCopy(exam, v.code), exam, v), v.code).toEqual([]);
  });

  it('has one CSV row per question of every version', () => {
    const lines = answerKeyCsv(exam)
      .split('\r\n')
      .filter((l) => /^[A-Z],\d+,cnn\./.test(l));
    expect(lines).toHaveLength(exam.versions.length * slots.length);
  });

  it('renders 20 seeds of every CNN template and kind with KaTeX errors on', () => {
    const variants = cnnTemplates.flatMap((t) =>
      t.kinds.flatMap((kind) =>
        Array.from({ length: 20 }, (_, i) => generateVariant(t, `render-${i}`, { kind })),
      ),
    );
    expect(renderQuestions(variants, { mode: 'student' })).toHaveLength(variants.length);
    expect(renderQuestions(variants, { mode: 'solution' })).toHaveLength(variants.length);
  });
});
