import { XMLParser } from 'fast-xml-parser';
import { importerXmlOptions } from '@dlexam/types/testing';
import type { ScriptedResponse } from './responses.js';

/**
 * Scores responses the way Canvas Classic Quizzes does, reading only the exported QTI assessment.
 * Written from instructure/canvas-lms:
 *
 * - `app/models/quizzes/quiz_question/base.rb` `score_question` and `user_answer.rb` `score`:
 *   score = correct_parts / total_parts · points, minus incorrect_parts / total_parts · points,
 *   floored at 0 (partial credit allowed by default, `question_data.rb` `set_defaults`).
 * - numerical — `numerical_question.rb` `correct_answer_parts`: the typed text as `BigDecimal`
 *   (`answer_serializers/numerical.rb`), a range answer covers it when start ≤ x ≤ end (`FlexRange`,
 *   BigDecimal, edges included). New Quizzes reads the same `vargte`/`varlte` pair as
 *   `withinARange` (instructure/qti `lib/qti/v1/models/numerics/within_range.rb`).
 * - multiple_choice — 1 when the chosen answer is the one the `Set 100` condition names.
 * - multiple_answers — `multiple_answers_question.rb`: total_parts = answers of weight 100 (those
 *   the `and` requires), correct_parts = those ticked, incorrect_parts = other answers ticked.
 * - matching — `matching_question.rb`: one part per left-hand item, right when its match is chosen.
 * - fill_in_multiple_blanks — `fill_in_multiple_blanks_question.rb`: one part per blank, right when
 *   the text equals an accepted answer after `strip.downcase` (`answer_serializers/util.rb`
 *   `sanitize_text`); the Classic importer accepts every `response_label` of a blank
 *   (`gems/plugins/qti_exporter/lib/qti/fill_in_the_blank.rb` `process_canvas`).
 * - multiple_dropdowns — one part per blank, right when the chosen option is the scored one.
 * - short_answer — `short_answer_question.rb`: 1 when the text equals an accepted answer after
 *   `strip.downcase`.
 */

type X = Record<string, unknown>;

const parser = new XMLParser(importerXmlOptions('@', (_n, _j, _l, isAttribute) => !isAttribute));

const arr = (x: unknown): X[] => (Array.isArray(x) ? (x as X[]) : x === undefined ? [] : [x as X]);
const text = (x: unknown): string =>
  arr(x)
    .map((n) => (typeof n === 'string' ? n : String(n['#text'] ?? '')))
    .join('');
const first = (x: unknown): X => {
  const a = arr(x);
  if (!a[0]) throw new Error('missing element');
  return a[0];
};

interface Label {
  ident: string;
  text: string;
}

/** A QTI item as Classic Quizzes imports it (the parts grading needs). */
export interface CanvasItem {
  type: string;
  /** Per response element (response1, or one per matching prompt / blank), its labels in order. */
  responses: { ident: string; labels: Label[] }[];
  conditions: { vars: X; action: string | null; value: string | null }[];
}

/** Reads every item of a QTI assessment document, in document order. */
export function readQtiItems(xml: string): CanvasItem[] {
  const doc = parser.parse(xml) as X;
  const items: X[] = [];
  const walk = (node: X) => {
    for (const item of arr(node.item)) items.push(item);
    for (const section of arr(node.section)) walk(section);
  };
  for (const assessment of arr(first(doc.questestinterop).assessment)) walk(assessment);
  return items.map((item) => {
    const meta: Record<string, string> = {};
    for (const f of arr(first(first(item.itemmetadata).qtimetadata).qtimetadatafield))
      meta[text(f.fieldlabel)] = text(f.fieldentry);
    const presentation = first(item.presentation);
    const responses = [...arr(presentation.response_lid), ...arr(presentation.response_str)].map(
      (r) => ({
        ident: r['@ident'] as string,
        labels: arr(first(r.render_choice ?? r.render_fib).response_label).map((l) => ({
          ident: l['@ident'] as string,
          text: text(arr(l.material).flatMap((m) => arr(m.mattext))),
        })),
      }),
    );
    const conditions = arr(first(item.resprocessing).respcondition).map((rc) => {
      const setvar = arr(rc.setvar)[0];
      return {
        vars: first(rc.conditionvar),
        action: setvar ? (setvar['@action'] as string) : null,
        value: setvar ? text(setvar) : null,
      };
    });
    return { type: meta.question_type ?? '', responses, conditions };
  });
}

/** A typed number as BigDecimal reads it, as an exact decimal string (null when it is none). */
export function bigDecimal(typed: string): string | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(typed);
  if (!m || (m[2] === '' && !m[3])) return null;
  let digits = `${m[2]}${m[3] ?? ''}`;
  let point = (m[2] as string).length + Number(m[4] ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

function compare(a: string, b: string): number {
  const split = (s: string) => {
    const neg = s.startsWith('-');
    const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
    return { neg, i, f };
  };
  const x = split(a);
  const y = split(b);
  const scale = Math.max(x.f.length, y.f.length);
  const big = (p: { neg: boolean; i: string; f: string }) =>
    (p.neg ? -1n : 1n) * BigInt(p.i + p.f.padEnd(scale, '0'));
  const u = big(x);
  const v = big(y);
  return u < v ? -1 : u > v ? 1 : 0;
}

const sanitize = (s: string) => s.trim().toLowerCase();

/** The varequal values of a condition subtree, by respident (not under `not`). */
function varequals(
  vars: X,
  underNot = false,
): { respident: string; value: string; not: boolean }[] {
  const out = arr(vars.varequal).map((v) => ({
    respident: v['@respident'] as string,
    value: text(v),
    not: underNot,
  }));
  for (const and of arr(vars.and)) out.push(...varequals(and, underNot));
  for (const or of arr(vars.or)) out.push(...varequals(or, underNot));
  for (const not of arr(vars.not)) out.push(...varequals(not, true));
  return out;
}

function scoreParts(correct: number, incorrect: number, total: number): number {
  const t = Math.max(1, total);
  return Math.max(0, correct / t - incorrect / t);
}

/** Canvas Classic's score (fraction of the points) of one scripted response to one item. */
export function canvasGrade(item: CanvasItem, r: ScriptedResponse): number {
  const scoring = item.conditions.filter((c) => c.action === 'Set' && c.value === '100');
  switch (item.type) {
    case 'numerical_question': {
      if (r.kind !== 'numeric') throw new Error('numerical item, non-numeric response');
      const x = bigDecimal(r.value);
      if (x === null) return 0;
      for (const c of scoring) {
        if (arr(c.vars.or).length || arr(c.vars.varequal).length)
          throw new Error('the contract reads range answers (vargte/varlte) only');
        const bounds = [text(c.vars.vargte), text(c.vars.varlte)].sort(compare);
        if (compare(bounds[0] as string, x) <= 0 && compare(x, bounds[1] as string) <= 0) return 1;
      }
      return 0;
    }
    case 'multiple_choice_question': {
      if (r.kind !== 'single') throw new Error('multiple-choice item, wrong response kind');
      const chosen = item.responses[0]?.labels[r.choice]?.ident;
      return scoring.some((c) => varequals(c.vars).some((v) => !v.not && v.value === chosen))
        ? 1
        : 0;
    }
    case 'multiple_answers_question': {
      if (r.kind !== 'multiple') throw new Error('multiple-answers item, wrong response kind');
      const weight100 = new Set(
        scoring.flatMap((c) =>
          varequals(c.vars)
            .filter((v) => !v.not)
            .map((v) => v.value),
        ),
      );
      const labels = item.responses[0]?.labels ?? [];
      let correct = 0;
      let incorrect = 0;
      for (const i of new Set(r.choices)) {
        const id = labels[i]?.ident;
        if (id === undefined) continue;
        if (weight100.has(id)) correct++;
        else incorrect++;
      }
      return scoreParts(correct, incorrect, weight100.size);
    }
    case 'matching_question': {
      if (r.kind !== 'matching') throw new Error('matching item, wrong response kind');
      let right = 0;
      item.responses.forEach((resp, i) => {
        const match = item.conditions
          .flatMap((c) => varequals(c.vars))
          .find((v) => v.respident === resp.ident)?.value;
        const chosen = resp.labels.find((l) => l.text === r.answers[i])?.ident;
        if (chosen !== undefined && chosen === match) right++;
      });
      return scoreParts(right, 0, item.responses.length);
    }
    case 'fill_in_multiple_blanks_question':
    case 'multiple_dropdowns_question': {
      if (r.kind !== 'table') throw new Error('blanks item, non-table response');
      let right = 0;
      item.responses.forEach((resp, i) => {
        if (item.type === 'fill_in_multiple_blanks_question') {
          const typed = r.typed[i] ?? '';
          if (resp.labels.some((l) => sanitize(l.text) === sanitize(typed))) right++;
          return;
        }
        const given = r.blanks[i] ?? '';
        const scored = new Set(
          item.conditions
            .filter((c) => c.action === 'Add')
            .flatMap((c) => varequals(c.vars))
            .filter((v) => v.respident === resp.ident)
            .map((v) => v.value),
        );
        const chosen = resp.labels[Number(given)]?.ident;
        if (chosen !== undefined && scored.has(chosen)) right++;
      });
      return scoreParts(right, 0, item.responses.length);
    }
    case 'short_answer_question': {
      if (r.kind !== 'short') throw new Error('short-answer item, wrong response kind');
      const accepted = scoring.flatMap((c) => varequals(c.vars).map((v) => sanitize(v.value)));
      return accepted.includes(sanitize(r.text)) ? 1 : 0;
    }
    default:
      throw new Error(`unsupported Canvas question type ${item.type}`);
  }
}
