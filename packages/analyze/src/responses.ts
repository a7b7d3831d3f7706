import { checkResponse, parseNumber, type CheckResult, type Response } from '@dlexam/generator';
import type { Answer, MultipleScoring, Variant } from '@dlexam/types';
import { normalizeText } from './text.js';

/** Which LMS wrote a response text: the two join multi-part answers differently. */
export type Lms = 'moodle' | 'canvas';

/** One wrong part of a response, for the option/misconception tables. */
export type ErrorDetail =
  | { type: 'option'; index: number; misconception?: string }
  | { type: 'missed'; index: number }
  | { type: 'value'; value: string; misconception?: string; choice?: number }
  | { type: 'pair'; prompt: number; given: string | null; swappedWith?: number }
  | { type: 'cell'; row: number; col: number; given: string | null; expected: string }
  | { type: 'unrecognized'; text: string };

export type Outcome = 'correct' | 'partly' | 'wrong' | 'blank';

export interface GradedResponse {
  outcome: Outcome;
  /** Fraction of the points by dlexam's grading model (`checkResponse`). */
  score: number;
  /** Misconception tags the response matches (a wrong option's tag; a modelled wrong value's). */
  misconceptions: string[];
  details: ErrorDetail[];
  /** Options picked (single/multiple; numeric: the modelled values it matched). */
  picks: number[];
  /** Caveats: `canvas-dropped-blanks` (fewer values than blanks; they were placed in order). */
  notes?: string[];
}

const BLANK: GradedResponse = {
  outcome: 'blank',
  score: 0,
  misconceptions: [],
  details: [],
  picks: [],
};

/** Splits `a; b; c` into known pieces (a piece may itself hold the separator): every way tried. */
function splitKnown(text: string, pieces: string[], sep: string): number[] | null {
  const go = (pos: number, used: number[]): number[] | null => {
    if (pos === text.length) return used;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] as string;
      if (!p || used.includes(i) || !text.startsWith(p, pos)) continue;
      const end = pos + p.length;
      if (end === text.length) return [...used, i];
      if (text.startsWith(sep, end)) {
        const r = go(end + sep.length, [...used, i]);
        if (r) return r;
      }
    }
    return null;
  };
  return go(0, []);
}

/** Splits on a separator that the LMS escapes with a backslash inside texts (Canvas). */
function splitEscaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i++;
    } else if (text.startsWith(sep, i)) {
      out.push(cur);
      cur = '';
      i += sep.length - 1;
    } else cur += text[i];
  }
  out.push(cur);
  return out;
}

function choiceIndex(v: Variant, text: string): number {
  const t = normalizeText(text);
  return v.choices.findIndex((c) => normalizeText(c.text) === t || normalizeText(c.plain) === t);
}

/** A cell text as dlexam's `Response`, or null when blank; `unrecognized` lists what matched nothing. */
export function interpretResponse(
  v: Variant,
  text: string | null,
  lms: Lms,
): { response: Response | null; unrecognized: string[]; notes: string[] } {
  const unrecognized: string[] = [];
  const notes: string[] = [];
  if (text === null || text.trim() === '' || (lms === 'moodle' && text.trim() === '-'))
    return { response: null, unrecognized, notes };
  const a = v.answer;
  switch (a.kind) {
    case 'numeric':
      return {
        response: { kind: 'numeric', value: numberAsTyped(text, a.numeric.unit) },
        unrecognized,
        notes,
      };
    case 'short':
      return { response: { kind: 'short', text }, unrecognized, notes };
    case 'single': {
      const i = choiceIndex(v, text);
      if (i < 0) unrecognized.push(text);
      return { response: { kind: 'single', choice: i }, unrecognized, notes };
    }
    case 'multiple':
      return { response: multipleResponse(v, text, lms, unrecognized), unrecognized, notes };
    case 'matching':
      return { response: matchingResponse(a, text, lms, unrecognized), unrecognized, notes };
    case 'table':
      return { response: tableResponse(a, text, lms, unrecognized, notes), unrecognized, notes };
  }
}

/** The options a multiple-answer cell names (Moodle: `a; b`, Canvas: `a,b` with `\,` escaped). */
function multipleResponse(v: Variant, text: string, lms: Lms, unrecognized: string[]): Response {
  let picks: number[] = [];
  if (lms === 'moodle') {
    const norm = v.choices.map((c) => normalizeText(c.text));
    const plain = v.choices.map((c) => normalizeText(c.plain));
    const t = normalizeText(text);
    const r = splitKnown(t, norm, '; ') ?? splitKnown(t, plain, '; ');
    if (r) picks = r;
    else unrecognized.push(text);
  } else
    for (const part of splitEscaped(text, ',')) {
      const i = choiceIndex(v, part);
      if (i >= 0) picks.push(i);
      else unrecognized.push(part);
    }
  return { kind: 'multiple', choices: [...new Set(picks)].sort((x, y) => x - y) };
}

/** The answer a matching cell gives each prompt (Moodle: `prompt -> answer; …`, Canvas: `prompt=>answer,…`). */
function matchingResponse(
  a: Extract<Answer, { kind: 'matching' }>,
  text: string,
  lms: Lms,
  unrecognized: string[],
): Response {
  const prompts = a.pairs.map((p) => [normalizeText(p.prompt), normalizeText(p.promptPlain)]);
  const options = [
    ...a.pairs.map((p) => ({
      rich: p.answer,
      forms: [normalizeText(p.answer), normalizeText(p.answerPlain)],
    })),
    ...a.distractors.map((d) => ({
      rich: d.text,
      forms: [normalizeText(d.text), normalizeText(d.plain)],
    })),
  ];
  const answers: string[] = a.pairs.map(() => '');
  const find = (s: string) => options.find((o) => o.forms.includes(normalizeText(s)));
  if (lms === 'moodle') {
    // `prompt -> answer; prompt -> answer` in shuffled order; texts may hold `; ` or ` -> `.
    const t = normalizeText(text);
    const pieces: string[] = [];
    const meaning: [number, number][] = [];
    prompts.forEach((pf, i) =>
      options.forEach((o, j) => {
        for (const f of new Set([`${pf[0]} -> ${o.forms[0]}`, `${pf[1]} -> ${o.forms[1]}`])) {
          pieces.push(f);
          meaning.push([i, j]);
        }
      }),
    );
    const r = splitKnown(t, pieces, '; ');
    if (!r) unrecognized.push(text);
    else
      for (const k of r) {
        const [i, j] = meaning[k] as [number, number];
        answers[i] = options[j]!.rich;
      }
  } else
    for (const part of splitEscaped(text.replace(/\\=>/g, '\u0000'), ',')) {
      const [left = '', right = ''] = part.split('=>').map((s) => s.replace(/\u0000/g, '=>'));
      const i = prompts.findIndex((pf) => pf.includes(normalizeText(left)));
      if (i < 0) {
        unrecognized.push(part);
        continue;
      }
      if (!right.trim()) continue;
      const o = find(right);
      if (o) answers[i] = o.rich;
      else unrecognized.push(part);
    }
  return { kind: 'matching', answers };
}

/** The values a cloze-table cell gives its blanks (Moodle: `part N: value; …`, Canvas: in order); null when all are blank. */
function tableResponse(
  a: Extract<Answer, { kind: 'table' }>,
  text: string,
  lms: Lms,
  unrecognized: string[],
  notes: string[],
): Response | null {
  const blanks: [number, number][] = [];
  a.rows.forEach((row, i) => row.forEach((c, j) => c.type !== 'text' && blanks.push([i, j])));
  const cells: (string | number | null)[][] = a.rows.map((row) => row.map(() => null));
  let values: string[];
  if (lms === 'moodle') {
    values = blanks.map(() => '');
    const re = /(?:^|;\s*)part (\d+):\s?/g;
    const marks: { n: number; start: number; end: number }[] = [];
    for (let m = re.exec(text); m; m = re.exec(text))
      marks.push({ n: Number(m[1]), start: m.index, end: m.index + m[0].length });
    if (!marks.length) unrecognized.push(text);
    marks.forEach((m, k) => {
      const value = text.slice(m.end, k + 1 < marks.length ? marks[k + 1]!.start : text.length);
      if (m.n >= 1 && m.n <= values.length) values[m.n - 1] = value.trim();
      else unrecognized.push(`part ${m.n}: ${value}`);
    });
  } else {
    values = splitEscaped(text, ',');
    // Canvas drops empty blanks, so after a gap the values shift: say so rather than guess.
    if (values.length < blanks.length) notes.push('canvas-dropped-blanks');
  }
  blanks.forEach(([i, j], k) => {
    const value = values[k]?.trim() ?? '';
    if (!value) return;
    const cell = a.rows[i]![j]!;
    if (cell.type === 'choice') {
      const o = cell.options.findIndex((x) =>
        [normalizeText(x.text), normalizeText(x.plain)].includes(normalizeText(value)),
      );
      if (o < 0) unrecognized.push(value);
      cells[i]![j] = o < 0 ? -1 : o;
    } else cells[i]![j] = value;
  });
  if (blanks.every(([i, j]) => cells[i]![j] === null)) return null;
  return { kind: 'table', cells };
}

/**
 * The modelled wrong value a typed number stands for, at the precision the stem asks: within half a
 * unit of the last asked decimal, or of the last significant figure of that value (a relative
 * interval: `checkResponse` measures in the answer's units, which misses a distractor of another
 * magnitude), or within the answer's tolerance as `checkResponse` allows. Every match, in option order.
 */
export function modelledValues(v: Variant, typed: string): number[] {
  if (v.answer.kind !== 'numeric') return [];
  const n = v.answer.numeric;
  const x = parseNumber(typed);
  if (x === null) return [];
  const unit = n.sigFigs ? n.tolerance : 0.5 * 10 ** -n.decimals;
  return v.choices.flatMap((c, i) => {
    if (c.correct || c.value === undefined || !c.misconception) return [];
    const half = n.sigFigs
      ? 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(c.value) || 1)) - n.sigFigs + 1)
      : 0.5 * 10 ** -n.decimals;
    const near = Math.max(half, unit, n.tolerance) * (1 + 1e-9) + 1e-12;
    return Math.abs(x - c.value) <= near ? [i] : [];
  });
}

/**
 * A typed number as `parseNumber` reads it: the variant's unit (or `%`) after it dropped, and a
 * decimal comma read as a point when it cannot be a thousands separator (`0,429`, `7,5`; not
 * `1,500`, which stays unreadable and so wrong).
 */
export function numberAsTyped(text: string, unit?: string): string {
  let t = text.trim();
  if (unit && t.endsWith(unit)) t = t.slice(0, -unit.length).trim();
  if (/^[-+−]?\d+,\d+$/.test(t) && !/^[-+−]?[1-9]\d{0,2},\d{3}$/.test(t)) t = t.replace(',', '.');
  return t;
}

function outcomeOf(score: number): Outcome {
  return score >= 1 - 1e-9 ? 'correct' : score > 1e-9 ? 'partly' : 'wrong';
}

/**
 * Grades a response with dlexam's grading model (`checkResponse`: 1 correct, between partly, 0
 * wrong) and names what a wrong one matches: the picked option's misconception tag, the modelled
 * wrong value a number lies near (at the asked precision), the wrong pairs and cells.
 */
export function gradeResponse(
  v: Variant,
  text: string | null,
  lms: Lms,
  grading?: MultipleScoring,
): GradedResponse {
  const { response, unrecognized, notes } = interpretResponse(v, text, lms);
  if (!response) return BLANK;
  // The slot's multiple-answer rule (the exam JSON records it; right-minus-wrong by default).
  const r = checkResponse(v, response, grading ? { multiple: grading } : {});
  const score = Math.min(1, Math.max(0, r.score));
  const out: GradedResponse = {
    outcome: outcomeOf(score),
    score,
    misconceptions: [],
    details: [],
    picks: [],
  };
  for (const u of unrecognized) out.details.push({ type: 'unrecognized', text: u });
  if (notes.length) out.notes = notes;
  const a = v.answer;
  const tag = (t: string | undefined) => addMisconception(out, t);
  switch (response.kind) {
    case 'numeric':
      if (score >= 1) break;
      numericDetails(out, v, response.value, r.misconception);
      break;
    case 'single':
      if (response.choice >= 0) {
        out.picks.push(response.choice);
        const c = v.choices[response.choice];
        if (c && !c.correct) {
          tag(c.misconception);
          out.details.push({
            type: 'option',
            index: response.choice,
            ...(c.misconception ? { misconception: c.misconception } : {}),
          });
        }
      }
      break;
    case 'multiple': {
      out.picks.push(...response.choices);
      const right = a.kind === 'multiple' ? a.correct : [];
      for (const i of response.choices) {
        const c = v.choices[i];
        if (c && !right.includes(i)) {
          tag(c.misconception);
          out.details.push({
            type: 'option',
            index: i,
            ...(c.misconception ? { misconception: c.misconception } : {}),
          });
        }
      }
      for (const i of right)
        if (!response.choices.includes(i)) out.details.push({ type: 'missed', index: i });
      break;
    }
    case 'matching':
      if (a.kind !== 'matching') break;
      out.details.push(...pairDetails(a, response.answers));
      break;
    case 'table':
      if (a.kind !== 'table') break;
      out.details.push(...cellDetails(a, response.cells, r.cells));
      break;
    case 'short':
      break;
  }
  return out;
}

function addMisconception(out: GradedResponse, tag: string | undefined): void {
  if (tag && !out.misconceptions.includes(tag)) out.misconceptions.push(tag);
}

/**
 * A wrong number's detail: the grading model's match first, then every other modelled value the
 * number stands for at the asked precision (two mistakes can give the same rounded value: both are
 * named).
 */
function numericDetails(
  out: GradedResponse,
  v: Variant,
  value: string,
  misconception: string | undefined,
): void {
  const matched = modelledValues(v, value);
  const first = misconception
    ? v.choices.findIndex((c) => !c.correct && c.misconception === misconception)
    : -1;
  const picks = first >= 0 ? [first, ...matched.filter((i) => i !== first)] : matched;
  out.picks.push(...picks);
  for (const i of picks) addMisconception(out, v.choices[i]!.misconception);
  const m = out.misconceptions[0];
  out.details.push({
    type: 'value',
    value,
    ...(m ? { misconception: m } : {}),
    ...(picks.length ? { choice: picks[0] } : {}),
  });
}

/** The wrong pairs of a matching response, and which were swapped with another prompt's answer. */
function pairDetails(a: Extract<Answer, { kind: 'matching' }>, answers: string[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  a.pairs.forEach((p, i) => {
    const given = answers[i] || null;
    if (given === p.answer) return;
    const j = a.pairs.findIndex((q, k) => k !== i && q.answer === given && answers[k] === p.answer);
    details.push({ type: 'pair', prompt: i, given, ...(j >= 0 ? { swappedWith: j } : {}) });
  });
  return details;
}

/** The wrong cells of a table response (those `checkResponse` marked false): what was given and expected. */
function cellDetails(
  a: Extract<Answer, { kind: 'table' }>,
  given: (string | number | null)[][],
  ok: CheckResult['cells'],
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  ok?.forEach((row, i) =>
    row.forEach((right, j) => {
      if (right !== false) return;
      const cell = a.rows[i]![j]!;
      const g = given[i]?.[j];
      const expected =
        cell.type === 'numeric'
          ? String(cell.answer.value)
          : cell.type === 'choice'
            ? (cell.options[cell.correct]?.plain ?? '')
            : '';
      const text =
        g === null || g === undefined
          ? null
          : cell.type === 'choice' && typeof g === 'number'
            ? (cell.options[g]?.plain ?? String(g))
            : String(g);
      details.push({ type: 'cell', row: i, col: j, given: text, expected });
    }),
  );
  return details;
}
