import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { analyze, parseCsv, reportFiles } from './index.js';

const dir = fileURLToPath(new URL('../test/fixtures/moodle-analyze-1/', import.meta.url));
const file = (name: string) => ({ name, data: readFileSync(dir + name) });
const a = analyze({
  exam: file('exam.exam.json'),
  results: file('responses.csv'),
  grades: file('grades.csv'),
});
const files = reportFiles(a);
const get = (path: string) => files.find((f) => f.path === path)!.content;

describe('the report', () => {
  it('is valid HTML (html-validate recommended rules)', async () => {
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
    }).validateString(get('report.html'), 'report.html');
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.ruleId}: ${m.message} at ${m.selector ?? '?'}`),
    );
    expect(messages).toEqual([]);
  });

  it('has every chart as inline SVG followed by a table with the same numbers', () => {
    const html = get('report.html');
    expect(html.match(/<svg class="chart"/g)!.length).toBe(
      2 + a.fairness.filter((f) => f.variants.length > 1).length,
    );
    expect(html).toContain(
      '<title id="scatter-title">Difficulty (facility) against discrimination',
    );
    for (const q of a.questions)
      expect(html).toContain(`<td class="n">${(q.facility * 100).toFixed(1)} %</td>`);
  });

  it('writes every figure as CSV, readable back with the same numbers, and the whole analysis as JSON', () => {
    expect(files.map((f) => f.path)).toEqual([
      'report.html',
      'analysis.json',
      'questions.csv',
      'variants.csv',
      'options.csv',
      'templates.csv',
      'misconceptions.csv',
      'fairness.csv',
      'students.csv',
      'responses.csv',
    ]);
    const q = parseCsv(get('questions.csv'), 'questions.csv');
    expect(q.rows).toHaveLength(6);
    const col = q.header.cells.indexOf('lms_discrimination');
    expect(Number(q.rows[0]!.cells[col])).toBeCloseTo(a.questions[0]!.lms!.discrimination!, 6);
    const r = parseCsv(get('responses.csv'), 'responses.csv');
    expect(r.rows).toHaveLength(29 * 6);
    expect(JSON.parse(get('analysis.json'))).toEqual(JSON.parse(JSON.stringify(a)));
  });

  it('is deterministic: the same input gives byte-identical files', () => {
    const again = reportFiles(
      analyze({
        exam: file('exam.exam.json'),
        results: file('responses.csv'),
        grades: file('grades.csv'),
      }),
    );
    expect(again).toEqual(files);
  });
});
