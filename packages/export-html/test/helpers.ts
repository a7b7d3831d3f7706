import { HtmlValidate } from 'html-validate';
import { decodeEntities } from '@dlexam/types/testing';
import { expect } from 'vitest';

// html-validate's recommended rules, minus `no-inline-style`: KaTeX positions every glyph with
// inline heights and offsets, which is how its server-side output works without script.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off' },
});

/** Fails the test with every html-validate message when the document is not valid. */
export async function expectValidHtml(html: string, name: string): Promise<void> {
  const report = await validator.validateString(html, name);
  const messages = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} at ${m.selector ?? '?'}`),
  );
  expect(messages, `${name} is not valid HTML`).toEqual([]);
  expect(report.valid).toBe(true);
}

/** The text a reader (or a screen reader, or a copy-paste) gets: tags removed, entities decoded. */
export function textOf(html: string): string {
  return decodeEntities(
    html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' '),
  ).replace(/\s+/g, ' ');
}

// Layout, not content: KaTeX's inline sizes and its SVG glyph paths (`\sqrt`) are full of numbers.
const LAYOUT_ATTRIBUTES = new Set([
  'style',
  'class',
  'd',
  'viewbox',
  'width',
  'height',
  'preserveaspectratio',
]);

/**
 * Every attribute value in the markup except layout ones (KaTeX's numbers live there). An
 * SVG figure's data URI counts as the text its drawing shows (`<text>`, `<title>`), not its geometry.
 */
export function attributeValues(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s([a-zA-Z-:]+)="([^"]*)"/g)) {
    if (LAYOUT_ATTRIBUTES.has((m[1] as string).toLowerCase())) continue;
    const value = (m[2] as string)
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    const svg = /^data:image\/svg\+xml;charset=utf-8,(.*)$/s.exec(value);
    if (svg) out.push(textOf(decodeURIComponent(svg[1] as string).replace(/<svg[^>]*>/, '')));
    else out.push(value);
  }
  return out;
}

/** The question sections of a document by their id (`q3` → its full `<section>` markup). */
export function questionSections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<section class="question" id="([^"]+)"[\s\S]*?<\/section>/g))
    out.set(m[1] as string, m[0]);
  return out;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `token` occurs in `text` not glued to other digits/letters (so `6` is not found in `16`). */
export function hasToken(text: string, token: string): boolean {
  return new RegExp(
    `(?<![\\p{L}\\p{N}.])${escapeRegExp(token)}(?![\\p{L}\\p{N}]|\\.\\d)`,
    'iu',
  ).test(text);
}

import { formatFixed, toScientific } from '@dlexam/math';
import {
  richTextToPlain,
  type Exam,
  type ExamVersion,
  type NumericAnswer,
  type TableCell,
  type Variant,
} from '@dlexam/types';
import { richTextToHtml } from '@dlexam/export-html';

function numericForms(n: NumericAnswer): string[] {
  if (n.sigFigs !== undefined) return [toScientific(n.value, n.sigFigs).mantissa, String(n.value)];
  return [formatFixed(n.value, n.decimals), String(n.value)];
}

/** The text a table prints in its cells: fixed text cells and the options of choice cells. */
function tableCellTexts(a: { rows: TableCell[][] }): string[] {
  return a.rows
    .flat()
    .flatMap((c) =>
      c.type === 'text' ? [c.text] : c.type === 'choice' ? c.options.map((o) => o.text) : [],
    );
}

/** The answer values of a variant a student copy must not print (unless the stem itself does). */
export function answerValues(v: Variant): string[] {
  const a = v.answer;
  if (a.kind === 'numeric') return numericForms(a.numeric);
  if (a.kind === 'short') return a.accepted;
  if (a.kind === 'table')
    return a.rows.flat().flatMap((c) => (c.type === 'numeric' ? numericForms(c.answer) : []));
  return [];
}

/**
 * Everything in `html` that gives away an answer of `version`: feedback, solution text, misconception
 * tags, seeds (the exam seed regenerates the answers), the word "correct", comments, data attributes,
 * and, inside each question's own section, answer values its stem does not already show.
 */
export function answerLeaks(
  html: string,
  exam: Exam,
  version: ExamVersion,
  idPrefix = 'q',
): string[] {
  const leaks: string[] = [];
  const text = textOf(html);
  const attrs = attributeValues(html).join('\n');
  const found = (s: string) => html.includes(s) || text.includes(s) || attrs.includes(s);
  // "correct" may appear only where the exam's own text says it, never in markup (class, attribute).
  const tags = (html.match(/<[^>]*>/g) ?? []).join(' ');
  if (/correct/i.test(tags)) leaks.push('"correct" in the markup');
  const count = (t: string) => (t.match(/correct/gi) ?? []).length;
  const given =
    [exam.title, exam.course ?? '', exam.instructions ?? ''].map(count).reduce((x, y) => x + y, 0) +
    version.questions
      .map(({ variant: v }) => {
        const a = v.answer;
        const texts = [v.stem, ...v.choices.map((c) => c.text)];
        if (a.kind === 'matching')
          texts.push(
            ...a.pairs.flatMap((p) => [p.prompt, p.answer]),
            ...a.distractors.map((d) => d.text),
          );
        if (a.kind === 'table') texts.push(...a.header, ...tableCellTexts(a));
        return texts.map(count).reduce((x, y) => x + y, 0);
      })
      .reduce((x, y) => x + y, 0);
  if (count(textOf(html.replace(/<annotation[\s\S]*?<\/annotation>/g, ''))) > given)
    leaks.push('the word "correct" beyond the question texts');
  if (html.includes('<!--')) leaks.push('an HTML comment');
  if (/\sdata-[\w-]+=/.test(html)) leaks.push('a data- attribute');
  if (found(exam.seed)) leaks.push('the exam seed');
  const sections = questionSections(html);
  for (const q of version.questions) {
    const v = q.variant;
    const where = `Q${q.number} (${v.templateId})`;
    if (hasToken(text, v.seed) || hasToken(attrs, v.seed)) leaks.push(`${where}: its seed`);
    for (const c of v.choices) {
      if (found(c.feedback)) leaks.push(`${where}: feedback "${c.feedback}"`);
      // A tag is an id (`forgot-bias`); one-word tags (`scalar`) are ordinary words in text, so they
      // count only in the markup.
      const tag = c.misconception;
      if (
        tag &&
        ((tag.includes('-') && hasToken(text, tag)) || hasToken(attrs, tag) || hasToken(tags, tag))
      )
        leaks.push(`${where}: tag ${tag}`);
    }
    if (found(v.solution)) leaks.push(`${where}: solution source`);
    const solutionText = textOf(richTextToHtml(v.solution)).trim();
    if (text.includes(solutionText)) leaks.push(`${where}: rendered solution`);
    for (const para of richTextToPlain(v.solution)
      .split(/\n+/)
      .map((p) => p.trim())) {
      if (para.length >= 12 && found(para)) leaks.push(`${where}: solution "${para}"`);
    }
    const section = sections.get(`${idPrefix}${q.number}`);
    if (!section) {
      leaks.push(`${where}: no section ${idPrefix}${q.number} to check`);
      continue;
    }
    const body = section.replace(/<div class="q-head">[\s\S]*?<\/div>/, '');
    const bodyText = textOf(body);
    const bodyAttrs = attributeValues(body);
    // What the question itself prints: the stem, and a table's fixed text cells and cell options.
    const a = v.answer;
    const given = [
      v.stem,
      ...(a.kind === 'table' ? a.header.map((h) => h.replace(/[\\`]/g, ' ')) : []),
      ...(a.kind === 'table' ? tableCellTexts(a) : []),
    ];
    const givenText = given.map((g) => textOf(richTextToHtml(g))).join(' | ');
    for (const value of answerValues(v)) {
      if (hasToken(givenText, value)) continue;
      if (hasToken(bodyText, value) || bodyAttrs.some((x) => hasToken(x, value)))
        leaks.push(`${where}: answer value ${value}`);
    }
  }
  return leaks;
}
