import {
  askedValue,
  GenerationError,
  defineTemplate,
  intIn,
  listOf,
  record,
  type OptionSpec,
  param,
} from '@dlexam/generator';
import {
  CALC_VARS,
  collectTerms,
  evaluateTerms,
  formatFixed,
  formatInt,
  partialDerivative,
  termsToTex,
  type CalcVar,
  type ExpMonomial,
} from '@dlexam/math';
import type { Json } from '@dlexam/types';

/** A term as stored in params: coefficient, powers of (x, y, z), optional e^{v} factor. */
export interface TermParam {
  c: number;
  p: [number, number, number];
  e: CalcVar | null;
}

export type PartialDerivativesParams = {
  terms: TermParam[] & Json;
  variable: string;
  point: number[];
};

const toTerms = (ts: readonly TermParam[]): ExpMonomial[] =>
  ts.map((t) => ({ coef: t.c, powers: t.p, expVar: t.e }));

type Mistake = 'no-power-factor' | 'power-not-lowered' | 'kept-other-terms' | 'dropped-exp-term';

const MISTAKES: { id: Mistake; feedback: string }[] = [
  {
    id: 'no-power-factor',
    feedback: 'The power rule brings the exponent down as a factor: d/dv vⁿ = n·vⁿ⁻¹.',
  },
  {
    id: 'power-not-lowered',
    feedback: 'After bringing the exponent down, lower it by one: d/dv vⁿ = n·vⁿ⁻¹.',
  },
  {
    id: 'kept-other-terms',
    feedback: 'Terms that do not contain the variable are constants and differentiate to 0.',
  },
  {
    id: 'dropped-exp-term',
    feedback:
      'The exponential term depends on the variable too: eᵛ differentiates to itself, other factors stay as constants.',
  },
];

/** The partial derivative a student gets by making one named mistake. */
function mistakenPartial(terms: readonly ExpMonomial[], v: CalcVar, m: Mistake): ExpMonomial[] {
  const i = CALC_VARS.indexOf(v);
  const out: ExpMonomial[] = [];
  for (const t of terms) {
    const p = t.powers[i]!;
    const hasExp = (t.expVar ?? null) === v;
    if (m === 'dropped-exp-term' && t.expVar) continue;
    if (hasExp) out.push({ ...t });
    if (p > 0) {
      const powers = [...t.powers] as [number, number, number];
      if (m !== 'power-not-lowered') powers[i] = p - 1;
      out.push({
        coef: m === 'no-power-factor' ? t.coef : t.coef * p,
        powers,
        expVar: t.expVar ?? null,
      });
    } else if (!hasExp && m === 'kept-other-terms') out.push({ ...t });
  }
  return collectTerms(out);
}

const dfd = (v: string) => `\\frac{\\partial f}{\\partial ${v}}`;

/** Seed 001: partial derivatives of f = x²y + xyz + z + eˣy³z² and generated functions like it. */
/** Seed 001's function x²y + xyz + z + eˣy³z². */
const S001_TERMS: PartialDerivativesParams['terms'] = [
  { c: 1, p: [2, 1, 0], e: null },
  { c: 1, p: [1, 1, 1], e: null },
  { c: 1, p: [0, 0, 1], e: null },
  { c: 1, p: [0, 3, 2], e: 'x' },
];

export const partialDerivatives = defineTemplate<PartialDerivativesParams>({
  id: 'foundations.partial-derivatives',
  topic: 'foundations',
  title: 'Partial derivatives of a multivariate function',
  objective:
    'Differentiate a sum of monomials and exponential terms with respect to each variable.',
  difficulty: 2,
  tags: ['calculus', 'gradient'],
  kinds: ['single', 'numeric'],
  params: {
    terms: param.json(
      'terms c·e^{e}·x^p0·y^p1·z^p2',
      [{ c: 1, p: [2, 1, 0], e: null }],
      listOf(
        record({
          c: intIn(-5, 5),
          p: listOf(intIn(0, 3), 3, 3),
          e: { enum: ['x', 'y', 'z', null] },
        }),
        2,
        5,
      ),
    ),
    variable: param.choice('the partial asked for (all = the gradient)', ['x', 'y', 'z', 'all']),
    // Integer coordinates (the stem prints them as such); |x| ≤ 5 keeps eˣ·y³·z² printable.
    point: param.intVector('evaluation point (x, y, z) for numeric answers', [3, 3], [-2, 2], {
      min: -5,
      max: 5,
      length: [3, 3],
    }),
  },
  constraints: [
    {
      description:
        '2–5 terms with integer coefficients 1–5, powers 0–3, e-factor variable absent from the powers',
      check: (p) =>
        Array.isArray(p.terms) &&
        p.terms.length >= 2 &&
        p.terms.length <= 5 &&
        p.terms.every(
          (t) =>
            Number.isInteger(t.c) &&
            Math.abs(t.c) >= 1 &&
            Math.abs(t.c) <= 5 &&
            t.p.length === 3 &&
            t.p.every((k) => Number.isInteger(k) && k >= 0 && k <= 3) &&
            (t.e === null || (CALC_VARS.includes(t.e) && t.p[CALC_VARS.indexOf(t.e)] === 0)),
        ),
    },
    {
      description: 'every variable appears, so no partial is identically 0',
      check: (p) => CALC_VARS.every((v) => partialDerivative(toTerms(p.terms), v).length > 0),
    },
    {
      description: 'terms are distinct',
      check: (p) => collectTerms(toTerms(p.terms)).length === p.terms.length,
    },
  ],
  /** Trivial (numeric): the partial derivative is 0 at the point (every term vanishes there). */
  trivial(_p, v) {
    return v.kind === 'numeric' && askedValue(v) === 0
      ? 'the partial derivative is 0 at the asked point'
      : null;
  },
  sample(rng) {
    const vars = rng.shuffle(CALC_VARS);
    const ex = vars[0]!;
    const exPowers: [number, number, number] = [0, 0, 0];
    for (const v of CALC_VARS) if (v !== ex) exPowers[CALC_VARS.indexOf(v)] = rng.int(1, 3);
    const coef = () => (rng.bool(0.2) ? -1 : 1) * (rng.bool(0.6) ? 1 : rng.int(2, 4));
    const mono = (): [number, number, number] => {
      const pw: [number, number, number] = [0, 0, 0];
      for (const v of rng.sample(CALC_VARS, rng.int(1, 3)))
        pw[CALC_VARS.indexOf(v)] = rng.int(1, 3);
      return pw;
    };
    const terms: TermParam[] = [];
    const n = rng.int(2, 3);
    while (terms.length < n) {
      const t: TermParam = { c: coef(), p: mono(), e: null };
      if (!terms.some((o) => o.p.every((k, i) => k === t.p[i]))) terms.push(t);
    }
    terms.push({ c: coef(), p: exPowers, e: ex });
    if (rng.bool(0.5)) {
      const lone: [number, number, number] = [0, 0, 0];
      lone[rng.int(0, 2)] = 1;
      if (!terms.some((o) => o.e === null && o.p.every((k, i) => k === lone[i])))
        terms.push({ c: 1, p: lone, e: null });
    }
    return {
      terms: rng.shuffle(terms) as PartialDerivativesParams['terms'],
      variable: rng.choice(['x', 'y', 'z', 'all']),
      point: [rng.int(-1, 2), rng.int(-2, 2), rng.int(-2, 2)],
    };
  },
  build(p, ctx) {
    if (ctx.kind === 'numeric' && p.variable === 'all')
      throw new GenerationError('a numeric question asks for one partial derivative');
    const terms = toTerms(p.terms);
    const fTex = `f(x, y, z) = ${termsToTex(terms)}`;
    const vars: CalcVar[] = p.variable === 'all' ? [...CALC_VARS] : [p.variable as CalcVar];
    const solutionLines = CALC_VARS.filter((v) => vars.includes(v)).map(
      (v) => `\\[${dfd(v)} = ${termsToTex(partialDerivative(terms, v))}\\]`,
    );
    const rule =
      'Differentiate term by term: a factor \\(v^{n}\\) gives \\(n v^{n-1}\\), \\(e^{v}\\) gives itself, and every factor without the variable is a constant.';
    if (ctx.kind === 'single') {
      const render = (ds: ExpMonomial[][]) =>
        vars.map((v, k) => `\\(${dfd(v)} = ${termsToTex(ds[k]!)}\\)`).join(', ');
      const correct = render(vars.map((v) => partialDerivative(terms, v)));
      const options: OptionSpec[] = [{ text: correct, correct: true, feedback: 'Correct.' }];
      for (const m of MISTAKES) {
        const text = render(vars.map((v) => mistakenPartial(terms, v, m.id)));
        if (!options.some((o) => o.text === text))
          options.push({ text, correct: false, misconception: m.id, feedback: m.feedback });
        if (options.length === 4) break; // only the first three distinct mistakes are shown
      }
      if (options.length < 4)
        throw new GenerationError('fewer than 3 distinct mistaken derivatives');
      const ask =
        p.variable === 'all'
          ? ctx.rng.choice([
              'Which option gives all three partial derivatives correctly?',
              'Compute the gradient of \\(f\\) with respect to \\(x\\), \\(y\\) and \\(z\\). Which option is correct?',
            ])
          : ctx.rng.choice([
              `What is \\(${dfd(p.variable)}\\)?`,
              `Which expression is the partial derivative of \\(f\\) with respect to \\(${p.variable}\\)?`,
            ]);
      return {
        stem: `${ctx.rng.choice(['Let', 'Consider the function', 'Given'])}\n\\[${fTex}\\]\n${ask}`,
        solution: `${rule}\n\n${solutionLines.join('\n')}`,
        answer: { type: 'choice', options },
      };
    }
    const v = p.variable as CalcVar;
    const at = { x: p.point[0]!, y: p.point[1]!, z: p.point[2]! };
    const d = partialDerivative(terms, v);
    const value = evaluateTerms(d, at);
    const pt = `(${p.point.map((k) => formatInt(k)).join(', ')})`;
    return {
      stem: `${ctx.rng.choice(['Let', 'Consider the function', 'Given'])}\n\\[${fTex}\\]\nEvaluate \\(${dfd(v)}\\) at \\((x, y, z) = ${pt}\\). Round to 2 decimals (\\(e \\approx 2.71828\\)).`,
      solution: `${rule}\n\n${solutionLines.join('\n')}\n\nAt \\((x, y, z) = ${pt}\\): \\(${dfd(v)} \\approx ${formatFixed(value, 2)}\\).`,
      answer: {
        type: 'numeric',
        value,
        decimals: 2,
        distractors: [
          ...MISTAKES.map((m) => ({
            value: evaluateTerms(mistakenPartial(terms, v, m.id), at),
            misconception: m.id,
            feedback: m.feedback,
          })),
          {
            value: evaluateTerms(terms, at),
            misconception: 'evaluated-f',
            feedback: 'That is f itself at the point, not its partial derivative.',
          },
          ...CALC_VARS.filter((w) => w !== v).map((w) => ({
            value: evaluateTerms(partialDerivative(terms, w), at),
            misconception: 'wrong-variable',
            feedback: `That is the partial derivative with respect to ${w}.`,
          })),
        ],
      },
    };
  },
  fixtures: [
    {
      id: 'S001-grad-xyz',
      kind: 'single',
      params: {
        terms: S001_TERMS,
        variable: 'all',
        point: [0, 1, 1],
      },
    },
    {
      id: 'S001-grad-xyz-numeric',
      kind: 'numeric',
      note: 'Numeric instance of seed 001: ∂f/∂y at (0, 1, 2) = x² + xz + 3eˣy²z² = 12.',
      params: {
        terms: S001_TERMS,
        variable: 'y',
        point: [0, 1, 2],
      },
    },
  ],
});
