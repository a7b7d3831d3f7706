import { describe, expect, it } from 'vitest';
import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import type { Exam } from '@dlexam/types';
import {
  answerKeyCsv,
  HtmlExportError,
  matchingLetters,
  renderAnswerKey,
} from '@dlexam/export-html';
import { expectValidHtml, textOf } from './helpers.js';

const exam = sampleExam();

/** A strict RFC 4180 reader written for this test: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') ((field += '"'), (i += 2));
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length)
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
  }
  if (row.length) throw new Error('last record lacks CRLF');
  return rows;
}

describe('renderAnswerKey', () => {
  it('is valid HTML', async () => {
    await expectValidHtml(renderAnswerKey(exam), 'answer-key.html');
  });

  it("puts every version's answers on one sheet", () => {
    const text = textOf(renderAnswerKey(exam));
    for (const code of ['A', 'B']) {
      const section = text.slice(text.indexOf(`Version ${code} Q Answer Points`));
      expect(section, code).toMatch(/Q1 6 cnn\.sample-numeric · seed a1-/);
      expect(section).toMatch(/Q4 B : 6288 cnn\.sample-single/);
      expect(section).toMatch(
        /Q5 A : Weights are shared across spatial positions\. C : The number of output channels/,
      );
      expect(section).toMatch(/Q7 precision cnn\.sample-short/);
      // The filled table grid: fixed text cells and every answer.
      expect(section).toMatch(
        /Q8 Layer Height Weights Biases Pooling\? CONV-9-32 120 7776 32 no POOL-2 & /,
      );
    }
    // The seed is the exam's secret: printed only when asked for (issue 17 item 6).
    expect(text).not.toContain('sample-seed');
    expect(textOf(renderAnswerKey(exam, { showSeed: true }))).toContain('Exam seed sample-seed');
    // The key states how each kind is scored (the grading model).
    expect(text).toMatch(/Scoring .*multiple answers : right minus wrong/);
  });

  it('states numeric answers to the asked precision with their tolerance', () => {
    const html = renderAnswerKey(exam);
    expect(html).toContain('<div>\u22120.1192 ± 0.0001<div class="tag">');
    expect(html).toContain('<div>4.07 × 10<sup>17</sup> ± 1 × 10<sup>15</sup><div class="tag">');
    expect(textOf(html)).toMatch(/POOL-2 & max .* 60 0 0\.5 ± 0\.1 yes cnn\.sample-table/);
  });
});

describe('answerKeyCsv', () => {
  it('is RFC 4180 with one row per question of every version', () => {
    const csv = answerKeyCsv(exam);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(
      csv.replace(/"[^"]*(?:""[^"]*)*"/g, '').includes('\n') &&
        /[^\r]\n/.test(csv.replace(/"[^"]*(?:""[^"]*)*"/g, '')),
    ).toBe(false);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['version', 'question', 'template', 'answer', 'points']);
    expect(rows).toHaveLength(1 + 16);
    const letters = matchingLetters(exam.versions[0]!.questions[5]!.variant);
    expect(rows.filter((r) => r[0] === 'A')).toEqual([
      ['A', '1', 'cnn.sample-numeric', '6', '2'],
      ['A', '2', 'cnn.sample-decimal', '-0.1192 ± 0.0001', '2'],
      ['A', '3', 'cnn.sample-sci', '4.07 × 10^17 ± 1 × 10^15', '2'],
      ['A', '4', 'cnn.sample-single', 'B: 6288', '2'],
      [
        'A',
        '5',
        'cnn.sample-multiple',
        'A: Weights are shared across spatial positions.; C: The number of output channels equals the number of filters.',
        '2',
      ],
      [
        'A',
        '6',
        'cnn.sample-matching',
        `1 Momentum → ${letters[0]} v ← ρ v + g, x ← x - α v; 2 RMSProp → ${letters[1]} s ← β s + (1-β) g²; 3 Gradient descent & <friends> → ${letters[2]} x ← x - α g`,
        '2',
      ],
      ['A', '7', 'cnn.sample-short', 'precision', '2'],
      [
        'A',
        '8',
        'cnn.sample-table',
        'CONV-9-32: Height = 120, Weights = 7776, Biases = 32, Pooling? = no; POOL-2 & max: Height = 60, Weights = 0, Biases = 0.5 ± 0.1, Pooling? = yes',
        '2',
      ],
    ]);
    // Fields with commas are quoted; a plain field is not.
    expect(csv).toContain('\r\nA,1,cnn.sample-numeric,6,2\r\n');
    expect(csv).toContain('A,6,cnn.sample-matching,"1 Momentum');
  });

  it('quotes and doubles quotes, and keeps line breaks inside quoted fields', () => {
    const variant = sampleVariants()[6]!;
    variant.answer = {
      kind: 'short',
      accepted: ['say "hi", then', 'two\r\nlines'],
      caseSensitive: true,
    };
    const tiny: Exam = {
      ...exam,
      versions: [
        {
          code: 'A',
          index: 0,
          questions: [{ slot: 0, slotName: 's', number: 1, points: 1.5, variant }],
        },
      ],
    };
    const csv = answerKeyCsv(tiny);
    expect(csv).toBe(
      'version,question,template,answer,points\r\nA,1,cnn.sample-short,"say ""hi"", then | two\r\nlines (case-sensitive)",1.5\r\n',
    );
    expect(parseCsv(csv)[1]![3]).toBe('say "hi", then | two\r\nlines (case-sensitive)');
  });

  it('rejects an exam without versions and a choice answer that points at no option', () => {
    expect(() => answerKeyCsv({ ...exam, versions: [] })).toThrow(HtmlExportError);
    const broken: Exam = structuredClone(exam);
    broken.versions[0]!.questions[3]!.variant.answer = { kind: 'single', correct: 9 };
    expect(() => answerKeyCsv(broken)).toThrow(
      /cnn\.sample-single \(seed b1-a\).*correct index 9 has no choice/,
    );
  });
});

describe('difficulty balance in the answer key (issue 18)', () => {
  const balanced: Exam = {
    ...exam,
    slots: exam.slots.map((s) => ({
      ...s,
      balance: { level: 2, pinned: false, band: 0, spread: 0, effort: { min: 11, max: 14 } },
    })),
    versions: exam.versions.map((v) => ({
      ...v,
      questions: v.questions.map((q, i) => ({ ...q, difficulty: { effort: 11 + i, level: 2 } })),
    })),
  };

  it('reports each slot’s level, band, spread, effort range and every version’s level', async () => {
    const html = renderAnswerKey(balanced);
    await expectValidHtml(html, 'balanced-answer-key.html');
    const text = textOf(html);
    expect(text).toContain('Difficulty balance');
    expect(text).toMatch(/2 \(typical\)\s*0\s*0\s*11–14/);
    expect(text).toContain(`A 2, B 2`);
    // An exam assembled before balanced versions has no such section.
    expect(textOf(renderAnswerKey(exam))).not.toContain('Difficulty balance');
  });

  it('adds level and effort columns to the CSV', () => {
    const rows = parseCsv(answerKeyCsv(balanced));
    expect(rows[0]).toEqual([
      'version',
      'question',
      'template',
      'answer',
      'points',
      'level',
      'effort',
    ]);
    expect(rows[1]!.slice(5)).toEqual(['2', '11']);
    expect(parseCsv(answerKeyCsv(exam))[0]).toHaveLength(5);
  });
});
