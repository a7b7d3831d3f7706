import {
  DEFAULT_MULTIPLE_SCORING,
  numericKey,
  roundAsAsked,
  inInterval,
  wrongValueBands,
} from '@dlexam/generator/grading';
import { plainDecimal } from '@dlexam/math';
import {
  examPlan,
  isExamSource,
  MULTIPLE_SCORINGS,
  RichTextError,
  type Exam,
  type ExamHeader,
  type ExamSource,
  type MultipleScoring,
  type NumericAnswer,
  type PlannedQuestion,
  type Variant,
} from '@dlexam/types';
import { clozeMultichoice, clozeNumerical, neutralizeClozeBraces } from './cloze.js';
import { MoodleExportError } from './errors.js';
import { correctShare } from './fractions.js';
import type { XmlWriter } from '@dlexam/markup';
import { checkXmlText, html, QuizWriter, text } from './xml.js';
import { escapeHtml, plainTextToHtml, richTextToHtml, richTextToInlineHtml } from './html.js';

export type AnswerNumbering = 'abc' | 'ABCD' | '123' | 'iii' | 'IIII' | 'none';

export interface MoodleOptions {
  /**
   * `categories` (default): one category per exam slot holding every version's variant of that slot
   * (for "random question from category"); for bare variants one category per template.
   * `plain`: an exam becomes one category per version (or only `version`); bare variants get no
   * category and land in the category chosen at import.
   */
  mode?: 'categories' | 'plain';
  /**
   * Scoring of multiple-answer questions of bare variants (an exam's slots carry their own).
   * `right-minus-wrong` (default): right options +100/c %, wrong options −100/c %, so Moodle's
   * clamped sum is the grading model's score. `all-or-nothing` cannot be expressed with Moodle's
   * multichoice (it always gives partial credit) and is refused.
   */
  multipleGrading?: MultipleScoring;
  /** Category path the export's categories are created under. Default `$course$/top`. */
  categoryRoot?: string;
  /** Plain mode of an exam: export only the version with this code (`A`). */
  version?: string;
  /** Shuffle multichoice options and matching answers in Moodle. Default true. */
  shuffleAnswers?: boolean;
  /** Numbering of multichoice options. Default `abc`. */
  answerNumbering?: AnswerNumbering;
  /**
   * Indent the XML for people reading it. Default false: no whitespace between tags (a third
   * smaller and faster to write); Moodle's importer ignores whitespace between elements and
   * trims the texts it reads, so both import the same. Text and CDATA content are never altered.
   */
  indent?: boolean;
}

interface ResolvedOptions {
  mode: 'categories' | 'plain';
  multipleGrading: MultipleScoring;
  categoryRoot: string;
  version: string | undefined;
  shuffleAnswers: boolean;
  answerNumbering: AnswerNumbering;
  indent: boolean;
}

/**
 * One question to write: what identifies its variant, the variant itself (materialised only when
 * the question is written), the start of its name (`Q01 `) and its mark.
 */
interface Entry {
  templateId: string;
  seed: string;
  kind: Variant['kind'];
  load: () => Variant;
  prefix: string;
  points: number;
  /** Scoring of a multiple-answer question. */
  grading: MultipleScoring;
}

/** An entry with its variant, final idnumber and name. */
interface NamedEntry extends Entry {
  variant: Variant;
  idnumber: string;
  name: string;
}

interface Group {
  /** Category path, or none in plain mode of bare variants. */
  category?: string;
  /** Plain-text description shown on the category (its `<info>`). */
  info?: string;
  /** Taken once, in order (an exam source's are produced one at a time). */
  entries: Iterable<Entry>;
  /**
   * `pool`: the category is a pool for random questions, so the very same variant (template, seed
   * and kind) is written once. `fixed`: a version's questions, every entry is written.
   */
  role: 'pool' | 'fixed';
}

const NUMBERINGS: readonly AnswerNumbering[] = ['abc', 'ABCD', '123', 'iii', 'IIII', 'none'];
/** Moodle's `question.name` column and the import's PARAM_TEXT cleaning. */
const MAX_NAME = 255;
/** Moodle's `question.idnumber` column is varchar(100). */
const MAX_IDNUMBER = 100;
const FIGURE_FILE = 'figure.svg';
const FIGURE_ATTRIBUTES = { name: FIGURE_FILE, path: '/', encoding: 'base64' } as const;

function resolveOptions(options: MoodleOptions = {}): ResolvedOptions {
  const mode = options.mode ?? 'categories';
  if (mode !== 'categories' && mode !== 'plain') {
    throw new MoodleExportError(`mode must be 'categories' or 'plain', got ${String(mode)}`);
  }
  const multipleGrading = options.multipleGrading ?? DEFAULT_MULTIPLE_SCORING;
  if (!MULTIPLE_SCORINGS.includes(multipleGrading)) {
    throw new MoodleExportError(
      `multipleGrading must be one of ${MULTIPLE_SCORINGS.join(', ')}, got ${String(multipleGrading)}`,
    );
  }
  const categoryRoot = (options.categoryRoot ?? '$course$/top').trim();
  if (!categoryRoot || categoryRoot.endsWith('/')) {
    throw new MoodleExportError(
      `categoryRoot must be a category path like $course$/top, got "${categoryRoot}"`,
    );
  }
  const answerNumbering = options.answerNumbering ?? 'abc';
  if (!NUMBERINGS.includes(answerNumbering)) {
    throw new MoodleExportError(
      `answerNumbering must be one of ${NUMBERINGS.join(', ')}, got ${answerNumbering}`,
    );
  }
  return {
    mode,
    multipleGrading,
    categoryRoot,
    version: options.version,
    shuffleAnswers: options.shuffleAnswers ?? true,
    answerNumbering,
    indent: options.indent ?? false,
  };
}

/** `templateId@seed`, the question's Moodle idnumber. */
export function variantIdNumber(variant: Variant): string {
  return `${variant.templateId}@${variant.seed}`;
}

/** Names and category names: one line, and no `<`/`>` (Moodle strips what looks like a tag). */
function cleanLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/</g, '‹').replace(/>/g, '›').trim();
}

/** Moodle's question category name column holds 255 characters. */
export const MAX_CATEGORY_NAME = 255;

/**
 * A category path element, shortened with `…` to Moodle's 255 characters (code points, never a
 * half surrogate pair); `/` inside a name is written `//` (after shortening, so no `/` is split).
 */
function categoryName(text: string): string {
  let name = cleanLabel(text);
  const chars = Array.from(name);
  if (chars.length > MAX_CATEGORY_NAME)
    name =
      chars
        .slice(0, MAX_CATEGORY_NAME - 1)
        .join('')
        .trimEnd() + '…';
  if (!name) throw new MoodleExportError('a category name is empty');
  return name.replace(/\//g, '//');
}

/** `<prefix><title> [idnumber]`, the title shortened if needed to fit Moodle's 255 characters. */
function questionName(prefix: string, variant: Variant, idnumber: string): string {
  const suffix = ` [${idnumber}]`;
  const label = cleanLabel(prefix + variant.title);
  // A string has at most as many code points as UTF-16 units: short names need no splitting.
  if (label.length + suffix.length <= MAX_NAME) return label + suffix;
  const head = [...label];
  const room = MAX_NAME - [...suffix].length;
  const title =
    head.length > room ? head.slice(0, Math.max(0, room - 1)).join('') + '…' : head.join('');
  return title + suffix;
}

function padded(n: number, total: number): string {
  return String(n).padStart(Math.max(2, String(total).length), '0');
}

/**
 * Writes the groups as one `<quiz>` document, in chunks: each question is written as its entry
 * comes and nothing of it is kept. A group's entries may be produced lazily (one at a time).
 */
function* writeQuiz(
  groups: Iterable<Group>,
  options: ResolvedOptions,
  namesPerGroup = false,
): Generator<string, void, undefined> {
  const doc = new QuizWriter(options.indent);
  const w = doc.xml;
  const names = new Set<string>();
  clearRenderCache();
  try {
    for (const group of groups) {
      // An exam source's groups cannot share a name (their prefixes differ): names are checked
      // within a group, and a group's are dropped when it is written.
      if (namesPerGroup) names.clear();
      if (group.category !== undefined) {
        w.open('question', { type: 'category' });
        w.open('category');
        text(w, group.category, 'category');
        w.close().open('info', { format: 'html' });
        html(w, group.info ? `<p>${escapeHtml(group.info)}</p>` : '', 'category info');
        w.close().close();
      }
      for (const entry of assignIdNumbers(group)) {
        if (names.has(entry.name))
          throw new MoodleExportError(`two questions are named "${entry.name}"`);
        names.add(entry.name);
        writeQuestion(doc, entry, options);
        const chunk = doc.chunk();
        if (chunk !== null) yield chunk;
      }
    }
    yield doc.finish();
  } finally {
    clearRenderCache();
  }
}

/**
 * Gives every entry of a category its idnumber. Moodle drops the idnumber of a question whose
 * idnumber its category already holds, so `templateId@seed` gets `/<kind>` (same variant seed asked
 * as another kind) or `/<n>` (the same variant twice in one version) appended when it repeats.
 */
function* assignIdNumbers(group: Group): Generator<NamedEntry, void, undefined> {
  const used = new Set<string>();
  const written = new Set<string>();
  // The kinds each base idnumber was written as, joined by spaces (a few at most; a Set each would
  // cost a large category's memory).
  const kindsOf = new Map<string, string>();
  for (const entry of group.entries) {
    const base = `${entry.templateId}@${entry.seed}`;
    if (group.role === 'pool') {
      const identity = `${base}\u0000${entry.kind}`;
      if (written.has(identity)) continue;
      written.add(identity);
    }
    let idnumber = base;
    const kinds = kindsOf.get(base);
    if (used.has(idnumber) && !(kinds !== undefined && ` ${kinds} `.includes(` ${entry.kind} `)))
      idnumber = `${base}/${entry.kind}`;
    for (let n = 2; used.has(idnumber); n++) idnumber = `${base}/${n}`;
    kindsOf.set(base, kinds === undefined ? entry.kind : `${kinds} ${entry.kind}`);
    used.add(idnumber);
    const variant = entry.load();
    yield { ...entry, variant, idnumber, name: questionName(entry.prefix, variant, idnumber) };
  }
}

/**
 * Rendered rich text of the export in progress: feedback such as "Correct." and the options that
 * many variants share are rendered once. Cleared at the start of every export. Longer texts
 * (stems, worked solutions) are nearly always distinct, and looking one up costs a hash of the
 * whole text plus an entry kept alive for the export, so they are rendered without the cache.
 */
const renderCache = { block: new Map<string, string>(), inline: new Map<string, string>() };
const MAX_CACHED_SOURCE = 160;
const MAX_CACHED_RENDERS = 4096;

function clearRenderCache(): void {
  renderCache.block.clear();
  renderCache.inline.clear();
}

function render(source: string, where: string, inline: boolean): string {
  try {
    return inline ? richTextToInlineHtml(source) : richTextToHtml(source);
  } catch (e) {
    if (e instanceof RichTextError) throw new MoodleExportError(`${where}: ${e.message}`);
    throw e;
  }
}

/** Rich text as HTML, with the question named in the error if the rich text is malformed. */
function rich(source: string, where: string, inline = false): string {
  if (source.length > MAX_CACHED_SOURCE) return render(source, where, inline);
  // One map per form, keyed by the source itself: no key string is built per lookup.
  const cache = inline ? renderCache.inline : renderCache.block;
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const out = render(source, where, inline);
  // Bounded: a large export's distinct option texts would otherwise all stay alive to its end.
  if (cache.size >= MAX_CACHED_RENDERS) cache.clear();
  cache.set(source, out);
  return out;
}

function number(value: number, where: string): string {
  if (!Number.isFinite(value))
    throw new MoodleExportError(`${where}: ${value} is not a finite number`);
  return plainDecimal(value);
}

/** Base64 of the UTF-8 bytes of `text`: Node's Buffer when present, else TextEncoder + btoa (browsers). */
function base64Utf8(value: string): string {
  const nodeBuffer = (
    globalThis as { Buffer?: { from(s: string, enc: string): { toString(enc: string): string } } }
  ).Buffer;
  if (nodeBuffer) return nodeBuffer.from(value, 'utf8').toString('base64');
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** `<element format="html"><text>…</text>`, left open for more children (the caller closes it). */
function openHtmlField(w: XmlWriter, element: string, value: string, where: string): void {
  w.open(element, { format: 'html' });
  html(w, value, where);
}

function htmlField(w: XmlWriter, element: string, value: string, where: string): void {
  openHtmlField(w, element, value, where);
  w.close();
}

const MOODLE_TYPE = {
  numeric: 'numerical',
  single: 'multichoice',
  multiple: 'multichoice',
  matching: 'matching',
  short: 'shortanswer',
  table: 'cloze',
} as const;

function writeQuestion(doc: QuizWriter, entry: NamedEntry, options: ResolvedOptions): void {
  const { variant, name, idnumber } = entry;
  const where = `question "${name}"`;
  const kind = variant.kind;
  if (!(kind in MOODLE_TYPE))
    throw new MoodleExportError(`${where}: unknown question kind ${String(kind)}`);
  if (variant.answer?.kind !== kind) {
    throw new MoodleExportError(
      `${where}: kind ${kind} but answer kind ${String(variant.answer?.kind)}`,
    );
  }
  if (idnumber.length > MAX_IDNUMBER && [...idnumber].length > MAX_IDNUMBER) {
    throw new MoodleExportError(
      `${where}: idnumber ${idnumber} is longer than Moodle's ${MAX_IDNUMBER} characters`,
    );
  }
  if (!Number.isFinite(entry.points) || entry.points <= 0) {
    throw new MoodleExportError(`${where}: points must be a positive number, got ${entry.points}`);
  }

  const q = doc.xml;
  q.open('question', { type: MOODLE_TYPE[kind] }).open('name');
  text(q, name, where);
  q.close();

  let stemHtml = rich(variant.stem, `${where} stem`);
  if (variant.figure) {
    // Screen readers have only the alt text of a figure the question depends on, as in QTI. (The
    // SVG is not parsed here: QTI parses it, and so does every template's test; parsing the
    // thousand-odd figures of a 10,000-question bank costs this export a fifth of its time.)
    if (!variant.figure.alt.trim()) throw new MoodleExportError(`${where}: figure has no alt text`);
    stemHtml += `\n<p><img src="@@PLUGINFILE@@/${FIGURE_FILE}" alt="${escapeHtml(variant.figure.alt)}"></p>`;
  }
  if (kind === 'table') stemHtml = clozeQuestionText(variant, entry.points, stemHtml, where);
  openHtmlField(q, 'questiontext', stemHtml, `${where} stem`);
  if (variant.figure) {
    checkXmlText(variant.figure.svg, `${where} figure`);
    q.leaf('file', base64Utf8(variant.figure.svg), FIGURE_ATTRIBUTES);
  }
  q.close();
  htmlField(q, 'generalfeedback', rich(variant.solution, `${where} solution`), `${where} solution`);
  // A Cloze question's mark is the sum of its parts' weights; Moodle ignores defaultgrade there.
  if (kind !== 'table') q.leaf('defaultgrade', number(entry.points, where));
  q.leaf('penalty', '0.3333333').leaf('hidden', '0').leaf('idnumber', idnumber);

  switch (kind) {
    case 'numeric':
      writeNumerical(doc, q, variant, where);
      break;
    case 'single':
    case 'multiple':
      writeMultichoice(doc, entry, options, where);
      break;
    case 'matching':
      writeMatching(doc, variant, options, where);
      break;
    case 'short':
      writeShortAnswer(doc, variant, where);
      break;
    case 'table':
      break;
  }
  writeTags(doc, variant, where);
  q.close();
}

function feedbackField(w: XmlWriter, feedback: string, where: string): void {
  htmlField(w, 'feedback', rich(feedback, `${where} feedback`, true), `${where} feedback`);
}

/** The answer's exact decimal key, refused when it is not finite or nobody could type it. */
function checkNumeric(
  numeric: NumericAnswer | undefined,
  where: string,
): { value: string; tolerance: string; lower: string; upper: string } {
  if (!numeric) throw new MoodleExportError(`${where}: numerical question without an answer`);
  number(numeric.value, `${where} answer`);
  if (!(numeric.tolerance >= 0)) {
    throw new MoodleExportError(`${where}: tolerance must be ≥ 0, got ${numeric.tolerance}`);
  }
  number(numeric.tolerance, `${where} tolerance`);
  const key = numericKey(numeric);
  const rounded = roundAsAsked(numeric, numeric.value);
  if (!inInterval(key, rounded)) {
    throw new MoodleExportError(
      `${where}: the answer rounded as the stem asks (${rounded}) lies outside the accepted ` +
        `interval [${key.lower}, ${key.upper}], so nobody could answer it`,
    );
  }
  return key;
}

/**
 * Numerical: the key first (Moodle grades by the first answer whose interval holds the response,
 * `qtype_numerical_question::get_matching_answer`), then each modelled mistake as a 0 % answer
 * whose interval is its band (rounded value ± half a unit): narrower than the key's, never
 * overlapping it or another band, so the feedback shown is the mistake's own.
 */
function writeNumerical(doc: QuizWriter, q: XmlWriter, variant: Variant, where: string): void {
  if (variant.answer.kind !== 'numeric') return;
  const numeric = variant.answer.numeric;
  const key = checkNumeric(numeric, where);
  const correctChoice = variant.choices.find((c) => c.correct);
  if (
    correctChoice?.value !== undefined &&
    !inInterval(key, number(correctChoice.value, `${where} correct choice`))
  ) {
    throw new MoodleExportError(
      `${where}: the choice marked correct (${correctChoice.value}) disagrees with the answer ${key.value} ± ${key.tolerance}`,
    );
  }

  const answer = (
    fraction: string,
    value: string,
    tolerance: string,
    feedback: string,
    label: string,
  ) => {
    q.open('answer', { fraction, format: 'moodle_auto_format' });
    text(q, value, label);
    feedbackField(q, feedback, label);
    q.leaf('tolerance', tolerance).close();
  };
  answer('100', key.value, key.tolerance, correctChoice?.feedback ?? 'Correct.', where);
  for (const band of wrongValueBands(numeric, variant.choices)) {
    const label = `${where} wrong value ${band.value}`;
    answer('0', band.value, band.tolerance, band.choice.feedback, label);
  }
  doc.fragment(['units'], (el) => {
    el.leaf('unitgradingtype', '0').leaf('unitpenalty', '0.1000000');
    el.leaf('showunits', '3').leaf('unitsleft', '0');
  });
}

function combinedFeedback(q: XmlWriter, withNumCorrect: boolean): void {
  htmlField(q, 'correctfeedback', '<p>Your answer is correct.</p>', 'feedback');
  htmlField(q, 'partiallycorrectfeedback', '<p>Your answer is partially correct.</p>', 'feedback');
  htmlField(q, 'incorrectfeedback', '<p>Your answer is incorrect.</p>', 'feedback');
  if (withNumCorrect) q.empty('shownumcorrect');
}

function writeMultichoice(
  doc: QuizWriter,
  entry: NamedEntry,
  options: ResolvedOptions,
  where: string,
): void {
  const variant = entry.variant;
  const answer = variant.answer;
  const choices = variant.choices;
  if (choices.length < 2)
    throw new MoodleExportError(
      `${where}: multichoice needs at least 2 options, has ${choices.length}`,
    );
  const flagged = choices.flatMap((c, i) => (c.correct ? [i] : []));
  const keyed =
    answer.kind === 'single'
      ? [answer.correct]
      : answer.kind === 'multiple'
        ? [...answer.correct].sort((a, b) => a - b)
        : [];
  if (flagged.length === 0) throw new MoodleExportError(`${where}: no option is correct`);
  if (flagged.join(',') !== keyed.join(',')) {
    throw new MoodleExportError(
      `${where}: the answer key (${keyed.join(', ')}) disagrees with the options marked correct (${flagged.join(', ')})`,
    );
  }
  const single = answer.kind === 'single';
  if (single && flagged.length !== 1) {
    throw new MoodleExportError(
      `${where}: a single-answer question has ${flagged.length} correct options`,
    );
  }
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    const key = c.text.trim();
    if (!key) throw new MoodleExportError(`${where}: option ${i + 1} is empty`);
    if (seen.has(key)) throw new MoodleExportError(`${where}: option "${c.text}" appears twice`);
    seen.add(key);
  });
  if (!single && entry.grading === 'all-or-nothing') {
    throw new MoodleExportError(
      `${where}: Moodle's multiple-answer question always gives partial credit, so all-or-nothing ` +
        `grading cannot be exported to Moodle; use right-minus-wrong grading for this slot`,
    );
  }
  const share = single ? '100' : correctShare(flagged.length, where);
  // Right minus wrong: a wrong option takes away what a right one gives (Moodle clamps the sum of
  // the ticked options' fractions to [0, 1], qtype_multichoice_multi_question::grade_response).
  const wrongFraction = single ? '0' : `-${share}`;
  const total = Number(share) * flagged.length;
  if (Math.abs(total - 100) > 0.0001 * 100) {
    throw new MoodleExportError(`${where}: correct fractions sum to ${total}, not 100`);
  }

  const shuffle = options.shuffleAnswers ? 'true' : 'false';
  doc.fragment(['multichoice', String(single), shuffle, options.answerNumbering], (el) => {
    el.leaf('single', single ? 'true' : 'false').leaf('shuffleanswers', shuffle);
    el.leaf('answernumbering', options.answerNumbering).leaf('showstandardinstruction', '1');
    combinedFeedback(el, !single);
  });
  choices.forEach((c, i) => {
    const label = `${where} option ${i + 1}`;
    const fraction = c.correct ? share : wrongFraction;
    doc.fragment(['option', fraction, c.text, c.feedback], (el) => {
      el.open('answer', { fraction, format: 'html' });
      html(el, rich(c.text, label, true), label);
      feedbackField(el, c.feedback, label);
      el.close();
    });
  });
}

function writeMatching(
  doc: QuizWriter,
  variant: Variant,
  options: ResolvedOptions,
  where: string,
): void {
  const answer = variant.answer;
  if (answer.kind !== 'matching') return;
  const pairs = answer.pairs;
  if (pairs.length < 2)
    throw new MoodleExportError(`${where}: matching needs at least 2 pairs, has ${pairs.length}`);
  const pairAnswers = new Set<string>();
  pairs.forEach((p, i) => {
    if (!p.prompt.trim())
      throw new MoodleExportError(`${where}: pair ${i + 1} has an empty prompt`);
    if (!p.answerPlain.trim())
      throw new MoodleExportError(`${where}: pair ${i + 1} has an empty answer`);
    pairAnswers.add(p.answerPlain.trim());
  });
  const distractors: string[] = [];
  for (const d of answer.distractors) {
    const plain = d.plain.trim();
    if (!plain) throw new MoodleExportError(`${where}: a distractor is empty`);
    if (pairAnswers.has(plain)) {
      throw new MoodleExportError(`${where}: distractor "${plain}" is also the answer of a pair`);
    }
    if (!distractors.includes(plain)) distractors.push(plain);
  }
  if (pairs.length + distractors.length < 3) {
    throw new MoodleExportError(
      `${where}: Moodle's matching needs at least 3 answers (pairs + distractors)`,
    );
  }
  const shuffle = options.shuffleAnswers ? 'true' : 'false';
  doc.fragment(['matching', shuffle], (el) => {
    el.leaf('shuffleanswers', shuffle);
    combinedFeedback(el, true);
  });
  // Moodle shows matching answers in drop-downs, which cannot render TeX: the plain form is used.
  pairs.forEach((p, i) => {
    const label = `${where} pair ${i + 1}`;
    const plain = p.answerPlain.trim();
    doc.fragment(['pair', p.prompt, plain], (el) => {
      el.open('subquestion', { format: 'html' });
      html(el, rich(p.prompt, label, true), label);
      el.open('answer');
      text(el, plain, label);
      el.close().close();
    });
  });
  for (const d of distractors) {
    doc.fragment(['distractor', d], (el) => {
      el.open('subquestion', { format: 'html' }).empty('text').open('answer');
      text(el, d, `${where} distractor`);
      el.close().close();
    });
  }
}

/** Moodle's short-answer `*` is a wildcard; a literal `*` is written `\*`. */
function shortAnswerPattern(accepted: string): string {
  return accepted.replace(/\*/g, '\\*');
}

function writeShortAnswer(doc: QuizWriter, variant: Variant, where: string): void {
  const answer = variant.answer;
  if (answer.kind !== 'short') return;
  const accepted = [...new Set(answer.accepted.map((a) => a.trim()))];
  if (accepted.length === 0 || accepted.some((a) => !a)) {
    throw new MoodleExportError(
      `${where}: short answer needs at least one non-empty accepted answer`,
    );
  }
  doc.xml.leaf('usecase', answer.caseSensitive ? '1' : '0');
  for (const a of accepted) {
    doc.fragment(['short', a], (el) => {
      el.open('answer', { fraction: '100', format: 'moodle_auto_format' });
      text(el, shortAnswerPattern(a), `${where} answer`);
      feedbackField(el, 'Correct.', where);
      el.close();
    });
  }
}

/** The Cloze question text: the stem, then a table whose blank cells are embedded answers. */
function clozeQuestionText(
  variant: Variant,
  points: number,
  stemHtml: string,
  where: string,
): string {
  const answer = variant.answer;
  if (answer.kind !== 'table') return stemHtml;
  const width = answer.header.length;
  let blanks = 0;
  const cells = answer.rows.flat();
  const blankCount = cells.filter((c) => c.type !== 'text').length;
  // Every blank is an equal share (the grading model). Moodle marks a Cloze question out of the sum
  // of its parts' whole-number weights and ignores <defaultgrade>, so when the points split into
  // whole equal weights they are used (the question's mark is then the slot's points); otherwise
  // each blank weighs 1 and the shares stay equal (set the mark in the quiz).
  const weight =
    Number.isInteger(points / blankCount) && points / blankCount >= 1 ? points / blankCount : 1;
  // Every numeric blank as wide as the longest answer of the table (at least 8 characters), so no
  // blank's size gives its answer's length away.
  const padWidth = Math.max(
    8,
    ...cells.map((c) => (c.type === 'numeric' ? numericKey(c.answer).value.length : 0)),
  );
  const head = answer.header
    .map((h) => `<th>${neutralizeClozeBraces(plainTextToHtml(h))}</th>`)
    .join('');
  const rows = answer.rows.map((row, r) => {
    if (width && row.length !== width) {
      throw new MoodleExportError(
        `${where}: row ${r + 1} has ${row.length} cells, the header ${width}`,
      );
    }
    const cells = row.map((cell, c) => {
      const label = `${where} cell (${r + 1}, ${c + 1})`;
      if (cell.type === 'text')
        return `<td>${neutralizeClozeBraces(rich(cell.text, label, true))}</td>`;
      blanks++;
      if (cell.type === 'numeric') {
        const { value, tolerance } = checkNumeric(cell.answer, label);
        return `<td>${clozeNumerical(value, tolerance, 'Correct.', weight, padWidth)}</td>`;
      }
      const plains = cell.options.map((o) => o.plain.replace(/\s+/g, ' ').trim());
      if (plains.length < 2)
        throw new MoodleExportError(`${label}: a drop-down needs at least 2 options`);
      if (plains.some((p) => !p))
        throw new MoodleExportError(`${label}: a drop-down option is empty`);
      if (new Set(plains).size !== plains.length)
        throw new MoodleExportError(`${label}: two drop-down options read the same`);
      if (!Number.isInteger(cell.correct) || cell.correct < 0 || cell.correct >= plains.length) {
        throw new MoodleExportError(`${label}: correct option ${cell.correct} does not exist`);
      }
      return `<td>${clozeMultichoice(plains, cell.correct, { correct: 'Correct.', wrong: 'Not this one.' }, weight)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  if (blanks === 0)
    throw new MoodleExportError(`${where}: a Cloze table needs at least one blank cell`);
  const table = `<table border="1">${width ? `<thead><tr>${head}</tr></thead>` : ''}<tbody>${rows.join('')}</tbody></table>`;
  return `${neutralizeClozeBraces(stemHtml)}\n${table}`;
}

/** Moodle tags: topic, template, difficulty and the variant's own tags (commas are tag separators). */
function writeTags(doc: QuizWriter, variant: Variant, where: string): void {
  // Keyed by the variant's own strings (shared by every variant of a template), not the built tags.
  const key = [
    'tags',
    variant.topic,
    variant.templateId,
    String(variant.difficulty),
    ...variant.tags,
  ];
  doc.fragment(key, (el) => {
    const tags = [
      `topic:${variant.topic}`,
      `template:${variant.templateId}`,
      `difficulty:${variant.difficulty}`,
      ...variant.tags,
    ]
      .map((t) => cleanLabel(t.replace(/,/g, ' ')))
      .filter((t, i, all) => t && all.indexOf(t) === i);
    el.open('tags');
    for (const tag of tags) {
      el.open('tag');
      text(el, tag, `${where} tag`);
      el.close();
    }
    el.close();
  });
}

/** Exports bare variants (no exam): categories mode puts each template's variants in its own category. */
export function variantsToMoodleXml(variants: Variant[], options?: MoodleOptions): string {
  return joinChunks(variantsToMoodleXmlChunks(variants, options));
}

/**
 * `variantsToMoodleXml` in chunks of the document (tens of kilobytes each, in order), written as
 * they are taken: no string of the whole document is built. Bad options are refused at the call.
 */
export function variantsToMoodleXmlChunks(
  variants: Variant[],
  options?: MoodleOptions,
): Generator<string, void, undefined> {
  const opts = resolveOptions(options);
  if (variants.length === 0) throw new MoodleExportError('no variants to export');
  const entries = variants.map((variant) => ({
    templateId: variant.templateId,
    seed: variant.seed,
    kind: variant.kind,
    load: () => variant,
    prefix: '',
    points: variant.points,
    grading: opts.multipleGrading,
  }));
  if (opts.mode === 'plain') return writeQuiz([{ entries, role: 'pool' }], opts);
  const byPath = new Map<string, Group & { entries: Entry[] }>();
  for (const entry of entries) {
    const v = entry.load();
    const path = `${opts.categoryRoot}/${categoryName(v.topic)}/${categoryName(v.templateId)}`;
    const group = byPath.get(path) ?? { category: path, entries: [], role: 'pool' as const };
    group.entries.push(entry);
    byPath.set(path, group);
  }
  return writeQuiz([...byPath.values()], opts);
}

/**
 * `moodleXmlChunks` of an exam source, planned as it is written: a group's entries are produced
 * one at a time from the questions' references (nothing per question is held), and each variant
 * is materialised only when its question is written. A source's slots hold their count in every
 * version, numbered slot by slot.
 */
function sourceQuiz(src: ExamSource, opts: ResolvedOptions): Generator<string, void, undefined> {
  const h = src.header;
  if (src.versionCodes.length === 0)
    throw new MoodleExportError(`exam "${h.title}" has no versions`);
  const examPath = `${opts.categoryRoot}/${categoryName(h.title)}`;
  const slotCount = h.slots.length;
  const label = (si: number) => {
    const info = h.slots[si] as ExamHeader['slots'][number];
    return `Q${padded(info.index + 1, slotCount)} ${info.name}`;
  };
  const grading = (si: number) => h.slots[si]?.grading ?? DEFAULT_MULTIPLE_SCORING;
  const entry = (v: number, si: number, k: number, prefix: string): Entry => {
    const ref = src.ref(v, si, k);
    return {
      templateId: ref.templateId,
      seed: ref.seed,
      kind: ref.kind,
      load: () => src.question(v, si, k).variant,
      prefix,
      points: ref.points,
      grading: grading(si),
    };
  };
  if (opts.mode === 'plain') {
    const chosen = src.versionCodes.flatMap((code, v) =>
      opts.version === undefined || code === opts.version ? [v] : [],
    );
    if (chosen.length === 0)
      throw new MoodleExportError(
        `exam "${h.title}" has no version ${opts.version} (has ${src.versionCodes.join(', ')})`,
      );
    const total = src.questionsPerVersion;
    return writeQuiz(
      chosen.map((v): Group => {
        const code = src.versionCodes[v] as string;
        return {
          category: `${examPath}/${categoryName(`Version ${code}`)}`,
          info: `Version ${code} of "${h.title}": its questions in exam order.`,
          role: 'fixed',
          entries: {
            *[Symbol.iterator]() {
              for (let si = 0; si < h.slots.length; si++)
                for (let k = 0; k < (h.slots[si]?.count ?? 0); k++) {
                  const number = src.ref(v, si, k).number;
                  yield entry(v, si, k, `${code}-Q${padded(number, total)} `);
                }
            },
          },
        };
      }),
      opts,
      true,
    );
  }
  const order = h.slots
    .map((s, si) => ({ s, si }))
    .sort((a, b) => a.s.index - b.s.index)
    .filter(({ s }) => s.count > 0);
  return writeQuiz(
    order.map(({ s, si }): Group => {
      const name = label(si);
      const qn = name.split(' ')[0];
      return {
        category: `${examPath}/${categoryName(name)}`,
        info:
          `Slot ${qn} of "${h.title}": every version's variant of this ` +
          `slot. Add ${s.count} "random question from this category" ${s.count === 1 ? 'entry' : 'entries'} to the ` +
          `quiz so each student gets different variants.`,
        role: 'pool',
        entries: {
          *[Symbol.iterator]() {
            for (let v = 0; v < src.versionCodes.length; v++)
              for (let k = 0; k < s.count; k++) yield entry(v, si, k, `${qn} `);
          },
        },
      };
    }),
    opts,
    true,
  );
}

/** The document's chunks joined (the whole document). */
function joinChunks(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}

/**
 * Exports an exam. Categories mode: `<root>/<exam title>/<slot>` per slot, holding every version's
 * variant of that slot. Plain mode: `<root>/<exam title>/Version <code>` per version (or only
 * `options.version`), questions in exam order.
 */
export function toMoodleXml(exam: Exam | ExamSource, options?: MoodleOptions): string {
  return joinChunks(moodleXmlChunks(exam, options));
}

/**
 * `toMoodleXml` in chunks of the document (tens of kilobytes each, in order), each question
 * written as it is reached: no string or tree of the whole document is built. Bad options and
 * an exam without versions are refused at the call; a question that cannot be exported throws
 * while the chunks are taken.
 */
export function moodleXmlChunks(
  source: Exam | ExamSource,
  options?: MoodleOptions,
): Generator<string, void, undefined> {
  const opts = resolveOptions(options);
  if (isExamSource(source)) return sourceQuiz(source, opts);
  const exam = examPlan(source);
  if (exam.versions.length === 0)
    throw new MoodleExportError(`exam "${exam.title}" has no versions`);
  const examPath = `${opts.categoryRoot}/${categoryName(exam.title)}`;
  const slotCount = exam.slots.length;
  // The first slot listed with each index (what `find` would return), looked up in O(1): exams
  // of thousands of slots would otherwise scan the list for every question.
  const slotByIndex = new Map<number, ExamHeader['slots'][number]>();
  for (const s of exam.slots) if (!slotByIndex.has(s.index)) slotByIndex.set(s.index, s);
  const slotLabel = (q: PlannedQuestion) => {
    const info = slotByIndex.get(q.slot);
    if (!info)
      throw new MoodleExportError(
        `exam "${exam.title}": question ${q.number} is in unknown slot ${q.slot}`,
      );
    return `Q${padded(info.index + 1, slotCount)} ${info.name}`;
  };

  // The seed is the exam's secret (it regenerates every version and key): it stays out of the file.
  const slotGrading = (q: PlannedQuestion): MultipleScoring =>
    slotByIndex.get(q.slot)?.grading ?? DEFAULT_MULTIPLE_SCORING;

  if (opts.mode === 'plain') {
    const versions =
      opts.version === undefined
        ? exam.versions
        : exam.versions.filter((v) => v.code === opts.version);
    if (versions.length === 0) {
      throw new MoodleExportError(
        `exam "${exam.title}" has no version ${opts.version} (has ${exam.versions.map((v) => v.code).join(', ')})`,
      );
    }
    return writeQuiz(
      versions.map((version) => ({
        category: `${examPath}/${categoryName(`Version ${version.code}`)}`,
        info: `Version ${version.code} of "${exam.title}": its questions in exam order.`,
        role: 'fixed' as const,
        entries: [...version.questions]
          .sort((a, b) => a.number - b.number)
          .map((q) => ({
            templateId: q.templateId,
            seed: q.seed,
            kind: q.kind,
            load: q.load,
            prefix: `${version.code}-Q${padded(q.number, version.questions.length)} `,
            points: q.points,
            grading: slotGrading(q),
          })),
      })),
      opts,
    );
  }

  const groups = [...exam.slots]
    .sort((a, b) => a.index - b.index)
    .map(() => ({ entries: [] as Entry[], role: 'pool' as const }) as Group & { entries: Entry[] });
  const bySlot = new Map<number, Group & { entries: Entry[] }>();
  [...exam.slots]
    .sort((a, b) => a.index - b.index)
    .forEach((s, i) => bySlot.set(s.index, groups[i] as Group & { entries: Entry[] }));
  for (const version of [...exam.versions].sort((a, b) => a.index - b.index)) {
    for (const q of version.questions) {
      const label = slotLabel(q);
      const group = bySlot.get(q.slot) as Group & { entries: Entry[] };
      group.category = `${examPath}/${categoryName(label)}`;
      const count = slotByIndex.get(q.slot)?.count ?? 1;
      group.info =
        `Slot ${label.split(' ')[0]} of "${exam.title}": every version's variant of this ` +
        `slot. Add ${count} "random question from this category" ${count === 1 ? 'entry' : 'entries'} to the ` +
        `quiz so each student gets different variants.`;
      group.entries.push({
        templateId: q.templateId,
        seed: q.seed,
        kind: q.kind,
        load: q.load,
        prefix: `${label.split(' ')[0]} `,
        points: q.points,
        grading: slotGrading(q),
      });
    }
  }
  return writeQuiz(
    groups.filter((g) => g.entries.length > 0),
    opts,
  );
}
