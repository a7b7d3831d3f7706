import { numericKey } from '@dlexam/generator/grading';
import { plainDecimal } from '@dlexam/math';
import { svgProblem } from '@dlexam/svg-check';
import type {
  Choice,
  MatchPair,
  MultipleScoring,
  NumericAnswer,
  TableCell,
  Variant,
} from '@dlexam/types';
import { attrText, checkXmlText, QtiExportError } from './errors.js';
import { escapeHtml, richTextToHtml, richTextToInlineHtml, type MathStyle } from './html.js';
import type { XmlAttributes, XmlWriter } from '@dlexam/markup';

/**
 * One Canvas QTI `<item>` per variant, in the shapes Canvas's own exporter writes
 * (canvas-lms lib/cc/qti/qti_items.rb) and its importers read. Every answer is validated first:
 * a variant Canvas cannot express faithfully throws `QtiExportError` instead of becoming a
 * silently wrong question.
 */

export type CanvasQuestionType =
  | 'numerical_question'
  | 'multiple_choice_question'
  | 'multiple_answers_question'
  | 'matching_question'
  | 'short_answer_question'
  | 'fill_in_multiple_blanks_question'
  | 'multiple_dropdowns_question';

/** Where figures go: registers an SVG and returns the `src` the HTML should use. */
export type FigureSink = (fileStem: string, svg: string) => string;

export interface ItemInput {
  variant: Variant;
  /** The item's ident (unique in the package). */
  ident: string;
  /** Hands out the next answer id (unique within the assessment, deterministic order). */
  nextAnswerId: () => string;
  points: number;
  /** Human location for error messages ("version A, question 3"). */
  where: string;
  /** Scoring of a multiple-answer question (the grading model's rule for its slot). */
  grading: MultipleScoring;
  figures: FigureSink;
  /**
   * SVG documents of this export already found well-formed: the same figure (a template's
   * diagram for equal parameters) is checked once per export, not once per variant.
   */
  wellFormedSvgs: Set<string>;
  /** How numeric answers are written: a range (default) or exact ± margin. */
  numericStyle: 'margin' | 'range';
  math: MathStyle;
}

/** Most blanks a numeric table cell may expand to (its accepted strings); more is refused. */
export const MAX_ACCEPTED_STRINGS_PER_BLANK = 25;

// ---------------------------------------------------------------------------------------------
// Small XML helpers. `leaf` checks every text that reaches the document for characters XML
// forbids, so a bad character is a clear error naming the question, not an unreadable file.

function leaf(
  w: XmlWriter,
  name: string,
  text: string,
  where: string,
  attrs?: XmlAttributes,
): void {
  w.leaf(name, checkXmlText(text, where), attrs);
}

const HTML_TEXT = { texttype: 'text/html' } as const;
const PLAIN_TEXT = { texttype: 'text/plain' } as const;

function mattext(w: XmlWriter, text: string, html: boolean, where: string): void {
  w.open('material');
  leaf(w, 'mattext', text, where, html ? HTML_TEXT : PLAIN_TEXT);
  w.close();
}

function metaField(w: XmlWriter, label: string, entry: string, where: string): void {
  w.open('qtimetadatafield');
  leaf(w, 'fieldlabel', label, where);
  leaf(w, 'fieldentry', entry, where);
  w.close();
}

interface Feedback {
  ident: string;
  html: string;
}

interface Built {
  type: CanvasQuestionType;
  answerIds: string[];
  /** The question text, already HTML. */
  html: string;
  /** Writes the content of `<presentation>` after the question text. */
  presentation: (w: XmlWriter) => void;
  /**
   * Writes the conditions of `<resprocessing>` after the general-feedback one; `feedbackIds` are
   * the idents that exist.
   */
  conditions: (w: XmlWriter, feedbackIds: Set<string>) => void;
  feedback: Feedback[];
  /** Whether a trailing `<other/>` shows `general_incorrect_fb` (not for matching / blanks). */
  incorrectFeedbackAllowed: boolean;
}

// ---------------------------------------------------------------------------------------------

/** Writes the `<item>` for one variant into the open `<section>`. */
export function writeItem(w: XmlWriter, input: ItemInput): CanvasQuestionType {
  const { variant, where } = input;
  if (!(Number.isFinite(input.points) && input.points >= 0)) {
    throw new QtiExportError(`${where}: points must be a finite number ≥ 0, got ${input.points}`);
  }
  const built = buildKind(input);
  w.open('item', { ident: input.ident, title: attrText(variant.title, `${where} title`) });

  w.open('itemmetadata').open('qtimetadata');
  metaField(w, 'question_type', built.type, where);
  metaField(w, 'points_possible', plainDecimal(input.points), where);
  metaField(w, 'original_answer_ids', built.answerIds.join(','), where);
  metaField(w, 'assessment_question_identifierref', `${input.ident}_aq`, where);
  w.close().close();

  w.open('presentation');
  // In a blanks question every bracket of the text is a would-be blank, the figure's alt text too.
  const figure =
    built.type.endsWith('blanks_question') || built.type === 'multiple_dropdowns_question'
      ? withoutBrackets(figureHtml(input))
      : figureHtml(input);
  mattext(w, `<div>${built.html}${figure}</div>`, true, `${where} stem`);
  built.presentation(w);
  w.close();

  const feedback: Feedback[] = [];
  if (variant.solution.trim()) {
    feedback.push({
      ident: 'general_fb',
      html: richTextToHtml(variant.solution, `${where} solution`, input.math),
    });
  }
  feedback.push(...built.feedback);
  const feedbackIds = new Set(feedback.map((f) => f.ident));

  w.open('resprocessing').open('outcomes').empty('decvar', SCORE_VARIABLE).close();
  if (feedbackIds.has('general_fb')) otherCondition(w, 'general_fb');
  built.conditions(w, feedbackIds);
  if (built.incorrectFeedbackAllowed && feedbackIds.has('general_incorrect_fb')) {
    otherCondition(w, 'general_incorrect_fb');
  }
  w.close();

  for (const fb of feedback) {
    w.open('itemfeedback', { ident: fb.ident }).open('flow_mat');
    mattext(w, fb.html, true, `${where} feedback ${fb.ident}`);
    w.close().close();
  }
  w.close();
  return built.type;
}

function figureHtml(input: ItemInput): string {
  const figure = input.variant.figure;
  if (!figure) return '';
  if (!input.wellFormedSvgs.has(figure.svg)) {
    const problem = svgProblem(figure.svg);
    if (problem !== null) throw new QtiExportError(`${input.where}: figure is ${problem}`);
    // Bounded: the figures of a large export are mostly distinct.
    if (input.wellFormedSvgs.size >= 256) input.wellFormedSvgs.clear();
    input.wellFormedSvgs.add(figure.svg);
  }
  if (!figure.alt.trim()) throw new QtiExportError(`${input.where}: figure has no alt text`);
  const src = input.figures(input.ident, figure.svg);
  return `<p><img src="${escapeHtml(src)}" alt="${escapeHtml(figure.alt)}"></p>`;
}

const SCORE_VARIABLE = {
  maxvalue: '100',
  minvalue: '0',
  varname: 'SCORE',
  vartype: 'Decimal',
} as const;
const CONTINUE = { continue: 'Yes' } as const;
const STOP = { continue: 'No' } as const;
const RESPONSE1 = { respident: 'response1' } as const;
const SET_SCORE = { action: 'Set', varname: 'SCORE' } as const;
const ADD_SCORE = { action: 'Add', varname: 'SCORE' } as const;

function otherCondition(w: XmlWriter, feedbackIdent: string): void {
  w.open('respcondition', CONTINUE).open('conditionvar').empty('other').close();
  w.empty('displayfeedback', { feedbacktype: 'Response', linkrefid: feedbackIdent }).close();
}

function feedbackRef(w: XmlWriter, ident: string, feedbackIds: Set<string>): void {
  if (feedbackIds.has(ident))
    w.empty('displayfeedback', { feedbacktype: 'Response', linkrefid: ident });
}

function varequal(w: XmlWriter, respident: string, value: string, where: string): void {
  leaf(w, 'varequal', value, where, respident === 'response1' ? RESPONSE1 : { respident });
}

function setScore(w: XmlWriter, action: 'Set' | 'Add', value: string): void {
  w.leaf('setvar', value, action === 'Set' ? SET_SCORE : ADD_SCORE);
}

/**
 * Ends the condition of a fully correct response: closes its `conditionvar`, sets the score to
 * 100, shows the correct feedback (if the item has one) and closes the `respcondition`.
 */
function endCorrectCondition(w: XmlWriter, feedbackIds: Set<string>): void {
  w.close();
  setScore(w, 'Set', '100');
  feedbackRef(w, 'correct_fb', feedbackIds);
  w.close();
}

/** Canvas's share of 100 per blank / pair, two decimals (Canvas rescales to the points anyway). */
function share(n: number): string {
  return plainDecimal(Math.round(10000 / n) / 100);
}

function buildKind(input: ItemInput): Built {
  const { variant, where } = input;
  if (variant.answer.kind !== variant.kind) {
    throw new QtiExportError(
      `${where}: variant kind '${variant.kind}' but answer kind '${variant.answer.kind}'`,
    );
  }
  const stem = richTextToHtml(variant.stem, `${where} stem`, input.math);
  switch (variant.answer.kind) {
    case 'numeric':
      return numeric(input, stem, variant.answer.numeric);
    case 'single':
      return choiceQuestion(input, stem, [variant.answer.correct], 'single');
    case 'multiple':
      return choiceQuestion(input, stem, variant.answer.correct, 'multiple');
    case 'matching':
      return matching(input, stem, variant.answer.pairs, variant.answer.distractors);
    case 'short':
      return shortAnswer(input, stem, variant.answer.accepted, variant.answer.caseSensitive);
    case 'table':
      return table(input, stem, variant.answer.header, variant.answer.rows);
    default: {
      const kind = (variant.answer as { kind: string }).kind;
      throw new QtiExportError(
        `${where}: Canvas QTI export does not support answer kind '${kind}'`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// numerical_question

function checkNumeric(n: NumericAnswer, where: string): void {
  if (!Number.isFinite(n.value))
    throw new QtiExportError(`${where}: numeric answer ${n.value} is not finite`);
  if (!(Number.isFinite(n.tolerance) && n.tolerance >= 0)) {
    throw new QtiExportError(
      `${where}: numeric tolerance must be finite and ≥ 0, got ${n.tolerance}`,
    );
  }
}

function numeric(input: ItemInput, stem: string, answer: NumericAnswer): Built {
  const { where } = input;
  checkNumeric(answer, where);
  const id = input.nextAnswerId();
  // The grading model's exact decimal interval. Range: `vargte L, varlte U` (Canvas "answer in
  // the range", read as written). Margin: `or(varequal X, and(vargte X−m, varlte X+m))`; with
  // margin 0 both bounds equal X, the shape New Quizzes reads as an exact answer.
  const { value: exact, lower, upper } = numericKey(answer);
  const correct = input.variant.choices.find((c) => c.correct);
  const wrong = input.variant.choices.filter((c) => !c.correct && c.feedback.trim());
  const feedback: Feedback[] = [];
  if (correct?.feedback.trim()) {
    feedback.push({
      ident: 'correct_fb',
      html: richTextToHtml(correct.feedback, `${where} feedback`, input.math),
    });
  }
  if (wrong.length > 0) {
    // Canvas scores every numerical answer as correct, so modelled wrong values cannot be
    // answers of their own; their feedback goes into the general incorrect feedback instead.
    const items = wrong.map((c, i) => {
      const value =
        c.value !== undefined && Number.isFinite(c.value) ? plainDecimal(c.value) : null;
      const label = value ?? richTextToInlineHtml(c.text, `${where} choice ${i + 1}`, input.math);
      return `<li>${value === null ? label : escapeHtml(label)}: ${richTextToInlineHtml(c.feedback, `${where} choice feedback`, input.math)}</li>`;
    });
    feedback.push({
      ident: 'general_incorrect_fb',
      html: `<p>Common mistakes:</p><ul>${items.join('')}</ul>`,
    });
  }
  return {
    type: 'numerical_question',
    answerIds: [id],
    html: stem + (answer.unit ? `<p>Unit: ${escapeHtml(answer.unit)}</p>` : ''),
    presentation: (w) => {
      w.open('response_str', { ident: 'response1', rcardinality: 'Single' });
      w.open('render_fib', { fibtype: 'Decimal' }).empty('response_label', { ident: 'answer1' });
      w.close().close();
    },
    conditions: (w, fb) => {
      w.open('respcondition', STOP).open('conditionvar');
      if (input.numericStyle === 'range') {
        // Canvas "answer in the range" / New Quizzes "withinARange".
        leaf(w, 'vargte', lower, where, RESPONSE1);
        leaf(w, 'varlte', upper, where, RESPONSE1);
      } else {
        w.open('or');
        varequal(w, 'response1', exact, where);
        w.open('and');
        leaf(w, 'vargte', lower, where, RESPONSE1);
        leaf(w, 'varlte', upper, where, RESPONSE1);
        w.close().close();
      }
      endCorrectCondition(w, fb);
    },
    feedback,
    incorrectFeedbackAllowed: true,
  };
}

// ---------------------------------------------------------------------------------------------
// multiple_choice_question / multiple_answers_question

function checkChoices(
  choices: Choice[],
  correct: number[],
  kind: 'single' | 'multiple',
  where: string,
): void {
  if (choices.length < 2)
    throw new QtiExportError(
      `${where}: a ${kind} choice question needs at least 2 options, got ${choices.length}`,
    );
  const flagged = choices.flatMap((c, i) => (c.correct ? [i] : []));
  if (flagged.length === 0)
    throw new QtiExportError(`${where}: choice question has no correct option`);
  if (kind === 'single' && flagged.length !== 1) {
    throw new QtiExportError(
      `${where}: single-answer question has ${flagged.length} options marked correct`,
    );
  }
  const listed = [...new Set(correct)].sort((a, b) => a - b);
  if (listed.length !== correct.length || listed.join(',') !== flagged.join(',')) {
    throw new QtiExportError(
      `${where}: answer lists correct option(s) [${correct.join(', ')}] but the options marked correct are [${flagged.join(', ')}]`,
    );
  }
}

function choiceQuestion(
  input: ItemInput,
  stem: string,
  correct: number[],
  kind: 'single' | 'multiple',
): Built {
  const { variant, where } = input;
  checkChoices(variant.choices, correct, kind, where);
  if (kind === 'multiple' && input.grading === 'all-or-nothing') {
    // Canvas Classic scores multiple_answers_question right minus wrong
    // (Quizzes::QuizQuestion::MultipleAnswersQuestion#correct_answer_parts, UserAnswer#score)
    // and QTI cannot turn its partial credit off.
    throw new QtiExportError(
      `${where}: Canvas scores multiple-answer questions right minus wrong, so all-or-nothing ` +
        `grading cannot be exported to Canvas; use right-minus-wrong grading for this slot`,
    );
  }
  const ids = variant.choices.map(() => input.nextAnswerId());
  const feedback: Feedback[] = variant.choices.flatMap((c, i) =>
    c.feedback.trim()
      ? [
          {
            ident: `${ids[i]}_fb`,
            html: richTextToHtml(c.feedback, `${where} option ${i + 1} feedback`, input.math),
          },
        ]
      : [],
  );
  return {
    type: kind === 'single' ? 'multiple_choice_question' : 'multiple_answers_question',
    answerIds: ids,
    html: stem,
    presentation: (w) => {
      w.open('response_lid', {
        ident: 'response1',
        rcardinality: kind === 'single' ? 'Single' : 'Multiple',
      });
      w.open('render_choice');
      variant.choices.forEach((c, i) => {
        w.open('response_label', { ident: ids[i] as string });
        // An option without math or code goes as plain text: Classic Quizzes may keep an answer's
        // text as text, and would then show `&gt;` for the `>` of escaped HTML (issue 17 item 7).
        const plain = c.text === c.plain;
        mattext(
          w,
          plain ? c.plain : richTextToInlineHtml(c.text, `${where} option ${i + 1}`, input.math),
          !plain,
          `${where} option ${i + 1}`,
        );
        w.close();
      });
      w.close().close();
    },
    conditions: (w, fb) => {
      ids.forEach((id) => {
        if (!fb.has(`${id}_fb`)) return;
        w.open('respcondition', CONTINUE).open('conditionvar');
        varequal(w, 'response1', id, where);
        w.close();
        feedbackRef(w, `${id}_fb`, fb);
        w.close();
      });
      w.open('respcondition', STOP).open('conditionvar');
      if (kind === 'single') {
        varequal(w, 'response1', ids[correct[0] as number] as string, where);
      } else {
        w.open('and');
        variant.choices.forEach((c, i) => {
          if (c.correct) varequal(w, 'response1', ids[i] as string, where);
          else {
            w.open('not');
            varequal(w, 'response1', ids[i] as string, where);
            w.close();
          }
        });
        w.close();
      }
      endCorrectCondition(w, fb);
    },
    feedback,
    incorrectFeedbackAllowed: true,
  };
}

// ---------------------------------------------------------------------------------------------
// matching_question

function matching(
  input: ItemInput,
  stem: string,
  pairs: MatchPair[],
  distractors: { text: string; plain: string }[],
): Built {
  const { where } = input;
  if (pairs.length < 2)
    throw new QtiExportError(
      `${where}: a matching question needs at least 2 pairs, got ${pairs.length}`,
    );
  // Canvas shows the right-hand side as a plain-text dropdown, so it gets the plain form.
  const rights = [...pairs.map((p) => p.answerPlain), ...distractors.map((d) => d.plain)];
  rights.forEach((r, i) => {
    if (!r.trim())
      throw new QtiExportError(`${where}: matching answer ${i + 1} has an empty plain form`);
  });
  const seen = new Map<string, number>();
  rights.forEach((r, i) => {
    const before = seen.get(r.trim());
    if (before !== undefined) {
      throw new QtiExportError(
        `${where}: matching answers ${before + 1} and ${i + 1} read the same in plain text ("${r}")`,
      );
    }
    seen.set(r.trim(), i);
  });
  const pairIds = pairs.map(() => input.nextAnswerId());
  const matchIds = rights.map(() => input.nextAnswerId());
  // List the matches in a fixed order unrelated to the prompts (by text), so the list does not
  // give the pairing away.
  const order = rights
    .map((_, j) => j)
    .sort((a, b) => compareText(rights[a] as string, rights[b] as string));
  return {
    type: 'matching_question',
    answerIds: pairIds,
    html: stem,
    presentation: (w) => {
      pairs.forEach((pair, i) => {
        w.open('response_lid', { ident: `response_${pairIds[i]}` });
        // Plain text: Classic Quizzes keeps a matching prompt as text, so escaped HTML (a TeX
        // matrix's `&amp;`) would be shown literally (issue 17 item 7).
        if (!pair.promptPlain.trim())
          throw new QtiExportError(`${where}: matching prompt ${i + 1} has an empty plain form`);
        mattext(w, pair.promptPlain, false, where);
        w.open('render_choice');
        for (const j of order) {
          w.open('response_label', { ident: matchIds[j] as string });
          mattext(w, rights[j] as string, false, `${where} matching answer ${j + 1}`);
          w.close();
        }
        w.close().close();
      });
    },
    conditions: (w) => {
      const s = share(pairs.length);
      pairs.forEach((_, i) => {
        w.open('respcondition').open('conditionvar');
        varequal(w, `response_${pairIds[i]}`, matchIds[i] as string, where);
        w.close();
        setScore(w, 'Add', s);
        w.close();
      });
    },
    feedback: [],
    incorrectFeedbackAllowed: false,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// short_answer_question

function shortAnswer(
  input: ItemInput,
  stem: string,
  accepted: string[],
  caseSensitive: boolean,
): Built {
  const { where } = input;
  if (caseSensitive) {
    throw new QtiExportError(
      `${where}: Canvas short answers are graded case-insensitively; a case-sensitive answer cannot be exported`,
    );
  }
  const answers = accepted.map((a) => a.trim());
  if (answers.length === 0 || answers.some((a) => !a)) {
    throw new QtiExportError(
      `${where}: a short-answer question needs at least one non-empty accepted answer`,
    );
  }
  const ids = answers.map(() => input.nextAnswerId());
  return {
    type: 'short_answer_question',
    answerIds: ids,
    html: stem,
    presentation: (w) => {
      w.open('response_str', { ident: 'response1', rcardinality: 'Single' }).open('render_fib');
      w.empty('response_label', { ident: 'answer1', rshuffle: 'No' }).close().close();
    },
    conditions: (w, fb) => {
      w.open('respcondition', STOP).open('conditionvar');
      for (const a of answers) varequal(w, 'response1', a, where);
      endCorrectCondition(w, fb);
    },
    feedback: [],
    incorrectFeedbackAllowed: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Tables: multiple_dropdowns_question when every blank is a choice, else
// fill_in_multiple_blanks_question (see README for the downgrades this implies).

interface Blank {
  id: string;
  /** Label texts with their answer ids; `correct` marks the scored ones. */
  labels: { id: string; text: string; correct: boolean }[];
}

/**
 * The strings a typed blank accepts for a numeric cell: every number with exactly `decimals`
 * decimals inside [value − tolerance, value + tolerance], computed in decimal arithmetic.
 */
export function acceptedNumberStrings(answer: NumericAnswer, where: string): string[] {
  checkNumeric(answer, where);
  if (answer.sigFigs !== undefined) {
    throw new QtiExportError(
      `${where}: a table blank cannot be graded to significant figures in Canvas (fill-in blanks match text)`,
    );
  }
  const d = answer.decimals;
  if (!(Number.isInteger(d) && d >= 0 && d <= 12))
    throw new QtiExportError(`${where}: bad decimals ${d}`);
  const { lower, upper } = numericKey(answer);
  const lo = scaledCeil(lower, d);
  const hi = scaledFloor(upper, d);
  if (hi < lo) {
    throw new QtiExportError(
      `${where}: no number with ${d} decimals lies within ${lower} … ${upper}`,
    );
  }
  if (hi - lo + 1n > BigInt(MAX_ACCEPTED_STRINGS_PER_BLANK)) {
    throw new QtiExportError(
      `${where}: tolerance ${plainDecimal(answer.tolerance)} at ${d} decimals accepts ${hi - lo + 1n} strings; at most ${MAX_ACCEPTED_STRINGS_PER_BLANK} fit a fill-in blank`,
    );
  }
  const out: string[] = [];
  for (let k = lo; k <= hi; k++) out.push(fromScaled(k, d));
  return out;
}

/** Splits a plain decimal string into sign, integer digits and fraction digits. */
function parts(s: string): { neg: boolean; int: string; frac: string } {
  const neg = s.startsWith('-');
  const [int = '0', frac = ''] = (neg ? s.slice(1) : s).split('.');
  return { neg, int, frac };
}

/** ⌈s · 10^d⌉ for a plain decimal string s. */
function scaledCeil(s: string, d: number): bigint {
  const { neg, int, frac } = parts(s);
  const kept = BigInt(int + frac.slice(0, d).padEnd(d, '0'));
  const rest = /[1-9]/.test(frac.slice(d));
  if (neg) return -kept; // dropping digits of a negative number moves it up: that is the ceiling
  return rest ? kept + 1n : kept;
}

/** ⌊s · 10^d⌋ for a plain decimal string s. */
function scaledFloor(s: string, d: number): bigint {
  const { neg, int, frac } = parts(s);
  const kept = BigInt(int + frac.slice(0, d).padEnd(d, '0'));
  const rest = /[1-9]/.test(frac.slice(d));
  if (neg) return rest ? -kept - 1n : -kept;
  return kept;
}

function fromScaled(k: bigint, d: number): string {
  const neg = k < 0n;
  const digits = (neg ? -k : k).toString().padStart(d + 1, '0');
  const body = d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`;
  return neg ? `-${body}` : body;
}

/**
 * Canvas makes every `[word]` of a fill-in-blanks or dropdown question's text a blank — at import
 * for the ids we list, and again for any other bracket as soon as someone edits the question in
 * Classic's editor (a header `h_t[1]` or `P[i,1]` would become a blank). So the blanks are marked
 * with characters HTML never holds until `withoutBrackets` has rewritten every other bracket.
 */
function blankMark(id: string): string {
  return `\u0001${id}\u0002`;
}

function withBlanks(html: string): string {
  return html.replace(/\u0001([A-Za-z0-9_]+)\u0002/g, '[$1]');
}

/**
 * The question HTML with no `[` or `]` left: inside TeX (`\( … \)`, `\[ … \]`, an equation
 * image's attributes) they become `\lbrack` / `\rbrack` (and display math `$$ … $$`, which Canvas's
 * MathJax also reads); in text and other attributes (a figure's alt text) the full-width ［ ］,
 * which read as brackets.
 */
export function withoutBrackets(html: string): string {
  if (!html.includes('[') && !html.includes(']')) return html;
  const texBrackets = (tex: string) => tex.replace(/\[/g, '\\lbrack ').replace(/\]/g, '\\rbrack ');
  let out = '';
  let last = 0;
  const special = /\\\((.*?)\\\)|\\\[(.*?)\\\]|<img\b[^>]*>/gs;
  for (const m of html.matchAll(special)) {
    out += textBrackets(html.slice(last, m.index));
    if (m[1] !== undefined) out += `\\(${texBrackets(m[1])}\\)`;
    else if (m[2] !== undefined) out += `$$${texBrackets(m[2])}$$`;
    else out += m[0].includes('equation_image') ? texBrackets(m[0]) : textBrackets(m[0]);
    last = m.index + m[0].length;
  }
  return out + textBrackets(html.slice(last));
}

function textBrackets(text: string): string {
  return text.replace(/\[/g, '［').replace(/\]/g, '］');
}

/**
 * A numeric cell: a typed blank accepting every string of the answer's decimals within its
 * tolerance; returns the cell's HTML and records the blank.
 */
function numericCellHtml(
  input: ItemInput,
  answer: NumericAnswer,
  id: string,
  at: string,
  blanks: Blank[],
): string {
  const accepted = acceptedNumberStrings(answer, at);
  blanks.push({
    id,
    labels: accepted.map((text) => ({ id: input.nextAnswerId(), text, correct: true })),
  });
  // Blanks are compared as text, so say how many decimals the answer must have.
  const d = answer.decimals;
  return d > 0
    ? `<td>${blankMark(id)} (${d} decimal${d === 1 ? '' : 's'})</td>`
    : `<td>${blankMark(id)}</td>`;
}

/**
 * A choice cell: a dropdown in a table of choices only, else a typed blank accepting the correct
 * option; returns the cell's HTML and records the blank.
 */
function choiceCellHtml(
  input: ItemInput,
  cell: Extract<TableCell, { type: 'choice' }>,
  id: string,
  at: string,
  dropdowns: boolean,
  blanks: Blank[],
): string {
  if (cell.options.length < 2)
    throw new QtiExportError(`${at}: a choice cell needs at least 2 options`);
  if (!(
    Number.isInteger(cell.correct) &&
    cell.correct >= 0 &&
    cell.correct < cell.options.length
  )) {
    throw new QtiExportError(
      `${at}: choice cell's correct index ${cell.correct} is not one of its ${cell.options.length} options`,
    );
  }
  const plains = cell.options.map((o) => o.plain.trim());
  const folded = plains.map((p) => p.toLowerCase());
  if (plains.some((p) => !p) || new Set(dropdowns ? plains : folded).size !== plains.length) {
    throw new QtiExportError(
      `${at}: choice cell options must have distinct, non-empty plain forms`,
    );
  }
  if (dropdowns) {
    // Dropdown options are plain text in Canvas: the plain form stands in for any TeX.
    blanks.push({
      id,
      labels: plains.map((text, k) => ({
        id: input.nextAnswerId(),
        text,
        correct: k === cell.correct,
      })),
    });
    return `<td>${blankMark(id)}</td>`;
  }
  // Mixed table: Canvas cannot mix dropdowns with typed blanks in one question, so the
  // choice becomes a typed blank that accepts the correct option and lists the options.
  blanks.push({
    id,
    labels: [{ id: input.nextAnswerId(), text: plains[cell.correct] as string, correct: true }],
  });
  return `<td>${blankMark(id)} (one of: ${plains.map(escapeHtml).join(' / ')})</td>`;
}

function table(input: ItemInput, stem: string, header: string[], rows: TableCell[][]): Built {
  const { where } = input;
  if (rows.length === 0) throw new QtiExportError(`${where}: table has no rows`);
  const width = header.length || (rows[0]?.length ?? 0);
  rows.forEach((row, r) => {
    if (row.length !== width)
      throw new QtiExportError(
        `${where}: table row ${r + 1} has ${row.length} cells, expected ${width}`,
      );
  });
  const cells = rows.flat();
  const blankCells = cells.filter((c) => c.type !== 'text');
  if (blankCells.length === 0) throw new QtiExportError(`${where}: table has no blanks to fill in`);
  const dropdowns = blankCells.every((c) => c.type === 'choice');

  const blanks: Blank[] = [];
  let body = '';
  if (header.length > 0) {
    body += `<thead><tr>${header.map((h, c) => `<th>${richTextToInlineHtml(h, `${where} table header ${c + 1}`, input.math)}</th>`).join('')}</tr></thead>`;
  }
  body += '<tbody>';
  rows.forEach((row, r) => {
    body += '<tr>';
    row.forEach((cell, c) => {
      const at = `${where} table row ${r + 1} column ${c + 1}`;
      if (cell.type === 'text') {
        body += `<td>${richTextToInlineHtml(cell.text, at, input.math)}</td>`;
        return;
      }
      const id = `r${r + 1}c${c + 1}`;
      if (cell.type === 'numeric') {
        body += numericCellHtml(input, cell.answer, id, at, blanks);
        return;
      }
      body += choiceCellHtml(input, cell, id, at, dropdowns, blanks);
    });
    body += '</tr>';
  });
  body += '</tbody>';

  return {
    type: dropdowns ? 'multiple_dropdowns_question' : 'fill_in_multiple_blanks_question',
    answerIds: blanks.flatMap((b) => b.labels.map((l) => l.id)),
    html: withBlanks(withoutBrackets(`${stem}<table border="1">${body}</table>`)),
    presentation: (w) => {
      for (const blank of blanks) {
        w.open('response_lid', { ident: `response_${blank.id}` }).open('material');
        leaf(w, 'mattext', blank.id, where);
        w.close().open('render_choice');
        for (const label of blank.labels) {
          w.open('response_label', { ident: label.id });
          mattext(w, label.text, false, `${where} blank ${blank.id}`);
          w.close();
        }
        w.close().close();
      }
    },
    conditions: (w) => {
      const s = share(blanks.length);
      for (const blank of blanks) {
        for (const label of blank.labels) {
          if (!label.correct) continue;
          w.open('respcondition').open('conditionvar');
          varequal(w, `response_${blank.id}`, label.id, where);
          w.close();
          setScore(w, 'Add', s);
          w.close();
        }
      }
    },
    feedback: [],
    incorrectFeedbackAllowed: false,
  };
}
