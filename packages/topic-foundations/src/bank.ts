import {
  checkStatementBank,
  defineStatementBank,
  distinctIndices,
  indexRange,
  param,
  pickStatements,
  verdictLines,
  type Constraint,
  type ParamSchema,
  type ParamSpec,
  type Rng,
  type Template,
} from '@dlexam/generator';
import type { Difficulty } from '@dlexam/types';

/** A true or false statement of a concept bank; false ones name the misconception they model. */
export interface Statement {
  text: string;
  correct: boolean;
  /** Why the statement is right or wrong, one sentence. */
  feedback: string;
  /** Kebab-case tag, required for false statements. */
  misconception?: string;
}

export const t = (text: string, feedback: string): Statement => ({ text, correct: true, feedback });
export const f = (text: string, misconception: string, feedback: string): Statement => ({
  text,
  correct: false,
  feedback,
  misconception,
});

export type BankParams = {
  /** Indices into the bank's true statements (the first is used for single choice). */
  truths: number[];
  /** Indices into the bank's false statements. */
  falsehoods: number[];
};

export interface BankConfig {
  id: string;
  title: string;
  objective: string;
  difficulty: Difficulty;
  tags: string[];
  /** Single-choice stems ("Which statement is true?"). */
  singleStems: string[];
  /** Select-all stems. */
  multipleStems: string[];
  statements: Statement[];
  /** Explanation paragraph prepended to the solution. */
  background: string;
  fixtures?: { id: string; truths: number[]; falsehoods: number[]; note?: string }[];
}

/** A pinned question lists at most this many statements (draws show 4, seed fixtures 5). */
const MAX_OPTIONS = 8;

/**
 * The indices of the statements of one verdict that a question shows: draws take `drawn` of them, a
 * pin any 1 to all `count`.
 */
function shownIndices(verdict: string, count: number, drawn: [number, number]): ParamSpec {
  return param.intVector(`indices of the ${verdict} statements shown`, drawn, [0, count - 1], {
    integer: true,
    min: 0,
    max: count - 1,
    length: [1, count],
  });
}

/**
 * A concept question drawn from a statement bank: single choice shows 1 true + 3 false statements,
 * select-all shows 1–2 true + 2–3 false (4 options); seed fixtures may show 5. Params are the statement indices, so a
 * variant is reproducible from params alone.
 */
export function statementBankTemplate(cfg: BankConfig): Template<BankParams> {
  const truths = cfg.statements.filter((s) => s.correct);
  const falsehoods = cfg.statements.filter((s) => !s.correct);
  checkStatementBank(cfg.id, truths, falsehoods, { truths: 2, falsehoods: 4 });
  const truthIndices = indexRange(truths.length);
  const falsehoodIndices = indexRange(falsehoods.length);
  const constraints: Constraint<BankParams>[] = [
    {
      description: 'statement indices are distinct',
      check: (p) => distinctIndices(p.truths) && distinctIndices(p.falsehoods),
    },
    {
      description: 'four or five options in total',
      check: (p) => [4, 5].includes(p.truths.length + p.falsehoods.length),
      prefer: true,
      params: ['truths', 'falsehoods'],
    },
    {
      description: `at most ${MAX_OPTIONS} options in total`,
      check: (p) => p.truths.length + p.falsehoods.length <= MAX_OPTIONS,
      params: ['truths', 'falsehoods'],
    },
  ];
  const params: ParamSchema = {
    truths: shownIndices('true', truths.length, [1, 2]),
    falsehoods: shownIndices('false', falsehoods.length, [2, 4]),
  };
  return defineStatementBank<BankParams>({
    id: cfg.id,
    topic: 'foundations',
    title: cfg.title,
    objective: cfg.objective,
    difficulty: cfg.difficulty,
    tags: cfg.tags,
    kinds: ['single', 'multiple'],
    params,
    constraints,
    sample(rng: Rng) {
      const nTrue = rng.bool(0.6) ? 1 : 2;
      return {
        truths: rng.sample(truthIndices, nTrue),
        falsehoods: rng.sample(falsehoodIndices, 4 - nTrue),
      };
    },
    shown: (p) => pickStatements(truths, p.truths, falsehoods, p.falsehoods),
    stem: (_, ctx) => ctx.rng.choice(ctx.kind === 'single' ? cfg.singleStems : cfg.multipleStems),
    solution: (shown) => `${cfg.background}\n\n${verdictLines(shown).join('\n')}`,
    fixtures: (cfg.fixtures ?? []).map((fx) => {
      const out: { id: string; params: BankParams; kind: 'single'; note?: string } = {
        id: fx.id,
        params: { truths: fx.truths, falsehoods: fx.falsehoods },
        kind: 'single',
      };
      if (fx.note) out.note = fx.note;
      return out;
    }),
  });
}
