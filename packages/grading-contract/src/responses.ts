import { askedUnit, numericKey, roundAsAsked, type Response } from '@dlexam/generator';
import { addDecimal, formatFixed, subtractDecimal } from '@dlexam/math';
import type { NumericAnswer, TableCell, Variant } from '@dlexam/types';

/**
 * A scripted student response: the grading model's `Response`, a label saying what the student
 * did, and where it can be typed. `moodleOnly`: a form only Moodle's number reader takes
 * (`4.07×10^17`); Canvas's numerical field coerces the text with `BigDecimal`
 * (`Quizzes::QuizQuestion::AnswerSerializers::Numerical#serialize`), which reads `4.07e17` but not
 * `×10^`. Tables carry `blanks`: each blank's typed text (numbers as the stem asks: Canvas compares
 * a fill-in blank's text) or chosen option index, in row-major order.
 */
export type ScriptedResponse = (
  | { kind: 'numeric'; value: string }
  | { kind: 'single'; choice: number }
  | { kind: 'multiple'; choices: number[] }
  | { kind: 'matching'; answers: string[] }
  | { kind: 'short'; text: string }
  | {
      kind: 'table';
      cells: (string | number | null)[][];
      /** Each blank: the typed number, or the chosen option's index (a drop-down). */
      blanks: string[];
      /** Each blank as typed text: a choice as its option's plain text (a typed blank). */
      typed: string[];
    }
) & { label: string; moodleOnly?: boolean };

/**
 * The grading model's view of a scripted response. Matching responses are scripted as the plain
 * answer texts an LMS drop-down shows; the model names answers by their rich text.
 */
export function modelResponse(r: ScriptedResponse, v: Variant): Response {
  switch (r.kind) {
    case 'numeric':
      return { kind: 'numeric', value: r.value };
    case 'single':
      return { kind: 'single', choice: r.choice };
    case 'multiple':
      return { kind: 'multiple', choices: r.choices };
    case 'matching': {
      const rich = new Map<string, string>();
      if (v.answer.kind === 'matching') {
        for (const p of v.answer.pairs) rich.set(p.answerPlain, p.answer);
        for (const d of v.answer.distractors) rich.set(d.plain, d.text);
      }
      return { kind: 'matching', answers: r.answers.map((x) => rich.get(x) ?? x) };
    }
    case 'short':
      return { kind: 'short', text: r.text };
    case 'table':
      return { kind: 'table', cells: r.cells };
  }
}

/** `x` as typed in scientific notation, `e` or `×10^` (exact: built from the decimal's digits). */
function scientific(decimal: string, style: 'e' | 'times'): string {
  const n = Number(decimal);
  if (n === 0) return style === 'e' ? '0e0' : '0×10^0';
  const [m, e] = n.toExponential().split('e') as [string, string];
  return style === 'e' ? `${m}e${Number(e)}` : `${m}×10^${Number(e)}`;
}

function numericResponses(a: NumericAnswer, wrongValues: number[]): ScriptedResponse[] {
  const key = numericKey(a);
  const unit = askedUnit(a);
  const out: ScriptedResponse[] = [
    { kind: 'numeric', value: key.value, label: 'the key, rounded as asked' },
    { kind: 'numeric', value: scientific(key.value, 'e'), label: 'the key in e notation' },
    {
      kind: 'numeric',
      value: scientific(key.value, 'times'),
      label: 'the key as ×10^',
      moodleOnly: true,
    },
    { kind: 'numeric', value: key.lower, label: 'the lower edge' },
    { kind: 'numeric', value: key.upper, label: 'the upper edge' },
    {
      kind: 'numeric',
      value: subtractDecimal(key.lower, unit),
      label: 'one unit below the interval',
    },
    { kind: 'numeric', value: addDecimal(key.upper, unit), label: 'one unit above the interval' },
  ];
  if (!a.sigFigs && a.decimals > 0)
    out.push({
      kind: 'numeric',
      value: `${formatFixed(a.value, a.decimals)}0`,
      label: 'the key with a trailing zero',
    });
  wrongValues.forEach((w, i) =>
    out.push({
      kind: 'numeric',
      value: roundAsAsked(a, w),
      label: `modelled mistake ${i + 1}, rounded as asked`,
    }),
  );
  return out;
}

/** A blank typed as the stem asks: a number to its decimals, a choice by its index. */
function typedCell(cell: TableCell, mode: 'right' | 'wrong'): string | number | null {
  if (cell.type === 'text') return null;
  if (cell.type === 'choice')
    return mode === 'right' ? cell.correct : (cell.correct + 1) % cell.options.length;
  const key = numericKey(cell.answer);
  const value = mode === 'right' ? key.value : addDecimal(key.upper, askedUnit(cell.answer));
  return formatFixed(Number(value), cell.answer.decimals);
}

function tableResponse(rows: TableCell[][], wrongAt: number, label: string): ScriptedResponse {
  let blank = 0;
  const blanks: string[] = [];
  const typed: string[] = [];
  const cells = rows.map((row) =>
    row.map((cell) => {
      if (cell.type === 'text') return null;
      const given = typedCell(cell, blank++ === wrongAt ? 'wrong' : 'right');
      blanks.push(String(given));
      typed.push(
        cell.type === 'choice' ? (cell.options[Number(given)]?.plain ?? '') : String(given),
      );
      return given;
    }),
  );
  return { kind: 'table', cells, blanks, typed, label };
}

/** Every scripted response for a variant (see the package README for the list). */
export function scriptedResponses(v: Variant): ScriptedResponse[] {
  const a = v.answer;
  switch (a.kind) {
    case 'numeric':
      return numericResponses(
        a.numeric,
        v.choices.flatMap((c) => (!c.correct && c.value !== undefined ? [c.value] : [])),
      );
    case 'single':
      return v.choices.map((_, i) => ({ kind: 'single', choice: i, label: `option ${i + 1}` }));
    case 'multiple': {
      const all = v.choices.map((_, i) => i);
      const wrong = all.filter((i) => !a.correct.includes(i));
      const out: ScriptedResponse[] = [
        { kind: 'multiple', choices: a.correct, label: 'exactly the right options' },
        { kind: 'multiple', choices: all, label: 'select all' },
        { kind: 'multiple', choices: [], label: 'select none' },
      ];
      for (const w of wrong)
        out.push({
          kind: 'multiple',
          choices: [...a.correct, w],
          label: `right plus wrong option ${w + 1}`,
        });
      for (const r of a.correct) {
        out.push({ kind: 'multiple', choices: [r], label: `right option ${r + 1} alone` });
        out.push({
          kind: 'multiple',
          choices: a.correct.filter((x) => x !== r),
          label: `right options but ${r + 1}`,
        });
      }
      if (wrong.length) out.push({ kind: 'multiple', choices: wrong, label: 'only wrong options' });
      return out;
    }
    case 'matching': {
      const right = a.pairs.map((p) => p.answerPlain);
      const out: ScriptedResponse[] = [
        { kind: 'matching', answers: right, label: 'every pair right' },
      ];
      for (let i = 0; i + 1 < right.length; i++) {
        const swapped = [...right];
        [swapped[i], swapped[i + 1]] = [right[i + 1] as string, right[i] as string];
        out.push({
          kind: 'matching',
          answers: swapped,
          label: `pairs ${i + 1} and ${i + 2} swapped`,
        });
      }
      const d = a.distractors[0];
      if (d)
        out.push({
          kind: 'matching',
          answers: [d.plain, ...right.slice(1)],
          label: 'a distractor for pair 1',
        });
      return out;
    }
    case 'short':
      return [
        ...a.accepted.map((t, i): ScriptedResponse => ({
          kind: 'short',
          text: t,
          label: `accepted answer ${i + 1}`,
        })),
        ...(a.caseSensitive
          ? []
          : [
              {
                kind: 'short',
                text: ` ${a.accepted[0]?.toUpperCase()} `,
                label: 'upper case, spaces',
              } as const,
            ]),
        { kind: 'short', text: 'no idea', label: 'a wrong answer' },
      ];
    case 'table': {
      const blanks = a.rows.flat().filter((c) => c.type !== 'text').length;
      const out = [tableResponse(a.rows, -1, 'every blank right')];
      for (let b = 0; b < blanks; b++) out.push(tableResponse(a.rows, b, `blank ${b + 1} wrong`));
      return out;
    }
  }
}
