import { XMLParser } from 'fast-xml-parser';
import { importerXmlOptions } from '@dlexam/types/testing';
import type { ScriptedResponse } from './responses.js';

/**
 * Scores responses the way Moodle 4.5 does, reading only the exported Moodle XML. Written from
 * Moodle's source (moodle/moodle, paths as in 4.5; under `public/` from 5.1):
 *
 * - numerical — `question/type/numerical/question.php`: `grade_response` takes the fraction of the
 *   first answer whose interval holds the value (`get_matching_answer`), none → 0;
 *   `qtype_numerical_answer::get_tolerance_interval` (nominal, type 2) widens ±tolerance by
 *   10^−precision · max(1, |answer|), precision = PHP's `precision` ini (14); the typed text is read
 *   by `qtype_numerical_answer_processor` (`question/type/numerical/questiontype.php`), which takes
 *   `e`/`E` and `×10^`, `x10^`, `*10^` exponents.
 * - multichoice — `question/type/multichoice/question.php`: single: the chosen answer's fraction;
 *   multi (`qtype_multichoice_multi_question::grade_response`): the sum of the ticked answers'
 *   fractions, clamped to [0, 1].
 * - match — `question/type/match/question.php` `grade_response`: right stems / stems.
 * - shortanswer — `question/type/shortanswer/question.php` `compare_string_with_wildcard`: trimmed,
 *   `*` wildcard, case-insensitive unless `usecase`.
 * - multianswer (Cloze) — `question/type/multianswer/question.php` `grade_response`: Σ weight ·
 *   part fraction / Σ weight; parts extracted by `qtype_multianswer_extract_question`
 *   (`question/type/multianswer/questiontype.php`); each NUMERICAL part grades as numerical, each
 *   MULTICHOICE part by the chosen alternative's `%n%`/`=` grade.
 */

export interface MoodleGrade {
  /** Fraction of the question's mark, 0–1. */
  score: number;
  /** Numerical: the text of the answer that matched (null when none did). */
  matched?: string | null;
}

type X = Record<string, unknown>;

const parser = new XMLParser(
  importerXmlOptions('@_', (name) => ['question', 'answer', 'subquestion'].includes(name)),
);

const textOf = (el: unknown): string => {
  if (el === undefined || el === null) return '';
  if (typeof el === 'string') return el.trim();
  const t = (el as X).text ?? (el as X)['#text'];
  if (t === undefined || t === null) return '';
  if (typeof t === 'string') return t.trim();
  return String((t as X)['#text'] ?? '').trim();
};

/** A question as Moodle's importer stores it (the parts grading needs). */
export type MoodleQuestion =
  | { type: 'numerical'; answers: NumericAnswerRow[] }
  | { type: 'multichoice'; single: boolean; fractions: number[] }
  | { type: 'matching'; stems: { answer: string }[] }
  | { type: 'shortanswer'; usecase: boolean; answers: { text: string; fraction: number }[] }
  | { type: 'cloze'; parts: ClozePart[] };

interface NumericAnswerRow {
  answer: string;
  tolerance: number;
  fraction: number;
}

type ClozePart =
  | { type: 'numerical'; weight: number; answers: NumericAnswerRow[] }
  | { type: 'multichoice'; weight: number; fractions: number[] };

/** Reads every question of a Moodle XML document, keyed by idnumber. */
export function readMoodleQuiz(xml: string): Map<string, MoodleQuestion> {
  const doc = parser.parse(xml) as { quiz?: { question?: X[] } };
  const out = new Map<string, MoodleQuestion>();
  for (const q of doc.quiz?.question ?? []) {
    const type = q['@_type'] as string;
    if (type === 'category') continue;
    const idnumber = String(q.idnumber ?? '').trim();
    const answers = (q.answer ?? []) as X[];
    const fraction = (a: X) => Number(a['@_fraction']) / 100;
    let parsed: MoodleQuestion;
    if (type === 'numerical') {
      parsed = {
        type,
        answers: answers.map((a) => ({
          answer: textOf(a),
          tolerance: Number(String(a.tolerance ?? '0').trim()),
          fraction: fraction(a),
        })),
      };
    } else if (type === 'multichoice') {
      parsed = {
        type,
        single: String(q.single ?? 'true').trim() !== 'false',
        fractions: answers.map(fraction),
      };
    } else if (type === 'matching') {
      const subs = (q.subquestion ?? []) as X[];
      parsed = {
        type,
        stems: subs
          .filter((s) => textOf(s) !== '')
          .map((s) => ({ answer: textOf((s.answer as X[] | undefined)?.[0]) })),
      };
    } else if (type === 'shortanswer') {
      parsed = {
        type,
        usecase: String(q.usecase ?? '0').trim() === '1',
        answers: answers.map((a) => ({ text: textOf(a), fraction: fraction(a) })),
      };
    } else if (type === 'cloze') {
      parsed = { type, parts: clozeParts(textOf(q.questiontext)) };
    } else throw new Error(`unsupported Moodle question type ${type}`);
    out.set(idnumber, parsed);
  }
  return out;
}

/**
 * The embedded answers of a Cloze text, with the shape of Moodle's ANSWER_REGEX:
 * `{weight:TYPE:alt~alt}`, an alternative `=text#fb` or `%n%text#fb`, a numerical one `value:tol`.
 */
function clozeParts(questionText: string): ClozePart[] {
  const parts: ClozePart[] = [];
  const re = /\{([0-9]*):(NUMERICAL|NM|MULTICHOICE|MC):((?:[^}\\]|\\.)*)\}/g;
  for (const m of questionText.matchAll(re)) {
    const weight = m[1] === '' ? 1 : Number(m[1]);
    const alternatives = (m[3] as string).split('~').map((alt) => {
      const g = /^(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?([^#]*)(?:#(.*))?$/s.exec(alt);
      if (!g) throw new Error(`unreadable Cloze alternative ${alt}`);
      const fraction = g[1] === '=' ? 1 : g[2] !== undefined ? Number(g[2]) / 100 : 0;
      return { fraction, text: g[3] as string };
    });
    if (m[2] === 'NUMERICAL' || m[2] === 'NM') {
      parts.push({
        type: 'numerical',
        weight,
        answers: alternatives.map((a) => {
          const [answer = '', tol = '0'] = a.text.split(':');
          return { answer: answer.trim(), tolerance: Number(tol), fraction: a.fraction };
        }),
      });
    } else {
      parts.push({
        type: 'multichoice',
        weight,
        fractions: alternatives.map((a) => a.fraction),
      });
    }
  }
  return parts;
}

/** `qtype_numerical_answer_processor`'s reading of a typed number (null when it is none). */
export function moodleNumber(typed: string): number | null {
  const m = /^\s*([+-]?[,\d]*)(?:\.(\d*))?(?:(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+))?\s*$/.exec(
    typed,
  );
  if (!m || (m[1]!.replace(/[+-]/, '') === '' && !m[2])) return null;
  const mantissa = `${m[1]!.replace(/,/g, '')}${m[2] !== undefined ? `.${m[2]}` : ''}`;
  const value = Number(`${mantissa}${m[3] !== undefined ? `e${m[3]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

function matchNumeric(answers: NumericAnswerRow[], typed: string): MoodleGrade {
  const x = moodleNumber(typed);
  if (x === null) return { score: 0, matched: null };
  for (const a of answers) {
    const value = Number(a.answer);
    const tol = Math.abs(a.tolerance) + 1e-14 * Math.max(1, Math.abs(value));
    if (value - tol <= x && x <= value + tol) return { score: a.fraction, matched: a.answer };
  }
  return { score: 0, matched: null };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Moodle's grade of one scripted response to one exported question. */
export function moodleGrade(q: MoodleQuestion, r: ScriptedResponse): MoodleGrade {
  switch (q.type) {
    case 'numerical':
      if (r.kind !== 'numeric') throw new Error('numerical question, non-numeric response');
      return matchNumeric(q.answers, r.value);
    case 'multichoice': {
      if (r.kind === 'single') return { score: clamp01(q.fractions[r.choice] ?? 0) };
      if (r.kind !== 'multiple') throw new Error('multichoice question, wrong response kind');
      return { score: clamp01(r.choices.reduce((s, i) => s + (q.fractions[i] ?? 0), 0)) };
    }
    case 'matching': {
      if (r.kind !== 'matching') throw new Error('matching question, wrong response kind');
      const right = q.stems.filter((s, i) => r.answers[i] === s.answer).length;
      return { score: q.stems.length ? right / q.stems.length : 0 };
    }
    case 'shortanswer': {
      if (r.kind !== 'short') throw new Error('short-answer question, wrong response kind');
      const typed = r.text.trim();
      for (const a of q.answers) {
        const pattern = a.text
          .split(/(?<!\\)\*/)
          .map((p) => p.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*');
        if (new RegExp(`^${pattern}$`, q.usecase ? 'u' : 'iu').test(typed))
          return { score: a.fraction };
      }
      return { score: 0 };
    }
    case 'cloze': {
      if (r.kind !== 'table') throw new Error('Cloze question, non-table response');
      const blanks = r.blanks;
      if (blanks.length !== q.parts.length)
        throw new Error(`Cloze has ${q.parts.length} parts, the response ${blanks.length} blanks`);
      let total = 0;
      let earned = 0;
      q.parts.forEach((part, i) => {
        const given = blanks[i];
        total += part.weight;
        if (part.type === 'numerical')
          earned += part.weight * clamp01(matchNumeric(part.answers, String(given)).score);
        else earned += part.weight * clamp01(part.fractions[Number(given)] ?? 0);
      });
      return { score: total ? earned / total : 0 };
    }
  }
}
