import {
  DlexamError,
  defineTemplate,
  type NumericDistractor,
  type TableCellSpec,
  param,
} from '@dlexam/generator';
import {
  backwardGraph,
  EXPRESSION_LIMITS,
  ExpressionError,
  expressionGraph,
  expressionTex,
  formatDecimal,
  formatFixed,
  forwardGraph,
  idTex,
  expressionVariables,
  parseExpression,
  type ExprNode,
  type GraphNode,
} from '@dlexam/math';
import type { Json } from '@dlexam/types';

/**
 * Forward and backward pass through a small expression graph an instructor describes
 * (`f = (x + y) · z`, `f = σ(w·x + b)`, `2·tanh(x·y + z) + 1`), or one drawn from a family with
 * sigmoid and tanh nodes and an output scaled or shifted by a constant. The expression is parsed by
 * the math core's safe parser (`parseExpression`: numbers, variables, + − · / ^, σ, tanh, ReLU, exp,
 * ln, max), turned into one gate per operation, evaluated and differentiated by the math core.
 */
export interface ExpressionGraphParams {
  [key: string]: Json;
  /** The expression (an optional `f =` in front). */
  expr: string;
  /** A value for every variable of the expression. */
  values: Record<string, number>;
  /** `f` (the forward value) or the variable whose gradient ∂f/∂v is asked. */
  ask: string;
}

/** Parsed expressions by source (a bounded memo: constraints and build parse the same source). */
const parsed = new Map<string, ExprNode>();
function parse(src: string): ExprNode {
  let e = parsed.get(src);
  if (!e) {
    try {
      e = parseExpression(src);
    } catch (err) {
      if (err instanceof ExpressionError)
        throw new DlexamError(`expr ${JSON.stringify(src)}: ${err.message}`, 'params.expr');
      throw err;
    }
    if (parsed.size > 512) parsed.clear();
    parsed.set(src, e);
  }
  return e;
}

interface Evaluated {
  nodes: GraphNode[];
  variables: string[];
  gateTex: Record<string, string>;
  v: Record<string, number>;
  g: Record<string, number>;
  out: string;
}

function evaluate(p: ExpressionGraphParams): Evaluated {
  const { nodes, variables, gateTex } = expressionGraph(parse(p.expr), p.values);
  const v = forwardGraph(nodes);
  const g = backwardGraph(nodes);
  return { nodes, variables, gateTex, v, g, out: nodes[nodes.length - 1]!.id };
}

/** Why the values do not fit the expression (a variable without a value, or an unused one), or null. */
function valuesProblem(p: ExpressionGraphParams): string | null {
  const vars = variablesOf(p.expr);
  const given = Object.keys(p.values);
  for (const name of vars) {
    const x = Object.hasOwn(p.values, name) ? p.values[name] : undefined;
    if (typeof x !== 'number' || !Number.isFinite(x))
      return `values.${name}: a number is needed for every variable of the expression (${vars.join(', ')})`;
    if (Math.abs(x) > 100 || Math.abs(x * 1000 - Math.round(x * 1000)) > 1e-9)
      return `values.${name}: ${JSON.stringify(x)} is not allowed; a value is a number from −100 to 100 with at most 3 decimals`;
  }
  const extra = given.filter((k) => !vars.includes(k));
  if (extra.length)
    return `values.${extra[0]}: the expression has no variable '${extra[0]}'; its variables are ${vars.join(', ')}`;
  return null;
}

/** The variables of an expression source, in order of first appearance. */
const variablesOf = (src: string): string[] => expressionVariables(parse(src));

/** No kink or undefined point on the way: no ReLU at 0, no max tie, no division by 0, log of > 0. */
function undefinedAt(e: Evaluated): string | null {
  for (const n of e.nodes) {
    const [a, b] = (n.inputs ?? []).map((i) => e.v[i]!);
    if (n.op === 'relu' && a === 0) return 'a ReLU input is exactly 0 (no derivative there)';
    if (n.op === 'max' && a === b) return 'a max has two equal inputs (no derivative there)';
    if (n.op === 'div' && b === 0) return 'a division by 0';
    if (n.op === 'log' && !(a! > 0)) return 'the logarithm of a number ≤ 0';
    if (n.op === 'pow' && a! <= 0 && !Number.isInteger(n.exponent!))
      return 'a non-integer power of a number ≤ 0';
    if (n.op === 'pow' && a === 0 && n.exponent! < 1) return 'a power of 0 with exponent < 1';
  }
  for (const id of Object.keys(e.v))
    if (!Number.isFinite(e.v[id]!) || !Number.isFinite(e.g[id]!) || Math.abs(e.v[id]!) > 1e9)
      return 'a value or gradient too large to show';
  return null;
}

type Slip =
  | 'sigmoid-derivative-as-value'
  | 'tanh-derivative-not-squared'
  | 'ignored-constant-factor'
  | 'mul-no-swap'
  | 'add-halves'
  | 'sub-sign-lost'
  | 'relu-passes-all';

const SLIP_FEEDBACK: Record<Slip, string> = {
  'sigmoid-derivative-as-value':
    'The sigmoid’s local derivative is σ(a)(1 − σ(a)), not σ(a) itself.',
  'tanh-derivative-not-squared': 'The tanh’s local derivative is 1 − tanh²(a), not 1 − tanh(a).',
  'ignored-constant-factor':
    'A constant factor scales the gradient too: ∂(c·u)/∂u = c, not 1. (A constant added only shifts the value: its derivative is 0.)',
  'mul-no-swap':
    'A multiply gate swaps: each input receives the upstream gradient times the OTHER input.',
  'add-halves':
    'An add gate distributes the full upstream gradient to each input; it does not split it.',
  'sub-sign-lost': 'For a − b the gradient reaching b is the upstream gradient times −1.',
  'relu-passes-all': 'ReLU passes the gradient only where its input is positive.',
};

/** The backward pass with one modelled mistake in the local derivatives (distractors only). */
function slippedBackward(e: Evaluated, slip: Slip): Record<string, number> {
  const { nodes, v } = e;
  const g: Record<string, number> = {};
  for (const n of nodes) g[n.id] = 0;
  g[e.out] = 1;
  const isConst = (id: string) => id.startsWith('#');
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k]!;
    const up = g[n.id]!;
    const [a, b] = n.inputs ?? [];
    switch (n.op) {
      case 'add':
        g[a!]! += slip === 'add-halves' ? up / 2 : up;
        g[b!]! += slip === 'add-halves' ? up / 2 : up;
        break;
      case 'sub':
        g[a!]! += up;
        g[b!]! += slip === 'sub-sign-lost' ? up : -up;
        break;
      case 'mul': {
        const scaleSlip = slip === 'ignored-constant-factor';
        const swap = slip !== 'mul-no-swap';
        g[a!]! += scaleSlip && isConst(b!) ? up : up * (swap ? v[b!]! : v[a!]!);
        g[b!]! += scaleSlip && isConst(a!) ? up : up * (swap ? v[a!]! : v[b!]!);
        break;
      }
      case 'div':
        g[a!]! += slip === 'ignored-constant-factor' && isConst(b!) ? up : up / v[b!]!;
        g[b!]! -= (up * v[a!]!) / (v[b!]! * v[b!]!);
        break;
      case 'max':
        if (v[a!]! > v[b!]!) g[a!]! += up;
        else g[b!]! += up;
        break;
      case 'neg':
        g[a!]! -= up;
        break;
      case 'relu':
        g[a!]! += slip === 'relu-passes-all' || v[a!]! > 0 ? up : 0;
        break;
      case 'sigmoid': {
        const s = v[n.id]!;
        g[a!]! += up * (slip === 'sigmoid-derivative-as-value' ? s : s * (1 - s));
        break;
      }
      case 'tanh': {
        const t = v[n.id]!;
        g[a!]! += up * (slip === 'tanh-derivative-not-squared' ? 1 - t : 1 - t * t);
        break;
      }
      case 'exp':
        g[a!]! += up * v[n.id]!;
        break;
      case 'log':
        g[a!]! += up / v[a!]!;
        break;
      case 'pow':
        g[a!]! += up * n.exponent! * v[a!]! ** (n.exponent! - 1);
        break;
      case 'input':
        break;
    }
  }
  return g;
}

/** The forward value with a gate replaced: activations left out, a constant shift or factor dropped. */
function slippedForward(
  e: Evaluated,
  slip: 'forgot-activation' | 'ignored-shift' | 'ignored-scale',
): number {
  const nodes = e.nodes.map((n): GraphNode => {
    const ins = n.inputs ?? [];
    const constIn = ins.find((i) => i.startsWith('#'));
    if (slip === 'forgot-activation' && (n.op === 'sigmoid' || n.op === 'tanh' || n.op === 'relu'))
      return { id: n.id, op: 'pow', inputs: ins, exponent: 1 };
    if (slip === 'ignored-shift' && (n.op === 'add' || n.op === 'sub') && constIn)
      return { id: n.id, op: 'pow', inputs: ins.filter((i) => i !== constIn), exponent: 1 };
    if (slip === 'ignored-scale' && n.op === 'mul' && constIn)
      return { id: n.id, op: 'pow', inputs: ins.filter((i) => i !== constIn), exponent: 1 };
    return n;
  });
  return forwardGraph(nodes)[e.out]!;
}

/**
 * The solution: one node per operation, its forward value, then the backward pass with the local
 * derivative of every kind of gate in the graph.
 */
function graphSolution(e: Evaluated, gates: readonly GraphNode[]): string {
  const forward = gates
    .map(
      (n) =>
        `\\(${idTex(n.id)} = ${e.gateTex[n.id]!} = ${formatFixed(e.v[n.id]!, 4)}\\)${n.id === e.out ? ' (this is \\(f\\))' : ''}`,
    )
    .join(', ');
  const local: Record<string, string> = {
    add: 'add: passes the upstream gradient to both inputs',
    sub: 'subtract: \\(+1\\) to the first input, \\(-1\\) to the second',
    mul: 'multiply: each input gets the upstream gradient times the other input (a constant factor c scales it by c)',
    div: 'divide \\(a/b\\): \\(1/b\\) to \\(a\\), \\(-a/b^2\\) to \\(b\\)',
    max: 'max: all to the larger input',
    neg: 'negate: \\(-1\\)',
    relu: 'ReLU: 1 where the input is positive, else 0',
    sigmoid: 'sigmoid: \\(\\sigma(a)(1 - \\sigma(a))\\)',
    tanh: 'tanh: \\(1 - \\tanh^2(a)\\)',
    exp: 'exp: \\(e^{a}\\)',
    log: 'ln: \\(1/a\\)',
    pow: 'power \\(a^n\\): \\(n a^{n-1}\\)',
  };
  const rules = [...new Set(gates.map((n) => n.op))].map((op) => local[op]!).join('; ');
  const backward = [...gates]
    .reverse()
    .map((n) => `\\(\\partial f/\\partial ${idTex(n.id)} = ${formatFixed(e.g[n.id]!, 4)}\\)`)
    .join(', ');
  const inputGrads = e.variables
    .map((id) => `\\(\\partial f/\\partial ${idTex(id)} = ${formatFixed(e.g[id]!, 4)}\\)`)
    .join(', ');
  const solution = `One node per operation; forward pass (values to 4 decimals, carried unrounded): ${forward}.\n\nBackward pass from \\(\\partial f/\\partial f = 1\\), multiplying each upstream gradient by the local derivative (${rules}; a constant added to the output shifts \\(f\\) but not its gradient): ${backward}; inputs: ${inputGrads}.`;
  return solution;
}

/** The table answer: f, then the gradient of f with respect to every input. */
function graphTableRows(e: Evaluated, dec: number): TableCellSpec[][] {
  const cell = (x: number): TableCellSpec => ({ type: 'numeric', value: x, decimals: dec });
  const rows: TableCellSpec[][] = [
    [{ type: 'text', text: '\\(f\\) (forward)' }, cell(e.v[e.out]!)],
    ...e.variables.map((id): TableCellSpec[] => [
      { type: 'text', text: `\\(\\partial f / \\partial ${idTex(id)}\\)` },
      cell(e.g[id]!),
    ]),
  ];
  return rows;
}

/**
 * Wrong outputs: an activation left out, a constant factor or shift dropped, a sign slip, the last
 * operation skipped. `fn` says whether the graph has a gate of an operation; `f` is the output.
 */
function outputDistractors(
  e: Evaluated,
  gates: readonly GraphNode[],
  fn: (op: string) => boolean,
  f: number,
): NumericDistractor[] {
  const distractors: NumericDistractor[] = [];
  if (fn('sigmoid') || fn('tanh') || fn('relu'))
    distractors.push({
      value: slippedForward(e, 'forgot-activation'),
      misconception: 'forgot-activation',
      feedback: 'You left out an activation (σ, tanh or ReLU); apply it to its input.',
    });
  distractors.push(
    {
      value: slippedForward(e, 'ignored-scale'),
      misconception: 'ignored-scale',
      feedback: 'You dropped a constant factor; multiply by it.',
    },
    {
      value: slippedForward(e, 'ignored-shift'),
      misconception: 'ignored-shift',
      feedback: 'You dropped a constant that is added or subtracted.',
    },
    { value: -f, misconception: 'sign-error', feedback: 'Check the signs gate by gate.' },
    {
      value: e.v[gates[gates.length - 1]!.inputs![0]!]!,
      misconception: 'skipped-last-gate',
      feedback: 'You stopped before the last operation.',
    },
  );
  return distractors;
}

/**
 * Wrong gradients of f with respect to the asked variable: the backward slips the graph's gates allow,
 * then a sign slip, the value for the gradient and another input's gradient.
 */
function gradientDistractors(
  p: ExpressionGraphParams,
  e: Evaluated,
  target: string,
  gates: readonly GraphNode[],
  fn: (op: string) => boolean,
): NumericDistractor[] {
  const distractors: NumericDistractor[] = [];
  const slips: Slip[] = [];
  if (fn('sigmoid')) slips.push('sigmoid-derivative-as-value');
  if (fn('tanh')) slips.push('tanh-derivative-not-squared');
  if (
    gates.some(
      (n) => (n.op === 'mul' || n.op === 'div') && n.inputs!.some((i) => i.startsWith('#')),
    )
  )
    slips.push('ignored-constant-factor');
  slips.push('mul-no-swap', 'add-halves');
  if (fn('sub')) slips.push('sub-sign-lost');
  if (fn('relu')) slips.push('relu-passes-all');
  for (const s of slips)
    distractors.push({
      value: slippedBackward(e, s)[target]!,
      misconception: s,
      feedback: SLIP_FEEDBACK[s],
    });
  distractors.push(
    {
      value: -e.g[target]!,
      misconception: 'sign-error',
      feedback:
        'Check the sign: multiply the local derivatives exactly as they are, signs included.',
    },
    {
      value: p.values[target]!,
      misconception: 'value-not-gradient',
      feedback: 'That is the input’s value, not the gradient of f with respect to it.',
    },
    ...e.variables
      .filter((id) => id !== target)
      .map((id) => ({
        value: e.g[id]!,
        misconception: 'wrong-input',
        feedback: `That is ∂f/∂${id}, the gradient of another input.`,
      })),
  );
  return distractors;
}

/** The families of drawn expressions: sigmoid and tanh nodes, scaled or shifted outputs. */
const FAMILIES: readonly ((c: string, d: string) => string)[] = [
  () => '(x + y) * z',
  () => 'sigmoid(w * x + b)',
  () => 'tanh(w * x + b)',
  (c, d) => `${c} * sigmoid(w * x + b) + ${d}`,
  (c, d) => `${c} * tanh(x * y + z) + ${d}`,
  () => 'relu(x * y + z) * w',
  () => 'sigmoid(x * y) + tanh(z)',
  (c) => `${c} * (x * y - z)`,
  (_, d) => `tanh(w * x) - ${d}`,
  (c) => `sigmoid(w1 * x1 + w2 * x2 + b) * ${c}`,
];

const needsDecimals = (e: Evaluated): boolean =>
  [...Object.values(e.v), ...Object.values(e.g)].some((x) => Math.abs(x - Math.round(x)) > 1e-9);

const texVal = (x: number): string => {
  const s = formatDecimal(x, 4);
  return s.startsWith('-') ? `-${s.slice(1)}` : s;
};

export const expressionGraphTemplate = defineTemplate<ExpressionGraphParams>({
  id: 'foundations.expression-graph',
  topic: 'foundations',
  title: 'Backpropagation through an expression graph',
  objective:
    'Build the computational graph of an expression (with sigmoid, tanh and constant scale/shift nodes), run its forward pass and backpropagate the gradient to every input.',
  difficulty: 2,
  tags: ['backprop', 'computational-graph', 'chain-rule', 'sigmoid', 'tanh'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    expr: param.json(
      `the expression: numbers, variables, + − · / ^ (number exponent), parentheses, sigmoid (σ), tanh, relu, exp, log (ln), max(a, b); at most ${EXPRESSION_LIMITS.variables} variables and ${EXPRESSION_LIMITS.operations} operations (an optional "f =" in front)`,
      '(x + y) * z',
      { type: 'string' },
    ),
    values: param.json(
      'a value for every variable of the expression, each from −100 to 100 with at most 3 decimals',
      { x: -2, y: 5, z: -4 },
      { type: 'object' },
    ),
    ask: param.json('f (the forward value) or the variable v whose gradient ∂f/∂v is asked', 'x', {
      type: 'string',
    }),
  },
  constraints: [
    {
      description: 'expr is an expression the parser reads (see the parameter)',
      // Throws the parser's message (what is wrong, where, what is allowed) for a pinned expression.
      check: (p) => parse(p.expr) !== undefined,
    },
    {
      description:
        'values gives a number (from −100 to 100, at most 3 decimals) for every variable of expr, and nothing else',
      check: (p) => {
        const why = valuesProblem(p);
        if (why) throw new DlexamError(why, 'params.values');
        return true;
      },
    },
    {
      description: 'ask is f or a variable of expr',
      check: (p) => {
        if (p.ask === 'f' || variablesOf(p.expr).includes(p.ask)) return true;
        throw new DlexamError(
          `ask ${JSON.stringify(p.ask)}: ask for f or for one of the variables ${variablesOf(p.expr).join(', ')}`,
          'params.ask',
        );
      },
    },
    {
      description:
        'the expression is defined and differentiable at the values (no ReLU input or max tie at a kink, no division by 0, log of a positive number)',
      check: (p) => undefinedAt(evaluate(p)) === null,
    },
  ],
  sample(rng) {
    const family = rng.int(0, FAMILIES.length - 1);
    const c = rng.choice(['2', '3', '0.5', '10', '-1', '4']);
    const d = rng.choice(['1', '2', '0.5', '3']);
    const expr = FAMILIES[family]!(c, d);
    const values: Record<string, number> = {};
    for (const name of variablesOf(expr)) {
      let x = rng.stepped(-3, 3, 0.5);
      if (x === 0) x = rng.choice([1, -1, 2, -2]);
      values[name] = x;
    }
    const vars = variablesOf(expr);
    const ask = rng.bool(0.25) ? 'f' : rng.choice(vars);
    return { expr, values, ask };
  },
  /** Trivial: the asked gradient is 0 (a dead ReLU cuts the path). */
  trivial(p, v) {
    if (v.kind === 'table' || p.ask === 'f') return null;
    const e = evaluate(p);
    return Math.abs(e.g[p.ask]!) < 5e-4 ? `∂f/∂${p.ask} is 0` : null;
  },
  build(p, ctx) {
    const e = evaluate(p);
    const tree = parse(p.expr);
    const dec = needsDecimals(e) ? 3 : 0;
    const gates = e.nodes.filter((n) => n.op !== 'input');
    const fn = (op: string) => gates.some((n) => n.op === op);
    const vals = e.variables.map((id) => `${idTex(id)} = ${texVal(p.values[id]!)}`).join(',\\; ');
    const conventions = [
      fn('sigmoid') ? '\\(\\sigma(a) = 1/(1 + e^{-a})\\) is the logistic sigmoid' : '',
      fn('relu') ? '\\(\\operatorname{ReLU}(a) = \\max(0, a)\\)' : '',
      fn('log') ? '\\(\\ln\\) is the natural logarithm' : '',
    ].filter(Boolean);
    const conv = conventions.length ? ` Here ${conventions.join('; ')}.` : '';
    const round = dec ? ` Round to ${dec} decimals.` : '';
    const intro = ctx.rng.choice([
      `Consider \\(f = ${expressionTex(tree)}\\) at \\(${vals}\\).${conv}`,
      `A computational graph computes \\(f = ${expressionTex(tree)}\\), with one node per operation. The inputs are \\(${vals}\\).${conv}`,
      `Draw the computational graph of \\(f = ${expressionTex(tree)}\\) (one node per operation) and evaluate it at \\(${vals}\\).${conv}`,
    ]);
    const solution = graphSolution(e, gates);
    if (ctx.kind === 'table') {
      const rows = graphTableRows(e, dec);
      return {
        stem: `${intro} Run the forward and the backward pass: give \\(f\\) and the gradient of \\(f\\) with respect to every input.${round}`,
        solution,
        answer: { type: 'table', header: ['quantity', 'value'], rows },
      };
    }
    if (p.ask === 'f') {
      const f = e.v[e.out]!;
      const distractors = outputDistractors(e, gates, fn, f);
      return {
        stem: `${intro} What is the output \\(f\\) of the forward pass?${round}`,
        solution,
        answer: { type: 'numeric', value: f, decimals: dec, distractors },
      };
    }
    const target = p.ask;
    const distractors = gradientDistractors(p, e, target, gates, fn);
    return {
      stem: `${intro} After the backward pass, what is \\(\\frac{\\partial f}{\\partial ${idTex(target)}}\\)?${round}`,
      solution,
      answer: { type: 'numeric', value: e.g[target]!, decimals: dec, distractors },
    };
  },
  fixtures: [
    {
      id: 'cs231n-add-mul',
      kind: 'table',
      params: { expr: 'f = (x + y) * z', values: { x: -2, y: 5, z: -4 }, ask: 'x' },
      note: 'CS231n’s first example: q = x + y = 3, f = q·z = −12; ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3',
    },
    {
      id: 'cs231n-sigmoid-neuron',
      kind: 'numeric',
      params: {
        expr: 'f = sigmoid(w0 * x0 + w1 * x1 + w2)',
        values: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 },
        ask: 'x0',
      },
      note: 'CS231n’s sigmoid neuron: w·x + b = 1, σ(1) = 0.731, σ′ = 0.197; ∂f/∂x0 = 0.197·w0 = 0.393',
    },
    {
      id: 'scaled-shifted-tanh',
      kind: 'numeric',
      params: { expr: '2 * tanh(w * x + b) + 1', values: { w: 0.5, x: 2, b: -0.5 }, ask: 'w' },
      note: 'a = 0.5·2 − 0.5 = 0.5, f = 2·tanh(0.5) + 1 = 1.924; ∂f/∂w = 2·(1 − tanh²(0.5))·x = 4·0.786448 = 3.146',
    },
  ],
});
