import { defineTemplate, param } from '@dlexam/generator';
import {
  bceWithLogits,
  bceWithLogitsGrad,
  formatDecimal,
  formatFixed,
  sigmoid,
} from '@dlexam/math';

export type BceGradParams = {
  z: number;
  y: number;
  ask: string;
};

/** Seed 003: sigmoid + binary cross-entropy; ∂ℓ/∂z = σ(z) − y, and the loss value. */
export const bceGrad = defineTemplate<BceGradParams>({
  id: 'foundations.bce-grad',
  topic: 'foundations',
  title: 'Sigmoid with binary cross-entropy',
  objective:
    'Compute the BCE loss of a sigmoid output and its gradient with respect to the logit, ∂ℓ/∂z = σ(z) − y.',
  difficulty: 2,
  tags: ['loss', 'bce', 'sigmoid', 'backprop'],
  kinds: ['numeric', 'single'],
  params: {
    z: param.number('logit z', [-4, 4], 0.25, { min: -30, max: 30, decimals: 3 }),
    // A hard label: the solution keeps the one log term of y ∈ {0, 1}.
    y: param.choice('true label', [0, 1], { integer: true, min: 0, max: 1 }),
    ask: param.choice('what is asked', ['grad', 'loss']),
  },
  constraints: [
    {
      description: 'z is not 0 (σ(0) = 0.5 makes distractors coincide)',
      check: (p) => p.z !== 0,
      prefer: true,
      params: ['z'],
    },
  ],
  build(p, ctx) {
    const { z, y } = p;
    const s = sigmoid(z);
    const zt = formatDecimal(z, 3);
    const setup = ctx.rng.choice([
      `A binary classifier outputs \\(\\hat{y} = \\sigma(z)\\) with \\(\\sigma(z) = \\frac{1}{1 + e^{-z}}\\), and the logit is \\(z = ${zt}\\). The loss is the binary cross-entropy \\(\\ell(y, \\hat{y}) = -y \\log \\hat{y} - (1 - y) \\log (1 - \\hat{y})\\) (natural log).`,
      `Consider a neural network for binary classification whose last unit computes \\(z = ${zt}\\) and outputs \\(\\hat{y} = \\sigma(z)\\) (logistic sigmoid). Training uses \\(\\ell = -y \\ln \\hat{y} - (1-y) \\ln(1-\\hat{y})\\).`,
      `A logistic-regression output has pre-activation \\(z = ${zt}\\) and prediction \\(\\hat{y} = 1/(1+e^{-z})\\); the per-example loss is binary cross-entropy with the natural logarithm.`,
    ]);
    const sT = formatFixed(s, 4);
    if (p.ask === 'grad') {
      const g = bceWithLogitsGrad(z, y);
      return {
        stem: `${setup} The true label is \\(y = ${y}\\). What is \\(\\frac{\\partial \\ell}{\\partial z}\\)? Round to 4 decimals.`,
        solution: `By the chain rule, \\(\\frac{\\partial \\ell}{\\partial \\hat{y}} = \\frac{1-y}{1-\\hat{y}} - \\frac{y}{\\hat{y}}\\) and \\(\\frac{\\partial \\hat{y}}{\\partial z} = \\hat{y}(1-\\hat{y})\\); the product simplifies to \\(\\frac{\\partial \\ell}{\\partial z} = \\hat{y} - y\\).\n\nHere \\(\\hat{y} = \\sigma(${zt}) \\approx ${sT}\\), so \\(\\frac{\\partial \\ell}{\\partial z} = \\sigma(${zt}) - ${y} \\approx ${formatFixed(g, 4)}\\).`,
        answer: {
          type: 'numeric',
          value: g,
          decimals: 4,
          distractors: [
            {
              value: y - s,
              misconception: 'sign-flipped',
              feedback: 'The sign is flipped: the gradient is ŷ − y, not y − ŷ.',
            },
            {
              value: s,
              misconception: 'dropped-label',
              feedback: 'You dropped the label: ∂ℓ/∂z = σ(z) − y.',
            },
            {
              value: s * (1 - s),
              misconception: 'sigmoid-derivative-only',
              feedback: 'σ′(z) is only one factor; multiply by ∂ℓ/∂ŷ.',
            },
            {
              value: (s - y) * s * (1 - s),
              misconception: 'applied-sigmoid-derivative-twice',
              feedback: 'ŷ − y already includes σ′(z); you multiplied by it again.',
            },
            {
              value: -1,
              misconception: 'constant-gradient',
              feedback: 'The gradient depends on z: it is σ(z) − y.',
            },
            {
              value: 1 - s,
              misconception: 'one-minus-sigmoid',
              feedback: '1 − σ(z) is −(σ(z) − 1): the sign is wrong.',
            },
          ],
        },
      };
    }
    const loss = bceWithLogits(z, y);
    return {
      stem: `${setup} The true label is \\(y = ${y}\\). What is the loss \\(\\ell\\)? Round to 4 decimals.`,
      solution: `\\(\\hat{y} = \\sigma(${zt}) \\approx ${sT}\\). With \\(y = ${y}\\) only the ${y === 1 ? '\\(-\\log \\hat{y}\\)' : '\\(-\\log(1 - \\hat{y})\\)'} term remains: \\(\\ell \\approx ${formatFixed(loss, 4)}\\).`,
      answer: {
        type: 'numeric',
        value: loss,
        decimals: 4,
        distractors: [
          {
            value: bceWithLogits(z, 1 - y),
            misconception: 'wrong-label-term',
            feedback: 'You used the term of the other label.',
          },
          {
            value: loss / Math.LN10,
            misconception: 'log10',
            feedback: 'Cross-entropy uses the natural logarithm, not log base 10.',
          },
          {
            value: -loss,
            misconception: 'dropped-minus',
            feedback: 'The loss carries a minus sign: −log of a probability is positive.',
          },
          {
            value: (y - s) ** 2,
            misconception: 'squared-error',
            feedback: 'That is the squared error, not the cross-entropy.',
          },
          {
            value: Math.abs(y - s),
            misconception: 'absolute-error',
            feedback: 'That is |y − ŷ|, not −log of the probability of the true label.',
          },
        ],
      },
    };
  },
  fixtures: [{ id: 'S003-bce-grad', params: { z: 2, y: 1, ask: 'grad' } }],
});
