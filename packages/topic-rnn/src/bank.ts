/**
 * Statement-bank concept questions. Each bank holds several true statements and many false ones,
 * every false one tagged with the misconception it models and a feedback sentence. A variant picks
 * the question phrasing, 1–2 true and 3–4 false statements by index, so the whole question is
 * reproducible from its parameters (and a seed question is a fixture pinning the seed's options).
 */
import {
  checkStatementBank,
  defineStatementBank,
  distinctIndices,
  indexRange,
  param,
  pickStatements,
  withStop,
  type Fixture,
  type OptionSpec,
  type Template,
} from '@dlexam/generator';
import { plainText } from './shared.js';

export interface TrueStatement {
  text: string;
  /** Plain form when the automatic TeX-to-Unicode fallback would lose a symbol (\\tilde). */
  plain?: string;
  /** Why it is true (shown as the option's feedback). */
  feedback: string;
}

export interface FalseStatement {
  text: string;
  plain?: string;
  misconception: string;
  feedback: string;
}

export interface ConceptBank {
  /** Template id suffix: `rnn.concept-<key>`. */
  key: string;
  title: string;
  objective: string;
  tags: string[];
  /** Single-choice phrasings (exactly one true option). */
  singleStems: string[];
  /** Select-all phrasings. */
  multipleStems: string[];
  truths: TrueStatement[];
  falsehoods: FalseStatement[];
  /** A short explanation closing every worked solution. */
  summary: string;
  fixtures?: Fixture<ConceptParams>[];
}

export type ConceptParams = {
  /** Question phrasing (index into the kind's phrasings). */
  phrasing: number;
  /** Indices of the true statements shown (exactly one for single choice). */
  correct: number[];
  /** Indices of the false statements shown. */
  wrong: number[];
};

/** A bank's options (feedback as plain text) and worked-solution lines, true then false. */
function writeStatements(bank: ConceptBank) {
  return {
    trueOptions: bank.truths.map((t): OptionSpec => ({
      text: t.text,
      ...(t.plain ? { plain: t.plain } : {}),
      correct: true,
      feedback: plainText(t.feedback),
    })),
    falseOptions: bank.falsehoods.map((f): OptionSpec => ({
      text: f.text,
      ...(f.plain ? { plain: f.plain } : {}),
      correct: false,
      misconception: f.misconception,
      feedback: plainText(f.feedback),
    })),
    trueLines: bank.truths.map((t) => `- ${withStop(t.text)} ${t.feedback}`),
    falseLines: bank.falsehoods.map((f) => `- ${withStop(f.text)} Wrong: ${f.feedback}`),
  };
}

/** Builds the statement-bank template of one concept. */
export function conceptTemplate(bank: ConceptBank): Template<ConceptParams> {
  const nTrue = bank.truths.length;
  const nFalse = bank.falsehoods.length;
  checkStatementBank(`concept bank ${bank.key}`, bank.truths, bank.falsehoods, {
    truths: 2,
    falsehoods: 4,
  });
  // One phrasing index serves both kinds, so every phrasing value gives a different stem.
  if (bank.singleStems.length !== bank.multipleStems.length)
    throw new Error(
      `concept bank ${bank.key}: needs as many select-all phrasings as single-choice ones`,
    );
  const phrasings = bank.singleStems.length;
  const trueIndices = indexRange(nTrue);
  const falseIndices = indexRange(nFalse);
  // Everything a variant shows of a statement is fixed: the option (feedback as plain text, as
  // the CLI and LMS exports show it) and its solution line are written once per bank, when the
  // bank is first used rather than at import (a page showing one question builds one bank's).
  let written: ReturnType<typeof writeStatements> | undefined;
  const statements = () => (written ??= writeStatements(bank));
  return defineStatementBank<ConceptParams>({
    id: `rnn.concept-${bank.key}`,
    topic: 'rnn',
    title: bank.title,
    objective: bank.objective,
    difficulty: 1,
    tags: ['concept', ...bank.tags],
    kinds: ['single', 'multiple'],
    params: {
      // Validity: indices into the bank. A pin may show up to 4 true and 6 false statements (10
      // options at most, a readable select-all question); draws show 1–2 and 3–4.
      phrasing: param.int('question phrasing', [0, phrasings - 1], {
        integer: true,
        min: 0,
        max: phrasings - 1,
      }),
      correct: param.intVector('true statements shown', [1, 2], [0, nTrue - 1], {
        integer: true,
        min: 0,
        max: nTrue - 1,
        length: [1, Math.min(nTrue, 4)],
      }),
      wrong: param.intVector('false statements shown', [3, 4], [0, nFalse - 1], {
        integer: true,
        min: 0,
        max: nFalse - 1,
        length: [3, Math.min(nFalse, 6)],
      }),
    },
    constraints: [
      {
        description: 'statements are distinct',
        check: (p) => distinctIndices(p.correct) && distinctIndices(p.wrong),
        params: ['correct', 'wrong'],
      },
    ],
    sample(rng) {
      return {
        phrasing: rng.int(0, phrasings - 1),
        // Mostly one true statement so single-choice draws are rarely rejected.
        correct: rng.sample(trueIndices, rng.bool(0.7) ? 1 : 2),
        wrong: rng.sample(falseIndices, rng.int(3, 4)),
      };
    },
    shown: (p) => {
      const { trueOptions, falseOptions } = statements();
      return pickStatements(trueOptions, p.correct, falseOptions, p.wrong);
    },
    stem: (p, ctx) => (ctx.kind === 'single' ? bank.singleStems : bank.multipleStems)[p.phrasing]!,
    solution: (_, p) => {
      const { trueLines, falseLines } = statements();
      return [
        p.correct.length === 1 ? 'The true statement:' : 'The true statements:',
        ...p.correct.map((i) => trueLines[i]!),
        '',
        'Why the others are wrong:',
        ...p.wrong.map((i) => falseLines[i]!),
        '',
        bank.summary,
      ].join('\n');
    },
    ...(bank.fixtures ? { fixtures: bank.fixtures } : {}),
  });
}
