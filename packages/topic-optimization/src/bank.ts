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
  type BuildContext,
  type Constraint,
  type BankScenario,
  type BankStatement,
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
  const names = Object.keys(c.scenarios);
  const { truths: maxTrue, falsehoods: maxFalse } = scenarioBankBounds(c.scenarios);
  for (const n of names) {
    const s = c.scenarios[n]!;
    checkStatementBank(`${c.id}/${n}`, s.trueStatements, s.falseStatements, {
      truths: c.mode === 'single' ? 1 : 3,
      falsehoods: 3,
    });
  }
  // Index lists per scenario, built once (rng.sample copies before shuffling).
  const trueRange = new Map(
    names.map((n) => [n, indexRange(c.scenarios[n]!.trueStatements.length)]),
  );
  const falseRange = new Map(
    names.map((n) => [n, indexRange(c.scenarios[n]!.falseStatements.length)]),
  );
  // Statement and stem sources are handlebars; most hold no expression and render to themselves.
  const data = new WeakMap<P, Record<string, unknown>>();
  const render = (p: P, ctx: BuildContext, source: string): string => {
    if (!source.includes('{{')) return source;
    let d = data.get(p);
    if (!d) data.set(p, (d = c.data ? c.data(p) : {}));
    return ctx.render(source, d);
  };
  const trueLen: [number, number] = c.mode === 'single' ? [1, 1] : [1, 3];
  const falseLen: [number, number] = c.mode === 'single' ? [3, 3] : [1, 3];
  return defineStatementBank<P>({
    id: c.id,
    topic: 'optimization',
    title: c.title,
    objective: c.objective,
    difficulty: c.difficulty,
    tags: c.tags,
    kinds: [c.mode],
    params: {
      scenario: param.choice('which question of the concept is asked', names),
      trueIdx: param.intVector('indices of the true statements shown', trueLen, [0, maxTrue - 1], {
        integer: true,
        min: 0,
        max: maxTrue - 1,
        length: trueLen,
      }),
      falseIdx: param.intVector(
        'indices of the false statements shown',
        falseLen,
        [0, maxFalse - 1],
        { integer: true, min: 0, max: maxFalse - 1, length: falseLen },
      ),
      ...(c.extraParams ?? {}),
    },
    constraints: [
      {
        description: `${OPTIONS} statements in all`,
        check: (p) => p.trueIdx.length + p.falseIdx.length === OPTIONS,
      },
      {
        description: 'statement indices are distinct',
        check: (p) => distinctIndices(p.trueIdx) && distinctIndices(p.falseIdx),
      },
      {
        description: 'indices exist in the chosen scenario',
        check: (p) => scenarioIndicesExist(c.scenarios, p),
      },
      ...(c.constraints ?? []),
    ],
    sample(rng) {
      const scenario = rng.choice(names);
      const nTrue = c.mode === 'single' ? 1 : rng.int(1, 3);
      const extra = c.sampleExtra ? c.sampleExtra(rng, scenario) : {};
      return {
        ...extra,
        scenario,
        trueIdx: rng.sample(trueRange.get(scenario)!, nTrue),
        falseIdx: rng.sample(falseRange.get(scenario)!, OPTIONS - nTrue),
      } as P;
    },
    shown(p, ctx) {
      const s = c.scenarios[p.scenario]!;
      return pickStatements(s.trueStatements, p.trueIdx, s.falseStatements, p.falseIdx).map(
        (st) => ({ ...st, text: render(p, ctx, st.text), feedback: render(p, ctx, st.feedback) }),
      );
    },
    stem: (p, ctx) => render(p, ctx, ctx.rng.choice(c.scenarios[p.scenario]!.stems)),
    solution: (shown, p, ctx) =>
      rightWrongSolution(
        shown,
        (o) => `- ${o.text} — ${o.feedback}`,
        render(p, ctx, c.scenarios[p.scenario]!.explanation),
      ),
    ...(c.figure ? { figure: c.figure } : {}),
    ...(c.fixtures ? { fixtures: c.fixtures } : {}),
  });
}
