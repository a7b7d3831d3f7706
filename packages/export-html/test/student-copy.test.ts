import { describe, expect, it } from 'vitest';
import { sampleExam } from '@dlexam/types/testing';
import type { Exam } from '@dlexam/types';
import {
  HtmlExportError,
  matchingLetters,
  renderAnswerKey,
  renderSolutions,
  renderStudentCopy,
} from '@dlexam/export-html';
import { answerLeaks, expectValidHtml, questionSections, textOf } from './helpers.js';

const exam = sampleExam();

describe('renderStudentCopy', () => {
  // A4 and Letter differ only in the stylesheet, so one paper is validated.
  it.each(['A', 'B'])('version %s is valid HTML', async (code) => {
    await expectValidHtml(renderStudentCopy(exam, code), `version-${code}.html`);
  });

  it.each(['A', 'B'])('version %s contains no answers anywhere in the file', (code) => {
    const version = exam.versions.find((v) => v.code === code)!;
    expect(answerLeaks(renderStudentCopy(exam, code), exam, version)).toEqual([]);
  });

  it('the leak check finds the answers in the answer key and the solutions (so it can fail)', () => {
    const version = exam.versions[0]!;
    const keyLeaks = answerLeaks(renderAnswerKey(exam, { showSeed: true }), exam, version);
    expect(keyLeaks).toContain('the exam seed');
    expect(answerLeaks(renderSolutions(exam), exam, version, 'vA-q')).toContain(
      'the word "correct" beyond the question texts',
    );
    const marked = renderStudentCopy(exam, 'A').replace(
      '<li><span class="mark bubble"',
      '<li class="correct"><span class="mark bubble"',
    );
    expect(answerLeaks(marked, exam, version)).toEqual(['"correct" in the markup']);
    const solutionLeaks = answerLeaks(renderSolutions(exam), exam, version, 'vA-q');
    expect(solutionLeaks).toContain('Q1 (cnn.sample-numeric): answer value 6');
    expect(solutionLeaks).toContain('Q2 (cnn.sample-decimal): answer value -0.1192');
    expect(solutionLeaks).toContain('Q8 (cnn.sample-table): answer value 7776');
    expect(solutionLeaks).toContain('Q1 (cnn.sample-numeric): feedback "You left out the +1."');
    expect(solutionLeaks.some((l) => l.startsWith('Q7 (cnn.sample-short): solution'))).toBe(true);
  });

  it('prints choice options with identical markup, so nothing marks the keyed one', () => {
    const html = renderStudentCopy(exam, 'A');
    for (const [id, section] of questionSections(html)) {
      const list = /<ul class="options">([\s\S]*?)<\/ul>/.exec(section);
      if (!list) continue;
      const shapes = [...list[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
        m[1]!
          .replace(/<span class="opt-letter">[A-Z]+<\/span>/, '')
          .replace(/<span>[\s\S]*<\/span>$/, ''),
      );
      expect(shapes.length, id).toBeGreaterThan(1);
      expect(new Set(shapes).size, `${id}: options differ in markup`).toBe(1);
    }
  });

  it('has a cover page with course, title, version, name/ID fields, instructions and points', () => {
    const html = renderStudentCopy(exam, 'B');
    const cover = /<section class="cover"[\s\S]*?<\/table><\/div><\/section>/.exec(html)?.[0] ?? '';
    const text = textOf(cover);
    expect(text).toContain('Deep Learning 182');
    expect(text).toContain('Sample Midterm & "Review" <2026>');
    expect(text).toContain('Version B');
    expect(text).toContain('Name');
    expect(text).toContain('Student ID');
    expect(text).toContain('Answer every question. Show your work for partial credit.');
    expect(text).toContain('8 questions worth 16 points');
    expect(text).toMatch(
      /For graders Question 1 2 3 4 5 6 7 8 Total Points 2 2 2 2 2 2 2 2 16 Score/,
    );
    // The cover ends the first page; the version code runs in the page margin boxes of every page.
    expect(html).toMatch(/\.cover \{ break-after: page;/);
    expect(html).toMatch(/@top-right \{ content: "Version B"/);
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');
  });

  it('numbers every question with its points and keeps each one unbreakable', () => {
    const html = renderStudentCopy(exam, 'A');
    const sections = [...questionSections(html).keys()];
    expect(sections).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
    for (const section of questionSections(html).values())
      expect(textOf(section)).toMatch(/^ Question \d+ 2 points /);
    expect(html).toMatch(/\.question \{ break-inside: avoid;/);
    expect(html).toMatch(/table\.grid \{[^}]*break-inside: avoid;/);
    expect(html).toMatch(/\.q-figure \{[^}]*break-inside: avoid;/);
  });

  it('shapes the answer space by kind', () => {
    const s = questionSections(renderStudentCopy(exam, 'A'));
    expect(s.get('q1')).toContain('<span class="answer-box"></span>');
    expect(s.get('q1')).toMatch(
      /<img src="data:image\/svg\+xml;charset=utf-8,%3Csvg[^"]*" alt="A 5 by 5 grid">/,
    );
    expect(s.get('q4')!.match(/class="mark bubble"/g)).toHaveLength(4);
    expect(s.get('q5')!.match(/class="mark box"/g)).toHaveLength(4);
    expect(s.get('q7')).toContain('answer-box wide');
    // Table: text cells filled, numeric cells empty, choice cells offer their options.
    const table = s.get('q8')!;
    expect(table).toContain('<th scope="col">Pooling?</th>');
    expect(textOf(table)).toContain('CONV-9-32');
    expect(table.match(/<td class="cell-blank"><\/td>/g)).toHaveLength(6);
    expect(table.match(/<td class="cell-blank"><span class="cell-options">/g)).toHaveLength(2);
  });

  it('lists matching answers in an order that does not follow the prompts, with blanks to fill', () => {
    const version = exam.versions[0]!;
    const q6 = version.questions[5]!;
    const section = questionSections(renderStudentCopy(exam, 'A')).get('q6')!;
    const [left, right] = [...section.matchAll(/<ol>([\s\S]*?)<\/ol>/g)].map((m) => m[1]!);
    expect(left!.match(/<span class="blank"/g)).toHaveLength(3);
    const rightItems = [
      ...right!.matchAll(/<li><span class="opt-letter">([A-Z])<\/span>([\s\S]*?)<\/li>/g),
    ];
    expect(rightItems.map((m) => m[1])).toEqual(['A', 'B', 'C', 'D']);
    const letters = matchingLetters(q6.variant);
    expect(letters).not.toEqual(['A', 'B', 'C']);
    if (q6.variant.answer.kind !== 'matching') throw new Error('fixture changed');
    // The letter the key gives each prompt points at that prompt's answer in the printed list.
    q6.variant.answer.pairs.forEach((pair, i) => {
      const item = rightItems.find((m) => m[1] === letters[i])!;
      expect(item[2]).toContain(
        pair.answer
          .replace(/^\\\(\s*|\s*\\\)$/g, '')
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      );
    });
  });

  it('accepts the version object and rejects an unknown version code', () => {
    expect(renderStudentCopy(exam, exam.versions[1]!)).toBe(renderStudentCopy(exam, 'B'));
    expect(() => renderStudentCopy(exam, 'Z')).toThrow(
      new HtmlExportError('exam has no version "Z"; it has A, B'),
    );
  });

  it('fails the export on a formula KaTeX rejects, naming the question', () => {
    const bad: Exam = structuredClone(exam);
    bad.versions[0]!.questions[1]!.variant.stem = 'Compute \\(\\frac{1}{\\). Round.';
    expect(() => renderStudentCopy(bad, 'A')).toThrow(HtmlExportError);
    expect(() => renderStudentCopy(bad, 'A')).toThrow(
      /cnn\.sample-decimal \(seed a2-a\), stem: KaTeX cannot render/,
    );
    const unknown: Exam = structuredClone(exam);
    unknown.versions[0]!.questions[0]!.variant.stem = 'Compute \\(\\notacommand{x}\\).';
    expect(() => renderStudentCopy(unknown, 'A')).toThrow(/Undefined control sequence/);
  });

  it('refuses a figure browsers cannot show, or without alt text, naming the question', () => {
    const at = exam.versions[0]!.questions.findIndex((q) => q.variant.figure);
    const svg = exam.versions[0]!.questions[at]!.variant.figure!.svg;
    const withFigure = (figure: { svg: string; alt: string }): Exam => {
      const bad: Exam = structuredClone(exam);
      bad.versions[0]!.questions[at]!.variant.figure = figure;
      return bad;
    };
    expect(() =>
      renderStudentCopy(withFigure({ svg: svg.replace('</svg>', ''), alt: 'grid' }), 'A'),
    ).toThrow(/^cnn\.sample-numeric \(seed [\w-]+\): figure is not well-formed XML \(\d+:\d+: /);
    expect(() =>
      renderStudentCopy(withFigure({ svg: '<svg width="3"/>', alt: 'grid' }), 'A'),
    ).toThrow(/figure is not an SVG document \(the root element must be <svg> in the namespace/);
    expect(() => renderStudentCopy(withFigure({ svg, alt: ' ' }), 'A')).toThrow(
      /cnn\.sample-numeric \(seed [\w-]+\): figure has no alt text/,
    );
    expect(renderStudentCopy(withFigure({ svg, alt: 'grid' }), 'A')).toContain('alt="grid"');
  });

  it('checks its options and the exam instructions', () => {
    expect(() => renderStudentCopy(exam, 'A', { paper: 'a3' as 'a4' })).toThrow(
      new HtmlExportError("paper must be 'a4' or 'letter', got a3"),
    );
    expect(renderStudentCopy(exam, 'A', { katexHref: '../assets/katex.css' })).toContain(
      '<link rel="stylesheet" href="../assets/katex.css">',
    );
    expect(renderStudentCopy(exam, 'A', { paper: 'letter' })).toContain('size: letter;');
    expect(() => renderStudentCopy({ ...exam, instructions: 'Use \\(x' }, 'A')).toThrow(
      /exam instructions: bad rich text/,
    );
    expect(() => renderStudentCopy({ ...exam, versions: [] }, 'A')).toThrow(
      new HtmlExportError('exam has no versions'),
    );
  });

  it('is deterministic', () => {
    expect(renderStudentCopy(sampleExam(), 'A')).toBe(renderStudentCopy(sampleExam(), 'A'));
  });
});
