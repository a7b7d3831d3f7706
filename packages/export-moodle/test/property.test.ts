import { variantsToMoodleXml } from '@dlexam/export-moodle';
import type { Variant } from '@dlexam/types';
import { AWKWARD_XML_TEXT, mulberry32 as rng, sampleVariants } from '@dlexam/types/testing';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  answersOf,
  extractCloze,
  htmlToText,
  readQuiz,
  textOf,
  wellFormed,
} from './moodle-reader.js';

// Text pieces that break naive exporters: XML/HTML specials, CDATA end, Cloze syntax, TeX, MathJax
// delimiters, unicode outside the BMP, backslashes. No backticks and no \[ … \] (code spans and
// display math are rich-text syntax, tested elsewhere).
const PIECES = [
  ...AWKWARD_XML_TEXT,
  // Moodle's own syntax: Cloze, its file marker, TeX escapes, HTML entities written as text.
  ']]',
  '&#35;',
  '&lt;',
  '~',
  '=',
  '%50%',
  ':',
  '/',
  '\\\\',
  '\\}',
  '\\#',
  '$',
  '\\]', // a lone closing delimiter is text
  '*',
  'ünïcødé',
  '中文',
  'Moodle',
  '{1:NUMERICAL:=5}',
  '{#1}',
  '@@PLUGINFILE@@',
  '-',
  ' ',
  ' ',
  ' ',
  '1e-5',
];
const MATH = [
  '\\(\\frac{a}{b}\\)',
  '\\(x < y \\& z\\)',
  '\\(10^{-5}\\)',
  '\\(\\{a\\}\\)',
  '\\(]]>\\)',
];

function nasty(next: () => number, withMath: boolean): string {
  const n = 1 + Math.floor(next() * 12);
  let s = '';
  for (let i = 0; i < n; i++) {
    s +=
      withMath && next() < 0.15
        ? MATH[Math.floor(next() * MATH.length)]
        : PIECES[Math.floor(next() * PIECES.length)];
  }
  s = s.trim() || 'x';
  // A leading "\[" opens display math and a leading "- " a list: rich-text syntax, not plain text.
  return /^(\\\[|-)/.test(s) ? `x ${s}` : s;
}

/** What the rich-text renderer should show for one-paragraph text: the text, math delimiters kept. */
const shown = (s: string) => s.trim();

function build(seed: number) {
  const next = rng(seed);
  const t = () => nasty(next, true);
  const p = () => nasty(next, false);
  const [numeric, , , single, multiple, matching, short, table] = sampleVariants(`-${seed}`).map(
    (v) => structuredClone(v),
  );
  const texts = {
    stem: t(),
    optA: t(),
    optB: t(),
    fbA: t(),
    solution: t(),
    plainA: p(),
    plainB: p(),
    pairAnswer: p(),
    short: p(),
    title: p(),
  };
  if (texts.optA === texts.optB) texts.optB += ' 2';
  if (texts.plainA.replace(/\s+/g, ' ') === texts.plainB.replace(/\s+/g, ' ')) texts.plainB += ' 2';
  delete numeric!.figure; // figures have their own test; here the stem must read back alone
  for (const v of [numeric, single, multiple, matching, short, table] as Variant[]) {
    v.stem = texts.stem;
    v.solution = texts.solution;
    v.title = texts.title;
  }
  single!.choices = [
    { text: texts.optA, plain: texts.plainA, correct: true, feedback: texts.fbA },
    { text: texts.optB, plain: texts.plainB, correct: false, feedback: texts.fbA },
  ];
  single!.answer = { kind: 'single', correct: 0 };
  numeric!.choices[1]!.feedback = texts.fbA;
  if (matching!.answer.kind === 'matching')
    matching!.answer.pairs[0]!.answerPlain = texts.pairAnswer;
  if (short!.answer.kind === 'short') short!.answer.accepted = [texts.short];
  if (table!.answer.kind === 'table') {
    table!.answer.rows[0]![0] = { type: 'text', text: texts.optA, plain: texts.plainA };
    table!.answer.rows[0]![4] = {
      type: 'choice',
      options: [
        { text: 'a', plain: texts.plainA },
        { text: 'b', plain: texts.plainB },
      ],
      correct: 1,
    };
  }
  return { variants: [numeric, single, multiple, matching, short, table] as Variant[], texts };
}

describe('nasty text through the exporter', () => {
  it('stays well-formed and every text field round-trips, over 300 seeded inputs', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { variants, texts } = build(seed);
      const xml = variantsToMoodleXml(variants, { mode: 'plain' });
      const valid = XMLValidator.validate(xml);
      if (valid !== true) throw new Error(`seed ${seed}: ${JSON.stringify(valid)}`);
      const [numeric, single, , matching, short, table] = readQuiz(xml);

      for (const q of [numeric, single, short]) {
        expect(htmlToText(textOf(q!.questiontext)), `seed ${seed} stem`).toBe(shown(texts.stem));
        expect(htmlToText(textOf(q!.generalfeedback)), `seed ${seed} solution`).toBe(
          shown(texts.solution),
        );
        expect(textOf(q!.name), `seed ${seed} name`).toContain(
          texts.title.replace(/\s+/g, ' ').trim().replace(/</g, '‹').replace(/>/g, '›'),
        );
      }
      const options = answersOf(single!);
      expect(
        options.map((o) => htmlToText(o.text)),
        `seed ${seed} options`,
      ).toEqual([shown(texts.optA), shown(texts.optB)]);
      expect(htmlToText(options[0]!.feedback), `seed ${seed} feedback`).toBe(shown(texts.fbA));
      expect(htmlToText(answersOf(numeric!)[1]!.feedback), `seed ${seed} numeric feedback`).toBe(
        shown(texts.fbA),
      );

      const sub = (matching!.subquestion as Record<string, unknown>[])[0]!;
      expect(textOf((sub.answer as unknown[])[0]), `seed ${seed} matching`).toBe(
        texts.pairAnswer.trim(),
      );
      expect(answersOf(short!)[0]!.text, `seed ${seed} short`).toBe(
        texts.short.trim().replace(/\*/g, '\\*'),
      );

      // The Cloze question read with Moodle's own regexes: exactly the 8 blanks, options intact,
      // and the literal text (stem, cell) still there.
      const cloze = extractCloze(textOf(table!.questiontext));
      expect(cloze.parts, `seed ${seed} cloze parts`).toHaveLength(8);
      expect(
        cloze.parts[3]!.alternatives.map((a) => [a.fraction, htmlToText(a.answer)]),
        `seed ${seed} cloze options`,
      ).toEqual([
        [0, texts.plainA.replace(/\s+/g, ' ').trim()],
        [1, texts.plainB.replace(/\s+/g, ' ').trim()],
      ]);
      const remaining = htmlToText(cloze.remaining);
      expect(remaining.startsWith(shown(texts.stem)), `seed ${seed} cloze stem`).toBe(true);
      expect(remaining, `seed ${seed} cloze cell`).toContain(shown(texts.optA));
    }
  });

  it('libxml2 accepts a document made of the nastiest inputs', async () => {
    const variants = [1, 2, 3, 4, 5].flatMap((seed) => build(seed).variants);
    const result = await wellFormed(variantsToMoodleXml(variants));
    expect(result).toEqual({ valid: true, errors: [] });
  });
});
