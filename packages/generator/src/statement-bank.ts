/**
 * Statement banks: concept questions whose content varies. A bank holds true statements and false
 * ones, every false one tagged with the misconception it models; a variant shows some of each,
 * picked by index, so it is reproducible from its parameters alone. Every topic's concept questions
 * are built here; a topic says how its parameters pick statements, how a stem is phrased and how its
 * worked solution reads.
 */
import type { Difficulty, Figure, QuestionKind, Topic } from '@dlexam/types';
import { GenerationError } from './errors.js';
import { param, type ParamSchema, type Params } from './params.js';
import type { Rng } from './rng.js';
import {
  defineTemplate,
  type BuildContext,
  type Constraint,
  type Fixture,
  type OptionSpec,
  type QuestionBody,
  type Template,
} from './template.js';

/** A statement of a bank. */
export interface BankStatement {
  /** Rich text. */
  text: string;
  /** Plain form, when the automatic one would lose a symbol. */
  plain?: string;
  /** Why it is right or wrong, shown as the option's feedback. */
  feedback: string;
  /** Kebab-case tag of the mistake a false statement models; required for false statements. */
  misconception?: string;
}

/** A statement as a variant shows it: right or wrong. */
export interface ShownStatement extends BankStatement {
  correct: boolean;
}

/**
 * A statement-bank template: the template contract without `build`, plus what a topic decides.
 * `sample` is required: it picks the statements (by index) the way the topic wants them drawn.
 */
export interface StatementBankSpec<P extends Params> extends Omit<Template<P>, 'build' | 'sample'> {
  sample(rng: Rng): P;
  /** The statements the parameters show, in option order. */
  shown(p: P, ctx: BuildContext): ShownStatement[];
  /** The stem (may draw its phrasing from `ctx.rng`). */
  stem(p: P, ctx: BuildContext): string;
  /** The worked solution. */
  solution(shown: ShownStatement[], p: P, ctx: BuildContext): string;
  /** The option a shown statement becomes (default: `statementOption`). */
  option?(s: ShownStatement, i: number): OptionSpec;
  figure?(p: P): Figure;
}

/** The option of a shown statement: its text, plain form, truth, feedback and misconception. */
export function statementOption(s: ShownStatement): OptionSpec {
  const o: OptionSpec = { text: s.text, correct: s.correct, feedback: s.feedback };
  if (s.plain !== undefined) o.plain = s.plain;
  if (!s.correct && s.misconception) o.misconception = s.misconception;
  return o;
}

/**
 * Builds a statement-bank template: kinds `single` (exactly one true statement shown; other
 * parameters are redrawn) and `multiple` (select all that apply).
 */
export function defineStatementBank<P extends Params>(spec: StatementBankSpec<P>): Template<P> {
  const { shown, stem, solution, option, figure, ...template } = spec;
  const toOption = option ?? statementOption;
  return defineTemplate<P>({
    ...template,
    build(p, ctx): QuestionBody {
      const statements = shown(p, ctx);
      assertShowable(ctx.kind, statements);
      const body: QuestionBody = {
        stem: stem(p, ctx),
        solution: solution(statements, p, ctx),
        answer: { type: 'choice', options: statements.map((s, i) => toOption(s, i)) },
      };
      if (figure) body.figure = figure(p);
      return body;
    },
  });
}

/** A single-choice question shows exactly one true statement; else the draw is rejected. */
function assertShowable(kind: QuestionKind, shown: ShownStatement[]): void {
  if (kind !== 'single') return;
  let nTrue = 0;
  for (const s of shown) if (s.correct) nTrue++;
  if (nTrue !== 1)
    throw new GenerationError(
      `single choice needs exactly one true statement; these parameters show ${nTrue}`,
    );
}

/**
 * Checks a bank when its template is defined: enough true and false statements, and a
 * misconception on every false one. `where` names the bank in the error.
 */
export function checkStatementBank(
  where: string,
  truths: readonly BankStatement[],
  falsehoods: readonly BankStatement[],
  need: { truths: number; falsehoods: number },
): void {
  for (const f of falsehoods)
    if (!f.misconception)
      throw new Error(`${where}: false statement without a misconception: ${f.text}`);
  if (truths.length < need.truths || falsehoods.length < need.falsehoods)
    throw new Error(
      `${where}: a statement bank needs ≥ ${need.truths} true and ≥ ${need.falsehoods} false statements, has ${truths.length} and ${falsehoods.length}`,
    );
}

/** The statements of a bank at the given indices, marked right or wrong, truths first. */
export function pickStatements(
  truths: readonly BankStatement[],
  trueIndices: readonly number[],
  falsehoods: readonly BankStatement[],
  falseIndices: readonly number[],
): ShownStatement[] {
  const out: ShownStatement[] = [];
  for (const i of trueIndices) out.push({ ...truths[i]!, correct: true });
  for (const i of falseIndices) out.push({ ...falsehoods[i]!, correct: false });
  return out;
}

/** Whether no index repeats. */
export function distinctIndices(xs: readonly number[]): boolean {
  return new Set(xs).size === xs.length;
}

/** Whether every index points into a list of `length` statements. */
export function indicesWithin(xs: readonly number[], length: number): boolean {
  return xs.every((i) => i < length);
}

/** 0, 1, …, n − 1: the indices to sample statements from. */
export function indexRange(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** A statement's text ending in a full stop (option texts such as "Dropout" have none). */
export function withStop(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/** Solution lines `- True: <text> <feedback>` / `- False: …`, one per shown statement. */
export function verdictLines(shown: readonly ShownStatement[]): string[] {
  return shown.map((s) => `- ${s.correct ? 'True' : 'False'}: ${s.text} ${s.feedback}`);
}

/** One concept question of a bank with several: its phrasings, statements and closing words. */
export interface BankScenario {
  /** Stem phrasings; one is chosen with `ctx.rng`. */
  stems: string[];
  trueStatements: BankStatement[];
  falseStatements: BankStatement[];
  /** A sentence or two closing the worked solution. */
  explanation: string;
}

/** The parameters of a bank of several scenarios: which one, and its statements shown by index. */
export type ScenarioBankParams = {
  scenario: string;
  /** Indices into the scenario's true statements. */
  trueIdx: number[];
  /** Indices into the scenario's false statements. */
  falseIdx: number[];
};

/** What a topic's wrapper over a bank of several scenarios is given. */
export interface ScenarioBankConfig<S extends BankScenario = BankScenario> {
  id: string;
  title: string;
  objective: string;
  difficulty: Difficulty;
  tags: string[];
  /** The one kind of the template. */
  mode: 'single' | 'multiple';
  scenarios: Record<string, S>;
}

/** The most true and the most false statements any scenario holds (the index parameters' bounds). */
function scenarioBankBounds(scenarios: Readonly<Record<string, BankScenario>>): {
  truths: number;
  falsehoods: number;
} {
  const all = Object.values(scenarios);
  return {
    truths: Math.max(...all.map((s) => s.trueStatements.length)),
    falsehoods: Math.max(...all.map((s) => s.falseStatements.length)),
  };
}

/** Whether the statement indices of `p` exist in its scenario (an unknown scenario: false). */
function scenarioIndicesExist(
  scenarios: Readonly<Record<string, BankScenario>>,
  p: { scenario: string; trueIdx: readonly number[]; falseIdx: readonly number[] },
): boolean {
  const s = scenarios[p.scenario];
  return (
    !!s &&
    indicesWithin(p.trueIdx, s.trueStatements.length) &&
    indicesWithin(p.falseIdx, s.falseStatements.length)
  );
}

/**
 * The worked solution "The correct statement(s): … Why the others are wrong: … <explanation>",
 * one `bullet` line per statement, blocks separated by blank lines.
 */
function rightWrongSolution(
  shown: readonly ShownStatement[],
  bullet: (s: ShownStatement) => string,
  explanation: string,
): string {
  const right = shown.filter((o) => o.correct);
  const wrong = shown.filter((o) => !o.correct);
  return [
    right.length === 1 ? 'The correct statement:' : 'The correct statements:',
    right.map(bullet).join('\n'),
    'Why the others are wrong:',
    wrong.map(bullet).join('\n'),
    explanation,
  ].join('\n\n');
}

/**
 * What a topic decides of a bank of several scenarios: how many statements a scenario needs and a
 * variant shows, how a draw counts them, how the solution lists them, and what its own parameters
 * add. Statement, stem and explanation sources are handlebars, rendered with `data`.
 */
export interface ScenarioBankSpec<
  P extends ScenarioBankParams & Params,
  S extends BankScenario,
> extends ScenarioBankConfig<S> {
  topic: Topic;
  /** The description of the `scenario` parameter. */
  scenarioDescription: string;
  /** The true and false statements scenario `s` must hold (checked when the template is defined). */
  need: (s: S) => { truths: number; falsehoods: number };
  /** The lengths `trueIdx` and `falseIdx` may have (drawn and valid). */
  lengths: { trueIdx: [number, number]; falseIdx: [number, number] };
  /** The first constraint: how many statements a variant shows, and how many of them true. */
  counts: Constraint<P>;
  /** How many true and how many false statements a draw of scenario `s` shows. */
  drawCounts: (rng: Rng, s: S) => [truths: number, falsehoods: number];
  /** Parameters beyond scenario/trueIdx/falseIdx (e.g. which graph is which), drawn uniformly. */
  extraParams?: ParamSchema;
  sampleExtra?: (rng: Rng, scenario: string) => Omit<P, keyof ScenarioBankParams>;
  /** Relations between the extra parameters and the scenario. */
  constraints?: Constraint<P>[];
  /** Data the statement and stem sources are rendered with. */
  data?: (p: P) => Record<string, unknown>;
  /** The worked solution's line for a shown statement. */
  bullet: (s: ShownStatement) => string;
  /** A scenario that shows its statements another way (e.g. "All of the above"): its options and solution. */
  format?: (s: S, p: P) => { shown: ShownStatement[]; solution: string } | undefined;
  figure?: (p: P) => Figure;
  fixtures?: Fixture<P>[];
}

/**
 * Each scenario of a bank, checked to hold the statements it `need`s, with its index lists built
 * once (rng.sample copies before shuffling); the lookup throws on a name the bank does not have
 * (drawn names are the scenarios' own; a pinned one is checked by the constraints first).
 */
function indexScenarios<S extends BankScenario>(
  id: string,
  scenarios: Readonly<Record<string, S>>,
  need: (s: S) => { truths: number; falsehoods: number },
): (name: string) => { s: S; trueRange: number[]; falseRange: number[] } {
  const byName = new Map<string, { s: S; trueRange: number[]; falseRange: number[] }>();
  for (const [n, s] of Object.entries(scenarios)) {
    checkStatementBank(`${id}/${n}`, s.trueStatements, s.falseStatements, need(s));
    const trueRange = indexRange(s.trueStatements.length);
    byName.set(n, { s, trueRange, falseRange: indexRange(s.falseStatements.length) });
  }
  return (name) => {
    const found = byName.get(name);
    if (!found) throw new GenerationError(`${id}: no scenario ${name}`);
    return found;
  };
}

/**
 * Renders a bank's handlebars sources with `data(p)`, computed once per parameter set. Most
 * sources hold no expression and render to themselves.
 */
function bankRenderer<P extends object>(
  data: ((p: P) => Record<string, unknown>) | undefined,
): (p: P, ctx: BuildContext, source: string) => string {
  const dataOf = new WeakMap<P, Record<string, unknown>>();
  return (p, ctx, source) => {
    if (!source.includes('{{')) return source;
    let d = dataOf.get(p);
    if (!d) dataOf.set(p, (d = data ? data(p) : {}));
    return ctx.render(source, d);
  };
}

/** The `trueIdx` or `falseIdx` parameter: statement indices below `count`. */
const indexParam = (verdict: string, length: [number, number], count: number) =>
  param.intVector(`indices of the ${verdict} statements shown`, length, [0, count - 1], {
    integer: true,
    min: 0,
    max: count - 1,
    length,
  });

/**
 * Builds the template of a bank of several scenarios (one kind, `mode`): a draw picks a scenario,
 * then its shown true and false statements by index; the solution lists the right ones, then the
 * wrong ones, then the scenario's explanation.
 */
export function defineScenarioBank<P extends ScenarioBankParams & Params, S extends BankScenario>(
  spec: ScenarioBankSpec<P, S>,
): Template<P> {
  const {
    scenarios,
    mode,
    scenarioDescription,
    need,
    lengths,
    counts,
    drawCounts,
    bullet,
    extraParams,
    sampleExtra,
    constraints,
    data,
    format,
    figure,
    fixtures,
    ...template
  } = spec;
  const names = Object.keys(scenarios);
  const scenarioOf = indexScenarios(template.id, scenarios, need);
  const { truths: maxTrue, falsehoods: maxFalse } = scenarioBankBounds(scenarios);
  const render = bankRenderer(data);
  return defineStatementBank<P>({
    ...template,
    kinds: [mode],
    params: {
      scenario: param.choice(scenarioDescription, names),
      trueIdx: indexParam('true', lengths.trueIdx, maxTrue),
      falseIdx: indexParam('false', lengths.falseIdx, maxFalse),
      ...(extraParams ?? {}),
    },
    constraints: [
      counts,
      {
        description: 'statement indices are distinct',
        check: (p) => distinctIndices(p.trueIdx) && distinctIndices(p.falseIdx),
      },
      {
        description: 'indices exist in the chosen scenario',
        check: (p) => scenarioIndicesExist(scenarios, p),
      },
      ...(constraints ?? []),
    ],
    sample(rng) {
      const scenario = rng.choice(names);
      const { s, trueRange, falseRange } = scenarioOf(scenario);
      const [nTrue, nFalse] = drawCounts(rng, s);
      const extra = sampleExtra ? sampleExtra(rng, scenario) : {};
      return {
        ...extra,
        scenario,
        trueIdx: rng.sample(trueRange, nTrue),
        falseIdx: rng.sample(falseRange, nFalse),
      } as P;
    },
    shown(p, ctx) {
      const { s } = scenarioOf(p.scenario);
      const own = format?.(s, p);
      if (own) return own.shown;
      return pickStatements(s.trueStatements, p.trueIdx, s.falseStatements, p.falseIdx).map(
        (st) => ({ ...st, text: render(p, ctx, st.text), feedback: render(p, ctx, st.feedback) }),
      );
    },
    stem: (p, ctx) => render(p, ctx, ctx.rng.choice(scenarioOf(p.scenario).s.stems)),
    solution(shown, p, ctx) {
      const { s } = scenarioOf(p.scenario);
      const own = format?.(s, p);
      if (own) return own.solution;
      return rightWrongSolution(shown, bullet, render(p, ctx, s.explanation));
    },
    ...(figure ? { figure } : {}),
    ...(fixtures ? { fixtures } : {}),
  });
}
