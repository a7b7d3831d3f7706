import type { Choice, Exam, ExamVersion, TableCell, Variant } from '@dlexam/types';
import { AWKWARD_XML_TEXT, mulberry32 as rng, sampleVariants } from '@dlexam/types/testing';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { numericKey } from '@dlexam/generator/grading';
import { tidyDecimal } from '@dlexam/math';
import {
  acceptedNumberStrings,
  richTextToHtml,
  toQtiAssessmentXml,
  toQtiFiles,
  toQtiZip,
  withoutBrackets,
} from '@dlexam/export-qti';
import { assessmentsOf, examOf, metasOf } from './fixtures.js';
import {
  htmlText,
  numericCondition,
  parseAssessment,
  parseMeta,
  varequals,
  type ParsedItem,
} from './parse.js';
import { validateAssessmentMeta, validateManifest, validateQtiDtd } from './validate.js';

/**
 * Property tests: random exams whose every text field is built from awkward pieces (XML and HTML
 * specials, `]]>`, backslashes, TeX, unicode beyond the BMP) are exported, validated and read
 * back; numeric bounds are checked with independent BigInt arithmetic.
 */

const TEXT_PIECES = [
  ...AWKWARD_XML_TEXT,
  // Canvas's own syntax: its file base, HTML comments and tags, entities written as text.
  'ü',
  'ß',
  '—',
  '&#39;',
  '<b>x</b>',
  '-->',
  '<!--',
  '%24',
  '$IMS-CC-FILEBASE$',
  'a',
  'b c',
  '10^{-5}',
  '\t',
  '1.5e-7',
  'Ω',
  '\u200b',
  '𝔼',
];
const INLINE_RICH = [
  '\\(\\frac{a}{b} < c \\& d\\)',
  '`x < y && z`',
  '\\(x^2 \\le 10^{-5}\\)',
  '\\(\\text{"q"}\\)',
];
const BLOCKS = [
  '\n\n',
  '\n\n- item & <i>\n- two "2"\n\n',
  '\n\\[ a < b \\quad ]]> \\]\n',
  '\n```\nif a < b && c:\n  print("]]>")\n```\n',
];

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** A one-line plain string with no rich-text markup, never blank. */
function plain(r: R): string {
  let s = '';
  for (let i = int(r, 1, 8); i > 0; i--) s += pick(r, TEXT_PIECES);
  return s.trim() ? s : `${s}z`;
}

/** Rich text: plain pieces, inline TeX/code and whole blocks. */
function rich(r: R): string {
  let s = '';
  for (let i = int(r, 1, 10); i > 0; i--) {
    const u = r();
    s += u < 0.6 ? pick(r, TEXT_PIECES) : u < 0.85 ? pick(r, INLINE_RICH) : pick(r, BLOCKS);
  }
  return s.trim() ? s : 'z';
}

/** Rich text on one line: plain pieces and inline TeX/code only (table cells). */
function richInline(r: R): string {
  let s = '';
  for (let i = int(r, 1, 8); i > 0; i--)
    s += r() < 0.7 ? pick(r, TEXT_PIECES) : pick(r, INLINE_RICH);
  return s.trim() ? s : 'z';
}

function choices(r: R, n: number, correct: number[]): Choice[] {
  return Array.from({ length: n }, (_, i) => ({
    text: rich(r),
    plain: plain(r),
    correct: correct.includes(i),
    feedback: rich(r),
  }));
}

function randomVariant(r: R, i: number): Variant {
  const base = sampleVariants()[0] as Variant;
  const common = {
    ...base,
    templateId: `prop.${plain(r)}`,
    seed: `${i}-${plain(r)}`,
    title: plain(r),
    stem: rich(r),
    solution: rich(r),
    points: int(r, 1, 5),
    figure:
      r() < 0.3
        ? {
            svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>&amp; &lt;</text></svg>',
            alt: plain(r),
          }
        : undefined,
  };
  const kind = pick(r, ['numeric', 'single', 'multiple', 'matching', 'short', 'table'] as const);
  switch (kind) {
    case 'numeric': {
      const value = int(r, -99999, 99999) / 10 ** int(r, 0, 5);
      return {
        ...common,
        kind,
        answer: { kind, numeric: { value, decimals: 2, tolerance: int(r, 0, 50) / 1000 } },
        choices: [
          { text: plain(r), plain: plain(r), correct: false, feedback: rich(r), value: value + 1 },
        ],
      };
    }
    case 'single': {
      const n = int(r, 2, 5);
      const c = int(r, 0, n - 1);
      return { ...common, kind, answer: { kind, correct: c }, choices: choices(r, n, [c]) };
    }
    case 'multiple': {
      const n = int(r, 2, 5);
      const c = [...new Set([int(r, 0, n - 1), int(r, 0, n - 1)])].sort((a, b) => a - b);
      return { ...common, kind, answer: { kind, correct: c }, choices: choices(r, n, c) };
    }
    case 'matching': {
      const pairs = Array.from({ length: int(r, 2, 4) }, (_, k) => ({
        prompt: rich(r),
        answer: rich(r),
        promptPlain: plain(r),
        answerPlain: `${plain(r)} #${k}`,
      }));
      return {
        ...common,
        kind,
        answer: { kind, pairs, distractors: [{ text: rich(r), plain: `${plain(r)} #d` }] },
        choices: [],
      };
    }
    case 'short':
      return {
        ...common,
        kind,
        answer: { kind, accepted: [plain(r), plain(r)], caseSensitive: false },
        choices: [],
      };
    case 'table': {
      const cell = (k: number): TableCell => {
        const u = r();
        if (u < 0.3) return { type: 'text', text: richInline(r), plain: plain(r) };
        if (u < 0.7)
          return {
            type: 'numeric',
            answer: { value: int(r, -500, 500) / 10, decimals: 1, tolerance: int(r, 0, 2) / 10 },
          };
        return {
          type: 'choice',
          options: [0, 1, 2].map((o) => ({ text: richInline(r), plain: `${plain(r)} (${o})` })),
          correct: int(r, 0, 2) + 0 * k,
        };
      };
      const rows = Array.from({ length: int(r, 1, 3) }, () =>
        Array.from({ length: 3 }, (_, k) => cell(k)),
      );
      rows[0]![0] = { type: 'numeric', answer: { value: 1, decimals: 0, tolerance: 0 } };
      return {
        ...common,
        kind,
        answer: { kind, header: [plain(r), plain(r), plain(r)], rows },
        choices: [],
      };
    }
  }
}

function randomExam(seed: number): Exam {
  const r = rng(seed);
  const slots = int(r, 1, 4);
  const nVersions = int(r, 1, 3);
  let serial = 0;
  const templates = Array.from({ length: slots }, () => randomVariant(r, serial++));
  const versions: ExamVersion[] = Array.from({ length: nVersions }, (_, index) => ({
    code: String.fromCharCode(65 + index),
    index,
    questions: templates.map((t, s) => {
      const v = randomVariant(r, serial++);
      return {
        slot: s,
        slotName: `S${s}`,
        number: s + 1,
        points: t.points,
        variant: { ...v, points: t.points },
      };
    }),
  }));
  const base = examOf([]);
  return {
    ...base,
    title: plain(r),
    instructions: rich(r),
    seed: plain(r),
    slug: plain(r),
    slots: templates.map((t, s) => ({
      index: s,
      name: plain(r),
      templateIds: [t.templateId],
      count: 1,
      points: t.points,
    })),
    versions,
    totalPoints: templates.reduce((sum, t) => sum + t.points, 0),
  };
}

/** Checks that an item read back carries the variant's texts and answers. */
function checkItem(it: ParsedItem, v: Variant): void {
  // Attribute values: tabs and line breaks become spaces (XML attribute normalization).
  expect(it.title).toBe(v.title.replace(/[\t\n\r]/g, ' '));
  // A table's text keeps no bracket Canvas could make a blank of (issue 17 item 7).
  const stem = richTextToHtml(v.stem);
  expect(it.html.startsWith(`<div>${v.kind === 'table' ? withoutBrackets(stem) : stem}`)).toBe(
    true,
  );
  expect(it.feedback.general_fb).toBe(richTextToHtml(v.solution));
  // In a blanks question a bracket of the alt text is full-width too (it could become a blank).
  const alt = (v.figure?.alt ?? '').replace(/[[\]]/g, (b) =>
    v.kind === 'table' ? (b === '[' ? '［' : '］') : b,
  );
  if (v.figure)
    expect(it.html).toContain(
      `alt="${alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}"`,
    );
  const a = v.answer;
  if (a.kind === 'single' || a.kind === 'multiple') {
    expect(it.responses[0]!.labels.map((l) => l.text)).toEqual(
      v.choices.map((c) =>
        c.text === c.plain
          ? c.plain
          : richTextToHtml(c.text).replace(/^<p>([\s\S]*)<\/p>$/, (m, inner: string) =>
              inner.includes('<p>') ? m : inner,
            ),
      ),
    );
    v.choices.forEach((c, i) =>
      expect(it.feedback[`${it.responses[0]!.labels[i]!.ident}_fb`]).toBe(
        richTextToHtml(c.feedback),
      ),
    );
  } else if (a.kind === 'matching') {
    const expected = [
      ...a.pairs.map((p) => p.answerPlain),
      ...a.distractors.map((d) => d.plain),
    ].sort();
    for (const r of it.responses) expect(r.labels.map((l) => l.text).sort()).toEqual(expected);
  } else if (a.kind === 'short') {
    const values = it.conditions.flatMap((c) =>
      c.setvar?.value === '100' ? varequals(c.conditionvar).map((x) => x.value) : [],
    );
    expect(values).toEqual(a.accepted.map((s) => s.trim()));
  } else if (a.kind === 'table') {
    const plains = a.rows
      .flat()
      .flatMap((c) => (c.type === 'choice' ? [c.options[c.correct]!.plain.trim()] : []));
    const labels = it.responses.flatMap((r) => r.labels.map((l) => l.text));
    for (const p of plains) expect(labels).toContain(p);
  } else if (a.kind === 'numeric') {
    const c = it.conditions.find((x) => x.setvar?.value === '100');
    const key = numericKey(a.numeric);
    expect(numericCondition(c!.conditionvar)).toEqual({ gte: key.lower, lte: key.upper });
  }
}

describe('random exams with awkward text', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i);

  test('every assessment document is DTD-valid and reads back with its texts intact', () => {
    for (const seed of seeds) {
      const exam = randomExam(seed);
      for (const mode of ['groups', 'plain'] as const) {
        const files = toQtiFiles(exam, { mode });
        const docs = assessmentsOf(files).map((f) => f.content);
        const v = validateQtiDtd(docs);
        expect(v.errors, `seed ${seed} ${mode}`).toEqual([]);
        const parsed = docs.map(parseAssessment);
        if (mode === 'groups') {
          const a = parsed[0]!;
          expect(a.title).toBe(exam.title.replace(/[\t\n\r]/g, ' '));
          a.groups.forEach((g, s) => {
            expect(g.title).toBe(exam.slots[s]!.name.replace(/[\t\n\r]/g, ' '));
            g.items.forEach((it, k) => checkItem(it, exam.versions[k]!.questions[s]!.variant));
          });
        } else {
          parsed.forEach((a, k) =>
            a.items.forEach((it, s) => checkItem(it, exam.versions[k]!.questions[s]!.variant)),
          );
        }
        for (const meta of metasOf(files)) {
          expect(htmlText(parseMeta(meta.content).description ?? '').length).toBeGreaterThan(0);
        }
        // Same exam, same bytes.
        if (seed % 4 === 0)
          expect(
            Buffer.from(toQtiZip(exam, { mode })).equals(Buffer.from(toQtiZip(exam, { mode }))),
          ).toBe(true);
      }
    }
  });

  test('manifest and quiz settings of random exams validate against their XSDs', async () => {
    for (const seed of seeds.slice(0, 4)) {
      const files = toQtiFiles(randomExam(seed), { mode: seed % 2 ? 'plain' : 'groups' });
      const manifest = await validateManifest(files[0]!.content);
      expect(manifest.errors, `seed ${seed}`).toEqual([]);
      for (const meta of metasOf(files))
        expect((await validateAssessmentMeta(meta.content)).errors).toEqual([]);
      // The zip holds every referenced figure.
      const entries = unzipSync(
        toQtiZip(randomExam(seed), { mode: seed % 2 ? 'plain' : 'groups' }),
      );
      for (const [, src] of files
        .map((f) => f.content)
        .join('')
        .matchAll(/\$IMS-CC-FILEBASE\$\/(images\/[\w-]+\.svg)/g)) {
        expect(strFromU8(entries[src as string]!)).toContain('<svg');
      }
    }
  });
});

// ------------------------------------------------------------------------------------------
// Numbers: independent decimal arithmetic with BigInt on strings.

function scaled(s: string, scale: number): bigint {
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`not a plain decimal: ${s}`);
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  if (f.length > scale) throw new Error(`${s} has more than ${scale} decimals`);
  const v = BigInt(i! + f.padEnd(scale, '0'));
  return neg ? -v : v;
}

describe('numbers Canvas parses', () => {
  test('numeric bounds are exactly value ∓ tolerance, in plain decimal notation (1,000 random answers)', () => {
    const r = rng(7);
    const base = sampleVariants()[1] as Variant;
    const cases = Array.from({ length: 1000 }, () => {
      const vScale = int(r, 0, 9);
      const tScale = int(r, 0, 9);
      const value = int(r, -(10 ** 7), 10 ** 7) / 10 ** vScale;
      const tolerance = int(r, 0, 10 ** 4) / 10 ** tScale;
      return { value, tolerance };
    });
    cases.push(
      { value: 1e-7, tolerance: 1e-9 },
      { value: 4.07e17, tolerance: 1e15 },
      { value: 0.1, tolerance: 0.2 },
      { value: -0, tolerance: 5e-324 },
    );
    const variants = cases.map((c, i) => ({
      ...base,
      seed: `n${i}`,
      choices: [],
      answer: { kind: 'numeric' as const, numeric: { ...c, decimals: 9 } },
    }));
    const parsed = parseAssessment(
      toQtiAssessmentXml(examOf(variants), { mode: 'plain', numericStyle: 'margin' }),
    );
    parsed.items.forEach((it, i) => {
      // The key is the grading model's: value and tolerance without float residue.
      const value = Number(tidyDecimal(cases[i]!.value));
      const tolerance = Number(tidyDecimal(cases[i]!.tolerance));
      const { exact, gte, lte } = numericCondition(
        it.conditions.find((c) => c.setvar?.value === '100')!.conditionvar,
      );
      if (exact === undefined) throw new Error('margin form expected');
      for (const s of [exact, gte, lte]) expect(s).not.toMatch(/e/i);
      expect(Number(exact) === value).toBe(true);
      // exact − gte = lte − exact = tolerance, all at a common scale.
      const scale = Math.max(
        ...[exact, gte, lte, plainOf(tolerance)].map((x) => x.split('.')[1]?.length ?? 0),
      );
      const x = scaled(exact, scale);
      const t = scaled(plainOf(tolerance), scale);
      expect(x - scaled(gte, scale)).toBe(t);
      expect(scaled(lte, scale) - x).toBe(t);
    });
  });

  test('accepted strings of a number blank are every d-decimal number inside the bounds, and no other', () => {
    const r = rng(11);
    for (let k = 0; k < 1500; k++) {
      const d = int(r, 0, 4);
      const value = int(r, -20000, 20000) / 10 ** int(r, 0, 5);
      const tolerance = int(r, 0, 12) / 10 ** int(r, d, d + 1);
      let out: string[];
      try {
        out = acceptedNumberStrings({ value, decimals: d, tolerance }, 'cell');
      } catch (e) {
        // Only allowed when no d-decimal number lies inside (checked below by brute force).
        out = [];
        expect(String(e)).toMatch(/no number with/);
      }
      const S = 20;
      const lo = scaled(plainOf(value), S) - scaled(plainOf(tolerance), S);
      const hi = scaled(plainOf(value), S) + scaled(plainOf(tolerance), S);
      const unit = 10n ** BigInt(S - d);
      // Brute force over the candidates near the value.
      const centre = scaled(plainOf(value), S) / unit;
      const expected: bigint[] = [];
      for (let c = centre - 30n; c <= centre + 30n; c++)
        if (c * unit >= lo && c * unit <= hi) expected.push(c);
      expect(out.map((s) => scaled(s, S) / unit)).toEqual(expected);
      if (out.some((s) => (s.split('.')[1]?.length ?? 0) !== d))
        throw new Error(`not ${d} decimals: ${out.join(' ')}`);
    }
  });
});

/** Plain decimal of a double, independent of @dlexam/math: via toPrecision digits and BigInt. */
function plainOf(x: number): string {
  if (Object.is(x, -0) || x === 0) return '0';
  const [m, e] = x.toExponential().split('e') as [string, string];
  const neg = m.startsWith('-');
  const digits = m.replace('-', '').replace('.', '');
  const exp = Number(e) - (digits.length - 1);
  let s: string;
  if (exp >= 0) s = digits + '0'.repeat(exp);
  else {
    const p = digits.padStart(-exp + 1, '0');
    s = `${p.slice(0, p.length + exp)}.${p.slice(p.length + exp)}`;
  }
  return (neg ? '-' : '') + s;
}
