import type { Variant } from '@dlexam/types';
import { parseCsv, type CsvRow } from './csv.js';
import { decodeText, type DecodedText } from './decode.js';
import { AnalyzeError } from './errors.js';
import { candidatesOf, type ExamIndex, type ExamItem } from './exam.js';
import { matchQuestionText } from './join.js';
import { gradeResponse, type Lms } from './responses.js';

/** An input file: its name (for messages) and its bytes or text. */
export interface InputFile {
  name: string;
  data: Uint8Array | string;
}

/** One student's answer to one exam question, joined to the variant it was. */
export interface JoinedAnswer {
  question: number;
  item: ExamItem;
  /** The response text as exported; null when blank. */
  text: string | null;
  /** The mark the LMS gave, as a fraction of the question's marks, when the export has it. */
  lmsMark: number | null;
}

export interface StudentRecord {
  key: string;
  name: string;
  line: number;
  answers: JoinedAnswer[];
  /** The total the LMS reports (Moodle's Grade/x, Canvas's score), when present. */
  lmsTotal: number | null;
}

export interface JoinedResults {
  lms: Lms;
  file: string;
  encoding: DecodedText['encoding'];
  students: StudentRecord[];
  /** Attempts left out (not finished), with the reason. */
  skipped: { line: number; name: string; reason: string }[];
  warnings: string[];
}

export function readText(f: InputFile): DecodedText {
  const d = f.data;
  if (typeof d !== 'string' && d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04)
    throw new AnalyzeError(
      "an Excel (.xlsx) or OpenDocument (.ods) workbook; expected CSV: choose 'Comma separated values (.csv)' when downloading",
      f.name,
    );
  if (typeof f.data === 'string') {
    const bom = f.data.charCodeAt(0) === 0xfeff;
    return { text: bom ? f.data.slice(1) : f.data, encoding: 'utf-8', bom };
  }
  return decodeText(f.data);
}

export type Layout =
  'moodle-responses' | 'moodle-grades' | 'canvas-student-analysis' | 'canvas-item-analysis';

export function detectLayout(header: string[]): Layout | null {
  const h = new Set(header.map((c) => c.trim()));
  if (header.some((c) => /^Response \d+$/.test(c)) && header.some((c) => /^Question \d+$/.test(c)))
    return 'moodle-responses';
  if (header.some((c) => /^Q\. \d+ \/[\d.]+$/.test(c))) return 'moodle-grades';
  if (h.has('n correct') && h.has('n incorrect') && h.has('score'))
    return 'canvas-student-analysis';
  if (h.has('Question Id') && h.has('Point Biserial of Correct')) return 'canvas-item-analysis';
  return null;
}

const LAYOUT_HINT =
  "expected a Moodle quiz Responses download (columns 'Question 1', 'Response 1', …) or a Canvas Student Analysis CSV (columns '<id>: <question text>', points, …, 'n correct', 'n incorrect', 'score')";

function column(header: CsvRow, file: string, names: string[], required: boolean): number {
  const i = header.cells.findIndex((c) => names.includes(c.trim()));
  if (i < 0 && required)
    throw new AnalyzeError(`missing column '${names[0]}'; ${LAYOUT_HINT}`, file, header.line);
  return i;
}

const cell = (row: CsvRow, i: number) => (i < 0 ? '' : (row.cells[i] ?? '').trim());

function mark(text: string, max: number, file: string, line: number, what: string): number | null {
  const t = text.trim();
  if (t === '-' || t === '') return null;
  const x = Number(t.replace(',', '.'));
  if (!Number.isFinite(x))
    throw new AnalyzeError(`${what} is '${t}'; expected a number or '-'`, file, line);
  return max > 0 ? x / max : 0;
}

function checkDuplicates(students: StudentRecord[], file: string, hint: string) {
  const seen = new Map<string, number>();
  for (const s of students) {
    const before = seen.get(s.key);
    if (before !== undefined)
      throw new AnalyzeError(
        `duplicate student ${s.key} (also on line ${before}); expected one attempt per student — ${hint}`,
        file,
        s.line,
      );
    seen.set(s.key, s.line);
  }
}

/** Reads a results file (Moodle Responses or Canvas Student Analysis) and joins it to the exam. */
export function joinResults(
  index: ExamIndex,
  results: InputFile,
  grades?: InputFile,
): JoinedResults {
  const decoded = readText(results);
  if (/^\s*\[\s*\[?\s*\{/.test(decoded.text.slice(0, 20)))
    throw new AnalyzeError(
      "a JSON download; expected CSV: choose 'Comma separated values (.csv)' when downloading",
      results.name,
    );
  const { header, rows } = parseCsv(decoded.text, results.name);
  const layout = detectLayout(header.cells);
  const warnings: string[] = [];
  if (decoded.encoding !== 'utf-8')
    warnings.push(`${results.name} was read as ${decoded.encoding} (not UTF-8) and converted`);
  if (layout === 'moodle-grades')
    throw new AnalyzeError(
      'this is a Moodle Grades download; pass it with --grades and give the Responses download as --results',
      results.name,
      header.line,
    );
  if (layout === 'canvas-item-analysis')
    throw new AnalyzeError(
      'this is a Canvas Item Analysis CSV; expected the Student Analysis CSV (Quiz Statistics → Student Analysis)',
      results.name,
      header.line,
    );
  if (layout === null)
    throw new AnalyzeError(`unknown export layout; ${LAYOUT_HINT}`, results.name, header.line);
  const input: ResultsTable = { index, file: results.name, header, rows, warnings };
  const joined = layout === 'moodle-responses' ? joinMoodle(input) : joinCanvas(input);
  joined.encoding = decoded.encoding;
  if (grades) {
    if (layout !== 'moodle-responses')
      throw new AnalyzeError('--grades goes with a Moodle Responses download only', grades.name);
    applyMoodleGrades(index, joined, grades);
  }
  return joined;
}

/** A results file's table to join to the exam, and where its join adds warnings. */
interface ResultsTable {
  index: ExamIndex;
  /** The file's name, for messages. */
  file: string;
  header: CsvRow;
  rows: CsvRow[];
  warnings: string[];
}

/** Where a Moodle Responses download holds each question's text, response and right answer. */
interface MoodleQuestionColumns {
  n: number;
  text: number;
  response: number;
  right: number;
}

/** The columns of a Moodle Responses download: the student, status, grade and each question's. */
function moodleColumns(index: ExamIndex, file: string, header: CsvRow) {
  const h = header.cells.map((c) => c.trim());
  const email = column(header, file, ['Email address'], false);
  const last = column(header, file, ['Last name', 'Surname'], false);
  const first = column(header, file, ['First name'], false);
  if (email < 0 && last < 0 && first < 0)
    throw new AnalyzeError(
      `missing columns 'Last name', 'First name' and 'Email address'; ${LAYOUT_HINT}`,
      file,
      header.line,
    );
  const status = column(header, file, ['Status', 'State'], false);
  const grade = h.findIndex((c) => /^Grade\/[\d.,]+$/.test(c));
  const qs = h.flatMap((c) => {
    const m = /^Question (\d+)$/.exec(c);
    return m ? [Number(m[1])] : [];
  });
  const Q = index.questions.length;
  if (qs.length !== Q || qs.some((n) => n < 1 || n > Q))
    throw new AnalyzeError(
      `the file has ${qs.length} question column(s) (${qs.join(', ')}) but the exam '${index.exam.title}' has ${Q} questions; expected 'Question 1' … 'Question ${Q}' — is this the right exam?`,
      file,
      header.line,
    );
  const cols: MoodleQuestionColumns[] = index.questions.map((q) => ({
    n: q.number,
    text: column(header, file, [`Question ${q.number}`], true),
    response: (() => {
      const i = h.indexOf(`Response ${q.number}`);
      if (i < 0)
        throw new AnalyzeError(
          `missing column 'Response ${q.number}'; download the Responses report with "Response" ticked`,
          file,
          header.line,
        );
      return i;
    })(),
    right: h.indexOf(`Right answer ${q.number}`),
  }));
  return { h, email, last, first, status, grade, cols };
}

function joinMoodle({ index, file, header, rows, warnings }: ResultsTable): JoinedResults {
  const { h, email, last, first, status, grade, cols } = moodleColumns(index, file, header);
  const memo = new Map<string, ExamItem[]>();
  const students: StudentRecord[] = [];
  const skipped: JoinedResults['skipped'] = [];
  for (const row of rows) {
    const name = [cell(row, first), cell(row, last)].filter(Boolean).join(' ');
    const key =
      email >= 0 && cell(row, email) ? cell(row, email) : `${cell(row, last)}, ${cell(row, first)}`;
    if (!key.replace(/[, ]/g, '')) continue; // a summary row such as 'Overall average'
    if (status >= 0 && cell(row, status) !== 'Finished') {
      skipped.push({
        line: row.line,
        name: name || key,
        reason: `status '${cell(row, status)}' (only finished attempts are graded)`,
      });
      continue;
    }
    const answers: JoinedAnswer[] = cols.map((c) => moodleAnswer(index, file, row, c, memo));
    students.push({
      key,
      name: name || key,
      line: row.line,
      answers,
      lmsTotal: grade >= 0 ? mark(cell(row, grade), 1, file, row.line, h[grade]!) : null,
    });
  }
  if (!students.length) {
    const seen = [...new Set(skipped.map((x) => x.reason))].slice(0, 3).join('; ');
    throw new AnalyzeError(
      `no finished attempt in the file${seen ? ` (${seen})` : ''}; expected at least one row with Status 'Finished' (download the report in English)`,
      file,
    );
  }
  checkDuplicates(
    students,
    file,
    "download with 'Show at most one finished attempt per user' ticked",
  );
  return { lms: 'moodle', file, encoding: 'utf-8', students, skipped, warnings };
}

/** One student's answer to one question, joined to the variant its text (and right answer) names. */
function moodleAnswer(
  index: ExamIndex,
  file: string,
  row: CsvRow,
  c: MoodleQuestionColumns,
  memo: Map<string, ExamItem[]>,
): JoinedAnswer {
  const text = row.cells[c.text] ?? '';
  const right = c.right >= 0 ? (row.cells[c.right] ?? '') : '';
  const memoKey = `${c.n}\u0000${text}\u0000${right}`;
  let items = memo.get(memoKey);
  if (!items) {
    items = matchQuestionText(text, candidatesOf(index, c.n), true);
    // Variants with the same text (a numeric stem that does not show every parameter) are
    // told apart by Moodle's 'Right answer N': it must be right by the variant's own key.
    if (items.length > 1 && right.trim() && right.trim() !== '-')
      items = items.filter((it) => gradeResponse(it.variant, right, 'moodle').score >= 1 - 1e-9);
    // Variants a student cannot tell apart (same text, key and options; only a parameter
    // the question does not use differs) are one question: any of them grades alike.
    if (items.length > 1 && items.every((it) => sameQuestion(it.variant, items![0]!.variant)))
      items = [items[0]!];
    memo.set(memoKey, items);
  }
  if (items.length !== 1)
    throw new AnalyzeError(
      items.length
        ? `'Question ${c.n}' matches ${items.length} variants (${items.map((i) => i.id).join(', ')})${c.right < 0 ? ` and there is no 'Right answer ${c.n}' column to tell them apart (tick "Right answer" when downloading)` : ', even with its right answer'}; expected exactly one`
        : `'Question ${c.n}' ("${text.slice(0, 60)}${text.length > 60 ? '…' : ''}") matches no variant of question ${c.n} of the exam '${index.exam.title}' — is this the right exam?`,
      file,
      row.line,
    );
  const r = row.cells[c.response] ?? '';
  return { question: c.n, item: items[0]!, text: r.trim() === '-' ? null : r, lmsMark: null };
}

/**
 * The Grades download prints marks to 2 decimals of a rescaled maximum (`0.83` of `/1.67` is half
 * marks). A fraction within that rounding of k/d (d ≤ 12: halves, thirds, quarters, sixths of cloze
 * and matching questions) is taken as k/d; anything else is kept as printed.
 */
export function snapFraction(f: number, tolerance: number): number {
  for (let d = 1; d <= 12; d++) {
    const k = Math.round(f * d);
    if (Math.abs(k / d - f) <= tolerance + 1e-9) return k / d;
  }
  return f;
}

function applyMoodleGrades(index: ExamIndex, joined: JoinedResults, grades: InputFile) {
  const decoded = readText(grades);
  if (decoded.encoding !== 'utf-8')
    joined.warnings.push(
      `${grades.name} was read as ${decoded.encoding} (not UTF-8) and converted`,
    );
  const { header, rows } = parseCsv(decoded.text, grades.name);
  if (detectLayout(header.cells) !== 'moodle-grades')
    throw new AnalyzeError(
      "not a Moodle Grades download; expected columns 'Q. 1 /m' … (Results → Grades, 'Marks for each question' ticked)",
      grades.name,
      header.line,
    );
  const h = header.cells.map((c) => c.trim());
  const email = h.indexOf('Email address');
  const last = h.findIndex((c) => c === 'Last name' || c === 'Surname');
  const first = h.indexOf('First name');
  const status = h.findIndex((c) => c === 'Status' || c === 'State');
  const qcols = new Map<number, { i: number; max: number }>();
  h.forEach((c, i) => {
    const m = /^Q\. (\d+) \/([\d.]+)$/.exec(c);
    if (m) qcols.set(Number(m[1]), { i, max: Number(m[2]) });
  });
  for (const q of index.questions)
    if (!qcols.has(q.number))
      throw new AnalyzeError(
        `missing column 'Q. ${q.number} /m'; expected one per exam question`,
        grades.name,
        header.line,
      );
  const byKey = new Map<string, CsvRow>();
  for (const row of rows) {
    const key =
      email >= 0 && cell(row, email) ? cell(row, email) : `${cell(row, last)}, ${cell(row, first)}`;
    if (!key.replace(/[, ]/g, '')) continue; // 'Overall average'
    if (status >= 0 && cell(row, status) !== 'Finished') continue;
    if (byKey.has(key))
      throw new AnalyzeError(
        `duplicate student ${key}; expected one finished attempt per student`,
        grades.name,
        row.line,
      );
    byKey.set(key, row);
  }
  for (const s of joined.students) {
    const row = byKey.get(s.key);
    if (!row)
      throw new AnalyzeError(
        `student ${s.key} (${joined.file} line ${s.line}) has no finished attempt here; expected the Grades download of the same quiz`,
        grades.name,
      );
    for (const a of s.answers) {
      const c = qcols.get(a.question)!;
      const f = mark(cell(row, c.i), c.max, grades.name, row.line, `'${h[c.i]}'`);
      a.lmsMark = f === null ? 0 : snapFraction(f, 0.005 / c.max);
    }
  }
}

function joinCanvas(table: ResultsTable): JoinedResults {
  const { index, file, header, rows, warnings } = table;
  const h = header.cells;
  const name = h.indexOf('name');
  const id = h.indexOf('id');
  const sis = h.indexOf('sis_id');
  const score = h.indexOf('score');
  const pairs = canvasColumns(file, header);
  const slotQuestions = new Map<number, number[]>();
  for (const q of index.questions)
    slotQuestions.set(q.slot, [...(slotQuestions.get(q.slot) ?? []), q.number]);
  const colItem = canvasColumnItems(table, pairs, slotQuestions);
  const students: StudentRecord[] = [];
  for (const row of rows) {
    const key = cell(row, id) || cell(row, sis) || cell(row, name);
    if (!key)
      throw new AnalyzeError(
        "no student id or name; expected the 'id' column filled",
        file,
        row.line,
      );
    const answers = canvasAnswers(table, row, key, pairs, colItem, slotQuestions);
    students.push({
      key,
      name: cell(row, name) || key,
      line: row.line,
      answers,
      lmsTotal: score >= 0 && cell(row, score) !== '' ? Number(cell(row, score)) : null,
    });
  }
  if (!students.length)
    throw new AnalyzeError('no student rows; expected at least one submitted attempt', file);
  checkDuplicates(students, file, 'download the Student Analysis without older attempts');
  return { lms: 'canvas', file, encoding: 'utf-8', students, skipped: [], warnings };
}

/** The question columns of a Canvas Student Analysis: '<id>: <text>' then its points possible. */
function canvasColumns(file: string, header: CsvRow): CanvasColumn[] {
  const h = header.cells;
  const end = h.indexOf('n correct');
  const pairs: CanvasColumn[] = [];
  for (let i = 0; i < end; i++) {
    const m = /^(\d+): ([\s\S]*)$/.exec(h[i]!);
    if (!m) continue;
    const possible = Number(h[i + 1]);
    if (!Number.isFinite(possible))
      throw new AnalyzeError(
        `column ${i + 2} after '${h[i]!.slice(0, 40)}' is '${h[i + 1]}'; expected its points possible (e.g. 1.0)`,
        file,
        header.line,
      );
    pairs.push({ col: i, qid: m[1]!, text: m[2]!, possible });
    i++;
  }
  if (!pairs.length)
    throw new AnalyzeError(`no question columns; ${LAYOUT_HINT}`, file, header.line);
  return pairs;
}

/**
 * Joins each column to a variant: the stem begins the header text; equal stems are told apart by
 * the responses in the column (each must be one of the variant's options) and by full marks.
 */
function canvasColumnItems(
  table: ResultsTable,
  pairs: readonly CanvasColumn[],
  slotQuestions: ReadonlyMap<number, readonly number[]>,
): Map<number, ExamItem> {
  const { index, file, rows, warnings } = table;
  const colItem = new Map<number, ExamItem>();
  const pending: { p: CanvasColumn; items: ExamItem[] }[] = [];
  for (const p of pairs) {
    let items = matchQuestionText(p.text, index.items, false);
    if (items.length > 1) {
      const answered = rows
        .map((r) => ({ text: r.cells[p.col] ?? '', pts: r.cells[p.col + 1] ?? '' }))
        .filter((x) => x.text.trim() !== '');
      items = fitResponses(items, p, answered);
      if (items.length > 1 && items.every((it) => sameQuestion(it.variant, items[0]!.variant)))
        items = [items[0]!];
      const alike = firstIfAlike(table, p, items, answered);
      if (alike) items = [alike];
      if (items.length > 1 && !answered.length) {
        warnings.push(
          `${file}: column '${p.qid}' matches ${items.length} variants and nobody answered it; left out`,
        );
        continue;
      }
    }
    // Variants of different slots (two templates asking the same question): settled below by
    // the slots the column's students still have room in.
    if (items.length > 1 && new Set(items.map((it) => it.slot)).size > 1) {
      pending.push({ p, items });
      continue;
    }
    if (items.length !== 1) throw columnError(table, p, items);
    colItem.set(p.col, items[0]!);
  }
  settleAcrossSlots(pending, colItem, rows, slotQuestions, (p, items) =>
    firstIfAlike(
      table,
      p,
      items,
      rows.map((r) => ({ text: r.cells[p.col] ?? '' })).filter((x) => x.text.trim() !== ''),
    ),
  );
  const left = pending[0];
  if (left) throw columnError(table, left.p, left.items);
  return colItem;
}

/** The variants by whose key every response in the column is recognized and its full or no marks agree. */
function fitResponses(
  items: ExamItem[],
  p: CanvasColumn,
  answered: readonly { text: string; pts: string }[],
): ExamItem[] {
  return items.filter((it) =>
    answered.every((x) => {
      const g = gradeResponse(it.variant, x.text, 'canvas');
      if (g.details.some((d) => d.type === 'unrecognized')) return false;
      const pts = Number(x.pts);
      if (Number.isFinite(pts) && p.possible > 0) {
        if (pts >= p.possible && g.score < 1) return false;
        if (pts <= 0 && g.score >= 1) return false;
      }
      return true;
    }),
  );
}

/**
 * Variants of one slot with the same stem (a statement bank's "Which statement … is true?")
 * that a column's few responses cannot tell apart, each response graded alike by all of them
 * (score and misconceptions): a small class's analysis is the same whichever is meant, so the
 * first is taken, and the report says so. Undefined when they cannot be told apart otherwise.
 */
function firstIfAlike(
  { file, warnings }: ResultsTable,
  p: CanvasColumn,
  items: readonly ExamItem[],
  answered: readonly { text: string }[],
): ExamItem | undefined {
  const [first, ...others] = items;
  if (!first || !others.length) return first;
  if (!answered.length || !gradeAlike(first, others, answered)) return undefined;
  warnings.push(
    `${file}: column '${p.qid}' fits ${items.length} variants of slot ${first.slot + 1} (${items.map((i) => i.id).join(', ')}) that its ${answered.length} response(s) grade alike; counted as ${first.id}`,
  );
  return first;
}

function columnError(
  { index, file, header }: ResultsTable,
  p: CanvasColumn,
  items: readonly ExamItem[],
): AnalyzeError {
  return new AnalyzeError(
    items.length
      ? `column '${p.qid}: ${p.text.slice(0, 50)}…' matches ${items.length} variants (${items.map((i) => i.id).join(', ')}); expected exactly one`
      : `column '${p.qid}: ${p.text.slice(0, 60)}${p.text.length > 60 ? '…' : ''}' matches no question of the exam '${index.exam.title}' — is this the right exam?`,
    file,
    header.line,
  );
}

/** One student's answers, in question order: each slot's drawn columns take its question numbers. */
function canvasAnswers(
  { index, file }: ResultsTable,
  row: CsvRow,
  key: string,
  pairs: readonly CanvasColumn[],
  colItem: ReadonlyMap<number, ExamItem>,
  slotQuestions: ReadonlyMap<number, readonly number[]>,
): JoinedAnswer[] {
  const bySlot = new Map<number, JoinedAnswer[]>();
  for (const p of pairs) {
    const item = colItem.get(p.col);
    const pts = (row.cells[p.col + 1] ?? '').trim();
    if (!item || pts === '') continue; // not drawn
    const text = row.cells[p.col] ?? '';
    const list = bySlot.get(item.slot) ?? [];
    list.push({
      question: 0,
      item,
      text: text.trim() === '' ? null : text,
      lmsMark: mark(pts, p.possible, file, row.line, `points of column '${p.qid}'`),
    });
    bySlot.set(item.slot, list);
  }
  const answers: JoinedAnswer[] = [];
  for (const [slot, numbers] of slotQuestions) {
    const list = bySlot.get(slot) ?? [];
    if (list.length !== numbers.length)
      throw new AnalyzeError(
        `student ${key} has ${list.length} answered question(s) from slot ${slot + 1} ('${index.questions.find((q) => q.slot === slot)?.slotName}'); expected ${numbers.length}`,
        file,
        row.line,
      );
    list.forEach((a, k) => answers.push({ ...a, question: numbers[k]! }));
  }
  answers.sort((a, b) => a.question - b.question);
  return answers;
}

/** A question column of a Canvas Student Analysis: `<qid>: <text>`, then its points possible. */
interface CanvasColumn {
  col: number;
  qid: string;
  text: string;
  possible: number;
}

/**
 * Settles columns whose variants belong to several slots. A student answers each slot's count of
 * questions, so a column can only be of a slot that every student who answered it still has room
 * in, given the columns already joined; each settled column makes room scarcer for the rest, so
 * passes repeat while one settles. Within the one slot left, `pick` chooses among its variants
 * (undefined: it cannot). What cannot be settled stays in `pending`.
 */
function settleAcrossSlots(
  pending: { p: CanvasColumn; items: ExamItem[] }[],
  colItem: Map<number, ExamItem>,
  rows: readonly CsvRow[],
  slotQuestions: ReadonlyMap<number, readonly number[]>,
  pick: (p: CanvasColumn, items: ExamItem[]) => ExamItem | undefined,
): void {
  const drew = (r: CsvRow, col: number) => (r.cells[col + 1] ?? '').trim() !== '';
  const taken = (r: CsvRow, slot: number) => {
    let n = 0;
    for (const [col, item] of colItem) if (item.slot === slot && drew(r, col)) n++;
    return n;
  };
  for (let settled = true; settled && pending.length;) {
    settled = false;
    for (const entry of [...pending]) {
      const answering = rows.filter((r) => drew(r, entry.p.col));
      const viable = entry.items.filter((it) =>
        answering.every((r) => taken(r, it.slot) < (slotQuestions.get(it.slot)?.length ?? 0)),
      );
      if (new Set(viable.map((it) => it.slot)).size !== 1) continue;
      const item = pick(entry.p, viable);
      if (!item) continue;
      colItem.set(entry.p.col, item);
      pending.splice(pending.indexOf(entry), 1);
      settled = true;
    }
  }
}

/** Whether variants of one slot grade every response alike: the same score and misconceptions. */
function gradeAlike(
  first: ExamItem,
  others: readonly ExamItem[],
  responses: readonly { text: string }[],
): boolean {
  if (others.some((it) => it.slot !== first.slot)) return false;
  return responses.every((x) => {
    const g = gradeResponse(first.variant, x.text, 'canvas');
    return others.every((it) => {
      const h = gradeResponse(it.variant, x.text, 'canvas');
      return h.score === g.score && h.misconceptions.join('\n') === g.misconceptions.join('\n');
    });
  });
}

/** Same stem, answer and options: the same question to a student, whatever the parameters. */
function sameQuestion(a: Variant, b: Variant): boolean {
  return (
    a.kind === b.kind &&
    a.stem === b.stem &&
    JSON.stringify(a.answer) === JSON.stringify(b.answer) &&
    JSON.stringify(a.choices) === JSON.stringify(b.choices)
  );
}
