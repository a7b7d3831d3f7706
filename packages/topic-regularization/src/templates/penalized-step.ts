import {
  defineTemplate,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import {
  formatDecimal,
  penalizedGdStep,
  penaltySign,
  texVector,
  type L2Convention,
} from '@dlexam/math';
import {
  CONVENTION_PARAM,
  HALF_LAMBDA_IS_L2,
  LAMBDA_PARAM,
  PENALTY_GRADIENT_TEX,
  PENALTY_PARAM,
  penaltyForm,
  VALID_SCALAR,
  type PenaltyForm,
  VALID_VECTOR,
} from './penalty-params.js';

/**
 * One gradient-descent step with an L1 or L2 penalty on a small weight vector plus a bias that is
 * not penalized: w − αλ·sign(w) − α∂J/∂w, w − 2αλw − α∂J/∂w (λ‖w‖²) or w − αλw − α∂J/∂w ((λ/2)‖w‖²).
 * Asked: one weight (numeric/single) or the whole updated vector (table).
 */

export type PenalizedStepParams = {
  penalty: string;
  convention: string;
  w: number[];
  grad: number[];
  b: number;
  gradB: number;
  alpha: number;
  lambda: number;
  ask: number;
};

const DECIMALS = 4;
const ALPHA_LAMBDA = [0.1, 0.2, 0.5].flatMap((alpha) =>
  [0.1, 0.2, 0.5, 1]
    .filter((lambda) => alpha * lambda <= 0.1 + 1e-12)
    .map((lambda) => ({ alpha, lambda })),
);
const dec = (x: number) => formatDecimal(x, 6);
/** Negative terms in parentheses so sums read "0.3 + (−0.2)". */
const paren = (x: number) => (x < 0 ? `(${dec(x)})` : dec(x));

/** The penalty of each form, as the stem writes it. */
const PENALTY_TEX: Record<PenaltyForm, string> = {
  l1: '\\lambda \\sum_i |w_i|',
  lambda: '\\lambda \\|w\\|^2',
  'half-lambda': '\\frac{\\lambda}{2} \\|w\\|^2',
};

/** Index of the asked parameter: 0..n−1 a weight, n the bias. */
const isBias = (p: PenalizedStepParams) => p.ask === p.w.length;

function update(p: PenalizedStepParams): number[] {
  const penalize = [...p.w.map(() => true), false];
  return penalizedGdStep([...p.w, p.b], [...p.grad, p.gradB], {
    penalty: p.penalty as 'l1' | 'l2',
    alpha: p.alpha,
    lambda: p.lambda,
    convention: p.convention as L2Convention,
    penalize,
  });
}

/** Penalty gradient of one entry under a given (possibly wrong) rule. */
function penaltyGrad(penalty: string, convention: string, x: number, lambda: number): number {
  if (penalty === 'l1') return lambda * penaltySign(x);
  return (convention === 'lambda' ? 2 : 1) * lambda * x;
}

/** Seed 001's update exercise, asked with either penalty. */
const S001_STEP = {
  convention: 'lambda',
  w: [0.5, -1.2, 0],
  grad: [0.3, -0.4, 0.2],
  b: 0.1,
  gradB: 0.5,
  alpha: 0.1,
  lambda: 0.2,
} satisfies Partial<PenalizedStepParams>;

type AddDistractor = (v: number, misconception: string, feedback: string) => void;

/** The mistakes when the bias is asked: penalizing it, the step's sign, the learning rate. */
function biasMistakes(p: PenalizedStepParams, add: AddDistractor) {
  const x = p.b;
  const g = p.gradB;
  add(
    x - p.alpha * penaltyGrad(p.penalty, p.convention, x, p.lambda) - p.alpha * g,
    'penalized-bias',
    'You applied the penalty to the bias; biases are not regularized.',
  );
  add(x + p.alpha * g, 'gradient-ascent', 'Gradient descent subtracts α times the gradient.');
  add(x - g, 'forgot-learning-rate', 'The gradient is multiplied by the learning rate α.');
  add(
    x - p.alpha * (p.penalty === 'l1' ? p.lambda * penaltySign(x) : p.lambda * x) - p.alpha * g,
    'penalized-bias',
    'You applied a penalty to the bias; biases are not regularized.',
  );
}

/** The mistakes when a weight is asked (x before the step, g its loss gradient). */
function weightMistakes(p: PenalizedStepParams, x: number, g: number, add: AddDistractor) {
  const pg = penaltyGrad(p.penalty, p.convention, x, p.lambda);
  const noPen = x - p.alpha * g;
  /** The penalty step's sign and its learning rate got wrong, worded for the penalty. */
  const addPenaltyStepMistakes = (signFeedback: string, rateFeedback: string) => {
    add(x + p.alpha * pg - p.alpha * g, 'penalty-sign-flipped', signFeedback);
    add(x - pg - p.alpha * g, 'forgot-learning-rate-on-penalty', rateFeedback);
  };
  if (p.penalty === 'l1') {
    if (x === 0) {
      add(
        x - p.alpha * p.lambda - p.alpha * g,
        'sign-zero-as-one',
        'At w = 0 the stated convention is sign(0) = 0, so the L1 term vanishes.',
      );
      add(
        x + p.alpha * p.lambda - p.alpha * g,
        'sign-zero-as-minus-one',
        'At w = 0 the stated convention is sign(0) = 0, not −1.',
      );
    } else {
      addPenaltyStepMistakes(
        'The penalty gradient λ·sign(w) is subtracted, pulling the weight towards 0.',
        'The learning rate multiplies the penalty gradient too: αλ·sign(w).',
      );
      add(
        x - 2 * p.alpha * p.lambda * x - p.alpha * g,
        'l2-update-for-l1',
        'That is the L2 update; the L1 penalty contributes αλ·sign(w).',
      );
      add(noPen, 'forgot-penalty', 'You left out the penalty term αλ·sign(w).');
    }
  } else {
    if (p.convention === 'lambda')
      add(
        x - p.alpha * p.lambda * x - p.alpha * g,
        'missing-factor-2',
        'The gradient of λw² is 2λw; the factor 2 is missing.',
      );
    else
      add(
        x - 2 * p.alpha * p.lambda * x - p.alpha * g,
        'extra-factor-2',
        'With penalty (λ/2)‖w‖² the gradient is λw, not 2λw.',
      );
    addPenaltyStepMistakes(
      'Weight decay shrinks the weight; the penalty gradient is subtracted.',
      'The learning rate multiplies the penalty gradient too.',
    );
    add(noPen, 'forgot-penalty', 'You left out the weight-decay term.');
    add(
      x - p.alpha * p.lambda * penaltySign(x) - p.alpha * g,
      'l1-update-for-l2',
      'That is the L1 update; the L2 penalty contributes a term proportional to w.',
    );
  }
  add(x - p.alpha * pg + p.alpha * g, 'gradient-ascent', 'Gradient descent subtracts α·∂J/∂w.');
}

/** The worked step of each listed parameter (the indices; n is the bias). */
function stepSolution(p: PenalizedStepParams, next: number[], indices: number[]): string {
  const n = p.w.length;
  const penGradTex = PENALTY_GRADIENT_TEX[penaltyForm(p)];
  const rowTex = (i: number): string => {
    const xi = i === n ? p.b : p.w[i]!;
    const gi = i === n ? p.gradB : p.grad[i]!;
    const pgi = i === n ? 0 : penaltyGrad(p.penalty, p.convention, xi, p.lambda);
    const nm = i === n ? 'b' : `w_{${i + 1}}`;
    return `${nm} \\leftarrow ${dec(xi)} - ${dec(p.alpha)} \\cdot \\big(${paren(gi)} + ${paren(pgi)}\\big) = ${formatDecimal(next[i]!, DECIMALS)}`;
  };
  return [
    `The penalized gradient of weight \\(w_i\\) is \\(\\frac{\\partial J}{\\partial w_i} + ${penGradTex}\\); the bias gets \\(\\frac{\\partial J}{\\partial b}\\) only. The step is \\(\\theta \\leftarrow \\theta - \\alpha \\cdot \\text{gradient}\\).`,
    ...indices.map((i) => `\\[${rowTex(i)}\\]`),
  ].join('\n\n');
}

/** The table answer: each listed parameter, its value before and after the step. */
function stepRows(p: PenalizedStepParams, next: number[], indices: number[]): TableCellSpec[][] {
  const n = p.w.length;
  return indices.map((i) => [
    { type: 'text', text: i === n ? '\\(b\\)' : `\\(w_{${i + 1}}\\)` },
    { type: 'text', text: dec(i === n ? p.b : p.w[i]!) },
    { type: 'numeric', value: next[i]!, decimals: DECIMALS, tolerance: 0.00005 },
  ]);
}

export const penalizedStep = defineTemplate<PenalizedStepParams>({
  id: 'regularization.penalized-step',
  topic: 'regularization',
  title: 'One gradient step with an L1 or L2 penalty',
  objective:
    'Apply one gradient-descent step to a small weight vector under an L1 or L2 penalty, leaving the bias unpenalized.',
  difficulty: 2,
  tags: ['l1', 'l2', 'weight-decay', 'gradient-descent'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    penalty: PENALTY_PARAM,
    convention: CONVENTION_PARAM,
    w: param.numberVector('weights before the step', [2, 4], [-2, 2], 0.1, VALID_VECTOR),
    grad: param.numberVector('∂J/∂w of the unregularized cost', [2, 4], [-1, 1], 0.1, VALID_VECTOR),
    b: param.number('bias (not penalized)', [-1, 1], 0.1, VALID_SCALAR),
    gradB: param.number('∂J/∂b', [-1, 1], 0.1, VALID_SCALAR),
    alpha: param.choice('learning rate α', [0.1, 0.2, 0.5], {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 4,
    }),
    lambda: LAMBDA_PARAM,
    ask: param.int(
      'asked parameter: index of a weight, or the number of weights for the bias',
      [0, 4],
      { min: 0, max: 8 },
    ),
  },
  constraints: [
    // Keeps 2αλ ≤ 0.2 (a sensible decay) and every update exact to 4 decimals.
    {
      description: 'α·λ ≤ 0.1',
      check: (p) => p.alpha * p.lambda <= 0.1 + 1e-12,
      prefer: true,
      params: ['alpha', 'lambda'],
    },
    {
      description: 'w and grad have the same length',
      check: (p) => p.w.length === p.grad.length,
      params: ['w', 'grad'],
    },
    {
      description: 'the asked index is a weight or the bias',
      check: (p) => p.ask <= p.w.length,
      params: ['ask', 'w'],
    },
    { ...HALF_LAMBDA_IS_L2, params: ['penalty', 'convention'] },
    {
      description: 'all loss gradients and the bias are non-zero',
      check: (p) => p.grad.every((g) => g !== 0) && p.gradB !== 0 && p.b !== 0,
      prefer: true,
      params: ['grad', 'gradB', 'b'],
    },
    {
      description: 'an asked L2 weight is non-zero (else the penalty has no effect)',
      check: (p) => p.penalty === 'l1' || isBias(p) || p.w[p.ask] !== 0,
      prefer: true,
      params: ['penalty', 'w', 'ask'],
    },
  ],
  sample(rng) {
    const n = rng.int(2, 4);
    const tenth = (lo: number, hi: number, nonzero = false): number => {
      for (;;) {
        const x = rng.int(lo * 10, hi * 10) / 10;
        if (!nonzero || x !== 0) return x;
      }
    };
    const penalty = rng.choice(['l1', 'l2']);
    const w = Array.from({ length: n }, () => tenth(-2, 2, true));
    // L1 variants often hold a zero weight, so sign(0) = 0 matters.
    if (penalty === 'l1' && rng.bool(0.4)) w[rng.int(0, n - 1)] = 0;
    const ask = rng.bool(0.2)
      ? n
      : penalty === 'l1' && w.includes(0) && rng.bool(0.5)
        ? w.indexOf(0)
        : rng.int(0, n - 1);
    return {
      penalty,
      convention: penalty === 'l2' ? rng.choice(['lambda', 'half-lambda']) : 'lambda',
      w,
      grad: Array.from({ length: n }, () => tenth(-1, 1, true)),
      b: tenth(-1, 1, true),
      gradB: tenth(-1, 1, true),
      ...rng.choice(ALPHA_LAMBDA),
      ask,
    };
  },
  build(p, ctx) {
    const next = update(p);
    const n = p.w.length;
    const bias = isBias(p);
    const name = bias ? 'b' : `w_{${p.ask + 1}}`;
    const x = bias ? p.b : p.w[p.ask]!;
    const g = bias ? p.gradB : p.grad[p.ask]!;
    const value = next[p.ask]!;
    const penTex = PENALTY_TEX[penaltyForm(p)];
    const data = {
      w: texVector(p.w),
      grad: texVector(p.grad),
      b: dec(p.b),
      gb: dec(p.gradB),
      alpha: dec(p.alpha),
      lambda: dec(p.lambda),
      n,
    };
    const intro = ctx.render(
      ctx.rng.choice([
        'A layer has weights \\(w = {{w}}\\) and a bias \\(b = {{b}}\\). Backpropagation of the unregularized cost \\(J\\) gives \\(\\frac{\\partial J}{\\partial w} = {{grad}}\\) and \\(\\frac{\\partial J}{\\partial b} = {{gb}}\\).',
        'The current parameters are \\(w = {{w}}\\), \\(b = {{b}}\\), and the gradients of the data cost \\(J\\) are \\(\\nabla_w J = {{grad}}\\), \\(\\frac{\\partial J}{\\partial b} = {{gb}}\\).',
        'Consider a neuron with weight vector \\(w = {{w}}\\) and bias \\(b = {{b}}\\); on the current mini-batch \\(\\frac{\\partial J}{\\partial w} = {{grad}}\\) and \\(\\frac{\\partial J}{\\partial b} = {{gb}}\\).',
      ]),
      data,
    );
    const conv = ctx.render(
      `Training minimizes \\(J(w, b) + ${penTex}\\) with \\(\\lambda = {{lambda}}\\); as usual the bias is not regularized. One step of plain gradient descent is taken with learning rate \\(\\alpha = {{alpha}}\\).${p.penalty === 'l1' ? ' Use \\(\\operatorname{sign}(0) = 0\\).' : ''}`,
      data,
    );
    const question =
      ctx.kind === 'table'
        ? `Give every parameter after the step, rounded to ${DECIMALS} decimals.`
        : ctx.rng.choice([
            `What is \\(${name}\\) after the step? Round to ${DECIMALS} decimals.`,
            `Compute the updated value of \\(${name}\\), rounded to ${DECIMALS} decimals.`,
          ]);
    const distractors: NumericDistractor[] = [];
    const add = (v: number, misconception: string, feedback: string) =>
      distractors.push({ value: v, misconception, feedback });
    if (bias) biasMistakes(p, add);
    else weightMistakes(p, x, g, add);
    const indices = ctx.kind === 'table' ? Array.from({ length: n + 1 }, (_, i) => i) : [p.ask];
    const solution = stepSolution(p, next, indices);
    const stem = [intro, conv, question].join('\n\n');
    if (ctx.kind === 'table') {
      const rows = stepRows(p, next, indices);
      return {
        stem,
        solution,
        answer: { type: 'table', header: ['Parameter', 'Before', 'After one step'], rows },
      };
    }
    return {
      stem,
      solution,
      answer: { type: 'numeric', value, decimals: DECIMALS, tolerance: 0.00005, distractors },
    };
  },
  fixtures: [
    {
      id: 'S001-l1-l2-update-numeric-l1',
      params: {
        penalty: 'l1',
        ...S001_STEP,
        ask: 2,
      },
      note: 'numeric instance of seed 001 L1 update; the asked weight is 0, so sign(0) = 0 matters',
    },
    {
      id: 'S001-l1-l2-update-numeric-l2',
      kind: 'table',
      params: {
        penalty: 'l2',
        ...S001_STEP,
        ask: 0,
      },
      note: 'numeric instance of seed 001 L2 update, whole vector as a table',
    },
  ],
});
