import { variantsToMoodleXml } from '@dlexam/export-moodle';
import { generateVariant } from '@dlexam/generator';
import { plainDecimal } from '@dlexam/math';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { XMLValidator } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { answersOf, extractCloze, field, htmlToText, readQuiz, textOf } from './moodle-reader.js';

const SEEDS = 25;

/** Real variants: every CNN template, every kind it supports, SEEDS seeds each. */
function realVariants(): Variant[] {
  const out: Variant[] = [];
  for (const t of cnnTemplates) {
    for (const kind of t.kinds) {
      for (let seed = 0; seed < SEEDS; seed++) out.push(generateVariant(t, `s${seed}`, { kind }));
    }
  }
  return out;
}

it('every CNN template variant exports, and each answer reads back as the variant states it', () => {
  const variants = realVariants();
  expect(variants.length).toBeGreaterThan(100);
  const xml = variantsToMoodleXml(variants, { mode: 'plain' });
  expect(XMLValidator.validate(xml)).toBe(true);
  const questions = readQuiz(xml);
  expect(questions).toHaveLength(variants.length);
  const idnumbers = questions.map((q) => field(q, 'idnumber'));
  expect(new Set(idnumbers).size).toBe(idnumbers.length);

  variants.forEach((v, i) => {
    const q = questions[i]!;
    const id = `${v.templateId}@${v.seed}`;
    // The same seed asked as a second kind gets "/kind" appended.
    expect([id, `${id}/${v.kind}`]).toContain(field(q, 'idnumber'));
    const answers = answersOf(q);
    const a = v.answer;
    if (a.kind === 'numeric') {
      expect(q['@_type'], id).toBe('numerical');
      expect(answers[0], id).toMatchObject({
        fraction: '100',
        text: plainDecimal(a.numeric.value),
        tolerance: plainDecimal(a.numeric.tolerance),
      });
      // Every other answer is a wrong value outside the accepted interval, graded 0.
      for (const w of answers.slice(1)) {
        expect(w.fraction, id).toBe('0');
        expect(Math.abs(Number(w.text) - a.numeric.value), id).toBeGreaterThan(a.numeric.tolerance);
      }
    } else if (a.kind === 'single' || a.kind === 'multiple') {
      expect(q['@_type'], id).toBe('multichoice');
      const correct = a.kind === 'single' ? [a.correct] : a.correct;
      const positive = answers.flatMap((x, j) => (Number(x.fraction) > 0 ? [j] : []));
      expect(positive, id).toEqual([...correct].sort((x, y) => x - y));
      const sum = answers.reduce((s, x) => s + Math.max(0, Number(x.fraction)), 0);
      expect(Math.abs(sum - 100), id).toBeLessThan(0.001);
      expect(
        answers.map((x) => htmlToText(x.feedback)),
        id,
      ).toEqual(v.choices.map((c) => c.feedback.trim()));
    } else if (a.kind === 'matching') {
      expect(q['@_type'], id).toBe('matching');
      const subs = q.subquestion as Record<string, unknown>[];
      expect(
        subs.slice(0, a.pairs.length).map((s) => textOf((s.answer as unknown[])[0])),
        id,
      ).toEqual(a.pairs.map((p) => p.answerPlain.trim()));
    } else if (a.kind === 'short') {
      expect(q['@_type'], id).toBe('shortanswer');
      expect(answers.length, id).toBeGreaterThan(0);
    } else if (a.kind === 'table') {
      expect(q['@_type'], id).toBe('cloze');
      const blanks = a.rows.flat().filter((c) => c.type !== 'text');
      const { parts } = extractCloze(textOf(q.questiontext));
      expect(parts, id).toHaveLength(blanks.length);
      blanks.forEach((cell, k) => {
        const right = parts[k]!.alternatives.filter((x) => x.fraction === 1);
        expect(right, id).toHaveLength(1);
        if (cell.type === 'numeric') {
          expect(right[0], id).toMatchObject({
            answer: plainDecimal(cell.answer.value),
            tolerance: plainDecimal(cell.answer.tolerance),
          });
        } else if (cell.type === 'choice') {
          expect(htmlToText(right[0]!.answer), id).toBe(
            cell.options[cell.correct]!.plain.replace(/\s+/g, ' ').trim(),
          );
        }
      });
    }
  });
});

it('an assembled CNN exam: one category per slot holding count × versions distinct variants', async () => {
  const { TemplateRegistry, assembleExam } = await import('@dlexam/generator');
  const { toMoodleXml } = await import('@dlexam/export-moodle');
  const registry = new TemplateRegistry(cnnTemplates);
  const exam = assembleExam(
    {
      title: 'CNN quiz',
      seed: 'moodle-e2e',
      versions: 3,
      slots: [
        { template: 'cnn.conv-output-size', kind: 'numeric', count: 2, points: 2 },
        { template: 'cnn.concepts', points: 1 },
        { template: 'cnn.layer-table', kind: 'table', points: 4 },
      ],
    },
    registry,
  );
  const parsed = readQuiz(toMoodleXml(exam));
  const categories = parsed.flatMap((q, i) => (q['@_type'] === 'category' ? [i] : []));
  expect(categories).toHaveLength(3);
  const sizes = categories.map((start, k) => (categories[k + 1] ?? parsed.length) - start - 1);
  expect(sizes).toEqual([6, 3, 3]);
  expect(htmlToText(textOf(parsed[categories[0]!]!.info))).toContain(
    'Add 2 "random question from this category" entries',
  );
  const ids = parsed.filter((q) => q['@_type'] !== 'category').map((q) => field(q, 'idnumber'));
  expect(new Set(ids).size).toBe(12);
  expect(parsed.filter((q) => q['@_type'] !== 'category').map((q) => q['@_type'])).toEqual([
    ...Array(6).fill('numerical'),
    ...Array(3).fill(parsed[categories[1]! + 1]!['@_type']),
    ...Array(3).fill('cloze'),
  ]);
});
