import {
  defineTemplate,
  type NumericDistractor,
  type TableCellSpec,
  param,
} from '@dlexam/generator';
import { backwardGraph, formatFixed, formatInt, forwardGraph, type GraphNode } from '@dlexam/math';

export type BackpropGraphParams = {
  topology: string;
  /** Values of the inputs x, y, z, w. */
  inputs: number[];
  ask: string;
};

export const INPUT_NAMES = ['x', 'y', 'z', 'w'] as const;

/** Gate lists (after the inputs) of the graph shapes used; ids are single letters shown in the figure. */
export const TOPOLOGIES: Record<string, { id: string; op: GraphNode['op']; inputs: string[] }[]> = {
  A: [
    { id: 'p', op: 'mul', inputs: ['x', 'y'] },
    { id: 'm', op: 'max', inputs: ['p', 'z'] },
    { id: 's', op: 'add', inputs: ['m', 'w'] },
    { id: 'f', op: 'relu', inputs: ['s'] },
  ],
  B: [
    { id: 's', op: 'add', inputs: ['x', 'y'] },
    { id: 'm', op: 'max', inputs: ['z', 'w'] },
    { id: 'p', op: 'mul', inputs: ['s', 'm'] },
    { id: 'f', op: 'relu', inputs: ['p'] },
  ],
  C: [
    { id: 'p', op: 'mul', inputs: ['x', 'y'] },
    { id: 'm', op: 'max', inputs: ['z', 'w'] },
    { id: 's', op: 'add', inputs: ['p', 'm'] },
    { id: 'f', op: 'relu', inputs: ['s'] },
  ],
  D: [
    { id: 's', op: 'add', inputs: ['x', 'y'] },
    { id: 'r', op: 'relu', inputs: ['s'] },
    { id: 'p', op: 'mul', inputs: ['r', 'z'] },
    { id: 'f', op: 'max', inputs: ['p', 'w'] },
  ],
  E: [
    { id: 'p', op: 'mul', inputs: ['x', 'y'] },
    { id: 'r', op: 'relu', inputs: ['z'] },
    { id: 's', op: 'add', inputs: ['p', 'r'] },
    { id: 'f', op: 'mul', inputs: ['s', 'w'] },
  ],
};

export function buildGraph(topology: string, inputs: readonly number[]): GraphNode[] {
  const gates = TOPOLOGIES[topology];
  if (!gates) throw new RangeError(`unknown topology ${topology}`);
  return [
    ...INPUT_NAMES.map((id, i) => ({ id, op: 'input' as const, value: inputs[i]! })),
    ...gates,
  ];
}

/** No max tie and no ReLU at 0: the derivative exists everywhere on the path. */
export function graphHasKink(nodes: readonly GraphNode[]): boolean {
  return kinkAt(nodes, forwardGraph(nodes));
}

const kinkAt = (nodes: readonly GraphNode[], v: Readonly<Record<string, number>>): boolean =>
  nodes.some(
    (n) =>
      (n.op === 'max' && v[n.inputs![0]!] === v[n.inputs![1]!]) ||
      (n.op === 'relu' && v[n.inputs![0]!] === 0),
  );

interface Evaluated {
  topology: string;
  inputs: number[];
  nodes: GraphNode[];
  v: Record<string, number>;
}

/**
 * The graph of a parameter set and its forward values. The constraints and `build` ask for the same
 * parameter set in a row, so the last one is kept (compared by value, never mutated).
 */
let last: Evaluated | null = null;
function evaluate(p: BackpropGraphParams): Evaluated {
  const m = last;
  if (
    m !== null &&
    m.topology === p.topology &&
    m.inputs.length === p.inputs.length &&
    m.inputs.every((x, i) => x === p.inputs[i])
  )
    return m;
  const nodes = buildGraph(p.topology, p.inputs);
  last = { topology: p.topology, inputs: [...p.inputs], nodes, v: forwardGraph(nodes) };
  return last;
}

type Slip = 'max-to-both' | 'mul-no-swap' | 'relu-passes-all' | 'add-halves';

/** Backward pass with one modelled gate mistake (for distractors). */
function slippedBackward(
  nodes: readonly GraphNode[],
  v: Readonly<Record<string, number>>,
  slip: Slip,
): Record<string, number> {
  const g: Record<string, number> = {};
  for (const n of nodes) g[n.id] = 0;
  g[nodes[nodes.length - 1]!.id] = 1;
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k]!;
    const up = g[n.id]!;
    const [a, b] = n.inputs ?? [];
    if (n.op === 'add') {
      const share = slip === 'add-halves' ? up / 2 : up;
      g[a!]! += share;
      g[b!]! += share;
    } else if (n.op === 'mul') {
      g[a!]! += up * (slip === 'mul-no-swap' ? v[a!]! : v[b!]!);
      g[b!]! += up * (slip === 'mul-no-swap' ? v[b!]! : v[a!]!);
    } else if (n.op === 'max') {
      if (slip === 'max-to-both' || v[a!]! > v[b!]!) g[a!]! += up;
      if (slip === 'max-to-both' || v[b!]! > v[a!]!) g[b!]! += up;
    } else if (n.op === 'relu') g[a!]! += slip === 'relu-passes-all' || v[a!]! > 0 ? up : 0;
  }
  return g;
}

const SLIPS: { slip: Slip; feedback: string }[] = [
  {
    slip: 'max-to-both',
    feedback: 'A max gate routes the gradient only to its larger input; the other input gets 0.',
  },
  {
    slip: 'mul-no-swap',
    feedback:
      'A multiply gate swaps: each input receives the upstream gradient times the OTHER input.',
  },
  {
    slip: 'relu-passes-all',
    feedback: 'ReLU passes the gradient only where its input is positive.',
  },
  {
    slip: 'add-halves',
    feedback:
      'An add gate distributes the full upstream gradient to each input; it does not split it.',
  },
];

const OP_LABEL: Record<string, string> = { add: '+', mul: '×', max: 'max', relu: 'ReLU' };
const OP_TEX: Record<string, (a: string, b?: string) => string> = {
  add: (a, b) => `${a} + ${b}`,
  mul: (a, b) => `${a} \\cdot ${b}`,
  max: (a, b) => `\\max(${a}, ${b})`,
  relu: (a) => `\\mathrm{ReLU}(${a})`,
};

/**
 * The parts of a graph drawing that do not depend on the input values: everything but the input
 * labels. `pieces[k]` is followed by the label of `slots[k]` (its position and id); the drawing is
 * the pieces interleaved with the labels.
 */
interface GraphLayout {
  pieces: string[];
  slots: { id: string; x: number; y: number }[];
}

function graphLayout(nodes: readonly GraphNode[]): GraphLayout {
  const depth: Record<string, number> = {};
  for (const n of nodes)
    depth[n.id] = n.op === 'input' ? 0 : 1 + Math.max(...n.inputs!.map((i) => depth[i]!));
  const cols: string[][] = [];
  for (const n of nodes) (cols[depth[n.id]!] ??= []).push(n.id);
  const W = 120 * cols.length + 80;
  const H = 60 * Math.max(...cols.map((c) => c.length)) + 40;
  const pos: Record<string, [number, number]> = {};
  cols.forEach((c, d) =>
    c.forEach((id, i) => (pos[id] = [90 + d * 120, Math.round(((i + 1) * H) / (c.length + 1))])),
  );
  let cur = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`;
  for (const n of nodes)
    for (const i of n.inputs ?? []) {
      const from = nodes.find((m) => m.id === i)!;
      const [x1, y1] = [pos[i]![0] + (from.op === 'input' ? 10 : 24), pos[i]![1]];
      const [x2, y2] = [pos[n.id]![0] - 24, pos[n.id]![1]];
      cur += `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="1.5"/>`;
      // Arrowhead drawn as a polygon (no marker ids, so several figures can share a page).
      const len = Math.hypot(x2 - x1, y2 - y1);
      const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
      const pt = (a: number, b: number) => `${formatFixed(a, 1)},${formatFixed(b, 1)}`;
      const [bx, by] = [x2 - 8 * ux, y2 - 8 * uy];
      cur += `<polygon points="${pt(x2, y2)} ${pt(bx - 4 * uy, by + 4 * ux)} ${pt(bx + 4 * uy, by - 4 * ux)}" fill="#333"/>`;
    }
  const pieces: string[] = [];
  const slots: GraphLayout['slots'] = [];
  for (const n of nodes) {
    const [x, y] = pos[n.id]!;
    if (n.op === 'input') {
      pieces.push(cur);
      slots.push({ id: n.id, x, y });
      cur = `<circle cx="${x + 10}" cy="${y}" r="4" fill="#333"/>`;
    } else {
      cur +=
        `<rect x="${x - 24}" y="${y - 16}" width="48" height="32" rx="8" fill="#eef" stroke="#336"/>` +
        `<text x="${x}" y="${y + 5}" font-size="14" text-anchor="middle" font-family="sans-serif">${OP_LABEL[n.op]}</text>` +
        `<text x="${x}" y="${y - 20}" font-size="12" text-anchor="middle" font-family="sans-serif" fill="#555">${n.id}</text>`;
    }
  }
  pieces.push(`${cur}</svg>`);
  return { pieces, slots };
}

/** Layouts by graph structure (ids, ops and wiring; not input values): a handful of topologies. */
const layouts = new Map<string, GraphLayout>();

/** A left-to-right drawing of the graph: inputs with their values, gates by depth. */
export function graphSvg(nodes: readonly GraphNode[]): string {
  let key = '';
  for (const n of nodes) key += `${n.id}|${n.op}|${n.inputs?.join(',') ?? ''};`;
  let layout = layouts.get(key);
  if (!layout) {
    layout = graphLayout(nodes);
    if (layouts.size > 1000) layouts.clear();
    layouts.set(key, layout);
  }
  return fillLayout(layout, nodes);
}

/** The drawing of a layout with the input values of `nodes` (input nodes in the layout's order). */
function fillLayout({ pieces, slots }: GraphLayout, nodes: readonly GraphNode[]): string {
  let svg = pieces[0]!;
  let k = 0;
  for (const n of nodes) {
    if (n.op !== 'input') continue;
    const { id, x, y } = slots[k]!;
    svg += `<text x="${x - 4}" y="${y + 5}" font-size="15" text-anchor="end" font-family="sans-serif">${id} = ${formatInt(n.value!)}</text>${pieces[++k]!}`;
  }
  return svg;
}

type Values = Readonly<Record<string, number>>;

/** The solution: the forward values gate by gate, then the gradients back from f to the inputs. */
function passSolution(gates: readonly GraphNode[], v: Values, g: Values): string {
  const forwardLines = gates.map((n) => `\\(${n.id} = ${formatInt(v[n.id]!)}\\)`).join(', ');
  const backLines = [...gates]
    .reverse()
    .map((n) => `\\(\\partial f/\\partial ${n.id} = ${formatInt(g[n.id]!)}\\)`)
    .join(', ');
  const inputGrads = INPUT_NAMES.map(
    (id) => `\\(\\partial f/\\partial ${id} = ${formatInt(g[id]!)}\\)`,
  ).join(', ');
  const solution = `Forward pass: ${forwardLines}.\n\nBackward pass (start with \\(\\partial f/\\partial f = 1\\); add gates distribute, multiply gates swap the other input's value in, max gates route to the larger input, ReLU passes the gradient only where its input is positive): ${backLines}; inputs: ${inputGrads}.`;
  return solution;
}

/** The table answer: f, then the gradient of f with respect to every input. */
function forwardBackwardRows(v: Values, g: Values): TableCellSpec[][] {
  const rows: TableCellSpec[][] = [
    [
      { type: 'text', text: '\\(f\\) (forward)' },
      { type: 'numeric', value: v['f']!, decimals: 0 },
    ],
    ...INPUT_NAMES.map((id): TableCellSpec[] => [
      { type: 'text', text: `\\(\\partial f / \\partial ${id}\\)` },
      { type: 'numeric', value: g[id]!, decimals: 0 },
    ]),
  ];
  return rows;
}

/** Wrong outputs: the last gate skipped, a sign slip, a max gate as a sum, a ReLU ignored, ±1. */
function outputDistractors(
  nodes: readonly GraphNode[],
  v: Values,
  gates: readonly GraphNode[],
): NumericDistractor[] {
  const distractors: NumericDistractor[] = [
    {
      value: v[gates[gates.length - 1]!.inputs![0]!]!,
      misconception: 'skipped-last-gate',
      feedback: 'You stopped before the last gate.',
    },
    {
      value: -v['f']!,
      misconception: 'sign-error',
      feedback: 'Check the signs: ReLU and max never flip a sign.',
    },
    ...nodes
      .filter((n) => n.op === 'max')
      .map((n) => ({
        value: forwardGraph(
          nodes.map((m) =>
            m.id === n.id ? { id: m.id, op: 'add' as const, inputs: m.inputs } : m,
          ),
        )['f']!,
        misconception: 'max-as-sum',
        feedback: 'A max gate outputs the larger input, not the sum.',
      })),
    ...nodes
      .filter((n) => n.op === 'relu')
      .map((n) => ({
        // ReLU treated as the identity: replace it by an add with a constant-0 input.
        value: forwardGraph([
          { id: '_zero', op: 'input' as const, value: 0 },
          ...nodes.map((m) =>
            m.id === n.id ? { id: m.id, op: 'add' as const, inputs: [m.inputs![0]!, '_zero'] } : m,
          ),
        ])['f']!,
        misconception: 'relu-ignored',
        feedback: 'ReLU outputs 0 for a negative input.',
      })),
    {
      value: v['f']! + 1,
      misconception: 'arithmetic',
      feedback: 'Recompute the gates one at a time.',
    },
    {
      value: v['f']! - 1,
      misconception: 'arithmetic',
      feedback: 'Recompute the gates one at a time.',
    },
  ];
  return distractors;
}

/**
 * Wrong gradients of f with respect to the asked input: routing slips, then sign, value and
 * counting slips.
 */
function gradientDistractors(
  nodes: readonly GraphNode[],
  v: Values,
  g: Values,
  target: string,
): NumericDistractor[] {
  const distractors: NumericDistractor[] = SLIPS.map((s) => ({
    value: slippedBackward(nodes, v, s.slip)[target]!,
    misconception: s.slip,
    feedback: s.feedback,
  }));
  distractors.push(
    {
      value: -g[target]!,
      misconception: 'sign-error',
      feedback: 'Check the sign: multiply by the other input exactly as it is, sign included.',
    },
    {
      value: v[target]!,
      misconception: 'value-not-gradient',
      feedback: 'That is the input’s value, not the gradient of f with respect to it.',
    },
    {
      value: g[target]! + 1,
      misconception: 'arithmetic',
      feedback: 'Multiply the local derivatives along the path carefully.',
    },
    {
      value: g[target]! === 0 ? 1 : 0,
      misconception: g[target]! === 0 ? 'missed-route' : 'zero-gradient',
      feedback: 'Follow the path from f back to the input gate by gate.',
    },
    ...INPUT_NAMES.filter((id) => id !== target).map((id) => ({
      value: g[id]!,
      misconception: 'wrong-input',
      feedback: `That is ∂f/∂${id}, the gradient of another input.`,
    })),
    {
      value: g[target]! - 1,
      misconception: 'arithmetic',
      feedback: 'Multiply the local derivatives along the path carefully.',
    },
    {
      value: 2 * g[target]! + (g[target]! === 0 ? 2 : 0),
      misconception: 'counted-path-twice',
      feedback: 'Each path from f to the input contributes once.',
    },
  );
  return distractors;
}

/** The layout of a topology's graph (its structure is fixed by the topology). */
const topologyLayouts = new Map<string, GraphLayout>();
function topologySvg(topology: string, nodes: readonly GraphNode[]): string {
  let layout = topologyLayouts.get(topology);
  if (!layout) {
    layout = graphLayout(nodes);
    topologyLayouts.set(topology, layout);
  }
  return fillLayout(layout, nodes);
}

/** Seed 002: forward and backward pass through a small graph of add, multiply, max and ReLU gates. */
export const backpropGraph = defineTemplate<BackpropGraphParams>({
  id: 'foundations.backprop-graph',
  topic: 'foundations',
  title: 'Forward and backward pass through a computational graph',
  objective:
    'Evaluate a small computational graph and backpropagate through add, multiply, max and ReLU gates.',
  difficulty: 2,
  tags: ['backprop', 'computational-graph'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    topology: param.choice('graph shape', Object.keys(TOPOLOGIES)),
    inputs: param.intVector(
      'values of x, y, z, w (drawn from −5 to 5; any integer from −100 to 100 when pinned)',
      [4, 4],
      [-5, 5],
      { min: -100, max: 100 },
    ),
    ask: param.choice('the output value f, or ∂f/∂ of an input', ['f', 'x', 'y', 'z', 'w']),
  },
  constraints: [
    {
      description: 'no max tie and no ReLU at exactly 0',
      check: (p) => {
        const { nodes, v } = evaluate(p);
        return !kinkAt(nodes, v);
      },
    },
    {
      description: 'the output is not 0 (a dead ReLU makes every gradient 0)',
      check: (p) => evaluate(p).v['f'] !== 0,
      prefer: true,
      params: ['inputs'],
    },
  ],
  build(p, ctx) {
    const { nodes, v } = evaluate(p);
    const g = backwardGraph(nodes);
    const gates = nodes.filter((n) => n.op !== 'input');
    const defs = gates.map((n) => `${n.id} = ${OP_TEX[n.op]!(...(n.inputs as [string, string]))}`);
    const values = INPUT_NAMES.map((id, i) => `${id} = ${formatInt(p.inputs[i]!)}`).join(', ');
    // Only the chosen wording is built (the same draw as choosing among the three strings).
    const intro = [
      () =>
        `The computational graph below computes \\(${defs.join(',\\; ')}\\) with inputs \\(${values}\\).`,
      () =>
        `Consider the graph in the figure: \\(${defs.join(',\\; ')}\\), evaluated at \\(${values}\\).`,
      () =>
        `A small network is written as the computational graph \\(${defs.join(',\\; ')}\\). The inputs are \\(${values}\\).`,
    ][ctx.rng.choice([0, 1, 2])]!();
    const conv = 'ReLU(a) = max(0, a); the max gate passes the gradient to its larger input.';
    const solution = passSolution(gates, v, g);
    const figure = {
      svg: topologySvg(p.topology, nodes),
      alt: `Computational graph with inputs ${INPUT_NAMES.map((id, i) => `${id} = ${formatInt(p.inputs[i]!)}`).join(', ')} and gates ${gates.map((n) => `${n.id} = ${OP_LABEL[n.op]}(${n.inputs!.join(', ')})`).join('; ')}; the output is f.`,
    };
    if (ctx.kind === 'table') {
      const rows = forwardBackwardRows(v, g);
      return {
        stem: `${intro} ${conv} Compute the forward pass and the backward pass: give \\(f\\) and the gradient of \\(f\\) with respect to every input.`,
        solution,
        figure,
        answer: { type: 'table', header: ['quantity', 'value'], rows },
      };
    }
    if (p.ask === 'f') {
      const distractors = outputDistractors(nodes, v, gates);
      return {
        stem: `${intro} ${conv} What is the output \\(f\\) of the forward pass?`,
        solution,
        figure,
        answer: { type: 'numeric', value: v['f']!, decimals: 0, distractors },
      };
    }
    const target = p.ask;
    const distractors = gradientDistractors(nodes, v, g, target);
    return {
      stem: `${intro} ${conv} After the backward pass, what is \\(\\frac{\\partial f}{\\partial ${target}}\\)?`,
      solution,
      figure,
      answer: { type: 'numeric', value: g[target]!, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'S002-backprop-graph',
      kind: 'table',
      note: 'The seed graph is a figure; this instance uses f = ReLU(max(x·y, z) + w) with x = 2, y = 3, z = 1, w = −2 (autograd: f = 4, ∂f/∂x = 3, ∂f/∂y = 2, ∂f/∂z = 0, ∂f/∂w = 1).',
      params: { topology: 'A', inputs: [2, 3, 1, -2], ask: 'f' },
    },
    {
      id: 'S002-backprop-graph-swap',
      kind: 'numeric',
      params: { topology: 'C', inputs: [3, 2, -1, 5], ask: 'x' },
    },
  ],
});
