import {
  defineScenarioBank,
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

/** The options and the solution of an 'all-of-the-above' scenario showing true statements `trueIdx`. */
function allOfTheAbove(s: Scenario, trueIdx: readonly number[]) {
  // Each listed reason is true, but the one right option is "All of the above."
  const shown: ShownStatement[] = [
    ...trueIdx.map((i): ShownStatement => ({
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
  const solution = [
    'Every listed statement is true:',
    trueIdx.map((i) => bullet(s.trueStatements[i]!)).join('\n'),
    `So the answer is "${ALL_OF_THE_ABOVE}"`,
    s.explanation,
  ].join('\n\n');
  return { shown, solution };
}

/** Defines a statement-bank template of the regularization topic. */
export function defineBankTemplate(c: BankConfig): Template<BankParams> {
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
  return defineScenarioBank<BankParams, Scenario>({
    ...c,
    topic: 'regularization',
    scenarioDescription: 'which concept question is asked',
    need(s) {
      const aota = s.format === 'all-of-the-above';
      return {
        truths: aota || c.mode === 'multiple' ? BANK_OPTIONS : 3,
        falsehoods: aota ? 0 : 3,
      };
    },
    lengths: { trueIdx: [1, BANK_OPTIONS], falseIdx: [0, 3] },
    counts: {
      description: `${BANK_OPTIONS} statements, with the number of true ones the format needs`,
      check: shape,
    },
    drawCounts(rng, s) {
      if (s.format === 'all-of-the-above') return [BANK_OPTIONS, 0];
      // Mostly 1–3 true; sometimes all four, so "select all" never hints that one must be false.
      const nTrue = c.mode === 'single' ? 1 : rng.bool(0.1) ? BANK_OPTIONS : rng.int(1, 3);
      return [nTrue, BANK_OPTIONS - nTrue];
    },
    bullet,
    format: (s, p) => (s.format === 'all-of-the-above' ? allOfTheAbove(s, p.trueIdx) : undefined),
  });
}
