import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { formatInt } from '@dlexam/math';

export type LinearGradParams = {
  target: string;
  ask: string;
  m: number;
  n: number;
};

const G = '\\frac{\\partial L}{\\partial y}';
const NAB: Record<string, string> = { x: '\\nabla_{x} L', W: '\\nabla_{W} L', b: '\\nabla_{b} L' };

/** Formula options per target: the correct one first, then modelled mistakes. */
const FORMULAS: Record<string, { tex: string; misconception?: string; feedback: string }[]> = {
  x: [
    {
      tex: `W^{T} ${G}`,
      feedback:
        'Correct: ∂y/∂x = W, and the gradient must have the shape of x, so Wᵀ multiplies ∂L/∂y.',
    },
    {
      tex: `W ${G}`,
      misconception: 'missing-transpose',
      feedback:
        'W·∂L/∂y does not even type-check unless W is square: the transpose is needed to map back to the shape of x.',
    },
    {
      tex: `${G} x^{T}`,
      misconception: 'confused-with-weight-gradient',
      feedback: 'That is ∇_W L, the gradient with respect to the weights.',
    },
    {
      tex: `${G}^{T} W`,
      misconception: 'row-vector-result',
      feedback:
        'This is a row vector (the transpose of the answer); a gradient has the shape of its variable, a column like x.',
    },
    {
      tex: `W^{T}`,
      misconception: 'dropped-upstream',
      feedback: 'The chain rule multiplies the local derivative by the upstream gradient ∂L/∂y.',
    },
  ],
  W: [
    { tex: `${G} x^{T}`, feedback: 'Correct: an outer product, with the shape of W.' },
    {
      tex: `x ${G}^{T}`,
      misconception: 'transposes-swapped',
      feedback: 'This is the transpose of ∇_W L: its shape is that of Wᵀ.',
    },
    {
      tex: `x^{T} ${G}`,
      misconception: 'inner-not-outer',
      feedback:
        'xᵀ·∂L/∂y is not even defined unless the sizes match, and would be a scalar; the gradient is an outer product.',
    },
    {
      tex: `W^{T} ${G}`,
      misconception: 'confused-with-input-gradient',
      feedback: 'That is ∇ₓL, the gradient with respect to the input.',
    },
    {
      tex: `x^{T}`,
      misconception: 'dropped-upstream',
      feedback: 'The local derivative xᵀ must be combined with the upstream gradient ∂L/∂y.',
    },
  ],
  b: [
    {
      tex: `${G}`,
      feedback:
        'Correct: ∂y/∂b is the identity, so the bias receives the upstream gradient unchanged.',
    },
    {
      tex: `W^{T} ${G}`,
      misconception: 'confused-with-input-gradient',
      feedback: 'That is ∇ₓL; b enters y through the identity, not through W.',
    },
    {
      tex: `${G} x^{T}`,
      misconception: 'confused-with-weight-gradient',
      feedback: 'That is ∇_W L.',
    },
    {
      tex: `\\mathbf{1}`,
      misconception: 'dropped-upstream',
      feedback: '∂y/∂b = I, but the chain rule still multiplies by ∂L/∂y.',
    },
    {
      tex: `b ${G}`,
      misconception: 'multiplied-by-variable',
      feedback: 'b enters additively: its local derivative is the identity, not b.',
    },
  ],
};

/** Seed 000: gradients of y = Wx + b with respect to x, W and b (formulas and shapes). */
export const linearGrad = defineTemplate<LinearGradParams>({
  id: 'foundations.linear-grad',
  topic: 'foundations',
  title: 'Gradients of a linear layer',
  objective:
    'Derive ∇ₓL = Wᵀ∂L/∂y, ∇_W L = ∂L/∂y xᵀ and ∇_b L = ∂L/∂y for y = Wx + b, and their shapes.',
  difficulty: 2,
  tags: ['backprop', 'linear', 'shapes', 'gradient'],
  kinds: ['single'],
  params: {
    target: param.choice('gradient asked for', ['x', 'W', 'b']),
    ask: param.choice('the formula or the shape of the gradient', ['formula', 'shape']),
    m: param.int('output size (rows of W)', [2, 12], { min: 1, max: 4096 }),
    n: param.int('input size (columns of W)', [2, 12], { min: 1, max: 4096 }),
  },
  constraints: [
    {
      description: 'W is not square (so shapes distinguish transposes)',
      check: (p) => p.m !== p.n,
      prefer: true,
      params: ['m', 'n'],
    },
    {
      description: 'a shape question needs W larger than 1 × 1 (else every shape is 1 × 1)',
      check: (p) => p.ask === 'formula' || p.m > 1 || p.n > 1,
      params: ['m', 'n', 'ask'],
    },
  ],
  build(p, ctx) {
    const { m, n } = p;
    const dims = `with \\(x \\in \\mathbb{R}^{${formatInt(n)}}\\), \\(W \\in \\mathbb{R}^{${formatInt(m)} \\times ${formatInt(n)}}\\), \\(b, y \\in \\mathbb{R}^{${formatInt(m)}}\\) (column vectors), and a scalar loss \\(L\\) whose upstream gradient \\(${G}\\) is known`;
    const intro = ctx.rng.choice([
      `A linear layer computes \\(y = Wx + b\\) ${dims}.`,
      `In backpropagation through \\(y = Wx + b\\), ${dims}.`,
      `Consider the affine map \\(y = Wx + b\\) ${dims}. Gradients are written with the shape of the variable they belong to.`,
    ]);
    const nab = NAB[p.target]!;
    const solution = `By the chain rule \\(\\nabla_{x} L = W^{T} ${G}\\) (shape \\(${n} \\times 1\\)), \\(\\nabla_{W} L = ${G} x^{T}\\) (an outer product, \\(${m} \\times ${n}\\), the shape of \\(W\\)) and \\(\\nabla_{b} L = ${G}\\) (\\(${m} \\times 1\\)). A gradient always has the shape of its variable.`;
    if (p.ask === 'formula') {
      const opts = FORMULAS[p.target]!;
      const chosen = [opts[0]!, ...ctx.rng.sample(opts.slice(1), 3)];
      const options: OptionSpec[] = chosen.map((o, i) => {
        const spec: OptionSpec = {
          text: `\\(${nab} = ${o.tex}\\)`,
          correct: i === 0,
          feedback: o.feedback,
        };
        if (o.misconception) spec.misconception = o.misconception;
        return spec;
      });
      return {
        stem: `${intro} ${ctx.rng.choice([`Which expression is \\(${nab}\\)?`, `What is the gradient of \\(L\\) with respect to \\(${p.target}\\)?`])}`,
        solution,
        answer: { type: 'choice', options },
      };
    }
    const correct = { x: [n, 1], W: [m, n], b: [m, 1] }[p.target as 'x' | 'W' | 'b'];
    const cands: { s: number[]; misconception: string; feedback: string }[] = [
      {
        s: [correct[1]!, correct[0]!],
        misconception: 'transposed-shape',
        feedback: 'That is the transposed shape; a gradient has the shape of its variable.',
      },
      {
        s: [m, n],
        misconception: 'weight-shape',
        feedback: 'That is the shape of W (and of ∇_W L).',
      },
      { s: [n, 1], misconception: 'input-shape', feedback: 'That is the shape of x (and of ∇ₓL).' },
      {
        s: [m, 1],
        misconception: 'output-shape',
        feedback: 'That is the shape of y and b (and of ∂L/∂y).',
      },
      { s: [n, m], misconception: 'weight-transposed', feedback: 'That is the shape of Wᵀ.' },
      {
        s: [1, 1],
        misconception: 'scalar',
        feedback: 'Only L is a scalar; its gradient with respect to a vector or matrix is not.',
      },
    ];
    const txt = (s: number[]) => `\\(${formatInt(s[0]!)} \\times ${formatInt(s[1]!)}\\)`;
    const options: OptionSpec[] = [
      {
        text: txt(correct),
        correct: true,
        feedback: 'Correct: the gradient has the shape of the variable.',
      },
    ];
    for (const c of cands) {
      if (options.length === 4) break;
      if (!options.some((o) => o.text === txt(c.s)))
        options.push({
          text: txt(c.s),
          correct: false,
          misconception: c.misconception,
          feedback: c.feedback,
        });
    }
    return {
      stem: `${intro} What is the shape of \\(${nab}\\)?`,
      solution,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    { id: 'S000-linear-grad', params: { target: 'x', ask: 'formula', m: 3, n: 4 } },
    { id: 'S000-linear-grad-W', params: { target: 'W', ask: 'formula', m: 3, n: 4 } },
    { id: 'S000-linear-grad-b', params: { target: 'b', ask: 'formula', m: 3, n: 4 } },
  ],
});
