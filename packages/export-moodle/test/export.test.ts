import {
  MoodleExportError,
  toMoodleXml,
  variantsToMoodleXml,
  type MoodleOptions,
} from '@dlexam/export-moodle';
import type { Exam, Variant } from '@dlexam/types';
import { decodeEntities, sampleExam, sampleVariants } from '@dlexam/types/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  answersOf,
  extractCloze,
  field,
  htmlToText,
  readQuiz,
  textOf,
  wellFormed,
  type ParsedQuestion,
} from './moodle-reader.js';

const byKind = (kind: string, suffix = ''): Variant => {
  const v = sampleVariants(suffix).find((x) => x.templateId === kind);
  if (!v) throw new Error(kind);
  return structuredClone(v);
};

const questionsOf = (xml: string) => readQuiz(xml).filter((q) => q['@_type'] !== 'category');
const categoriesOf = (xml: string) =>
  readQuiz(xml)
    .filter((q) => q['@_type'] === 'category')
    .map((q) => textOf(q.category));

/** Exports one variant in plain mode and returns its parsed question. */
function one(variant: Variant, options: MoodleOptions = {}): ParsedQuestion {
  const qs = questionsOf(variantsToMoodleXml([variant], { ...options, mode: 'plain' }));
  expect(qs).toHaveLength(1);
  return qs[0] as ParsedQuestion;
}

function expectRefused(variant: Variant, message: RegExp): void {
  let error: unknown;
  try {
    variantsToMoodleXml([variant]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MoodleExportError);
  expect((error as Error).message).toMatch(message);
  // The message names the question so an author can find it.
  expect((error as Error).message).toContain(`${variant.templateId}@${variant.seed}`);
}

describe('the sample exam, parsed back', () => {
  const exam = sampleExam();
  const xml = toMoodleXml(exam);
  const parsed = readQuiz(xml);

  it('is well-formed for libxml2', async () => {
    expect(await wellFormed(xml)).toEqual({ valid: true, errors: [] });
    // The check itself can fail: a bare ampersand is rejected.
    expect((await wellFormed('<quiz><a>&</a></quiz>')).valid).toBe(false);
  });

  it('has one category per slot holding that slot’s variant from every version', () => {
    expect(categoriesOf(xml)).toEqual(
      exam.slots.map(
        (s) => `$course$/top/Sample Midterm & "Review" ‹2026›/Q0${s.index + 1} ${s.name}`,
      ),
    );
    // Each slot category says how to use it, and never the exam's secret seed (issue 17 item 6).
    const infos = parsed
      .filter((q) => q['@_type'] === 'category')
      .map((q) => htmlToText(textOf(q.info)));
    expect(infos.every((i) => !i.includes('sample-seed') && i.includes('random question'))).toBe(
      true,
    );
    expect(xml).not.toContain('sample-seed');
    // category, then A's and B's variant of the slot
    for (let slot = 0; slot < exam.slots.length; slot++) {
      const group = parsed.slice(slot * 3, slot * 3 + 3);
      expect(group[0]?.['@_type']).toBe('category');
      const ids = group.slice(1).map((q) => field(q, 'idnumber'));
      expect(ids).toEqual(
        exam.versions.map((v) => {
          const q = v.questions.find((x) => x.slot === slot)!;
          return `${q.variant.templateId}@${q.variant.seed}`;
        }),
      );
    }
  });

  it('maps every kind to Moodle’s native type, with general feedback = solution and tags', () => {
    const expected = {
      numeric: 'numerical',
      single: 'multichoice',
      multiple: 'multichoice',
      matching: 'matching',
      short: 'shortanswer',
      table: 'cloze',
    };
    const qs = questionsOf(xml);
    const variants = exam.versions.flatMap((v) => v.questions.map((q) => q.variant));
    expect(qs).toHaveLength(variants.length);
    for (const q of qs) {
      const v = variants.find((x) => `${x.templateId}@${x.seed}` === field(q, 'idnumber'))!;
      expect(q['@_type']).toBe(expected[v.kind]);
      expect(textOf(q.name)).toContain(v.title);
      expect(htmlToText(textOf(q.generalfeedback)).length).toBeGreaterThan(10);
      const tags = (q.tags as { tag: unknown[] }).tag.map(textOf);
      expect(tags).toEqual(
        expect.arrayContaining([`topic:${v.topic}`, `template:${v.templateId}`, 'sample', v.kind]),
      );
      if (v.kind !== 'table') expect(field(q, 'defaultgrade')).toBe(String(v.points));
    }
    const names = qs.map((q) => textOf(q.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('is byte-identical on a second export', () => {
    expect(toMoodleXml(sampleExam())).toBe(xml);
  });
});

describe('numerical', () => {
  it('writes the answer, tolerance and each modelled wrong value with its misconception feedback', () => {
    const q = one(byKind('cnn.sample-numeric'));
    expect(q['@_type']).toBe('numerical');
    expect(answersOf(q)).toEqual([
      { fraction: '100', text: '6', feedback: 'Correct.', tolerance: '0' },
      // Each mistake's band: its value ± half a unit, disjoint from the key (issue 17 item 4).
      { fraction: '0', text: '5', feedback: 'You left out the +1.', tolerance: '0.5' },
      { fraction: '0', text: '11', feedback: 'You ignored the stride.', tolerance: '0.5' },
    ]);
    // No catch-all answer can be marked correct.
    expect(answersOf(q).filter((a) => a.text.trim() === '*')).toEqual([]);
  });

  it('writes decimals, negatives and huge or tiny numbers in plain notation', () => {
    expect(answersOf(one(byKind('cnn.sample-decimal')))[0]).toMatchObject({
      text: '-0.1192',
      tolerance: '0.0001',
    });
    expect(answersOf(one(byKind('cnn.sample-sci')))[0]).toMatchObject({
      text: '407000000000000000',
      tolerance: '1000000000000000',
    });
    const tiny = byKind('cnn.sample-decimal');
    tiny.answer = { kind: 'numeric', numeric: { value: 3e-7, decimals: 7, tolerance: 1e-8 } };
    tiny.choices = [];
    expect(answersOf(one(tiny))).toEqual([
      { fraction: '100', text: '0.0000003', feedback: 'Correct.', tolerance: '0.00000001' },
    ]);
  });

  it('drops a modelled wrong value that lies inside the accepted interval (it would be graded correct)', () => {
    const v = byKind('cnn.sample-decimal');
    v.choices.push({
      text: '-0.1191',
      plain: '-0.1191',
      correct: false,
      feedback: 'Rounding slip.',
      value: -0.1191,
    });
    v.choices.push({
      text: '-0.1194',
      plain: '-0.1194',
      correct: false,
      feedback: 'Too far.',
      value: -0.1194,
    });
    const texts = answersOf(one(v)).map((a) => a.text);
    // -0.1192 ± 0.0001 holds -0.1191 (decimal arithmetic: 0.1192 - 0.0001 is exactly 0.1191).
    expect(texts).toEqual(['-0.1192', '0.8808', '-0.1194']);
  });

  it('refuses a numerical question without a usable answer', () => {
    const v = byKind('cnn.sample-numeric');
    v.answer = { kind: 'numeric', numeric: { value: Number.NaN, decimals: 0, tolerance: 0 } };
    expectRefused(v, /not a finite number/);
    const w = byKind('cnn.sample-numeric');
    (w.answer as { numeric?: unknown }).numeric = undefined;
    expectRefused(w, /without an answer/);
    const t = byKind('cnn.sample-numeric');
    t.answer = { kind: 'numeric', numeric: { value: 6, decimals: 0, tolerance: -1 } };
    expectRefused(t, /tolerance/);
    const disagree = byKind('cnn.sample-numeric');
    disagree.choices[0]!.value = 7;
    expectRefused(disagree, /choice marked correct \(7\) disagrees with the answer 6/);
    // A value the stated rounding cannot reach with tolerance 0: nobody could type it.
    const unreachable = byKind('cnn.sample-decimal');
    unreachable.answer = {
      kind: 'numeric',
      numeric: { value: 0.3012, decimals: 1, tolerance: 0 },
    };
    unreachable.choices = unreachable.choices.filter((c) => !c.correct);
    expectRefused(
      unreachable,
      /rounded as the stem asks \(0\.3\) lies outside the accepted interval \[0\.3012, 0\.3012\]/,
    );
  });
});

describe('multichoice', () => {
  it('single: one 100 % option, misconception feedback on each option, options rendered with TeX', () => {
    const v = byKind('cnn.sample-single');
    const q = one(v);
    expect(q['@_type']).toBe('multichoice');
    expect(field(q, 'single')).toBe('true');
    expect(field(q, 'shuffleanswers')).toBe('true');
    expect(field(q, 'answernumbering')).toBe('abc');
    const answers = answersOf(q);
    expect(answers.map((a) => a.fraction)).toEqual(['0', '100', '0', '0']);
    expect(answers.map((a) => htmlToText(a.feedback))).toEqual(v.choices.map((c) => c.feedback));
    expect(answers.map((a) => htmlToText(a.text))).toEqual([
      '6272',
      '6288',
      '6400 & <more>',
      '\\(\\frac{6288}{2}\\)',
    ]);
  });

  it('multiple: right options share 100 %, wrong ones take the same share away (right minus wrong)', () => {
    const q = one(byKind('cnn.sample-multiple'));
    expect(field(q, 'single')).toBe('false');
    expect(answersOf(q).map((a) => a.fraction)).toEqual(['50', '-50', '50', '-50']);

    const three = byKind('cnn.sample-multiple');
    three.choices[3]!.correct = true;
    three.answer = { kind: 'multiple', correct: [0, 2, 3] };
    expect(answersOf(one(three)).map((a) => a.fraction)).toEqual([
      '33.33333',
      '-33.33333',
      '33.33333',
      '33.33333',
    ]);
  });

  it('ticking every box never scores 100 % (issue 17 item 1)', () => {
    const q = one(byKind('cnn.sample-multiple'));
    // Moodle sums the ticked options' fractions and clamps to [0, 1].
    const sum = answersOf(q).reduce((s, a) => s + Number(a.fraction), 0);
    expect(Math.min(1, Math.max(0, sum / 100))).toBe(0);
  });

  it('refuses all-or-nothing multiple-answer grading, which Moodle cannot express', () => {
    expect(() =>
      variantsToMoodleXml([byKind('cnn.sample-multiple')], { multipleGrading: 'all-or-nothing' }),
    ).toThrow(/all-or-nothing grading cannot be exported to Moodle/);
    // Single-answer questions are unaffected by the multiple-answer rule.
    expect(() =>
      variantsToMoodleXml([byKind('cnn.sample-single')], { multipleGrading: 'all-or-nothing' }),
    ).not.toThrow();
    expect(() =>
      variantsToMoodleXml(sampleVariants(), { multipleGrading: 'half' as never }),
    ).toThrow(MoodleExportError);
  });

  it('refuses questions nobody can answer correctly', () => {
    const none = byKind('cnn.sample-single');
    none.choices.forEach((c) => (c.correct = false));
    expectRefused(none, /no option is correct/);

    const twoRight = byKind('cnn.sample-single');
    twoRight.choices[0]!.correct = true;
    expectRefused(twoRight, /disagrees|2 correct/);

    const keyWrong = byKind('cnn.sample-single');
    keyWrong.answer = { kind: 'single', correct: 0 };
    expectRefused(keyWrong, /disagrees/);

    const lonely = byKind('cnn.sample-single');
    lonely.choices = lonely.choices.filter((c) => c.correct);
    expectRefused(lonely, /at least 2 options/);

    const dup = byKind('cnn.sample-single');
    dup.choices[2]!.text = '6272';
    expectRefused(dup, /appears twice/);

    const eleven = byKind('cnn.sample-multiple');
    eleven.choices = Array.from({ length: 12 }, (_, i) => ({
      text: `o${i}`,
      plain: `o${i}`,
      correct: i < 11,
      feedback: '',
    }));
    eleven.answer = { kind: 'multiple', correct: Array.from({ length: 11 }, (_, i) => i) };
    expectRefused(eleven, /11 correct options cannot share 100 %/);
  });
});

describe('matching, short answer', () => {
  it('matching: prompts as HTML, answers and distractors in their plain form', () => {
    const v = byKind('cnn.sample-matching');
    const q = one(v);
    expect(q['@_type']).toBe('matching');
    const subs = (q.subquestion as Record<string, unknown>[]).map((s) => ({
      prompt: htmlToText(textOf(s)),
      answer: textOf((s.answer as unknown[])[0]),
    }));
    expect(subs).toEqual([
      { prompt: 'Momentum', answer: 'v ← ρ v + g, x ← x - α v' },
      { prompt: 'RMSProp', answer: 's ← β s + (1-β) g²' },
      { prompt: 'Gradient descent & <friends>', answer: 'x ← x - α g' },
      { prompt: '', answer: 'x ← x + α g' },
    ]);
  });

  it('matching: refuses fewer than 2 pairs, fewer than 3 answers, or a distractor that is a right answer', () => {
    const v = byKind('cnn.sample-matching');
    if (v.answer.kind !== 'matching') throw new Error();
    v.answer.pairs = v.answer.pairs.slice(0, 1);
    expectRefused(v, /at least 2 pairs/);
    const w = byKind('cnn.sample-matching');
    if (w.answer.kind !== 'matching') throw new Error();
    w.answer.pairs = w.answer.pairs.slice(0, 2);
    w.answer.distractors = [];
    expectRefused(w, /at least 3 answers/);
    const x = byKind('cnn.sample-matching');
    if (x.answer.kind !== 'matching') throw new Error();
    x.answer.distractors = [{ text: 'x', plain: 'x ← x - α g' }];
    expectRefused(x, /also the answer of a pair/);
  });

  it('short answer: every accepted answer at 100 %, case flag, literal * escaped', () => {
    const v = byKind('cnn.sample-short');
    v.answer = { kind: 'short', accepted: ['precision', 'PPV*'], caseSensitive: true };
    const q = one(v);
    expect(q['@_type']).toBe('shortanswer');
    expect(field(q, 'usecase')).toBe('1');
    expect(answersOf(q).map((a) => [a.fraction, a.text])).toEqual([
      ['100', 'precision'],
      ['100', 'PPV\\*'],
    ]);
    v.answer = { kind: 'short', accepted: [' '], caseSensitive: false };
    expectRefused(v, /non-empty accepted answer/);
  });
});

describe('cloze (table)', () => {
  it('one NUMERICAL or MULTICHOICE part per blank cell, read back with Moodle’s own regexes', () => {
    const v = byKind('cnn.sample-table');
    const q = one(v);
    expect(q['@_type']).toBe('cloze');
    const { parts, remaining } = extractCloze(textOf(q.questiontext));
    expect(parts.map((p) => p.type)).toEqual([
      'numerical',
      'numerical',
      'numerical',
      'multichoice',
      'numerical',
      'numerical',
      'numerical',
      'multichoice',
    ]);
    const correct = parts.map((p) =>
      p.alternatives
        .filter((a) => a.fraction === 1)
        .map((a) =>
          a.tolerance === undefined ? htmlToText(a.answer) : `${a.answer}±${a.tolerance}`,
        ),
    );
    expect(correct).toEqual([
      ['120±0'],
      ['7776±0'],
      ['32±0'],
      ['no'],
      ['60±0'],
      ['0±0'],
      ['0.5±0.1'],
      ['yes'],
    ]);
    // The drop-down shows the plain fallback, not TeX.
    expect(parts[7]!.alternatives.map((a) => htmlToText(a.answer))).toEqual(['yes', '¬ yes']);
    expect(remaining).toContain('{#8}');
    expect(remaining).not.toMatch(/\{[0-9]*:(NUMERICAL|NM|MULTICHOICE|MC)/);
    expect(htmlToText(remaining)).toContain('POOL-2 & \\(\\max\\)');
  });

  it('keeps literal braces, # and ~ in cells and options from becoming Cloze syntax', () => {
    const v = byKind('cnn.sample-table');
    if (v.answer.kind !== 'table') throw new Error();
    v.stem = 'Literal {1:NUMERICAL:=5} and \\(\\frac{1}{2}\\) stay text.';
    v.answer.rows[0]![0] = { type: 'text', text: '{2:MC:=a~b}', plain: '{2:MC:=a~b}' };
    v.answer.rows[0]![4] = {
      type: 'choice',
      options: [
        { text: 'a', plain: 'a}~#b \\} =c %50% & <d>' },
        { text: 'b', plain: '\\#~{x}' },
      ],
      correct: 1,
    };
    const q = one(v);
    const { parts, remaining } = extractCloze(textOf(q.questiontext));
    expect(parts).toHaveLength(8);
    expect(parts[3]!.alternatives.map((a) => [a.fraction, htmlToText(a.answer)])).toEqual([
      [0, 'a}~#b \\} =c %50% & <d>'],
      [1, '\\#~{x}'],
    ]);
    expect(htmlToText(remaining)).toContain(
      'Literal {1:NUMERICAL:=5} and \\(\\frac{1}{2}\\) stay text.',
    );
    expect(htmlToText(remaining)).toContain('{2:MC:=a~b}');
  });

  it('refuses a table without blanks or with a broken drop-down', () => {
    const v = byKind('cnn.sample-table');
    if (v.answer.kind !== 'table') throw new Error();
    v.answer.rows = v.answer.rows.map((row) =>
      row.map(() => ({ type: 'text' as const, text: 'x', plain: 'x' })),
    );
    expectRefused(v, /at least one blank/);
    const w = byKind('cnn.sample-table');
    if (w.answer.kind !== 'table') throw new Error();
    w.answer.rows[0]![4] = {
      type: 'choice',
      options: [
        { text: 'a', plain: 'a' },
        { text: 'b', plain: 'b' },
      ],
      correct: 2,
    };
    expectRefused(w, /correct option 2 does not exist/);
    const x = byKind('cnn.sample-table');
    if (x.answer.kind !== 'table') throw new Error();
    x.answer.rows[0]![4] = { type: 'choice', options: [{ text: 'a', plain: 'a' }], correct: 0 };
    expectRefused(x, /at least 2 options/);
  });
});

describe('files, names, categories and modes', () => {
  it('embeds the SVG figure as a base64 file referenced by @@PLUGINFILE@@', () => {
    const v = byKind('cnn.sample-numeric');
    const q = one(v);
    const qt = q.questiontext as { file: Record<string, string>[] };
    expect(qt.file).toHaveLength(1);
    const file = qt.file[0]!;
    expect([file['@_name'], file['@_path'], file['@_encoding']]).toEqual([
      'figure.svg',
      '/',
      'base64',
    ]);
    expect(Buffer.from(file['#text']!, 'base64').toString('utf8')).toBe(v.figure!.svg);
    expect(textOf(q.questiontext)).toContain(
      '<img src="@@PLUGINFILE@@/figure.svg" alt="A 5 by 5 grid">',
    );
  });

  it('refuses a figure without alt text, naming the question', () => {
    const v = byKind('cnn.sample-numeric');
    const withAlt = (alt: string) => () =>
      variantsToMoodleXml([{ ...v, figure: { svg: v.figure!.svg, alt } }]);
    expect(withAlt(' ')).toThrow(/cnn\.sample-numeric.*: figure has no alt text/);
    expect(withAlt('grid')).not.toThrow();
  });

  it('encodes the figure the same way without Node’s Buffer (browser path)', () => {
    const v = byKind('cnn.sample-numeric');
    const base64 = () =>
      (one(v).questiontext as { file: Record<string, string>[] }).file[0]!['#text']!;
    const withBuffer = base64();
    vi.stubGlobal('Buffer', undefined);
    try {
      const withoutBuffer = base64();
      expect(withoutBuffer).toBe(withBuffer);
      expect(
        new TextDecoder().decode(Uint8Array.from(atob(withoutBuffer), (c) => c.charCodeAt(0))),
      ).toBe(v.figure!.svg);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses options it cannot honour', () => {
    const variants = sampleVariants();
    expect(() => variantsToMoodleXml(variants, { mode: 'random' as 'plain' })).toThrow(
      /mode must be/,
    );
    expect(() => variantsToMoodleXml(variants, { answerNumbering: 'xyz' as 'abc' })).toThrow(
      /answerNumbering/,
    );
    expect(() => variantsToMoodleXml(variants, { categoryRoot: '$course$/top/' })).toThrow(
      /categoryRoot/,
    );
    expect(() => variantsToMoodleXml([])).toThrow(/no variants/);
    const numbered = questionsOf(
      variantsToMoodleXml([byKind('cnn.sample-single')], {
        answerNumbering: 'ABCD',
        shuffleAnswers: false,
      }),
    )[0]!;
    expect([field(numbered, 'answernumbering'), field(numbered, 'shuffleanswers')]).toEqual([
      'ABCD',
      'false',
    ]);
  });

  it('keeps names readable, unique and within 255 characters; refuses an idnumber Moodle cannot store', () => {
    const v = byKind('cnn.sample-short');
    v.title = 'A very long title <with> markup '.repeat(20);
    const name = textOf(one(v).name);
    expect([...name].length).toBeLessThanOrEqual(255);
    expect(name.endsWith(' [cnn.sample-short@e1]')).toBe(true);
    expect(name).not.toMatch(/[<>]/);
    const w = byKind('cnn.sample-short');
    w.seed = 'x'.repeat(100);
    expectRefused(w, /longer than Moodle's 100/);
  });

  it('bare variants: one category per template in categories mode, none in plain mode', () => {
    const variants = [...sampleVariants('-1'), ...sampleVariants('-2')];
    const xml = variantsToMoodleXml(variants, { categoryRoot: '$course$/top/Bank' });
    expect(categoriesOf(xml)).toEqual(
      sampleVariants().map((v) => `$course$/top/Bank/cnn/${v.templateId}`),
    );
    expect(questionsOf(xml)).toHaveLength(16);
    const plain = variantsToMoodleXml(variants, { mode: 'plain' });
    expect(categoriesOf(plain)).toEqual([]);
    expect(questionsOf(plain).map((q) => field(q, 'idnumber'))).toEqual(
      variants.map((v) => `${v.templateId}@${v.seed}`),
    );
  });

  it('exports the same variant once per category (Moodle would drop the duplicate idnumber)', () => {
    const v = byKind('cnn.sample-short');
    expect(questionsOf(variantsToMoodleXml([v, structuredClone(v)]))).toHaveLength(1);
  });

  it('plain exam mode: one category per version, or only the chosen version', () => {
    const exam: Exam = sampleExam();
    const xml = toMoodleXml(exam, { mode: 'plain' });
    expect(categoriesOf(xml)).toEqual(
      ['A', 'B'].map((c) => `$course$/top/Sample Midterm & "Review" ‹2026›/Version ${c}`),
    );
    const onlyB = toMoodleXml(exam, { mode: 'plain', version: 'B' });
    const qs = questionsOf(onlyB);
    expect(qs.map((q) => field(q, 'idnumber'))).toEqual(
      exam.versions[1]!.questions.map((q) => `${q.variant.templateId}@${q.variant.seed}`),
    );
    expect(textOf(qs[0]!.name)).toMatch(/^B-Q01 /);
    expect(() => toMoodleXml(exam, { mode: 'plain', version: 'Z' })).toThrow(/no version Z/);
  });

  it('keeps a variant that a fixed version holds twice, with distinct idnumbers (Moodle drops repeated ones)', () => {
    const exam = sampleExam();
    const a = exam.versions[0]!;
    a.questions[1] = { ...a.questions[1]!, variant: structuredClone(a.questions[0]!.variant) };
    const ids = questionsOf(toMoodleXml(exam, { mode: 'plain', version: 'A' })).map((q) =>
      field(q, 'idnumber'),
    );
    expect(ids.slice(0, 2)).toEqual(['cnn.sample-numeric@a1-a', 'cnn.sample-numeric@a1-a/2']);
    // In a slot category (a pool of variants) each slot still gets its copy.
    expect(questionsOf(toMoodleXml(exam))).toHaveLength(16);
  });

  it('gives the same template and seed asked as another kind its own idnumber', () => {
    const numeric = byKind('cnn.sample-short');
    const other = structuredClone(numeric);
    other.kind = 'single';
    other.answer = { kind: 'single', correct: 0 };
    other.choices = [
      { text: 'precision', plain: 'precision', correct: true, feedback: 'Yes.' },
      { text: 'recall', plain: 'recall', correct: false, feedback: 'No.' },
    ];
    const qs = questionsOf(variantsToMoodleXml([numeric, other]));
    expect(qs.map((q) => [q['@_type'], field(q, 'idnumber')])).toEqual([
      ['shortanswer', 'cnn.sample-short@e1'],
      ['multichoice', 'cnn.sample-short@e1/single'],
    ]);
    expect(textOf(qs[1]!.name)).toContain('[cnn.sample-short@e1/single]');
  });

  it('writes / inside a category name as //', () => {
    const exam = sampleExam();
    exam.title = 'CNN/RNN midterm';
    expect(categoriesOf(toMoodleXml(exam))[0]).toMatch(
      /^\$course\$\/top\/CNN\/\/RNN midterm\/Q01 /,
    );
  });

  it('refuses a variant whose kind and answer disagree', () => {
    const v = byKind('cnn.sample-short');
    v.kind = 'numeric';
    expectRefused(v, /kind numeric but answer kind short/);
  });

  it('refuses characters XML cannot hold, naming the question', () => {
    const v = byKind('cnn.sample-short');
    v.stem = 'bell \u0007 here';
    expectRefused(v, /character U\+0007 cannot appear in an XML document/);
  });

  it('decodes what it encodes (test helper sanity)', () => {
    expect(decodeEntities('&amp;lt; &#126; &#x7D; &lt;')).toBe('&lt; ~ } <');
  });
});
