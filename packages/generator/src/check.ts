import type { Choice, MultipleScoring, NumericAnswer, Variant } from '@dlexam/types';
import { gradeNumeric, scoreMultiple } from './grading.js';

/**
 * Grading a student's response against a variant, for practice apps: instant checking with the
 * feedback of the misconception a wrong answer matches. Pure and deterministic.
 */
export type Response =
  | { kind: 'numeric'; value: string }
  | { kind: 'single'; choice: number }
  | { kind: 'multiple'; choices: number[] }
  | { kind: 'matching'; answers: string[] }
  | { kind: 'short'; text: string }
  | { kind: 'table'; cells: (string | number | null)[][] };

export interface CheckResult {
  correct: boolean;
  /** Fraction of the points earned, 0–1 (partial credit for tables and select-all). */
  score: number;
  /** What to tell the student: the misconception's feedback on a recognised mistake. */
  feedback: string;
  misconception?: string;
  /** For tables: which blanks were right, row by row (null for text cells). */
  cells?: (boolean | null)[][];
}

/** How a response is scored where the grading model offers a choice (see `grading.ts`). */
export interface CheckOptions {
  /** Scoring of multiple-answer questions. Default `right-minus-wrong`. */
  multiple?: MultipleScoring;
}

/**
 * Parses a typed number: accepts `-0.12`, `4.07e17` and `4.07 × 10^17` (`x`, `*` too); `1,5` is
 * refused. Scientific forms are read as one decimal literal, so `4.07 × 10^17` is exactly
 * 407000000000000000, not 4.07 · 10¹⁷ with float residue.
 */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(/\s+/g, '').replace(/−/g, '-');
  const sci = /^([-+]?\d*\.?\d+)(?:[×x*]10\^?\(?([-+]?\d+)\)?)$/.exec(s);
  if (sci) return Number(`${sci[1]}e${sci[2]}`);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

/** Whether `x` lies in the answer's accepted interval (exact decimals, edges included). */
export function withinTolerance(a: NumericAnswer, x: number): boolean {
  return gradeNumeric(a, x).correct;
}

function numericFeedback(a: NumericAnswer, x: number, choices: Choice[]): CheckResult {
  const graded = gradeNumeric(a, x, choices);
  if (graded.correct) return { correct: true, score: 1, feedback: 'Correct.' };
  // A wrong value matches a modelled mistake when it lies in that mistake's band: its value rounded
  // as the stem asks, ± half a unit (the same bands the Moodle export writes as answers).
  const near = graded.band?.choice;
  if (near) {
    const r: CheckResult = { correct: false, score: 0, feedback: near.feedback };
    if (near.misconception) r.misconception = near.misconception;
    return r;
  }
  return {
    correct: false,
    score: 0,
    feedback: 'Not correct. Compare your steps with the worked solution.',
  };
}

function choiceResult(c: Choice | undefined): CheckResult {
  if (!c) return { correct: false, score: 0, feedback: 'Choose one of the options.' };
  const r: CheckResult = { correct: c.correct, score: c.correct ? 1 : 0, feedback: c.feedback };
  if (c.misconception) r.misconception = c.misconception;
  return r;
}

const normalise = (s: string, caseSensitive: boolean) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLowerCase();
};

export function checkResponse(
  v: Variant,
  response: Response,
  options: CheckOptions = {},
): CheckResult {
  const a = v.answer;
  if (response.kind !== a.kind)
    return { correct: false, score: 0, feedback: `Expected a ${a.kind} answer.` };
  switch (a.kind) {
    case 'numeric': {
      const x = parseNumber((response as { value: string }).value);
      if (x === null)
        return {
          correct: false,
          score: 0,
          feedback: 'Enter a number such as 12, -0.25 or 4.07e17.',
        };
      return numericFeedback(a.numeric, x, v.choices);
    }
    case 'single':
      return choiceResult(v.choices[(response as { choice: number }).choice]);
    case 'multiple': {
      const picked = new Set(
        (response as { choices: number[] }).choices.filter(
          (i) => Number.isInteger(i) && i >= 0 && i < v.choices.length,
        ),
      );
      const right = new Set(a.correct);
      const wrongPicks = [...picked].filter((i) => !right.has(i));
      const missed = a.correct.filter((i) => !picked.has(i));
      if (!wrongPicks.length && !missed.length)
        return { correct: true, score: 1, feedback: 'Correct.' };
      const first = wrongPicks.length
        ? v.choices[wrongPicks[0] as number]
        : v.choices[missed[0] as number];
      const score = scoreMultiple(a.correct, [...picked], options.multiple);
      const r: CheckResult = {
        correct: false,
        score,
        feedback: wrongPicks.length
          ? `“${first?.plain}” is not true: ${first?.feedback}`
          : `You missed a true statement: “${first?.plain}” — ${first?.feedback}`,
      };
      if (wrongPicks.length && first?.misconception) r.misconception = first.misconception;
      return r;
    }
    case 'matching': {
      const answers = (response as { answers: string[] }).answers;
      const right = a.pairs.filter((p, i) => answers[i] === p.answer).length;
      const wrongIndex = a.pairs.findIndex((p, i) => answers[i] !== p.answer);
      return right === a.pairs.length
        ? { correct: true, score: 1, feedback: 'Correct.' }
        : {
            correct: false,
            score: right / a.pairs.length,
            feedback: `${right} of ${a.pairs.length} matched. “${a.pairs[wrongIndex]?.promptPlain}” goes with “${a.pairs[wrongIndex]?.answerPlain}”.`,
          };
    }
    case 'short': {
      const t = normalise((response as { text: string }).text, a.caseSensitive);
      const ok = a.accepted.some((x) => normalise(x, a.caseSensitive) === t);
      return ok
        ? { correct: true, score: 1, feedback: 'Correct.' }
        : {
            correct: false,
            score: 0,
            feedback: `Expected ${a.accepted.map((x) => `“${x}”`).join(' or ')}.`,
          };
    }
    case 'table': {
      const cells = (response as { cells: (string | number | null)[][] }).cells;
      let blanks = 0;
      let right = 0;
      const marks = a.rows.map((row, i) =>
        row.map((c, j) => {
          if (c.type === 'text') return null;
          blanks++;
          const given = cells[i]?.[j];
          let ok = false;
          if (c.type === 'numeric') {
            const x = typeof given === 'number' ? given : given == null ? null : parseNumber(given);
            ok = x !== null && withinTolerance(c.answer, x);
          } else ok = Number(given) === c.correct;
          if (ok) right++;
          return ok;
        }),
      );
      return {
        correct: right === blanks,
        score: blanks ? right / blanks : 0,
        feedback:
          right === blanks
            ? 'Correct.'
            : `${right} of ${blanks} cells are right; the wrong ones are marked.`,
        cells: marks,
      };
    }
  }
}
