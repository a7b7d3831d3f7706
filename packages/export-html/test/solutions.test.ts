import { describe, expect, it } from 'vitest';
import { sampleExam } from '@dlexam/types/testing';
import { renderSolutions, richTextToHtml } from '@dlexam/export-html';
import { expectValidHtml, questionSections, textOf } from './helpers.js';

const exam = sampleExam();

describe('renderSolutions', () => {
  it('is valid HTML', async () => {
    await expectValidHtml(renderSolutions(exam), 'solutions.html');
  });

  it('has every question of every version with its answer, worked solution and feedback', () => {
    const sections = questionSections(renderSolutions(exam));
    expect(sections.size).toBe(16);
    for (const version of exam.versions) {
      for (const q of version.questions) {
        const section = sections.get(`v${version.code}-q${q.number}`)!;
        const v = q.variant;
        expect(section, `${version.code}${q.number}`).toContain(richTextToHtml(v.stem));
        expect(section).toContain(richTextToHtml(v.solution));
        expect(section).toContain('<span class="label">Answer</span>');
        expect(textOf(section)).toContain(
          `Question ${q.number} Version ${version.code} · ${v.templateId} · seed ${v.seed}`,
        );
        for (const c of v.choices.filter((c) => !c.correct || v.kind !== 'numeric')) {
          expect(textOf(section)).toContain(
            textOf(c.feedback.replace(/&/g, '&amp;').replace(/</g, '&lt;')),
          );
          if (c.misconception) expect(section).toContain(`[${c.misconception}]`);
        }
      }
    }
  });

  it('marks right and wrong options and names the mistake each wrong one models', () => {
    const q4 = questionSections(renderSolutions(exam)).get('vA-q4')!;
    expect(textOf(q4)).toContain('✗ A 6272 — You forgot the 16 biases. [forgot-bias]');
    expect(textOf(q4)).toContain('✓ B 6288 — Correct: (7·7·8 + 1)·16.');
    const q1 = questionSections(renderSolutions(exam)).get('vA-q1')!;
    expect(textOf(q1)).toContain(
      'Common wrong answers ✗ 5 — You left out the +1. [forgot-plus-one] ✗ 11 — You ignored the stride. [ignored-stride]',
    );
    expect(textOf(q1)).not.toContain('Correct.');
  });

  it('starts each version after the first on a new page', () => {
    const html = renderSolutions(exam);
    expect(html).toContain('<section class="solutions-version new-page" aria-labelledby="sol-B">');
    expect(html).toMatch(/\.new-page \{ break-before: page;/);
  });
});
