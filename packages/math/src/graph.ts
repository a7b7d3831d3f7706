/**
 * A small computational-graph evaluator with reverse-mode differentiation (seed 002: forward and
 * backward pass through add / multiply / max / ReLU gates). Conventions:
 * - the max gate routes the whole upstream gradient to its larger input; on a tie, to the FIRST
 *   input (templates avoid ties so that no convention is needed in the stem);
 * - ReLU'(0) = 0 (PyTorch);
 * - nodes are listed in topological order; the output is the last node unless named.
 */
import { sigmoid } from './activations.js';

export type GateOp =
  | 'input'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'max'
  | 'neg'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'exp'
  | 'log'
  | 'pow';

export interface GraphNode {
  id: string;
  op: GateOp;
  /** Ids of earlier nodes (2 for add/sub/mul/div/max, 1 for the unary gates, none for input). */
  inputs?: readonly string[];
  /** Value of an input node. */
  value?: number;
  /** The constant exponent of a `pow` node (a^exponent). */
  exponent?: number;
}

export const GATE_ARITY: Record<GateOp, number> = {
  input: 0,
  add: 2,
  sub: 2,
  mul: 2,
  div: 2,
  max: 2,
  neg: 1,
  relu: 1,
  sigmoid: 1,
  tanh: 1,
  exp: 1,
  log: 1,
  pow: 1,
};

/** Checks ids are unique, arities match and every input refers to an earlier node. */
export function validateGraph(nodes: readonly GraphNode[]): void {
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.id)) throw new RangeError(`graph: duplicate node id '${n.id}'`);
    const ins = n.inputs ?? [];
    if (ins.length !== GATE_ARITY[n.op])
      throw new RangeError(
        `graph: node '${n.id}' (${n.op}) needs ${GATE_ARITY[n.op]} inputs, got ${ins.length}`,
      );
    for (const i of ins)
      if (!seen.has(i))
        throw new RangeError(`graph: node '${n.id}' uses '${i}' before it is defined`);
    if (n.op === 'input' && !Number.isFinite(n.value))
      throw new RangeError(`graph: input '${n.id}' has no finite value`);
    if (n.op === 'pow' && !Number.isFinite(n.exponent))
      throw new RangeError(`graph: pow node '${n.id}' has no finite exponent`);
    seen.add(n.id);
  }
  if (!nodes.length) throw new RangeError('graph: no nodes');
}

/**
 * The number recorded for node `id`. `validateGraph` guarantees that every input names an earlier
 * node (so its value or gradient is set); a miss is a bug here, and says so.
 */
function at(record: Record<string, number>, id: string | undefined): number {
  const x = id === undefined ? undefined : record[id];
  if (x === undefined) throw new RangeError(`graph: no value for node '${String(id)}'`);
  return x;
}

/** An input's value or a pow gate's exponent, which `validateGraph` has checked is finite. */
function given(x: number | undefined, what: string): number {
  if (x === undefined) throw new RangeError(`graph: ${what} is missing`);
  return x;
}

/** The value of one gate, from the values of the nodes before it. */
function gateValue(n: GraphNode, v: Record<string, number>): number {
  if (n.op === 'input') return given(n.value, `the value of input '${n.id}'`);
  const [ia, ib] = n.inputs ?? [];
  const a = at(v, ia);
  switch (n.op) {
    case 'add':
      return a + at(v, ib);
    case 'mul':
      return a * at(v, ib);
    case 'max':
      return Math.max(a, at(v, ib));
    case 'relu':
      return a > 0 ? a : 0;
    case 'sigmoid':
      return sigmoid(a);
    case 'sub':
      return a - at(v, ib);
    case 'div':
      return a / at(v, ib);
    case 'neg':
      return -a;
    case 'tanh':
      return Math.tanh(a);
    case 'exp':
      return Math.exp(a);
    case 'log':
      return Math.log(a);
    case 'pow':
      return a ** given(n.exponent, `the exponent of '${n.id}'`);
  }
}

/** Forward pass: the value of every node. */
export function forwardGraph(nodes: readonly GraphNode[]): Record<string, number> {
  validateGraph(nodes);
  const v: Record<string, number> = {};
  for (const n of nodes) v[n.id] = gateValue(n, v);
  return v;
}

type UnaryGate = 'neg' | 'relu' | 'sigmoid' | 'tanh' | 'exp' | 'log' | 'pow';

/**
 * What a unary gate passes back to its input: the upstream gradient `up` times the gate's local
 * derivative at its input `x`, whose output is `y` (`exponent`: a `pow` gate's).
 */
function unaryBackward(
  op: UnaryGate,
  exponent: number | undefined,
  up: number,
  x: number,
  y: number,
): number {
  switch (op) {
    case 'neg':
      return -up;
    case 'relu':
      return x > 0 ? up : 0;
    case 'sigmoid':
      return up * y * (1 - y);
    case 'tanh':
      return up * (1 - y * y);
    case 'exp':
      return up * y;
    case 'log':
      return up / x;
    case 'pow': {
      const e = given(exponent, 'the exponent of a pow gate');
      return up * e * x ** (e - 1);
    }
  }
}

/**
 * Backward pass (reverse mode): ∂output/∂node for every node, with the output's upstream gradient
 * `seed` (1 by default). Gradients of a node used twice add up.
 */
export function backwardGraph(
  nodes: readonly GraphNode[],
  output?: string,
  seed = 1,
): Record<string, number> {
  const v = forwardGraph(nodes);
  const out = output ?? nodes[nodes.length - 1]?.id;
  if (out === undefined || !(out in v)) throw new RangeError(`graph: no node '${String(out)}'`);
  const g: Record<string, number> = {};
  for (const n of nodes) g[n.id] = 0;
  g[out] = seed;
  /** Adds `delta` to the gradient of the input `id` (x + (−d) is x − d exactly). */
  const pass = (id: string | undefined, delta: number) => {
    const now = id === undefined ? undefined : g[id];
    if (id === undefined || now === undefined)
      throw new RangeError(`graph: no gradient for node '${String(id)}'`);
    g[id] = now + delta;
  };
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k];
    if (!n) continue;
    const up = at(g, n.id);
    const [a, b] = n.inputs ?? [];
    switch (n.op) {
      case 'input':
        break;
      case 'add': // distributor: both inputs receive the upstream gradient
        pass(a, up);
        pass(b, up);
        break;
      case 'mul': // swap multiplier: each input receives upstream × the other input
        pass(a, up * at(v, b));
        pass(b, up * at(v, a));
        break;
      case 'max': // router: the larger input takes it all (first on a tie)
        if (at(v, a) >= at(v, b)) pass(a, up);
        else pass(b, up);
        break;
      case 'sub':
        pass(a, up);
        pass(b, -up);
        break;
      case 'div': // d(a/b) = da/b − a·db/b²
        pass(a, up / at(v, b));
        pass(b, -((up * at(v, a)) / (at(v, b) * at(v, b))));
        break;
      default: // a unary gate: upstream × its local derivative
        pass(a, unaryBackward(n.op, n.exponent, up, at(v, a), at(v, n.id)));
    }
  }
  return g;
}
