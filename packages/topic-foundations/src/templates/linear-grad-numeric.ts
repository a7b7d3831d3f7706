import { defineTemplate, type NumericDistractor, param } from '@dlexam/generator';
import { linearLayerGrads, texMatrix, texVector, transpose } from '@dlexam/math';

export type LinearGradNumericParams = {
  W: number[][];
  x: number[];
  /** Upstream gradient ∂L/∂y. */
  g: number[];
  target: string;
  /** Row (or component) index, 1-based as written in the stem. */
  i: number;
  /** Column index for ∇_W L, 1-based. */
  j: number;
};

type LinearGrads = ReturnType<typeof linearLayerGrads>;

/**
 * What an asked entry is read from: the parameters, the three gradients, W's shape (m × n) and the
 * 0-based indices.
 */
type EntryInput = {
  p: LinearGradNumericParams;
  grads: LinearGrads;
  m: number;
  n: number;
  i0: number;
  j0: number;
};

/** The asked entry of one gradient: its value, the question, the worked line and wrong answers. */
type AskedEntry = { value: number; ask: string; work: string; distractors: NumericDistractor[] };

/** Component i of ∇ₓL = Wᵀg. */
function inputGradientEntry({ p, grads, m, n, i0 }: EntryInput): AskedEntry {
  const { W, x, g } = p;
  const value = grads.dx[i0]!;
  const ask = `What is component ${p.i} of \\(\\nabla_{x} L\\)?`;
  const work = `\\(\\nabla_{x} L = W^{T} \\frac{\\partial L}{\\partial y}\\); component ${p.i} is column ${p.i} of \\(W\\) dotted with \\(\\frac{\\partial L}{\\partial y}\\): \\(${W.map((r, k) => `(${r[i0]})(${g[k]})`).join(' + ')} = ${value}\\).`;
  // W·g is undefined for non-square W; the nearest slip uses row i of W.
  const rowDot =
    i0 < m ? W[i0]!.slice(0, Math.min(n, m)).reduce((s, w, k) => s + w * g[k]!, 0) : NaN;
  const distractors: NumericDistractor[] = [
    {
      value: rowDot,
      misconception: 'missing-transpose',
      feedback: 'Use column i of W (a row of Wᵀ), not row i of W.',
    },
    {
      value: x[i0]! * g.reduce((a, b) => a + b, 0),
      misconception: 'used-input',
      feedback: '∂y/∂x is W; x itself does not appear in ∇ₓL.',
    },
    { value: -value, misconception: 'sign-error', feedback: 'Keep the signs of W and ∂L/∂y.' },
    {
      value: transpose(W)[i0]!.reduce((a, b) => a + b, 0),
      misconception: 'dropped-upstream',
      feedback: 'Multiply by the upstream gradient ∂L/∂y.',
    },
  ];
  return { value, ask, work, distractors };
}

/** Entry (i, j) of ∇_W L = g xᵀ. */
function weightGradientEntry({ p, grads, m, n, i0, j0 }: EntryInput): AskedEntry {
  const { W, x, g } = p;
  const value = grads.dW[i0]![j0]!;
  const ask = `What is the entry in row ${p.i}, column ${p.j} of \\(\\nabla_{W} L\\)?`;
  const work = `\\(\\nabla_{W} L = \\frac{\\partial L}{\\partial y} x^{T}\\) (an outer product), so entry \\((${p.i}, ${p.j})\\) is \\(\\frac{\\partial L}{\\partial y_{${p.i}}} x_{${p.j}} = (${g[i0]})(${x[j0]}) = ${value}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: j0 < m && i0 < n ? g[j0]! * x[i0]! : NaN,
      misconception: 'transposes-swapped',
      feedback: 'Entry (i, j) pairs ∂L/∂yᵢ with xⱼ: you swapped the indices.',
    },
    {
      value: W[i0]![j0]! * g[i0]!,
      misconception: 'used-weight',
      feedback: '∂y/∂W involves x, not W.',
    },
    {
      value: x[j0]!,
      misconception: 'dropped-upstream',
      feedback: 'Multiply by the upstream gradient ∂L/∂yᵢ.',
    },
    { value: -value, misconception: 'sign-error', feedback: 'Keep the signs of x and ∂L/∂y.' },
    {
      value: g[i0]! * x.reduce((a, b) => a + b, 0),
      misconception: 'summed-input',
      feedback: 'Each weight sees one input component, not their sum.',
    },
  ];
  return { value, ask, work, distractors };
}

/** Component i of ∇_b L = g. */
function biasGradientEntry({ p, grads, i0 }: EntryInput): AskedEntry {
  const { x, g } = p;
  const value = grads.db[i0]!;
  const ask = `What is component ${p.i} of \\(\\nabla_{b} L\\)?`;
  const work = `\\(\\nabla_{b} L = \\frac{\\partial L}{\\partial y}\\) because \\(\\partial y / \\partial b = I\\): component ${p.i} is \\(${value}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: 1,
      misconception: 'local-derivative-only',
      feedback: '∂y/∂b = I, but multiply by the upstream gradient.',
    },
    {
      value: g.reduce((a, b) => a + b, 0),
      misconception: 'summed-upstream',
      feedback: 'Each bias component receives its own ∂L/∂yᵢ.',
    },
    {
      value: g[i0]! * x.reduce((a, b) => a + b, 0),
      misconception: 'confused-with-weight-gradient',
      feedback: 'x appears in ∇_W L, not in ∇_b L.',
    },
    {
      value: -value,
      misconception: 'sign-error',
      feedback: 'The bias gradient equals the upstream gradient, sign included.',
    },
    {
      value: value + 1,
      misconception: 'added-one',
      feedback: 'Bias gradients are not shifted by 1.',
    },
  ];
  return { value, ask, work, distractors };
}

/** Seed 000, numeric instance: one entry of ∇ₓL = Wᵀg, ∇_W L = g xᵀ or ∇_b L = g for y = Wx + b. */
export const linearGradNumeric = defineTemplate<LinearGradNumericParams>({
  id: 'foundations.linear-grad-numeric',
  topic: 'foundations',
  title: 'Gradients of a linear layer: numeric instance',
  objective:
    'Compute entries of ∇ₓL = Wᵀ∂L/∂y, ∇_W L = ∂L/∂y xᵀ and ∇_b L = ∂L/∂y for given numbers.',
  difficulty: 2,
  tags: ['backprop', 'linear', 'gradient'],
  kinds: ['numeric', 'single'],
  params: {
    W: param.intMatrix('weight matrix W (m × n)', [2, 3], [2, 3], [-4, 4], {
      rows: [1, 8],
      cols: [1, 8],
      min: -100,
      max: 100,
    }),
    x: param.intVector('input x (n)', [2, 3], [-4, 4], { length: [1, 8], min: -100, max: 100 }),
    g: param.intVector('upstream gradient ∂L/∂y (m)', [2, 3], [-3, 3], {
      length: [1, 8],
      min: -100,
      max: 100,
    }),
    target: param.choice('gradient asked for', ['x', 'W', 'b']),
    i: param.int('row / component (1-based)', [1, 3], { min: 1, max: 8 }),
    j: param.int('column for ∇_W L (1-based)', [1, 3], { min: 1, max: 8 }),
  },
  constraints: [
    {
      description: 'shapes agree: x has n entries, g has m',
      check: (p) => p.x.length === p.W[0]!.length && p.g.length === p.W.length,
      params: ['x', 'g', 'W'],
    },
    {
      description: 'indices are inside the gradient',
      check: (p) => {
        const m = p.W.length;
        const n = p.W[0]!.length;
        if (p.target === 'x') return p.i <= n && p.j === 1;
        if (p.target === 'b') return p.i <= m && p.j === 1;
        return p.i <= m && p.j <= n;
      },
      params: ['W', 'target', 'i', 'j'],
    },
    {
      description: 'W is not square (so a missing transpose shows)',
      check: (p) => p.W.length !== p.W[0]!.length,
      prefer: true,
      params: ['W'],
    },
  ],
  sample(rng) {
    const m = rng.int(2, 3);
    const n = m === 2 ? 3 : 2;
    const target = rng.choice(['x', 'W', 'b']);
    const i = rng.int(1, target === 'x' ? n : m);
    const j = target === 'W' ? rng.int(1, n) : 1;
    const nz = (lo: number, hi: number) => {
      const v = rng.int(lo, hi - 1);
      return v >= 0 ? v + 1 : v; // never 0, so no entry vanishes trivially
    };
    return {
      W: Array.from({ length: m }, () => Array.from({ length: n }, () => nz(-4, 4))),
      x: Array.from({ length: n }, () => nz(-4, 4)),
      g: Array.from({ length: m }, () => nz(-3, 3)),
      target,
      i,
      j,
    };
  },
  build(p, ctx) {
    const { W, x, g } = p;
    const m = W.length;
    const n = W[0]!.length;
    const grads = linearLayerGrads(W, x, g);
    const intro = ctx.rng.choice([
      `A linear layer computes \\(y = Wx + b\\) with`,
      `During backpropagation through \\(y = Wx + b\\) we have`,
    ]);
    const data = `\\(W = ${texMatrix(W)}\\), \\(x = ${texVector(x)}\\), and the upstream gradient \\(\\frac{\\partial L}{\\partial y} = ${texVector(g)}\\) (column vectors; \\(W\\) is \\(${m} \\times ${n}\\)).`;
    const at: EntryInput = { p, grads, m, n, i0: p.i - 1, j0: p.j - 1 };
    const entry =
      p.target === 'x'
        ? inputGradientEntry(at)
        : p.target === 'W'
          ? weightGradientEntry(at)
          : biasGradientEntry(at);
    const { value, ask, work, distractors } = entry;
    distractors.push(
      {
        value: value + 1,
        misconception: 'arithmetic',
        feedback: 'Recheck the products and their signs.',
      },
      {
        value: value - 1,
        misconception: 'arithmetic',
        feedback: 'Recheck the products and their signs.',
      },
    );
    return {
      stem: `${intro} ${data} ${ask}`,
      solution: `${work} (In full: \\(\\nabla_{x} L = ${texVector(grads.dx)}\\), \\(\\nabla_{W} L = ${texMatrix(grads.dW)}\\), \\(\\nabla_{b} L = ${texVector(grads.db)}\\).)`,
      answer: { type: 'numeric', value, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'S000-linear-grad-numeric',
      note: 'Numeric instance of seed 000: W = [[1, 2, -1], [0, 3, 2]], x = (2, -1, 1), ∂L/∂y = (1, -2); ∇_W L entry (2, 1) = −2·2 = −4.',
      params: {
        W: [
          [1, 2, -1],
          [0, 3, 2],
        ],
        x: [2, -1, 1],
        g: [1, -2],
        target: 'W',
        i: 2,
        j: 1,
      },
    },
  ],
});
