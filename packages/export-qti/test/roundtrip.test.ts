import type { Variant } from '@dlexam/types';
import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import { describe, expect, test } from 'vitest';
import { richTextToHtml, toQtiAssessmentXml, toQtiFiles } from '@dlexam/export-qti';
import { examOf, metasOf } from './fixtures.js';
import {
  child,
  htmlText,
  numericCondition,
  parseAssessment,
  parseMeta,
  varequals,
  type ParsedItem,
} from './parse.js';

/**
 * Exports the sample variants (one of every kind, nasty text) and reads them back: every
 * question's Canvas type, points, answer, tolerance and feedback must survive.
 */

const variants = sampleVariants();
const byTemplate = (id: string) => variants.find((v) => v.templateId === id) as Variant;
const parsed = parseAssessment(toQtiAssessmentXml(examOf(variants), { mode: 'plain' }));
const item = (id: string): ParsedItem =>
  parsed.items[variants.indexOf(byTemplate(id))] as ParsedItem;

/** The item's scoring condition (the one that sets SCORE to 100). */
const scoring = (it: ParsedItem) =>
  it.conditions.filter((c) => c.setvar?.action === 'Set' && c.setvar.value === '100');

describe('every item', () => {
  test('keeps its order, title, points, stem and general feedback (the solution)', () => {
    expect(parsed.items.map((i) => i.title)).toEqual(variants.map((v) => v.title));
    parsed.items.forEach((it, i) => {
      const v = variants[i] as Variant;
      expect(it.meta.points_possible).toBe(String(v.points));
      expect(it.html.startsWith(`<div>${richTextToHtml(v.stem)}`)).toBe(true);
      expect(it.feedback.general_fb).toBe(richTextToHtml(v.solution));
      // The general feedback is shown by a leading <other/> condition that does not stop processing.
      expect(it.conditions[0]).toMatchObject({ continue: 'Yes', feedback: ['general_fb'] });
      expect(child(it.conditions[0]!.conditionvar, 'other')).toHaveLength(1);
    });
  });

  test('uses unique idents and Canvas answer ids that match original_answer_ids', () => {
    const idents = parsed.items.map((i) => i.ident);
    expect(new Set(idents).size).toBe(idents.length);
    for (const it of parsed.items) {
      const ids = it.meta.original_answer_ids!.split(',');
      expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('numerical_question', () => {
  test.each([
    ['cnn.sample-numeric', '6', '6', '6'],
    ['cnn.sample-decimal', '-0.1192', '-0.1193', '-0.1191'],
    // 4.07e17 ± 1e15 must be written out, never in exponent notation.
    ['cnn.sample-sci', '407000000000000000', '406000000000000000', '408000000000000000'],
  ])('%s: %s as the range [%s, %s]', (id, _exact, gte, lte) => {
    const it = item(id);
    expect(it.meta.question_type).toBe('numerical_question');
    expect(it.responses).toEqual([
      {
        ident: 'response1',
        kind: 'str',
        cardinality: 'Single',
        prompt: undefined,
        fibtype: 'Decimal',
        labels: [{ ident: 'answer1', text: '', texttype: '' }],
      },
    ]);
    const [rc] = scoring(it);
    expect(numericCondition(rc!.conditionvar)).toEqual({ gte, lte });
    expect(rc!.continue).toBe('No');
    expect(rc!.feedback).toEqual(['correct_fb']);
  });

  test('modelled wrong values and their feedback become the general incorrect feedback', () => {
    const it = item('cnn.sample-numeric');
    expect(it.feedback.correct_fb).toBe('<p>Correct.</p>');
    const incorrect = htmlText(it.feedback.general_incorrect_fb!);
    expect(incorrect).toContain('5: You left out the +1.');
    expect(incorrect).toContain('11: You ignored the stride.');
    expect(it.conditions.at(-1)).toMatchObject({
      continue: 'Yes',
      feedback: ['general_incorrect_fb'],
    });
    // A question with no wrong values has no incorrect feedback.
    expect(item('cnn.sample-sci').feedback.general_incorrect_fb).toBeUndefined();
  });

  test('a unit is stated under the stem', () => {
    const v = byTemplate('cnn.sample-decimal');
    const withUnit: Variant = {
      ...v,
      answer: {
        kind: 'numeric',
        numeric: { value: 2.5, decimals: 1, tolerance: 0.05, unit: 'cm & <mm>' },
      },
    };
    const it = parseAssessment(toQtiAssessmentXml(examOf([withUnit]))).groups[0]!.items[0]!;
    expect(it.html).toContain('<p>Unit: cm &amp; &lt;mm&gt;</p></div>');
    expect(numericCondition(scoring(it)[0]!.conditionvar)).toEqual({
      gte: '2.45',
      lte: '2.55',
    });
  });

  test('the figure is an <img> with the alt text, after the stem', () => {
    expect(item('cnn.sample-numeric').html).toMatch(
      /<p><img src="\$IMS-CC-FILEBASE\$\/images\/[\w-]+\.svg" alt="A 5 by 5 grid"><\/p><\/div>$/,
    );
  });
});

describe('options', () => {
  test("numericStyle 'margin' writes or(varequal X, and(vargte, varlte)) with the same bounds", () => {
    const v = byTemplate('cnn.sample-decimal');
    const it = parseAssessment(toQtiAssessmentXml(examOf([v]), { numericStyle: 'margin' }))
      .groups[0]!.items[0]!;
    expect(numericCondition(scoring(it)[0]!.conditionvar)).toEqual({
      exact: '-0.1192',
      gte: '-0.1193',
      lte: '-0.1191',
    });
  });

  test("math 'canvas-equation-image' writes Canvas equation images with the LaTeX URL-encoded twice", () => {
    const v = byTemplate('cnn.sample-decimal');
    const it = parseAssessment(toQtiAssessmentXml(examOf([v]), { math: 'canvas-equation-image' }))
      .groups[0]!.items[0]!;
    const tex = '\\sigma(2) - 1';
    const src = `/equation_images/${encodeURIComponent(encodeURIComponent(tex))}?scale=1`;
    expect(it.html).toBe(
      `<div><p>Compute <img class="equation_image" title="${tex}" src="${src}" alt="LaTeX: ${tex}" data-equation-content="${tex}">. Round to 4 decimals.</p></div>`,
    );
    expect(src).toBe('/equation_images/%255Csigma(2)%2520-%25201?scale=1');
    expect(it.html).not.toContain('\\(');
  });

  test('indent: false writes the same document without indentation', () => {
    const exam = sampleExam();
    // Indentation is the only difference: whitespace between tags (text is escaped, so a raw '>'
    // followed by a line break only occurs between tags).
    expect(toQtiAssessmentXml(exam, { indent: false })).toBe(
      toQtiAssessmentXml(exam, { indent: true }).replace(/>\s+</g, '><'),
    );
    expect(toQtiAssessmentXml(exam, { indent: false }).length).toBeLessThan(
      toQtiAssessmentXml(exam, { indent: true }).length * 0.75,
    );
  });

  test('the default is compact: every file of both modes is the indented one without indentation', () => {
    const exam = sampleExam();
    // Many items, each serialized on its own in plain mode.
    const big = examOf(Array.from({ length: 150 }, (_, i) => variants[i % variants.length]!));
    for (const [e, options] of [
      [exam, {}],
      [exam, { mode: 'plain' }],
      [big, { mode: 'plain' }],
      [big, {}],
    ] as const) {
      const compact = toQtiFiles(e, options);
      expect(compact).toEqual(toQtiFiles(e, { ...options, indent: false }));
      const indented = toQtiFiles(e, { ...options, indent: true });
      expect(compact.map((f) => f.path)).toEqual(indented.map((f) => f.path));
      compact.forEach((f, i) => {
        const pretty = indented[i]!.content;
        expect(f.content).toBe(f.path.endsWith('.xml') ? pretty.replace(/>\s+</g, '><') : pretty);
      });
    }
  });

  test('shuffleAnswers and timeLimitMinutes reach the quiz settings', () => {
    const files = toQtiFiles(examOf([byTemplate('cnn.sample-single')]), {
      shuffleAnswers: true,
      timeLimitMinutes: 50,
    });
    const meta = parseMeta(metasOf(files)[0]!.content);
    expect(meta.shuffle_answers).toBe('true');
    expect(meta.time_limit).toBe('50');
    const a = parseAssessment(files.find((f) => f.content.includes('<questestinterop'))!.content);
    expect(a.meta.qmd_timelimit).toBe('50');
  });
});

describe('multiple_choice_question and multiple_answers_question', () => {
  test('single: options in order, one correct id, per-option feedback', () => {
    const v = byTemplate('cnn.sample-single');
    const it = item('cnn.sample-single');
    expect(it.meta.question_type).toBe('multiple_choice_question');
    const [r] = it.responses;
    expect(r).toMatchObject({ ident: 'response1', kind: 'lid', cardinality: 'Single' });
    expect(r!.labels.map((l) => l.ident)).toEqual(it.meta.original_answer_ids!.split(','));
    // Options without math go as plain text (Classic may keep an option's text as text, and
    // would show escaped HTML literally — issue 17 item 7); math needs HTML.
    expect(r!.labels.map((l) => l.texttype)).toEqual([
      'text/plain',
      'text/plain',
      'text/plain',
      'text/html',
    ]);
    expect(r!.labels.map((l) => l.text)).toEqual([
      '6272',
      '6288',
      '6400 & <more>',
      '\\(\\frac{6288}{2}\\)',
    ]);
    const [rc] = scoring(it);
    expect(varequals(rc!.conditionvar)).toEqual([
      { respident: 'response1', value: r!.labels[1]!.ident },
    ]);
    v.choices.forEach((c, i) => {
      const id = r!.labels[i]!.ident;
      expect(htmlText(it.feedback[`${id}_fb`]!)).toBe(c.feedback);
      const shows = it.conditions.find((x) => x.feedback.includes(`${id}_fb`));
      expect(shows?.continue).toBe('Yes');
      expect(varequals(shows!.conditionvar)).toEqual([{ respident: 'response1', value: id }]);
    });
  });

  test('multiple: all correct ids required, all wrong ids excluded', () => {
    const it = item('cnn.sample-multiple');
    expect(it.meta.question_type).toBe('multiple_answers_question');
    const ids = it.responses[0]!.labels.map((l) => l.ident);
    expect(it.responses[0]!.cardinality).toBe('Multiple');
    const and = child(scoring(it)[0]!.conditionvar, 'and')[0]!;
    expect(varequals(and).map((x) => x.value)).toEqual([ids[0], ids[2]]);
    expect(child(and, 'not').flatMap((n) => varequals(n).map((x) => x.value))).toEqual([
      ids[1],
      ids[3],
    ]);
    expect(it.responses[0]!.labels[3]!).toMatchObject({
      text: 'Pooling layers have trainable weights "<w>".',
      texttype: 'text/plain',
    });
  });
});

describe('matching_question', () => {
  const v = byTemplate('cnn.sample-matching');
  const answer = v.answer as Extract<Variant['answer'], { kind: 'matching' }>;
  const it = item('cnn.sample-matching');

  test('one dropdown per prompt listing every plain-text answer and the distractor', () => {
    expect(it.meta.question_type).toBe('matching_question');
    // Prompts are plain text: Classic keeps a matching prompt as text (issue 17 item 7).
    expect(it.responses.map((r) => r.prompt)).toEqual(answer.pairs.map((p) => p.promptPlain));
    const expected = [
      ...answer.pairs.map((p) => p.answerPlain),
      ...answer.distractors.map((d) => d.plain),
    ].sort();
    for (const r of it.responses) {
      expect(r.labels.map((l) => l.text).sort()).toEqual(expected);
      expect(r.labels.every((l) => l.texttype === 'text/plain')).toBe(true);
    }
  });

  test('each prompt scores its own answer, adding an equal share', () => {
    const adds = it.conditions.filter((c) => c.setvar?.action === 'Add');
    expect(adds).toHaveLength(answer.pairs.length);
    answer.pairs.forEach((pair, i) => {
      const r = it.responses[i]!;
      const [eq] = varequals(adds[i]!.conditionvar);
      expect(eq!.respident).toBe(r.ident);
      expect(r.labels.find((l) => l.ident === eq!.value)?.text).toBe(pair.answerPlain);
      expect(adds[i]!.setvar!.value).toBe('33.33');
    });
  });
});

describe('short_answer_question', () => {
  test('accepted answers are varequal values of one scoring condition', () => {
    const it = item('cnn.sample-short');
    expect(it.meta.question_type).toBe('short_answer_question');
    expect(it.responses[0]).toMatchObject({ ident: 'response1', kind: 'str' });
    expect(varequals(scoring(it)[0]!.conditionvar)).toEqual([
      { respident: 'response1', value: 'precision' },
    ]);
  });
});

describe('tables', () => {
  test('a table with number blanks is fill_in_multiple_blanks with the accepted strings per blank', () => {
    const it = item('cnn.sample-table');
    expect(it.meta.question_type).toBe('fill_in_multiple_blanks_question');
    const blanks = Object.fromEntries(
      it.responses.map((r) => [r.prompt, r.labels.map((l) => l.text)]),
    );
    expect(blanks).toEqual({
      r1c2: ['120'],
      r1c3: ['7776'],
      r1c4: ['32'],
      r1c5: ['no'],
      r2c2: ['60'],
      r2c3: ['0'],
      r2c4: ['0.4', '0.5', '0.6'],
      r2c5: ['yes'],
    });
    for (const r of it.responses) {
      expect(r.ident).toBe(`response_${r.prompt}`);
      expect(it.html).toContain(`[${r.prompt}]`);
    }
    // Blanks compare text, so a blank needing decimals says how many.
    expect(it.html).toContain('<td>[r2c4] (1 decimal)</td>');
    expect(it.html).toContain('<td>[r1c2]</td>');
    // Mixed table: choice cells are typed blanks that list their options.
    expect(it.html).toContain('[r2c5] (one of: yes / ¬ yes)');
    // Every accepted string scores its blank's share.
    const adds = it.conditions.filter((c) => c.setvar?.action === 'Add');
    expect(adds.map((c) => c.setvar!.value)).toEqual(Array(10).fill('12.5'));
    expect(
      adds
        .flatMap((c) => varequals(c.conditionvar))
        .map((x) => x.value)
        .sort(),
    ).toEqual(it.responses.flatMap((r) => r.labels.map((l) => l.ident)).sort());
  });

  test('a table whose blanks are all choices is multiple_dropdowns with plain-text options', () => {
    const v = byTemplate('cnn.sample-table');
    const answer = v.answer as Extract<Variant['answer'], { kind: 'table' }>;
    const rows = answer.rows.map((row) => row.filter((c) => c.type !== 'numeric'));
    const dropdowns: Variant = { ...v, answer: { ...answer, header: ['Layer', 'Pooling?'], rows } };
    const it = parseAssessment(toQtiAssessmentXml(examOf([dropdowns]))).groups[0]!.items[0]!;
    expect(it.meta.question_type).toBe('multiple_dropdowns_question');
    expect(it.responses.map((r) => [r.prompt, r.labels.map((l) => l.text)])).toEqual([
      ['r1c2', ['yes', 'no']],
      ['r2c2', ['yes', '¬ yes']],
    ]);
    expect(it.responses.flatMap((r) => r.labels.map((l) => l.texttype))).toEqual(
      Array(4).fill('text/plain'),
    );
    const adds = it.conditions.filter((c) => c.setvar?.action === 'Add');
    expect(adds.map((c) => varequals(c.conditionvar)[0]!.value)).toEqual([
      it.responses[0]!.labels[1]!.ident,
      it.responses[1]!.labels[0]!.ident,
    ]);
    expect(adds.map((c) => c.setvar!.value)).toEqual(['50', '50']);
  });
});

describe('groups mode', () => {
  const exam = sampleExam();
  const files = toQtiFiles(exam);
  const a = parseAssessment(files.find((f) => f.content.includes('<questestinterop'))!.content);

  test('one group per slot, picking the slot count from every version’s variant, with points per item', () => {
    expect(a.items).toEqual([]);
    expect(a.groups).toHaveLength(exam.slots.length);
    a.groups.forEach((g, s) => {
      const slot = exam.slots[s]!;
      expect(g.title).toBe(slot.name);
      expect(g.pick).toBe(slot.count);
      expect(g.pointsPerItem).toBe(String(slot.points));
      const expected = exam.versions.map(
        (v) => v.questions.find((q) => q.slot === slot.index)!.variant,
      );
      expect(
        g.items.map((it) => it.html.startsWith(`<div>${richTextToHtml(expected[0]!.stem)}`)),
      ).toEqual(expected.map(() => true));
      expect(g.items).toHaveLength(exam.versions.length);
      expect(g.items.every((it) => it.meta.points_possible === String(slot.points))).toBe(true);
    });
  });

  test('the quiz settings carry the title, instructions and total points', () => {
    const meta = parseMeta(metasOf(files)[0]!.content);
    expect(meta.title).toBe(exam.title);
    expect(htmlText(meta.description!)).toBe(exam.instructions);
    expect(meta.points_possible).toBe(String(exam.totalPoints));
    expect(meta.quiz_type).toBe('assignment');
  });

  test('a slot that picks 2 of 4 variants', () => {
    const vs = sampleVariants();
    const single = vs.find((v) => v.kind === 'single')!;
    const versions = ['A', 'B'].map((code, index) => ({
      code,
      index,
      questions: [0, 1].map((k) => ({
        slot: 0,
        slotName: 'Pick two',
        number: k + 1,
        points: 3,
        variant: { ...single, seed: `${code}${k}` },
      })),
    }));
    const exam2 = {
      ...examOf([single]),
      slots: [
        { index: 0, name: 'Pick two', templateIds: [single.templateId], count: 2, points: 3 },
      ],
      versions,
      totalPoints: 6,
    };
    const g = parseAssessment(toQtiAssessmentXml(exam2)).groups;
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ pick: 2, pointsPerItem: '3' });
    expect(g[0]!.items).toHaveLength(4);
    expect(parseMeta(metasOf(toQtiFiles(exam2))[0]!.content).points_possible).toBe('6');
  });
});

describe('plain mode', () => {
  test('one quiz per version, titled with the version code, questions in version order', () => {
    const exam = sampleExam();
    const files = toQtiFiles(exam, { mode: 'plain' });
    const docs = files
      .filter((f) => f.content.includes('<questestinterop'))
      .map((f) => parseAssessment(f.content));
    expect(docs.map((d) => d.title)).toEqual([
      'Sample Midterm & "Review" <2026> (version A)',
      'Sample Midterm & "Review" <2026> (version B)',
    ]);
    docs.forEach((d, i) => {
      expect(d.groups).toEqual([]);
      const questions = exam.versions[i]!.questions;
      expect(d.items).toHaveLength(questions.length);
      d.items.forEach((it, k) =>
        expect(it.html.startsWith(`<div>${richTextToHtml(questions[k]!.variant.stem)}`)).toBe(true),
      );
    });
    expect(new Set(docs.map((d) => d.ident)).size).toBe(2);
  });

  test('versions selects which versions, and toQtiAssessmentXml picks one by code', () => {
    const exam = sampleExam();
    const files = toQtiFiles(exam, { mode: 'plain', versions: ['B'] });
    const docs = files.filter((f) => f.content.includes('<questestinterop'));
    expect(docs).toHaveLength(1);
    expect(toQtiAssessmentXml(exam, { mode: 'plain', version: 'B' })).toBe(docs[0]!.content);
  });
});
