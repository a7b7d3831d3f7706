import {
  checkStatementBank,
  defineStatementBank,
  distinctIndices,
  indexRange,
  param,
  rightWrongSolution,
  scenarioBankBounds,
  scenarioIndicesExist,
  pickStatements,
  withStop,
  type BankScenario,
  type BankStatement,
  type Fixture,
  type ScenarioBankConfig,
  type ScenarioBankParams,
  type ShownStatement,
  type Template,
} from '@dlexam/generator';

/**
 * Statement banks: concept questions whose CONTENT varies. Each scenario (one concept question)
 * holds true and false statements, every false one tagged with a misconception and a feedback
 * sentence; a variant picks statements by index, so it is reproducible from its parameters alone.
 *
 * Two formats per scenario:
 * - 'pick': the options are the picked true and false statements ('single': exactly one true);
 * - 'all-of-the-above': the options are picked true statements plus "All of the above." (correct),
 *   the form of seed 003's data-augmentation question.
 */
export type Statement = BankStatement;

export interface Scenario extends BankScenario {
  format?: 'pick' | 'all-of-the-above';
}

export type BankParams = ScenarioBankParams;

export interface BankConfig extends ScenarioBankConfig<Scenario> {
  /** 'single': one correct option; 'multiple': select all that apply (1–4 of 4 true). */
  mode: 'single' | 'multiple';
  fixtures?: Fixture<BankParams>[];
}

export const ALL_OF_THE_ABOVE = 'All of the above.';
/** Options shown per variant (an 'all-of-the-above' scenario shows 4 statements plus that option). */
export const BANK_OPTIONS = 4;

/** "text. feedback" for solution bullets (option texts like "Dropout" carry no full stop). */
const bullet = (st: { text: string; feedback: string }) => `- ${withStop(st.text)} ${st.feedback}`;

/** Defines a statement-bank template of the regularization topic. */
export function defineBankTemplate(c: BankConfig): Template<BankParams> {
  const names = Object.keys(c.scenarios);
  for (const n of names) {
    const s = c.scenarios[n]!;
    const aota = s.format === 'all-of-the-above';
    checkStatementBank(`${c.id}/${n}`, s.trueStatements, s.falseStatements, {
      truths: aota || c.mode === 'multiple' ? BANK_OPTIONS : 3,
      falsehoods: aota ? 0 : 3,
    });
  }
  const { truths: maxTrue, falsehoods: maxFalse } = scenarioBankBounds(c.scenarios);
  const shape = (p: BankParams): boolean => {
    const s = c.scenarios[p.scenario];
    if (!s) return false;
    if (s.format === 'all-of-the-above')
      return p.trueIdx.length === BANK_OPTIONS && p.falseIdx.length === 0;
    if (p.trueIdx.length + p.falseIdx.length !== BANK_OPTIONS) return false;
    return c.mode === 'single'
      ? p.trueIdx.length === 1
      : p.trueIdx.length >= 1 && p.trueIdx.length <= s.trueStatements.length;
  };
  return defineStatementBank<BankParams>({
    id: c.id,
    topic: 'regularization',
    title: c.title,
    objective: c.objective,
    difficulty: c.difficulty,
    tags: c.tags,
    kinds: [c.mode],
    params: {
      scenario: param.choice('which concept question is asked', names),
      trueIdx: param.intVector(
        'indices of the true statements shown',
        [1, BANK_OPTIONS],
        [0, maxTrue - 1],
        { integer: true, min: 0, max: maxTrue - 1, length: [1, BANK_OPTIONS] },
      ),
      falseIdx: param.intVector(
        'indices of the false statements shown',
        [0, 3],
        [0, maxFalse - 1],
        { integer: true, min: 0, max: maxFalse - 1, length: [0, 3] },
      ),
    },
    constraints: [
      {
        description: `${BANK_OPTIONS} statements, with the number of true ones the format needs`,
        check: shape,
      },
      {
        description: 'statement indices are distinct',
        check: (p) => distinctIndices(p.trueIdx) && distinctIndices(p.falseIdx),
      },
      {
        description: 'indices exist in the chosen scenario',
        check: (p) => scenarioIndicesExist(c.scenarios, p),
      },
    ],
    sample(rng) {
      const scenario = rng.choice(names);
      const s = c.scenarios[scenario]!;
      if (s.format === 'all-of-the-above')
        return {
          scenario,
          trueIdx: rng.sample(indexRange(s.trueStatements.length), BANK_OPTIONS),
          falseIdx: [],
        };
      // Mostly 1–3 true; sometimes all four, so "select all" never hints that one must be false.
      const nTrue = c.mode === 'single' ? 1 : rng.bool(0.1) ? BANK_OPTIONS : rng.int(1, 3);
      return {
        scenario,
        trueIdx: rng.sample(indexRange(s.trueStatements.length), nTrue),
        falseIdx: rng.sample(indexRange(s.falseStatements.length), BANK_OPTIONS - nTrue),
      };
    },
    shown(p) {
      const s = c.scenarios[p.scenario]!;
      if (s.format !== 'all-of-the-above')
        return pickStatements(s.trueStatements, p.trueIdx, s.falseStatements, p.falseIdx);
      // Each listed reason is true, but the one right option is "All of the above."
      return [
        ...p.trueIdx.map((i): ShownStatement => ({
          text: s.trueStatements[i]!.text,
          correct: false,
          misconception: 'picked-one-of-several-true',
          feedback: `This is true, but so are the other listed reasons, so "${ALL_OF_THE_ABOVE}" is the best answer.`,
        })),
        {
          text: ALL_OF_THE_ABOVE,
          correct: true,
          feedback: 'Correct: every listed reason applies.',
        },
      ];
    },
    stem: (p, ctx) => ctx.rng.choice(c.scenarios[p.scenario]!.stems),
    solution(shown, p) {
      const s = c.scenarios[p.scenario]!;
      if (s.format === 'all-of-the-above')
        return [
          'Every listed statement is true:',
          p.trueIdx.map((i) => bullet(s.trueStatements[i]!)).join('\n'),
          `So the answer is "${ALL_OF_THE_ABOVE}"`,
          s.explanation,
        ].join('\n\n');
      return rightWrongSolution(shown, bullet, s.explanation);
    },
    ...(c.fixtures ? { fixtures: c.fixtures } : {}),
  });
}
