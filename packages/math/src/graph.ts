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

/** Forward pass: the value of every node. */
export function forwardGraph(nodes: readonly GraphNode[]): Record<string, number> {
  validateGraph(nodes);
  const v: Record<string, number> = {};
  for (const n of nodes) {
    const [a, b] = (n.inputs ?? []).map((i) => v[i]!);
    switch (n.op) {
      case 'input':
        v[n.id] = n.value!;
        break;
      case 'add':
        v[n.id] = a! + b!;
        break;
      case 'mul':
        v[n.id] = a! * b!;
        break;
      case 'max':
        v[n.id] = Math.max(a!, b!);
        break;
      case 'relu':
        v[n.id] = a! > 0 ? a! : 0;
        break;
      case 'sigmoid':
        v[n.id] = sigmoid(a!);
        break;
      case 'sub':
        v[n.id] = a! - b!;
        break;
      case 'div':
        v[n.id] = a! / b!;
        break;
      case 'neg':
        v[n.id] = -a!;
        break;
      case 'tanh':
        v[n.id] = Math.tanh(a!);
        break;
      case 'exp':
        v[n.id] = Math.exp(a!);
        break;
      case 'log':
        v[n.id] = Math.log(a!);
        break;
      case 'pow':
        v[n.id] = a! ** n.exponent!;
        break;
    }
  }
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
    case 'pow':
      return up * exponent! * x ** (exponent! - 1);
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
  const out = output ?? nodes[nodes.length - 1]!.id;
  if (!(out in v)) throw new RangeError(`graph: no node '${out}'`);
  const g: Record<string, number> = {};
  for (const n of nodes) g[n.id] = 0;
  g[out] = seed;
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k]!;
    const up = g[n.id]!;
    const ins = n.inputs ?? [];
    const [a, b] = ins;
    switch (n.op) {
      case 'input':
        break;
      case 'add': // distributor: both inputs receive the upstream gradient
        g[a!]! += up;
        g[b!]! += up;
        break;
      case 'mul': // swap multiplier: each input receives upstream × the other input
        g[a!]! += up * v[b!]!;
        g[b!]! += up * v[a!]!;
        break;
      case 'max': // router: the larger input takes it all (first on a tie)
        if (v[a!]! >= v[b!]!) g[a!]! += up;
        else g[b!]! += up;
        break;
      case 'sub':
        g[a!]! += up;
        g[b!]! -= up;
        break;
      case 'div': // d(a/b) = da/b − a·db/b²
        g[a!]! += up / v[b!]!;
        g[b!]! -= (up * v[a!]!) / (v[b!]! * v[b!]!);
        break;
      default: // a unary gate: upstream × its local derivative
        g[a!]! += unaryBackward(n.op, n.exponent, up, v[a!]!, v[n.id]!);
    }
  }
  return g;
}
