import {
  defineTemplate,
  type Constraint,
  type Fixture,
  type ParamSchema,
  type Rng,
  type Template,
} from '@dlexam/generator';
import type { Difficulty, Figure, Json } from '@dlexam/types';

/**
 * Statement banks: concept questions whose CONTENT varies. Each scenario holds true and false
 * statements (every false one tagged with a misconception and a feedback sentence); a variant
 * picks some of each by index, so the whole variant is reproducible from its parameters.
 * Statement texts are handlebars sources rendered with the scenario data (e.g. graph letters).
 */
export interface Statement {
  text: string;
  /** Why it is right (true statements) or which mistake it models (false ones). */
  feedback: string;
  /** Required for false statements. */
  misconception?: string;
}

export interface Scenario {
  /** Stem phrasings (handlebars sources); one is chosen with ctx.rng. */
  stems: string[];
  trueStatements: Statement[];
  falseStatements: Statement[];
  /** A sentence or two for the worked solution, after the list of correct statements. */
  explanation: string;
}

export interface BankParams {
  [key: string]: Json;
  scenario: string;
  /** Indices into the scenario's true statements. */
  trueIdx: number[];
  /** Indices into the scenario's false statements. */
  falseIdx: number[];
}

export interface BankConfig<P extends BankParams> {
  id: string;
  title: string;
  objective: string;
  difficulty: Difficulty;
  tags: string[];
  /** 'single': one true + three false statements; 'multiple': four statements, 1–3 true. */
  mode: 'single' | 'multiple';
  scenarios: Record<string, Scenario>;
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

function distinct(xs: number[]): boolean {
  return new Set(xs).size === xs.length;
}

/** Defines a statement-bank template (`single` or `multiple` kind). */
export function defineBankTemplate<P extends BankParams>(c: BankConfig<P>): Template<P> {
  const names = Object.keys(c.scenarios);
  const maxTrue = Math.max(...names.map((n) => c.scenarios[n]!.trueStatements.length));
  const maxFalse = Math.max(...names.map((n) => c.scenarios[n]!.falseStatements.length));
  for (const n of names) {
    const s = c.scenarios[n]!;
    for (const f of s.falseStatements)
      if (!f.misconception)
        throw new Error(`${c.id}/${n}: false statement without a misconception: ${f.text}`);
    if (s.trueStatements.length < (c.mode === 'single' ? 1 : 3) || s.falseStatements.length < 3)
      throw new Error(`${c.id}/${n}: bank too small`);
  }
  // Index lists per scenario, built once (rng.sample copies before shuffling).
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const trueRange = new Map(names.map((n) => [n, range(c.scenarios[n]!.trueStatements.length)]));
  const falseRange = new Map(names.map((n) => [n, range(c.scenarios[n]!.falseStatements.length)]));
  const trueLen: [number, number] = c.mode === 'single' ? [1, 1] : [1, 3];
  const falseLen: [number, number] = c.mode === 'single' ? [3, 3] : [1, 3];
  return defineTemplate<P>({
    id: c.id,
    topic: 'optimization',
    title: c.title,
    objective: c.objective,
    difficulty: c.difficulty,
    tags: c.tags,
    kinds: [c.mode],
    params: {
      scenario: {
        type: 'enum',
        values: names,
        description: 'which question of the concept is asked',
      },
      trueIdx: {
        type: 'int-vector',
        length: trueLen,
        min: 0,
        max: maxTrue - 1,
        description: 'indices of the true statements shown',
      },
      falseIdx: {
        type: 'int-vector',
        length: falseLen,
        min: 0,
        max: maxFalse - 1,
        description: 'indices of the false statements shown',
      },
      ...(c.extraParams ?? {}),
    },
    constraints: [
      {
        description: `${OPTIONS} statements in all`,
        check: (p) => p.trueIdx.length + p.falseIdx.length === OPTIONS,
      },
      {
        description: 'statement indices are distinct',
        check: (p) => distinct(p.trueIdx) && distinct(p.falseIdx),
      },
      {
        description: 'indices exist in the chosen scenario',
        check: (p) => {
          const s = c.scenarios[p.scenario];
          return (
            !!s &&
            p.trueIdx.every((i) => i < s.trueStatements.length) &&
            p.falseIdx.every((i) => i < s.falseStatements.length)
          );
        },
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
    build(p, ctx) {
      const s = c.scenarios[p.scenario]!;
      const data = c.data ? c.data(p) : {};
      // Most statements hold no handlebars expression: such a source renders to itself.
      const render = (source: string) =>
        source.includes('{{') ? ctx.render(source, data) : source;
      const picked = [
        ...p.trueIdx.map((i) => ({ st: s.trueStatements[i]!, correct: true })),
        ...p.falseIdx.map((i) => ({ st: s.falseStatements[i]!, correct: false })),
      ];
      const options = picked.map(({ st, correct }) => ({
        text: render(st.text),
        correct,
        feedback: render(st.feedback),
        ...(st.misconception && !correct ? { misconception: st.misconception } : {}),
      }));
      const right = options.filter((o) => o.correct);
      const wrong = options.filter((o) => !o.correct);
      const solution = [
        right.length === 1 ? 'The correct statement:' : 'The correct statements:',
        right.map((o) => `- ${o.text} — ${o.feedback}`).join('\n'),
        'Why the others are wrong:',
        wrong.map((o) => `- ${o.text} — ${o.feedback}`).join('\n'),
        render(s.explanation),
      ].join('\n\n');
      const body = {
        stem: render(ctx.rng.choice(s.stems)),
        solution,
        answer: { type: 'choice' as const, options },
      };
      return c.figure ? { ...body, figure: c.figure(p) } : body;
    },
    ...(c.fixtures ? { fixtures: c.fixtures } : {}),
  });
}
