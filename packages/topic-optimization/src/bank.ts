import {
  defineScenarioBank,
  type BankScenario,
  type BankStatement,
  type Constraint,
  type Fixture,
  type ParamSchema,
  type Params,
  type Rng,
  type ScenarioBankConfig,
  type ScenarioBankParams,
  type Template,
} from '@dlexam/generator';
import type { Figure } from '@dlexam/types';

/**
 * Statement banks: concept questions whose CONTENT varies. Each scenario holds true and false
 * statements (every false one tagged with a misconception and a feedback sentence); a variant
 * picks some of each by index, so the whole variant is reproducible from its parameters.
 * Statement texts are handlebars sources rendered with the scenario data (e.g. graph letters).
 */
export type Statement = BankStatement;
export type Scenario = BankScenario;

export type BankParams = ScenarioBankParams;

export interface BankConfig<P extends BankParams & Params> extends ScenarioBankConfig<Scenario> {
  /** 'single': one true + three false statements; 'multiple': four statements, 1–3 true. */
  mode: 'single' | 'multiple';
  /** Parameters beyond scenario/trueIdx/falseIdx (e.g. which graph is which), drawn uniformly. */
  extraParams?: ParamSchema;
  sampleExtra?(rng: Rng, scenario: string): Omit<P, keyof BankParams>;
  /** Relations between the extra parameters and the scenario. */
  constraints?: Constraint<P>[];
  /** Data the statement and stem sources are rendered with. */
  data?(p: P): Record<string, unknown>;
  figure?(p: P): Figure;
  fixtures?: Fixture<P>[];
}

const OPTIONS = 4;

/** Defines a statement-bank template (`single` or `multiple` kind). */
export function defineBankTemplate<P extends BankParams & Params>(c: BankConfig<P>): Template<P> {
  const single = c.mode === 'single';
  return defineScenarioBank<P, Scenario>({
    ...c,
    topic: 'optimization',
    scenarioDescription: 'which question of the concept is asked',
    need: () => ({ truths: single ? 1 : 3, falsehoods: 3 }),
    lengths: single ? { trueIdx: [1, 1], falseIdx: [3, 3] } : { trueIdx: [1, 3], falseIdx: [1, 3] },
    counts: {
      description: `${OPTIONS} statements in all`,
      check: (p) => p.trueIdx.length + p.falseIdx.length === OPTIONS,
    },
    drawCounts(rng) {
      const nTrue = single ? 1 : rng.int(1, 3);
      return [nTrue, OPTIONS - nTrue];
    },
    bullet: (o) => `- ${o.text} — ${o.feedback}`,
  });
}
