import type { Variant } from '@dlexam/types';
import type { Params } from './params.js';
import type { AnyTemplate } from './template.js';

/**
 * The generic gates against degenerate variants, applied to every template (a template may waive
 * one in `allowTrivial` when that is the point of the question):
 *
 * - `all-options-correct`: a select-all (multiple) question whose options are all right — ticking
 *   every box earns the marks without reading a statement;
 * - `no-option-correct`: a select-all question whose options are all wrong;
 * - `answer-in-stem`: the answer can be read off the stem — a non-integer numeric answer equal to a
 *   number printed in the stem (an identity or a zero row made the output equal a given value), a
 *   short answer written out in the stem, or a correct option quoted in the stem.
 *
 * A template's own `trivial` hook adds what "trivial" means for it (a zero weight row that makes the
 * asked entry 0, a stride that makes the question a lookup…).
 */
export const GENERIC_GATES = [
  'all-options-correct',
  'no-option-correct',
  'answer-in-stem',
] as const;
export type GenericGate = (typeof GENERIC_GATES)[number];

// Numbers as the plain stem shows them (`-0.5`, `−1`, `2.25`), not digits inside a word (`x1`).
const NUMBER = /(?<![\p{L}\p{N}_.])[-−]?\d+(?:\.\d+)?(?![\p{L}\p{N}_]|\.\d)/gu;

/** The numbers printed in a plain text, in order (Unicode minus read as `-`). */
export function numbersIn(plain: string): number[] {
  const out: number[] = [];
  for (const m of plain.matchAll(NUMBER)) out.push(Number(m[0].replace('−', '-')));
  return out;
}

// The stem is searched as written (rich text): numbers in TeX are written in digits, and a
// statement quoted in a stem is quoted as its rich text. No conversion to plain text keeps the
// gates cheap (they run on every draw).

const wordIn = (needle: string, hay: string): boolean => {
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return false;
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    if ((!before || !/[\p{L}\p{N}]/u.test(before)) && (!after || !/[\p{L}\p{N}]/u.test(after)))
      return true;
    from = i + 1;
  }
};

/**
 * The number a question asks for: a numeric answer's value, or the value behind the correct option
 * of a single choice made from a numeric answer; undefined for other kinds. For `trivial` hooks.
 */
export function askedValue(v: Variant): number | undefined {
  const a = v.answer;
  if (a.kind === 'numeric') return a.numeric.value;
  if (a.kind === 'single') return v.choices[a.correct]?.value;
  return undefined;
}

function answerInStem(v: Variant): string | null {
  const a = v.answer;
  let value: number | undefined;
  let tolerance = 0;
  if (a.kind === 'numeric') {
    value = a.numeric.value;
    tolerance = a.numeric.tolerance;
  } else if (a.kind === 'single') {
    const c = v.choices[a.correct];
    if (c?.value !== undefined) value = c.value;
  }
  if (value !== undefined) {
    // Integer answers (sizes, counts) legitimately share digits with the data; a fractional one
    // equal to a given number was not computed.
    if (Number.isInteger(value)) return null;
    const slack = Math.max(tolerance / 2, 1e-9 * Math.abs(value));
    for (const n of numbersIn(v.stem))
      if (Math.abs(n - value) <= slack) return `the answer ${value} is printed in the stem`;
    return null;
  }
  if (a.kind === 'short') {
    const stem = a.caseSensitive ? v.stem : v.stem.toLowerCase();
    for (const s of a.accepted) {
      const needle = (a.caseSensitive ? s : s.toLowerCase()).trim();
      if (needle.length >= 3 && wordIn(needle, stem))
        return `the accepted answer '${s}' is written in the stem`;
    }
    return null;
  }
  if (a.kind === 'single' || a.kind === 'multiple') {
    for (const c of v.choices)
      if (c.correct && c.text.length >= 20 && v.stem.includes(c.text))
        return `the correct option '${c.plain}' is quoted in the stem`;
  }
  return null;
}

/** Why a variant fails one of the generic gates (those not waived), or null. */
export function genericTrivialProblem(
  v: Variant,
  waived: readonly GenericGate[] = [],
): string | null {
  if (v.answer.kind === 'multiple' && v.choices.length > 1) {
    const right = v.answer.correct.length;
    if (right === v.choices.length && !waived.includes('all-options-correct'))
      return 'every option of the select-all question is correct';
    if (right === 0 && !waived.includes('no-option-correct'))
      return 'no option of the select-all question is correct';
  }
  if (!waived.includes('answer-in-stem')) return answerInStem(v);
  return null;
}

/**
 * Why a variant is degenerate — its answer follows without the intended computation — by the
 * generic gates and the template's own `trivial` hook, or null. Generation redraws such variants.
 */
export function trivialProblem(
  t: AnyTemplate,
  v: Variant,
  waived: readonly GenericGate[] = [],
): string | null {
  const generic = genericTrivialProblem(v, [...(t.allowTrivial ?? []), ...waived]);
  if (generic) return `trivial: ${generic}`;
  const own = t.trivial?.(v.params, v) ?? null;
  return own ? `trivial: ${own}` : null;
}
