import { formatDecimal } from '@dlexam/math';
import { svgProblem } from '@dlexam/svg-check';
import { DEFAULT_MULTIPLE_SCORING, scoringRule } from '@dlexam/generator/grading';
import {
  examSource,
  isExamSource,
  type Exam,
  type ExamHeader,
  type ExamQuestion,
  type ExamSource,
  type ExamVersion,
  type MultipleScoring,
  type TableCell,
  type Variant,
} from '@dlexam/types';
import { keyAnswer, letter, matchingOrder, pointsLabel } from './answers.js';
import { HtmlExportError } from './errors.js';
import { escapeHtml } from './escape.js';
import { richTextToHtml, richTextToInlineHtml } from './rich-text-html.js';
import { documentCss, type Paper, type RunningText } from './styles.js';

export interface HtmlExportOptions {
  /** Paper size of the print stylesheet; default `'a4'`. */
  paper?: Paper;
  /**
   * Where each document links the KaTeX stylesheet, relative to the HTML file; default
   * `'katex/katex.min.css'`, which is where `toHtmlFiles` writes `katexAssets()`.
   */
  katexHref?: string;
  /**
   * Print the exam seed in the answer key and solutions. Default false: the seed regenerates every
   * version and key, so it stays in the exam JSON unless asked for.
   */
  showSeed?: boolean;
}

export interface ResolvedOptions {
  paper: Paper;
  katexHref: string;
  showSeed: boolean;
}

export function resolveOptions(options: HtmlExportOptions = {}): ResolvedOptions {
  const paper = options.paper ?? 'a4';
  if (paper !== 'a4' && paper !== 'letter')
    throw new HtmlExportError(`paper must be 'a4' or 'letter', got ${String(paper)}`);
  return {
    paper,
    katexHref: options.katexHref ?? 'katex/katex.min.css',
    showSeed: options.showSeed ?? false,
  };
}

/** Wraps rendering of one variant field so a KaTeX or rich-text failure names its question. */
function within<T>(variant: Variant, what: string, render: () => T): T {
  try {
    return render();
  } catch (err) {
    if (err instanceof HtmlExportError) {
      throw new HtmlExportError(
        `${variant.templateId} (seed ${variant.seed}), ${what}: ${err.message}`,
      );
    }
    throw err;
  }
}

/**
 * SVG documents already found good, so a figure drawn for many variants (or printed in a copy and
 * in the solutions) is parsed once. A memo of a pure check, so never stale; cleared at 1,024
 * documents (a few megabytes) so a long-lived page or server does not grow it without bound.
 */
const goodSvgs = new Set<string>();

function figureHtml(variant: Variant): string {
  if (!variant.figure) return '';
  const { svg, alt } = variant.figure;
  const where = `${variant.templateId} (seed ${variant.seed})`;
  if (!goodSvgs.has(svg)) {
    const problem = svgProblem(svg);
    if (problem !== null) throw new HtmlExportError(`${where}: figure is ${problem}`);
    if (goodSvgs.size >= 1024) goodSvgs.clear();
    goodSvgs.add(svg);
  }
  if (!alt.trim()) throw new HtmlExportError(`${where}: figure has no alt text`);
  // An <img> with a data URI keeps the figure one unbreakable box and never runs script in the SVG.
  return `<figure class="q-figure"><img src="${svgDataUri(svg)}" alt="${escapeHtml(alt)}"></figure>`;
}

/**
 * An SVG as a `data:` URI safe inside a double-quoted attribute. Only what a URL or the attribute
 * cannot hold is percent-encoded (quotes, `<>&%#{}`, whitespace, non-ASCII); `=`, `/`, `:` and the
 * like stay as they are (about 10% shorter than `encodeURIComponent` on the CNN figures) and the
 * result needs no second HTML-escaping pass.
 */
export function svgDataUri(svg: string): string {
  return (
    'data:image/svg+xml;charset=utf-8,' +
    svg.replace(/[%#"'<>&{}\s\\^`|[\]]|[^\x21-\x7e]/gu, encodeURIComponent)
  );
}

const DIFFICULTY_CLASS = { 1: 'd1', 2: 'd2', 3: 'd3' } as const;

function blankCellHtml(cell: TableCell): string {
  if (cell.type === 'text') return `<td>${richTextToInlineHtml(cell.text)}</td>`;
  if (cell.type === 'numeric') {
    const unit = cell.answer.unit
      ? `<span class="unit">${escapeHtml(cell.answer.unit)}</span>`
      : '';
    return `<td class="cell-blank">${unit}</td>`;
  }
  const options = cell.options
    .map(
      (o) =>
        `<span><span class="mark bubble" aria-hidden="true"></span>${richTextToInlineHtml(o.text)}</span>`,
    )
    .join('');
  return `<td class="cell-blank"><span class="cell-options">${options}</span></td>`;
}

/** The space a student answers in, shaped by the question kind. Holds no answer data. */
function answerSpaceHtml(variant: Variant): string {
  const a = variant.answer;
  switch (a.kind) {
    case 'numeric': {
      const unit = a.numeric.unit ? ` <span>${escapeHtml(a.numeric.unit)}</span>` : '';
      return (
        `<div class="work ${DIFFICULTY_CLASS[variant.difficulty] ?? 'd2'}">Work</div>` +
        `<div class="answer-line"><span>Answer:</span><span class="answer-box"></span>${unit}</div>`
      );
    }
    case 'single':
    case 'multiple': {
      if (variant.choices.length === 0)
        throw new HtmlExportError('a choice question without options');
      const mark = a.kind === 'single' ? 'bubble' : 'box';
      const hint = a.kind === 'single' ? 'Mark one option.' : 'Mark every option that applies.';
      const items = variant.choices
        .map(
          (c, i) =>
            `<li><span class="mark ${mark}" aria-hidden="true"></span><span class="opt-letter">${letter(i)}</span><span>${richTextToInlineHtml(c.text, { displayStyle: true })}</span></li>`,
        )
        .join('');
      return `<p class="q-hint">${hint}</p><ul class="options">${items}</ul>`;
    }
    case 'matching': {
      const items = [...a.pairs.map((p) => p.answer), ...a.distractors.map((d) => d.text)];
      const order = matchingOrder(variant);
      const left = a.pairs
        .map(
          (p, i) =>
            `<li><span class="blank" aria-hidden="true"></span><span class="opt-letter">${i + 1}.</span><span>${richTextToInlineHtml(p.prompt)}</span></li>`,
        )
        .join('');
      const right = order
        .map(
          (src, pos) =>
            `<li><span class="opt-letter">${letter(pos)}</span><span>${richTextToInlineHtml(items[src] as string)}</span></li>`,
        )
        .join('');
      const unused = items.length > a.pairs.length ? ' Some letters are not used.' : '';
      return (
        `<p class="q-hint">Write the letter of the matching item on each line.${unused}</p>` +
        `<div class="matching"><ol>${left}</ol><ol>${right}</ol></div>`
      );
    }
    case 'short':
      return `<div class="answer-line"><span>Answer:</span><span class="answer-box wide"></span></div>`;
    case 'table': {
      if (a.rows.some((r) => r.length !== a.header.length))
        throw new HtmlExportError('a table row does not match the header length');
      const head = `<thead><tr>${a.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = a.rows.map((row) => `<tr>${row.map(blankCellHtml).join('')}</tr>`).join('');
      // A table asks computed entries too: room to work, then the grid to fill.
      return (
        `<div class="work ${DIFFICULTY_CLASS[variant.difficulty] ?? 'd2'}">Work</div>` +
        `<table class="grid">${head}<tbody>${body}</tbody></table>`
      );
    }
  }
}

function questionHead(q: ExamQuestion, id: string, meta = ''): string {
  return (
    `<div class="q-head"><h2 id="${id}-h">Question ${q.number}${meta}</h2>` +
    `<span class="q-points">${pointsLabel(q.points)}</span></div>`
  );
}

/** One question of a student copy: number, points, stem, figure and answer space. No answers. */
export function studentQuestionHtml(q: ExamQuestion, id: string): string {
  const v = q.variant;
  const stem = within(v, 'stem', () => richTextToHtml(v.stem));
  const space = within(v, 'answer space', () => answerSpaceHtml(v));
  return (
    `<section class="question" id="${id}" aria-labelledby="${id}-h">${questionHead(q, id)}` +
    `<div class="q-stem">${stem}</div>${figureHtml(v)}${space}</section>`
  );
}

function feedbackHtml(v: Variant): string {
  const a = v.answer;
  if (a.kind === 'single' || a.kind === 'multiple') {
    if (v.choices.length === 0) return '';
    const items = v.choices
      .map(
        (c, i) =>
          `<li><span class="verdict">${c.correct ? '✓' : '✗'}</span><span><strong>${letter(i)}</strong> ${richTextToInlineHtml(c.text, { displayStyle: true })} — ${escapeHtml(c.feedback)}` +
          `${c.misconception ? ` <span class="tag">[${escapeHtml(c.misconception)}]</span>` : ''}</span></li>`,
      )
      .join('');
    return `<h3>Options and feedback</h3><ul class="feedback">${items}</ul>`;
  }
  const wrong = v.choices.filter((c) => !c.correct);
  if (wrong.length === 0) return '';
  const items = wrong
    .map(
      (c) =>
        `<li><span class="verdict">✗</span><span>${richTextToInlineHtml(c.text)} — ${escapeHtml(c.feedback)}` +
        `${c.misconception ? ` <span class="tag">[${escapeHtml(c.misconception)}]</span>` : ''}</span></li>`,
    )
    .join('');
  return `<h3>Common wrong answers</h3><ul class="feedback">${items}</ul>`;
}

/** One question of the solutions booklet: the question, its answer, worked solution and feedback. */
export function solutionQuestionHtml(q: ExamQuestion, id: string, versionCode?: string): string {
  const v = q.variant;
  const version = versionCode ? `Version ${escapeHtml(versionCode)} · ` : '';
  const meta = ` <span class="q-meta">${version}${escapeHtml(v.templateId)} · seed ${escapeHtml(v.seed)}</span>`;
  const stem = within(v, 'stem', () => richTextToHtml(v.stem));
  // Only a matching question needs its lists repeated: the key's letters refer to them. Options of
  // choice questions appear in the feedback list, table answers in the filled grid.
  const space = v.answer.kind === 'matching' ? within(v, 'question', () => answerSpaceHtml(v)) : '';
  const answer = within(v, 'answer', () => keyAnswer(v).html);
  const solution = within(v, 'solution', () => richTextToHtml(v.solution));
  const feedback = within(v, 'feedback', () => feedbackHtml(v));
  return (
    `<section class="question" id="${id}" aria-labelledby="${id}-h">${questionHead(q, id, meta)}` +
    `<div class="q-stem">${stem}</div>${figureHtml(v)}${space}` +
    `<div class="answer-block"><span class="label">Answer</span>${answer}</div>` +
    `<h3>Solution</h3>${solution}${feedback}</section>`
  );
}

function keyEntryHtml(q: ExamQuestion): string {
  const v = q.variant;
  const answer = within(v, 'answer', () => keyAnswer(v).html);
  return (
    `<div class="key-entry"><span class="q-label">Q${q.number}</span>` +
    `<div>${answer}<div class="tag">${escapeHtml(v.templateId)} · seed ${escapeHtml(v.seed)}</div></div>` +
    `<span class="key-points">${escapeHtml(pointsLabel(q.points).replace(' points', ' pts').replace(' point', ' pt'))}</span></div>`
  );
}

function page(title: string, body: string, running: RunningText, opts: ResolvedOptions): string {
  return (
    '<!DOCTYPE html>\n' +
    `<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="dlexam">` +
    `<title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="${escapeHtml(opts.katexHref)}">` +
    `<style>${documentCss(opts.paper, running)}</style></head>\n` +
    `<body><div class="running">${escapeHtml(running.topLeft)} · ${escapeHtml(running.topRight)}</div>\n${body}\n</body></html>\n`
  );
}

function checkExam(exam: Exam): void {
  if (!exam || !Array.isArray(exam.versions) || exam.versions.length === 0) {
    throw new HtmlExportError('exam has no versions');
  }
  for (const v of exam.versions) {
    if (!/^[A-Z]+$/.test(v.code))
      throw new HtmlExportError(
        `version code must be capital letters, got ${JSON.stringify(v.code)}`,
      );
    if (v.questions.length === 0) throw new HtmlExportError(`version ${v.code} has no questions`);
  }
}

/**
 * The exam as a source of questions: an `ExamSource` as it is, an in-memory `Exam` checked and
 * adapted (`examSource`).
 */
export function sourceOf(exam: Exam | ExamSource): ExamSource {
  if (exam && isExamSource(exam)) {
    checkSource(exam);
    return exam;
  }
  checkExam(exam);
  return examSource(exam);
}

function checkSource(src: ExamSource): void {
  if (src.versionCodes.length === 0) throw new HtmlExportError('exam has no versions');
  for (const code of src.versionCodes) {
    if (!/^[A-Z]+$/.test(code))
      throw new HtmlExportError(
        `version code must be capital letters, got ${JSON.stringify(code)}`,
      );
    if (src.questionsPerVersion === 0)
      throw new HtmlExportError(`version ${code} has no questions`);
  }
}

function findVersion(exam: Exam, version: string | ExamVersion): ExamVersion {
  const code = typeof version === 'string' ? version : version.code;
  const found = exam.versions.find((v) => v.code === code);
  if (!found) {
    throw new HtmlExportError(
      `exam has no version ${JSON.stringify(code)}; it has ${exam.versions.map((v) => v.code).join(', ')}`,
    );
  }
  return found;
}

function examHeading(exam: ExamHeader): string {
  return exam.course ? `${exam.course} — ${exam.title}` : exam.title;
}

function versionPoints(version: ExamVersion): number {
  return version.questions.reduce((s, q) => s + q.points, 0);
}

/** The graders' score grid of the cover: rows Question / Points / Score, ten questions per table. */
function pointsTable(version: ExamVersion): string {
  const chunks: ExamQuestion[][] = [];
  for (let i = 0; i < version.questions.length; i += 10)
    chunks.push(version.questions.slice(i, i + 10));
  const tables = chunks.map((chunk, ci) => {
    const last = ci === chunks.length - 1;
    return (
      `<table class="points-table"><tbody>` +
      `<tr><th scope="row">Question</th>${chunk.map((q) => `<th scope="col">${q.number}</th>`).join('')}${last ? '<th scope="col">Total</th>' : ''}</tr>` +
      `<tr><th scope="row">Points</th>${chunk.map((q) => `<td>${escapeHtml(formatDecimal(q.points, 2))}</td>`).join('')}${last ? `<td>${escapeHtml(formatDecimal(versionPoints(version), 2))}</td>` : ''}</tr>` +
      `<tr><th scope="row">Score</th>${chunk.map(() => '<td></td>').join('')}${last ? '<td></td>' : ''}</tr>` +
      `</tbody></table>`
    );
  });
  return `<div class="points"><p class="muted">For graders</p>${tables.join('')}</div>`;
}

/** The student copy of one version: cover page, then every question with its answer space. */
export function renderStudentCopy(
  exam: Exam,
  version: string | ExamVersion,
  options?: HtmlExportOptions,
): string {
  checkExam(exam);
  return studentCopyHtml(exam, findVersion(exam, version), resolveOptions(options));
}

/** The student copy of a version already found (`renderStudentCopy`). */
export function studentCopyHtml(exam: ExamHeader, v: ExamVersion, opts: ResolvedOptions): string {
  const total = versionPoints(v);
  const count = v.questions.length;
  let instructions = '';
  try {
    instructions = exam.instructions ? richTextToHtml(exam.instructions) : '';
  } catch (err) {
    if (err instanceof HtmlExportError)
      throw new HtmlExportError(`exam instructions: ${err.message}`);
    throw err;
  }
  const cover =
    `<section class="cover" aria-label="Cover page">` +
    (exam.course ? `<p class="course">${escapeHtml(exam.course)}</p>` : '') +
    `<h1>${escapeHtml(exam.title)}</h1>` +
    `<div class="version-badge">Version ${escapeHtml(v.code)}</div>` +
    `<div class="id-fields"><div class="id-field"><span>Name</span><span class="line"></span></div>` +
    `<div class="id-field"><span>Student ID</span><span class="line"></span></div></div>` +
    `<section class="instructions"><h2>Instructions</h2>` +
    `<p>This exam has ${count} ${count === 1 ? 'question' : 'questions'} worth ${escapeHtml(pointsLabel(total))} in total. ` +
    `Write your answers in the spaces provided. Every page shows your version code (${escapeHtml(v.code)}).</p>` +
    `${instructions}</section>${pointsTable(v)}</section>`;
  const questions = v.questions.map((q) => studentQuestionHtml(q, `q${q.number}`)).join('\n');
  const running: RunningText = {
    topLeft: examHeading(exam),
    topRight: `Version ${v.code}`,
    bottomLeft: `Version ${v.code}`,
  };
  return page(
    `${exam.title} — Version ${v.code}`,
    `<main>${cover}\n${questions}</main>`,
    running,
    opts,
  );
}

function seedNote(exam: ExamHeader, opts: ResolvedOptions): string {
  return opts.showSeed ? `Exam seed <code>${escapeHtml(exam.seed)}</code>. ` : '';
}

/**
 * How the exam is scored (the grading model, `@dlexam/generator/grading`): one line per kind the
 * exam holds, and the multiple-answer rule of each slot that has such questions.
 */
function scoringHtml(exam: ExamHeader, kinds: Set<string>, multipleSlots: Set<number>): string {
  const items: string[] = [];
  for (const kind of ['numeric', 'single', 'matching', 'table', 'short']) {
    if (kinds.has(kind)) items.push(`<li><b>${kind}</b>: ${escapeHtml(scoringRule(kind))}</li>`);
  }
  const rules = new Map<MultipleScoring, string[]>();
  for (const slot of exam.slots) {
    if (!multipleSlots.has(slot.index)) continue;
    const rule = slot.grading ?? DEFAULT_MULTIPLE_SCORING;
    rules.set(rule, [...(rules.get(rule) ?? []), slot.name]);
  }
  for (const [rule, names] of rules) {
    const which = rules.size > 1 ? ` (${names.map((n) => `“${n}”`).join(', ')})` : '';
    items.push(
      `<li><b>multiple answers</b>${escapeHtml(which)}: ${escapeHtml(scoringRule('multiple', rule))}</li>`,
    );
  }
  return `<section class="scoring"><h2>Scoring</h2><ul>${items.join('')}</ul></section>`;
}

const LEVEL_NAMES = ['', 'easier', 'typical', 'harder'];

/**
 * How evenly hard each slot is across versions (exams assembled with balanced versions): the level
 * drawn at, the allowed band and the spread found, the effort range, and every version's level.
 * `perVersion` holds, per slot index, each version's entry (`B 2/3`, empty when none).
 */
function balanceHtml(exam: ExamHeader, perVersion: Map<number, string[]>): string {
  if (!exam.slots.some((s) => s.balance)) return '';
  const rows = exam.slots
    .filter((s) => s.balance)
    .map((s) => {
      const b = s.balance!;
      const per = (perVersion.get(s.index) ?? []).filter(Boolean).join(', ');
      const effort =
        b.effort.min === b.effort.max ? `${b.effort.min}` : `${b.effort.min}–${b.effort.max}`;
      return (
        `<tr><td>${escapeHtml(s.name)}</td><td>${b.level} (${LEVEL_NAMES[b.level]})${b.pinned ? ', pinned' : ''}</td>` +
        `<td>${b.band}</td><td>${b.spread}</td><td>${escapeHtml(effort)}</td><td class="balance-versions">${escapeHtml(per)}</td></tr>`
      );
    })
    .join('');
  return (
    `<section class="balance"><h2>Difficulty balance</h2>` +
    `<p class="muted">Each variant's level is its tercile of effort among its template's variants (1 easier, 2 typical, 3 harder); every version of a slot is drawn within the band around the slot's level.</p>` +
    `<table><thead><tr><th>Slot</th><th>Level</th><th>Band</th><th>Spread</th><th>Effort</th><th>Versions (level)</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

/**
 * The answer key's summary of every question, read from refs (nothing materialised): the kinds
 * held, the slots with multiple-answer questions, each slot's level per version.
 */
function keySummary(exam: ExamHeader, src: ExamSource): { scoring: string; balance: string } {
  const kinds = new Set<string>();
  const multipleSlots = new Set<number>();
  const balanced = exam.slots.some((s) => s.balance);
  const perVersion = new Map<number, string[]>(exam.slots.map((s) => [s.index, []]));
  src.versionCodes.forEach((code, vi) => {
    const refs = src.refs(vi);
    const levels = new Map<number, string[]>();
    for (const q of refs) {
      kinds.add(q.kind);
      if (q.kind === 'multiple') multipleSlots.add(q.slot);
      if (balanced && q.difficulty)
        levels.set(q.slot, [...(levels.get(q.slot) ?? []), `${q.difficulty.level}`]);
    }
    if (balanced)
      for (const [slot, entries] of perVersion) {
        const ls = levels.get(slot);
        entries.push(ls ? `${code}\u00a0${ls.join('/')}` : '');
      }
  });
  return {
    scoring: scoringHtml(exam, kinds, multipleSlots),
    balance: balanceHtml(exam, perVersion),
  };
}

/** The graders' answer key: every version's answers in one document. */
export function renderAnswerKey(exam: Exam | ExamSource, options?: HtmlExportOptions): string {
  return [...renderAnswerKeyChunks(exam, options)].join('');
}

/**
 * The head of a graders' document: the course (if any), `heading: title`, a note (HTML) under it
 * and what follows the note inside the head (HTML).
 */
function docHead(header: ExamHeader, heading: string, note: string, more = ''): string {
  return (
    `<header class="doc-head">${header.course ? `<p class="course">${escapeHtml(header.course)}</p>` : ''}` +
    `<h1>${heading}: ${escapeHtml(header.title)}</h1>` +
    `<p class="muted">${note}</p>${more}</header>`
  );
}

/** A graders' document of every version: its running text, its head and one section a version. */
interface VersionsDocument {
  /** The running header and footer; `topRight` names the document (also in the page title). */
  running: Omit<RunningText, 'topLeft'>;
  /** The document's head (HTML), read from the source's header and question refs. */
  head: (src: ExamSource, opts: ResolvedOptions) => string;
  /** One version's section (HTML). */
  version: (v: ExamVersion, vi: number) => string;
}

/**
 * Renders a graders' document of every version piece by piece: the page's start with its head,
 * then each version's section (materialised when its turn comes, separated by line breaks), then
 * the page's end. Joined, the pieces are the whole document.
 */
function versionsDocument(
  doc: VersionsDocument,
): (exam: Exam | ExamSource, options?: HtmlExportOptions) => Generator<string, void, undefined> {
  return function* (exam, options) {
    const src = sourceOf(exam);
    const header = src.header;
    const opts = resolveOptions(options);
    const head = doc.head(src, opts);
    const { before, after } = pageAround(
      `${header.title} — ${doc.running.topRight}`,
      { topLeft: examHeading(header), ...doc.running },
      opts,
    );
    yield `${before}<main>${head}\n`;
    for (let vi = 0; vi < src.versionCodes.length; vi++)
      yield (vi > 0 ? '\n' : '') + doc.version(src.version(vi), vi);
    yield `</main>${after}`;
  };
}

/** A page split where its body goes: what comes before the body and after it. */
function pageAround(
  title: string,
  running: RunningText,
  opts: ResolvedOptions,
): { before: string; after: string } {
  const BODY = '\u0000body\u0000';
  const whole = page(title, BODY, running, opts);
  const at = whole.lastIndexOf(BODY);
  return { before: whole.slice(0, at), after: whole.slice(at + BODY.length) };
}

/**
 * `renderAnswerKey` piece by piece: the page's head with the scoring and balance summary (read
 * from question refs), then one version at a time (each materialised when its turn comes), then
 * the page's end. Joined, the same bytes.
 */
export const renderAnswerKeyChunks = versionsDocument({
  running: { topRight: 'Answer key', bottomLeft: 'Answer key — for graders only' },
  head: (src, opts) => {
    const summary = keySummary(src.header, src);
    return docHead(
      src.header,
      'Answer key',
      `For graders only. Versions: ${escapeHtml(src.versionCodes.join(', '))}. ` +
        `${seedNote(src.header, opts)}Letters refer to the options as printed in each version.`,
      `${summary.scoring}${summary.balance}`,
    );
  },
  version: (v) =>
    `<section class="key-version" aria-labelledby="key-${v.code}"><h2 id="key-${v.code}">Version ${escapeHtml(v.code)}</h2>` +
    `<div class="key-columns"><span>Q</span><span>Answer</span><span>Points</span></div>` +
    v.questions.map(keyEntryHtml).join('\n') +
    `</section>`,
});

/** The solutions booklet: every question of every version with answer, worked solution and feedback. */
export function renderSolutions(exam: Exam | ExamSource, options?: HtmlExportOptions): string {
  return [...renderSolutionsChunks(exam, options)].join('');
}

/**
 * `renderSolutions` piece by piece (the page's head, then one version at a time, then its end), so
 * a writer can stream a booklet of thousands of versions: as one string it outgrows what a
 * JavaScript string can hold (about 8,500 versions of long solutions). Joined, the same bytes.
 */
export const renderSolutionsChunks = versionsDocument({
  running: { topRight: 'Solutions', bottomLeft: 'Solutions — not for students before the exam' },
  head: (src, opts) =>
    docHead(
      src.header,
      'Solutions',
      `Every question of every version with its answer, worked solution and the mistakes the wrong options model.${opts.showSeed ? ` ${seedNote(src.header, opts).trim()}` : ''}`,
    ),
  version: (v, vi) =>
    `<section class="solutions-version${vi > 0 ? ' new-page' : ''}" aria-labelledby="sol-${v.code}"><h2 id="sol-${v.code}" class="version-title">Version ${escapeHtml(v.code)}</h2>` +
    v.questions.map((q) => solutionQuestionHtml(q, `v${v.code}-q${q.number}`, v.code)).join('\n') +
    `</section>`,
});

export interface RenderQuestionOptions {
  /** `'student'`: stem and answer space only (no answers); `'solution'`: with answer, solution, feedback. */
  mode?: 'student' | 'solution';
}

/**
 * Question blocks for a list of loose variants (numbered from 1, points from the variant): the same
 * HTML the documents use, for the web app and for the lead's 1,000-variant render bench.
 */
export function renderQuestions(
  variants: Variant[],
  options: RenderQuestionOptions = {},
): string[] {
  const mode = options.mode ?? 'student';
  return variants.map((variant, i) => {
    const q: ExamQuestion = {
      slot: i,
      slotName: variant.title,
      number: i + 1,
      points: variant.points,
      variant,
    };
    return mode === 'student'
      ? studentQuestionHtml(q, `q${i + 1}`)
      : solutionQuestionHtml(q, `q${i + 1}`);
  });
}
