/**
 * Small expression graphs an instructor describes (`f = (x + y) · z`, `f = σ(w·x + b)`,
 * `2·tanh(x·y + z) + 1`): a safe recursive-descent parser (no `eval`, no host functions), the
 * computational graph of the parsed expression (`graph.ts` gates, evaluated and differentiated by
 * `forwardGraph` / `backwardGraph`), and TeX and plain renderings of it.
 *
 * Grammar (whitespace ignored; an optional leading `f =` is dropped):
 *   sum     := product (('+' | '-' | '−') product)*
 *   product := unary (('*' | '·' | '×' | '/') unary)*
 *   unary   := ('-' | '−') unary | power
 *   power   := primary ('^' number)?        exponent: a number, possibly signed
 *   primary := number | variable | function '(' sum (',' sum)* ')' | '(' sum ')'
 * Functions: sigmoid (also σ, sig), tanh, relu (ReLU), exp, log (ln, natural), max (two arguments).
 * Variables: a letter then letters, digits or `_` (x, w1, b_2), not a function name; at most
 * `EXPRESSION_LIMITS.variables` of them and `EXPRESSION_LIMITS.operations` gates, so a stem can
 * show the graph.
 */
import type { GraphNode } from './graph.js';
import { formatDecimal } from './format.js';

export type ExprFunction = 'sigmoid' | 'tanh' | 'relu' | 'exp' | 'log' | 'max';

export type ExprNode =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: ExprNode }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: ExprNode; right: ExprNode }
  | { kind: 'pow'; base: ExprNode; exponent: number }
  | { kind: 'call'; fn: ExprFunction; args: ExprNode[] };

/** Size limits of an expression (what a stem can show and a student can work by hand). */
export const EXPRESSION_LIMITS = { length: 200, variables: 6, operations: 16 } as const;

/** A parse error: what is wrong and where (0-based character position in the source). */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const FUNCTIONS: Record<string, ExprFunction> = {
  sigmoid: 'sigmoid',
  sig: 'sigmoid',
  σ: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  ReLU: 'relu',
  exp: 'exp',
  log: 'log',
  ln: 'log',
  max: 'max',
};

const ALLOWED =
  'numbers, variables, + − · / ^ (a number exponent), parentheses and sigmoid (σ), tanh, relu, exp, log, max(a, b)';

interface Token {
  type: 'num' | 'name' | 'op' | 'end';
  text: string;
  pos: number;
  value?: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ type: 'num', text: num[0], pos: i, value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^([A-Za-z][A-Za-z0-9_]*|σ)/.exec(src.slice(i));
    if (name) {
      out.push({ type: 'name', text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if ('+-−*·×/^(),'.includes(c)) {
      out.push({ type: 'op', text: c === '−' ? '-' : c === '·' || c === '×' ? '*' : c, pos: i });
      i++;
      continue;
    }
    throw new ExpressionError(
      `unexpected character '${c}' at position ${i + 1}; use ${ALLOWED}`,
      i,
    );
  }
  out.push({ type: 'end', text: 'the end', pos: src.length });
  return out;
}

type BinaryOp = '+' | '-' | '*' | '/';

/** Whether `text` is one of the operators `ops`. */
function isOneOf<Op extends string>(ops: readonly Op[], text: string): text is Op {
  return (ops as readonly string[]).includes(text);
}

/** Where a token stands, for messages: a 1-based position, or the end. */
function where(t: Token): string {
  return t.type === 'end' ? 'at the end' : `at position ${t.pos + 1}`;
}

/**
 * The recursive-descent parser over the tokens of one expression: one method per rule of the
 * grammar above, reading from a cursor into the tokens.
 */
class Parser {
  private k = 0;
  constructor(private readonly tokens: Token[]) {}

  /** The token at the cursor. */
  peek(): Token {
    return this.tokens[this.k]!;
  }

  private expect(text: string): void {
    const t = this.peek();
    if (t.type !== 'op' || t.text !== text)
      throw new ExpressionError(`expected '${text}' ${where(t)}, found '${t.text}'`, t.pos);
    this.k++;
  }

  /** A left-associative chain of `operand`s joined by any of the operators `ops`. */
  private chain(ops: readonly BinaryOp[], operand: () => ExprNode): ExprNode {
    let left = operand();
    for (let t = this.peek(); t.type === 'op' && isOneOf(ops, t.text); t = this.peek()) {
      this.k++;
      left = { kind: 'bin', op: t.text, left, right: operand() };
    }
    return left;
  }

  /** A whole expression (the `sum` rule), leaving the cursor after it. */
  sum(): ExprNode {
    return this.chain(['+', '-'], () => this.product());
  }

  private product(): ExprNode {
    const left = this.chain(['*', '/'], () => this.unary());
    const t = this.peek();
    if (t.type === 'num' || t.type === 'name' || (t.type === 'op' && t.text === '('))
      throw new ExpressionError(
        `missing operator before '${t.text}' at position ${t.pos + 1} (write products with * or ·)`,
        t.pos,
      );
    return left;
  }

  private unary(): ExprNode {
    const t = this.peek();
    if (t.type === 'op' && t.text === '-') {
      this.k++;
      return { kind: 'neg', arg: this.unary() };
    }
    return this.power();
  }

  private power(): ExprNode {
    const base = this.primary();
    const t = this.peek();
    if (t.type !== 'op' || t.text !== '^') return base;
    this.k++;
    let sign = 1;
    if (this.peek().type === 'op' && this.peek().text === '-') {
      this.k++;
      sign = -1;
    }
    const e = this.peek();
    if (e.type !== 'num')
      throw new ExpressionError(
        `the exponent of ^ ${where(e)} must be a number (a^2, a^-1), found '${e.text}'`,
        e.pos,
      );
    this.k++;
    return { kind: 'pow', base, exponent: sign * e.value! };
  }

  private primary(): ExprNode {
    const t = this.peek();
    if (t.type === 'num') {
      this.k++;
      return { kind: 'num', value: t.value! };
    }
    if (t.type === 'op' && t.text === '(') {
      this.k++;
      const inner = this.sum();
      this.expect(')');
      return inner;
    }
    if (t.type === 'name') {
      this.k++;
      const fn = Object.hasOwn(FUNCTIONS, t.text) ? FUNCTIONS[t.text] : undefined;
      const next = this.peek();
      if (next.type === 'op' && next.text === '(') {
        if (!fn)
          throw new ExpressionError(
            `unknown function '${t.text}' at position ${t.pos + 1}; the functions are sigmoid (σ), tanh, relu, exp, log, max`,
            t.pos,
          );
        this.k++;
        const args = [this.sum()];
        while (this.peek().type === 'op' && this.peek().text === ',') {
          this.k++;
          args.push(this.sum());
        }
        this.expect(')');
        const arity = fn === 'max' ? 2 : 1;
        if (args.length !== arity)
          throw new ExpressionError(
            `${t.text}(…) at position ${t.pos + 1} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`,
            t.pos,
          );
        return { kind: 'call', fn, args };
      }
      if (fn)
        throw new ExpressionError(
          `'${t.text}' at position ${t.pos + 1} is a function: write ${t.text}(…)`,
          t.pos,
        );
      return { kind: 'var', name: t.text };
    }
    throw new ExpressionError(
      t.type === 'end'
        ? 'the expression ends too early: a number, variable or ( is missing'
        : `unexpected '${t.text}' at position ${t.pos + 1}; expected a number, variable, function or (`,
      t.pos,
    );
  }
}

/**
 * Parses an expression; throws an `ExpressionError` naming what is wrong, where (1-based position
 * in the message) and what is allowed.
 */
export function parseExpression(source: string): ExprNode {
  if (source.length > EXPRESSION_LIMITS.length)
    throw new ExpressionError(
      `the expression has ${source.length} characters; at most ${EXPRESSION_LIMITS.length}`,
      0,
    );
  // An optional `f =` (or `y =`) in front.
  const head = /^\s*[A-Za-z]\w*\s*=(?!=)/.exec(source);
  const offset = head ? head[0].length : 0;
  const tokens = tokenize(source.slice(offset)).map((t) => ({ ...t, pos: t.pos + offset }));
  const parser = new Parser(tokens);
  const tree = parser.sum();
  const rest = parser.peek();
  if (rest.type !== 'end')
    throw new ExpressionError(
      rest.text === ')'
        ? `unmatched ')' at position ${rest.pos + 1}`
        : `unexpected '${rest.text}' at position ${rest.pos + 1}`,
      rest.pos,
    );
  const vars = expressionVariables(tree);
  if (!vars.length) throw new ExpressionError('the expression has no variable', 0);
  if (vars.length > EXPRESSION_LIMITS.variables)
    throw new ExpressionError(
      `the expression has ${vars.length} variables; at most ${EXPRESSION_LIMITS.variables}`,
      0,
    );
  const ops = countOperations(tree);
  if (ops === 0) throw new ExpressionError('the expression has no operation', 0);
  if (ops > EXPRESSION_LIMITS.operations)
    throw new ExpressionError(
      `the expression has ${ops} operations; at most ${EXPRESSION_LIMITS.operations}`,
      0,
    );
  return tree;
}

/** The variables of an expression, in order of first appearance. */
export function expressionVariables(e: ExprNode): string[] {
  const out: string[] = [];
  const walk = (n: ExprNode): void => {
    if (n.kind === 'var') {
      if (!out.includes(n.name)) out.push(n.name);
    } else if (n.kind === 'neg') walk(n.arg);
    else if (n.kind === 'bin') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'pow') walk(n.base);
    else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(e);
  return out;
}

function countOperations(e: ExprNode): number {
  switch (e.kind) {
    case 'num':
    case 'var':
      return 0;
    case 'neg':
      return 1 + countOperations(e.arg);
    case 'bin':
      return 1 + countOperations(e.left) + countOperations(e.right);
    case 'pow':
      return 1 + countOperations(e.base);
    case 'call':
      return 1 + e.args.reduce((s, a) => s + countOperations(a), 0);
  }
}

/** A graph of an expression: its nodes in topological order and what each gate stands for. */
export interface ExpressionGraph {
  /** Input nodes (variables by name, constants as `#1`, `#2`…) then gates `u1`, `u2`…; the output is last. */
  nodes: GraphNode[];
  /** The variables (input node ids), in order of first appearance. */
  variables: string[];
  /** Per gate id: its TeX (`u_{1} = x + y`) right-hand side in terms of earlier ids. */
  gateTex: Record<string, string>;
}

/**
 * The computational graph of an expression at the given variable values (one gate per operation,
 * a constant as an input node). Throws a RangeError naming a variable without a value.
 */
export function expressionGraph(
  e: ExprNode,
  values: Readonly<Record<string, number>>,
): ExpressionGraph {
  const variables = expressionVariables(e);
  const nodes: GraphNode[] = [];
  for (const name of variables) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new RangeError(`variable '${name}' has no value`);
    nodes.push({ id: name, op: 'input', value });
  }
  const gateTex: Record<string, string> = {};
  let consts = 0;
  let gates = 0;
  const ref = (id: string): string => (id.startsWith('#') ? constTex.get(id)! : idTex(id));
  const constTex = new Map<string, string>();
  const add = (node: GraphNode, tex: string): string => {
    nodes.push(node);
    gateTex[node.id] = tex;
    return node.id;
  };
  const build = (n: ExprNode): string => {
    switch (n.kind) {
      case 'num': {
        const id = `#${++consts}`;
        nodes.push({ id, op: 'input', value: n.value });
        constTex.set(id, texNum(n.value));
        return id;
      }
      case 'var':
        return n.name;
      case 'neg': {
        const a = build(n.arg);
        return add({ id: `u${++gates}`, op: 'neg', inputs: [a] }, `-${paren(ref(a))}`);
      }
      case 'pow': {
        const a = build(n.base);
        return add(
          { id: `u${++gates}`, op: 'pow', inputs: [a], exponent: n.exponent },
          `${paren(ref(a))}^{${texNum(n.exponent)}}`,
        );
      }
      case 'bin': {
        const a = build(n.left);
        const b = build(n.right);
        const op = ({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const)[n.op];
        const tex =
          n.op === '/'
            ? `\\frac{${ref(a)}}{${ref(b)}}`
            : `${ref(a)} ${n.op === '*' ? '\\cdot' : n.op} ${n.op === '+' ? ref(b) : paren(ref(b))}`;
        return add({ id: `u${++gates}`, op, inputs: [a, b] }, tex);
      }
      case 'call': {
        const ins = n.args.map(build);
        const name = FN_TEX[n.fn];
        return add(
          { id: `u${++gates}`, op: n.fn, inputs: ins },
          `${name}(${ins.map(ref).join(', ')})`,
        );
      }
    }
  };
  const out = build(e);
  if (!out.startsWith('u')) throw new RangeError('the expression has no operation');
  return { nodes, variables, gateTex };
}

const FN_TEX: Record<ExprFunction, string> = {
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
  exp: '\\exp',
  log: '\\ln',
  max: '\\max',
};

/** TeX of a node id: a gate `u3` as `u_{3}`, a variable as written (`w1` as `w_{1}`). */
export function idTex(id: string): string {
  const gate = /^u(\d+)$/.exec(id);
  if (gate) return `u_{${gate[1]}}`;
  const m = /^([A-Za-z]+)_?(\d+)$/.exec(id);
  if (m) return `${m[1]}_{${m[2]}}`;
  const sub = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(id);
  if (sub) return `${sub[1]}_{\\text{${sub[2]}}}`;
  return id.length > 1 ? `\\mathit{${id}}` : id;
}

const texNum = (x: number): string => (x < 0 ? `-${formatDecimal(-x, 6)}` : formatDecimal(x, 6));
const paren = (tex: string): string => (/^[\w{}\\.]+$/.test(tex) ? tex : `(${tex})`);

/** Operator precedence for rendering: sums 1, products 2, unary minus 3, powers and atoms 4. */
function precedence(e: ExprNode): number {
  if (e.kind === 'bin') return e.op === '+' || e.op === '-' ? 1 : 2;
  if (e.kind === 'neg') return 3;
  if (e.kind === 'num' && e.value < 0) return 3;
  return 4;
}

/** TeX of an expression with the fewest parentheses that keep its meaning (`2 \cdot \sigma(w x + b) + 1`). */
export function expressionTex(e: ExprNode): string {
  const wrap = (n: ExprNode, min: number) =>
    precedence(n) < min ? `\\left(${expressionTex(n)}\\right)` : expressionTex(n);
  switch (e.kind) {
    case 'num':
      return texNum(e.value);
    case 'var':
      return idTex(e.name);
    case 'neg':
      return `-${wrap(e.arg, 3)}`;
    case 'pow':
      return `${wrap(e.base, 5)}^{${texNum(e.exponent)}}`;
    case 'bin':
      if (e.op === '/') return `\\frac{${expressionTex(e.left)}}{${expressionTex(e.right)}}`;
      if (e.op === '*') return `${wrap(e.left, 2)} \\cdot ${wrap(e.right, 3)}`;
      return `${wrap(e.left, 1)} ${e.op} ${wrap(e.right, 2)}`;
    case 'call':
      return `${FN_TEX[e.fn]}\\left(${e.args.map(expressionTex).join(', ')}\\right)`;
  }
}

/** Plain text of an expression, parseable again (`2 * sigmoid(w * x + b) + 1`). */
export function expressionText(e: ExprNode): string {
  const wrap = (n: ExprNode, min: number) =>
    precedence(n) < min ? `(${expressionText(n)})` : expressionText(n);
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? `-${formatDecimal(-e.value, 6)}` : formatDecimal(e.value, 6);
    case 'var':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg, 3)}`;
    case 'pow':
      return `${wrap(e.base, 5)}^${e.exponent < 0 ? `-${formatDecimal(-e.exponent, 6)}` : formatDecimal(e.exponent, 6)}`;
    case 'bin':
      if (e.op === '+' || e.op === '-') return `${wrap(e.left, 1)} ${e.op} ${wrap(e.right, 2)}`;
      return `${wrap(e.left, 2)} ${e.op} ${wrap(e.right, 3)}`;
    case 'call':
      return `${e.fn}(${e.args.map(expressionText).join(', ')})`;
  }
}
