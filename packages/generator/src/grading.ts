import {
  addDecimal,
  compareDecimal,
  plainDecimal,
  roundTo,
  subtractDecimal,
  tidyDecimal,
  toScientific,
} from '@dlexam/math';
import type { Choice, MultipleScoring, NumericAnswer } from '@dlexam/types';

/**
 * The grading model: how every kind of question is scored. The web app's checker
 * (`checkResponse`), the answer key and every exporter follow these rules, and the grading
 * contract test scores scripted responses through the exported Moodle and Canvas files against
 * them. Importable on its own (`@dlexam/generator/grading`): it needs only the math core.
 *
 * - numeric: correct when the typed number lies in the accepted interval
 *   [value − tolerance, value + tolerance], edges included, in exact decimal arithmetic;
 *   a wrong number is recognised as a modelled mistake when it lies in that mistake's band.
 * - single: the right option scores 1, any other 0.
 * - multiple: `right-minus-wrong` (default) or `all-or-nothing`, see `scoreMultiple`.
 * - matching: each pair 1/n.
 * - table: each blank an equal share of the points.
 * - short: 1 when the text equals an accepted answer (trimmed, spaces collapsed, case per answer).
 */

export const DEFAULT_MULTIPLE_SCORING: MultipleScoring = 'right-minus-wrong';

/** A closed interval of exact decimals (both ends included). */
export interface DecimalInterval {
  lower: string;
  upper: string;
}

/** The answer's value and tolerance as exact decimals, and the interval they accept. */
export interface NumericKey extends DecimalInterval {
  value: string;
  tolerance: string;
}

/** A modelled wrong value as an LMS can recognise it: its rounded form ± half a unit. */
export interface WrongValueBand extends DecimalInterval {
  /** The wrong value rounded as the stem asks. */
  value: string;
  /** Half a unit of the asked precision. */
  tolerance: string;
  /** The modelled mistake (a numeric variant's non-correct choice). */
  choice: Choice;
}

/** The exact decimal key of a numeric answer: float residue in value or tolerance is dropped. */
export function numericKey(a: NumericAnswer): NumericKey {
  // Keyed by the answer object: a variant's answer is read many times (gates, checker, exports).
  const known = keys.get(a);
  if (known && known.of === a.value && known.tol === a.tolerance) return known.key;
  const value = tidyDecimal(a.value);
  const tolerance = tidyDecimal(Math.abs(a.tolerance));
  const key = {
    value,
    tolerance,
    lower: subtractDecimal(value, tolerance),
    upper: addDecimal(value, tolerance),
  };
  keys.set(a, { of: a.value, tol: a.tolerance, key });
  return key;
}

const keys = new WeakMap<NumericAnswer, { of: number; tol: number; key: NumericKey }>();

/** Whether the exact decimal `x` lies in the interval (edges included). */
export function inInterval(interval: DecimalInterval, x: string): boolean {
  return compareDecimal(interval.lower, x) <= 0 && compareDecimal(x, interval.upper) <= 0;
}

function overlaps(a: DecimalInterval, b: DecimalInterval): boolean {
  return compareDecimal(a.lower, b.upper) <= 0 && compareDecimal(b.lower, a.upper) <= 0;
}

/** `x` rounded the way the stem asks (decimals, or significant figures), as an exact decimal. */
export function roundAsAsked(a: NumericAnswer, x: number): string {
  if (a.sigFigs) {
    const { mantissa, exponent } = toScientific(x, a.sigFigs);
    return plainDecimal(Number(`${mantissa}e${exponent}`));
  }
  return tidyDecimal(roundTo(x, a.decimals));
}

/** One unit of the asked precision at `x` (`0.001` for 3 decimals; 10^(e−s+1) for s sig figs). */
export function askedUnit(a: NumericAnswer, x: number = a.value): string {
  if (a.sigFigs)
    return plainDecimal(Number(`1e${toScientific(x, a.sigFigs).exponent - a.sigFigs + 1}`));
  return a.decimals === 0 ? '1' : plainDecimal(Number(`1e-${a.decimals}`));
}

function halfOf(unit: string): string {
  // unit is 1 or 10^k: half of it is 5·10^(k−1), written exactly.
  return plainDecimal(Number(unit) / 2);
}

/**
 * Whether `wrong` is so far from the answer that neither it nor its rounding as asked can reach
 * the accepted interval, by a margin float error cannot bridge: most modelled mistakes are, and
 * the exact decimal comparison is then not needed. Rounding moves a value by at most half a unit
 * (for s significant figures, at most 5·10^−s of its size); tidying and float residue by far less
 * than the margin of 10^−9 of the sizes involved.
 */
function clearlyOutside(a: NumericAnswer, wrong: number): boolean {
  const rounding = a.sigFigs ? 5 * 10 ** -a.sigFigs * Math.abs(wrong) : 0.5 * 10 ** -a.decimals;
  const margin = 1e-9 * (Math.abs(wrong) + Math.abs(a.value) + Math.abs(a.tolerance)) + 1e-12;
  return Math.abs(wrong - a.value) > Math.abs(a.tolerance) + rounding + margin;
}

/**
 * Whether a modelled wrong value would be graded correct: it, or its rounding as the stem asks,
 * lies in the accepted interval. Such a distractor is dropped (a gate): a student making that
 * mistake and rounding as told must not earn the marks.
 */
export function wrongValueAccepted(a: NumericAnswer, wrong: number): boolean {
  if (!Number.isFinite(wrong)) return false;
  if (clearlyOutside(a, wrong)) return false;
  const key = numericKey(a);
  return inInterval(key, tidyDecimal(wrong)) || inInterval(key, roundAsAsked(a, wrong));
}

/**
 * The bands that recognise modelled mistakes: each wrong value rounded as asked, ± half a unit,
 * so a student who makes the mistake and rounds as told lands in it. Bands never overlap the
 * accepted interval or each other: a band that would is left out (its mistake then gets the
 * generic feedback, never the wrong one). Order follows `choices`.
 */
export function wrongValueBands(a: NumericAnswer, choices: readonly Choice[]): WrongValueBand[] {
  const key = numericKey(a);
  const bands: WrongValueBand[] = [];
  for (const choice of choices) {
    if (choice.correct || choice.value === undefined || !Number.isFinite(choice.value)) continue;
    const value = roundAsAsked(a, choice.value);
    const tolerance = halfOf(askedUnit(a, Number(value)));
    const band: WrongValueBand = {
      value,
      tolerance,
      lower: subtractDecimal(value, tolerance),
      upper: addDecimal(value, tolerance),
      choice,
    };
    if (overlaps(band, key) || bands.some((b) => overlaps(b, band))) continue;
    bands.push(band);
  }
  return bands;
}

/** The result of a typed number: correct, a recognised mistake's band, or neither. */
export function gradeNumeric(
  a: NumericAnswer,
  x: number,
  choices: readonly Choice[] = [],
): { correct: boolean; band?: WrongValueBand } {
  if (!Number.isFinite(x)) return { correct: false };
  const typed = plainDecimal(x);
  if (inInterval(numericKey(a), typed)) return { correct: true };
  const band = wrongValueBands(a, choices).find((b) => inInterval(b, typed));
  return band ? { correct: false, band } : { correct: false };
}

/**
 * Score (0–1) of a multiple-answer response. `right-minus-wrong`: (right ticked − wrong ticked) / c,
 * floored at 0, where c is the number of right options — exactly Moodle's multichoice with right
 * options at +100/c % and wrong at −100/c % (sum clamped to [0, 1]), and Canvas's
 * multiple_answers_question. `all-or-nothing`: 1 only for exactly the right set.
 */
export function scoreMultiple(
  correct: readonly number[],
  picked: readonly number[],
  rule: MultipleScoring = DEFAULT_MULTIPLE_SCORING,
): number {
  const right = new Set(correct);
  const ticked = new Set(picked);
  let hits = 0;
  let wrong = 0;
  for (const i of ticked) right.has(i) ? hits++ : wrong++;
  if (rule === 'all-or-nothing') return hits === right.size && wrong === 0 ? 1 : 0;
  return right.size ? Math.max(0, (hits - wrong) / right.size) : 0;
}

/** One line per kind, for answer keys and READMEs: how this question is scored. */
export function scoringRule(
  kind: string,
  rule: MultipleScoring = DEFAULT_MULTIPLE_SCORING,
): string {
  switch (kind) {
    case 'numeric':
      return 'full marks inside the accepted interval (edges included), else 0';
    case 'single':
      return 'full marks for the right option, else 0';
    case 'multiple':
      return rule === 'all-or-nothing'
        ? 'all or nothing: full marks only for exactly the right options'
        : 'right minus wrong: each right option ticked +1/c, each wrong one −1/c (c right options), never below 0';
    case 'matching':
      return 'each pair an equal share';
    case 'table':
      return 'each blank an equal share';
    case 'short':
      return 'full marks for an accepted answer, else 0';
    default:
      return '';
  }
}
