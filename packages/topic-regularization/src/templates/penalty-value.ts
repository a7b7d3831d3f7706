import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { formatDecimal, l1Penalty, l2Penalty, texVector, type L2Convention } from '@dlexam/math';
import {
  CONVENTION_PARAM,
  HALF_LAMBDA_IS_L2,
  LAMBDA_PARAM,
  PENALTY_PARAM,
  penaltyForm,
  VALID_SCALAR,
  type PenaltyForm,
  VALID_VECTOR,
} from './penalty-params.js';

/**
 * The regularized cost J + λΣ|wᵢ| or J + λ‖w‖² (or (λ/2)‖w‖²) for a small weight vector, with
 * the bias left out of the penalty as usual.
 */

export type PenaltyValueParams = {
  penalty: string;
  convention: string;
  w: number[];
  b: number;
  J: number;
  lambda: number;
};

const PENALTIES = [
  ['l1', 'lambda'],
  ['l2', 'lambda'],
  ['l2', 'half-lambda'],
] as const;

/** The penalty of each form, as the stem writes it. */
const PENALTY_TEX: Record<PenaltyForm, string> = {
  l1: '\\lambda \\sum_i |w_i|',
  lambda: '\\lambda \\sum_i w_i^2',
  'half-lambda': '\\frac{\\lambda}{2} \\sum_i w_i^2',
};

const DECIMALS = 4;
const dec = (x: number) => formatDecimal(x, 6);

function cost(p: PenaltyValueParams, w: number[]): number {
  return (
    p.J +
    (p.penalty === 'l1'
      ? l1Penalty(w, p.lambda)
      : l2Penalty(w, p.lambda, p.convention as L2Convention))
  );
}

export const penaltyValue = defineTemplate<PenaltyValueParams>({
  id: 'regularization.penalty-value',
  topic: 'regularization',
  title: 'Value of an L1- or L2-regularized cost',
  objective:
    'Evaluate a cost with an L1 or L2 weight penalty, leaving the bias out of the penalty.',
  difficulty: 1,
  tags: ['l1', 'l2', 'penalty'],
  kinds: ['numeric', 'single'],
  params: {
    penalty: PENALTY_PARAM,
    convention: CONVENTION_PARAM,
    w: param.numberVector('weights', [2, 4], [-2, 2], 0.1, VALID_VECTOR),
    b: param.number('bias (not penalized)', [-2, 2], 0.1, VALID_SCALAR),
    J: param.number('unregularized data cost J', [0.1, 3], 0.01, {
      min: 0,
      max: 1000,
      decimals: 4,
    }),
    lambda: LAMBDA_PARAM,
  },
  constraints: [
    { ...HALF_LAMBDA_IS_L2, params: ['penalty', 'convention'] },
    {
      description:
        'the bias is non-zero and some weight is negative (so the mistakes they model show)',
      check: (p) => p.b !== 0 && p.w.some((x) => x < 0),
      prefer: true,
      params: ['b', 'w'],
    },
  ],
  // The schema's draws, restricted to what the constraints allow (each part uniform, as rejection gives).
  sample(rng) {
    const [penalty, convention] = rng.choice(PENALTIES);
    let w: number[];
    do w = Array.from({ length: rng.int(2, 4) }, () => rng.stepped(-2, 2, 0.1));
    while (!w.some((x) => x < 0));
    let b: number;
    do b = rng.stepped(-2, 2, 0.1);
    while (b === 0);
    return {
      penalty,
      convention,
      w,
      b,
      J: rng.stepped(0.1, 3, 0.01),
      lambda: rng.choice([0.1, 0.2, 0.5, 1]),
    };
  },
  build(p, ctx) {
    const value = cost(p, p.w);
    const penTex = PENALTY_TEX[penaltyForm(p)];
    const data = {
      w: texVector(p.w, { row: true }),
      b: dec(p.b),
      J: dec(p.J),
      lambda: dec(p.lambda),
    };
    const stem = [
      ctx.render(
        ctx.rng.choice([
          'A linear layer has weights \\(w = {{w}}\\) and bias \\(b = {{b}}\\). On a mini-batch its data cost is \\(J = {{J}}\\).',
          'The parameters of a neuron are \\(w = {{w}}\\), \\(b = {{b}}\\); the unregularized loss on the training batch is \\(J = {{J}}\\).',
          'For weights \\(w = {{w}}\\) and bias \\(b = {{b}}\\), the data loss is \\(J = {{J}}\\).',
        ]),
        data,
      ),
      ctx.render(
        `Training minimizes \\(J_{\\text{reg}} = J + ${penTex}\\) with \\(\\lambda = {{lambda}}\\); the sum runs over the weights only (the bias is not penalized).`,
        data,
      ),
      `What is \\(J_{\\text{reg}}\\)? Round to ${DECIMALS} decimals.`,
    ].join('\n\n');
    const withBias = [...p.w, p.b];
    const d: NumericDistractor[] = [];
    const add = (v: number, misconception: string, feedback: string) =>
      d.push({ value: v, misconception, feedback });
    add(cost(p, withBias), 'penalty-on-bias', 'The bias is not part of the penalty.');
    const sumW = p.w.reduce((s, x) => s + x, 0);
    const sumAbs = p.w.reduce((s, x) => s + Math.abs(x), 0);
    const sumSq = p.w.reduce((s, x) => s + x * x, 0);
    const k = p.convention === 'half-lambda' ? p.lambda / 2 : p.lambda;
    if (p.penalty === 'l1') {
      add(
        p.J + p.lambda * sumW,
        'dropped-absolute-value',
        'The L1 penalty sums absolute values; negative weights add, not subtract.',
      );
      add(
        p.J + p.lambda * sumSq,
        'l2-for-l1',
        'Squaring the weights gives the L2 penalty, not L1.',
      );
      add(
        p.lambda * sumAbs,
        'dropped-data-cost',
        'The regularized cost is the data cost plus the penalty.',
      );
      add(p.J + sumAbs, 'forgot-lambda', 'The penalty is scaled by λ.');
    } else {
      add(
        p.J + k * Math.sqrt(sumSq),
        'norm-not-squared',
        'The L2 penalty uses the squared norm ‖w‖², not ‖w‖.',
      );
      add(
        p.J + k * sumAbs,
        'l1-for-l2',
        'Summing absolute values gives the L1 penalty; L2 squares the weights.',
      );
      add(
        p.J + (p.convention === 'half-lambda' ? p.lambda : p.lambda / 2) * sumSq,
        'half-lambda-confusion',
        p.convention === 'half-lambda'
          ? 'The stated penalty has the factor λ/2.'
          : 'The stated penalty is λ‖w‖², without a factor 1/2.',
      );
      add(
        p.J + k * sumW * sumW,
        'square-of-sum',
        'Square each weight and then sum; do not square the sum.',
      );
    }
    const terms =
      p.penalty === 'l1'
        ? p.w.map((x) => `|${dec(x)}|`)
        : p.w.map((x) => `${x < 0 ? `(${dec(x)})` : dec(x)}^2`);
    const factor =
      p.penalty === 'l2' && p.convention === 'half-lambda'
        ? `\\frac{${dec(p.lambda)}}{2}`
        : dec(p.lambda);
    const solution = [
      `\\[J_{\\text{reg}} = ${dec(p.J)} + ${factor}\\,\\big(${terms.join(' + ')}\\big) = ${dec(p.J)} + ${factor} \\cdot ${dec(p.penalty === 'l1' ? sumAbs : sumSq)} = ${formatDecimal(value, DECIMALS)}\\]`,
      'The bias does not enter the penalty.',
    ].join('\n\n');
    return {
      stem,
      solution,
      answer: { type: 'numeric', value, decimals: DECIMALS, distractors: d },
    };
  },
  fixtures: [
    {
      id: 'S001-l1-l2-update-penalty-value',
      params: {
        penalty: 'l2',
        convention: 'lambda',
        w: [0.5, -1.2, 0],
        b: 0.1,
        J: 0.8,
        lambda: 0.2,
      },
      note: 'seed 001 J_L2 = J + λ‖w‖² on the numeric instance of S001-l1-l2-update',
    },
  ],
});
