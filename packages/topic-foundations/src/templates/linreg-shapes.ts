import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { formatInt } from '@dlexam/math';
import { shapeText } from '../shared.js';

export type LinregShapesParams = {
  F: number;
  m: number;
  ask: string;
};

interface Opt {
  tex: string;
  plain: string;
  misconception?: string;
  feedback: string;
}

const DW: Opt[] = [
  {
    tex: '\\frac{2}{m}(\\hat{y} - y)X^{T}',
    plain: '(2/m)(ŷ − y)Xᵀ',
    feedback: 'Correct: ∂L/∂ŷ = (2/m)(ŷ − y) is (1, m) and Xᵀ is (m, F), giving (1, F) like w.',
  },
  {
    tex: '\\frac{2}{m}X(\\hat{y} - y)^{T}',
    plain: '(2/m)X(ŷ − y)ᵀ',
    misconception: 'transposes-swapped',
    feedback: 'This is the transpose of ∂L/∂w: shape (F, 1) instead of the (1, F) of w.',
  },
  {
    tex: '\\frac{2}{m}(\\hat{y} - y)X',
    plain: '(2/m)(ŷ − y)X',
    misconception: 'missing-transpose',
    feedback: '(1, m)·(F, m) is not defined: X must be transposed.',
  },
  {
    tex: '\\frac{1}{m}(\\hat{y} - y)X^{T}',
    plain: '(1/m)(ŷ − y)Xᵀ',
    misconception: 'missing-factor-2',
    feedback: 'The derivative of the square brings down a factor 2.',
  },
  {
    tex: '\\frac{2}{m}(y - \\hat{y})X^{T}',
    plain: '(2/m)(y − ŷ)Xᵀ',
    misconception: 'sign-flipped',
    feedback: 'd/dŷ (y − ŷ)² = −2(y − ŷ) = 2(ŷ − y): the sign is flipped.',
  },
  {
    tex: '2(\\hat{y} - y)X^{T}',
    plain: '2(ŷ − y)Xᵀ',
    misconception: 'dropped-mean',
    feedback: 'The loss is a mean over m examples: keep the 1/m.',
  },
];

const DB: Opt[] = [
  {
    tex: '\\sum_{i=1}^{m} \\frac{2}{m}(\\hat{y}_i - y_i)',
    plain: 'Σᵢ (2/m)(ŷᵢ − yᵢ)',
    feedback: 'Correct: b is added to every example, so its gradient sums over the batch.',
  },
  {
    tex: '\\frac{2}{m}(\\hat{y} - y)',
    plain: '(2/m)(ŷ − y)',
    misconception: 'not-summed',
    feedback: 'That is a (1, m) vector; b is (1, 1), so sum over the examples.',
  },
  {
    tex: '\\sum_{i=1}^{m} 2(\\hat{y}_i - y_i)',
    plain: 'Σᵢ 2(ŷᵢ − yᵢ)',
    misconception: 'dropped-mean',
    feedback: 'The loss is a mean: keep the 1/m.',
  },
  {
    tex: '\\sum_{i=1}^{m} \\frac{2}{m}(\\hat{y}_i - y_i) x_i',
    plain: 'Σᵢ (2/m)(ŷᵢ − yᵢ)xᵢ',
    misconception: 'confused-with-weight-gradient',
    feedback: 'The local derivative of wX + b with respect to b is 1, not x.',
  },
  {
    tex: '\\sum_{i=1}^{m} \\frac{2}{m}(y_i - \\hat{y}_i)',
    plain: 'Σᵢ (2/m)(yᵢ − ŷᵢ)',
    misconception: 'sign-flipped',
    feedback: 'The derivative of (y − ŷ)² with respect to ŷ is 2(ŷ − y).',
  },
];

/** Seed 001: batched linear regression ŷ = wX + b, X:(F, m), w:(1, F) — shapes and ∂L/∂w, ∂L/∂b. */
export const linregShapes = defineTemplate<LinregShapesParams>({
  id: 'foundations.linreg-shapes',
  topic: 'foundations',
  title: 'Batched linear regression: shapes and gradients',
  objective:
    'Give the shapes in ŷ = wX + b and derive ∂L/∂w = (2/m)(ŷ − y)Xᵀ and ∂L/∂b for the MSE loss.',
  difficulty: 2,
  tags: ['linear-regression', 'shapes', 'gradient', 'mse'],
  kinds: ['single'],
  params: {
    F: param.int('number of features', [2, 20], { min: 1, max: 4096 }),
    m: param.int('batch size (examples)', [5, 256], { min: 1, max: 100000 }),
    ask: param.choice('what is asked', [
      'yhat-shape',
      'dw-shape',
      'dX-shape',
      'dw-formula',
      'db-formula',
    ]),
  },
  constraints: [
    {
      description: 'F and m differ (so shapes distinguish transposes)',
      check: (p) => p.F !== p.m,
      prefer: true,
      params: ['F', 'm'],
    },
  ],
  build(p, ctx) {
    const { F, m } = p;
    const intro = ctx.rng.choice([
      `Batched linear regression computes \\(\\hat{y} = wX + b\\) for \\(m = ${formatInt(m)}\\) examples with \\(F = ${formatInt(F)}\\) features: \\(X\\) has shape \\((F, m)\\) (one example per column), \\(w\\) is \\((1, F)\\), \\(b\\) is \\((1, 1)\\) and broadcast over the batch. The loss is \\(L = \\frac{1}{m} \\sum_{i=1}^{m} (y_i - \\hat{y}_i)^2\\).`,
      `A linear model \\(\\hat{y} = wX + b\\) is trained with the mean squared error \\(L = \\frac{1}{m}\\sum_{i=1}^{m}(y_i - \\hat{y}_i)^2\\). The data matrix \\(X\\) stores ${formatInt(m)} examples of ${formatInt(F)} features as columns, so \\(X\\) is \\((${formatInt(F)}, ${formatInt(m)})\\); \\(w\\) is \\((1, ${formatInt(F)})\\) and the scalar bias \\(b\\) is broadcast.`,
    ]);
    const solution = `Shapes: \\(wX\\) is \\((1, F)(F, m) = (1, m)\\), so \\(\\hat{y}\\) and \\(y\\) are \\((1, ${formatInt(m)})\\). \\(\\frac{\\partial L}{\\partial \\hat{y}} = \\frac{2}{m}(\\hat{y} - y)\\) is \\((1, m)\\); the chain rule gives \\(\\frac{\\partial L}{\\partial w} = \\frac{2}{m}(\\hat{y} - y)X^{T}\\), shape \\((1, ${formatInt(F)})\\) like \\(w\\); \\(\\frac{\\partial L}{\\partial X} = w^{T}\\frac{2}{m}(\\hat{y} - y)\\), shape \\((${formatInt(F)}, ${formatInt(m)})\\) like \\(X\\); and \\(\\frac{\\partial L}{\\partial b} = \\sum_i \\frac{2}{m}(\\hat{y}_i - y_i)\\), a scalar.`;
    if (p.ask === 'dw-formula' || p.ask === 'db-formula') {
      const bank = p.ask === 'dw-formula' ? DW : DB;
      const sym = p.ask === 'dw-formula' ? 'w' : 'b';
      const chosen = [bank[0]!, ...ctx.rng.sample(bank.slice(1), 3)];
      const options: OptionSpec[] = chosen.map((o, i) => {
        const s: OptionSpec = {
          text: `\\(\\frac{\\partial L}{\\partial ${sym}} = ${o.tex}\\)`,
          plain: `∂L/∂${sym} = ${o.plain}`,
          correct: i === 0,
          feedback: o.feedback,
        };
        if (o.misconception) s.misconception = o.misconception;
        return s;
      });
      return {
        stem: `${intro} ${ctx.rng.choice([`Which expression is \\(\\frac{\\partial L}{\\partial ${sym}}\\)?`, `Using the chain rule, what is the gradient of \\(L\\) with respect to \\(${sym}\\)?`])}`,
        solution,
        answer: { type: 'choice', options },
      };
    }
    const what = {
      'yhat-shape': '\\(\\hat{y}\\)',
      'dw-shape': '\\(\\frac{\\partial L}{\\partial w}\\)',
      'dX-shape': '\\(\\frac{\\partial L}{\\partial X}\\)',
    }[p.ask as 'yhat-shape'];
    const correct = { 'yhat-shape': [1, m], 'dw-shape': [1, F], 'dX-shape': [F, m] }[
      p.ask as 'yhat-shape'
    ];
    const cands: [number[], string, string][] = [
      [[correct[1]!, correct[0]!], 'transposed-shape', 'That is the transposed shape.'],
      [[1, m], 'prediction-shape', 'That is the shape of ŷ (one prediction per example).'],
      [[1, F], 'weight-shape', 'That is the shape of w.'],
      [[F, m], 'data-shape', 'That is the shape of X.'],
      [[m, F], 'data-transposed', 'That is the shape of Xᵀ.'],
      [[1, 1], 'scalar', 'Only L and b are scalars here.'],
      [[m], 'dropped-axis', 'The arrays are 2-D: a row vector keeps its leading 1.'],
    ];
    const options: OptionSpec[] = [
      { text: shapeText(correct), correct: true, feedback: 'Correct.' },
    ];
    for (const [s, mis, fb] of ctx.rng.shuffle(cands)) {
      if (options.length === 4) break;
      if (!options.some((o) => o.text === shapeText(s)))
        options.push({ text: shapeText(s), correct: false, misconception: mis, feedback: fb });
    }
    return {
      stem: `${intro} What is the shape of ${what}?`,
      solution,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    { id: 'S001-linreg-shapes', params: { F: 3, m: 100, ask: 'dw-formula' } },
    { id: 'S001-linreg-shapes-yhat', params: { F: 3, m: 100, ask: 'yhat-shape' } },
    { id: 'S001-linreg-shapes-db', params: { F: 3, m: 100, ask: 'db-formula' } },
  ],
});
