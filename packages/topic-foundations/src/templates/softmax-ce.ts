import { defineTemplate, type NumericDistractor, param } from '@dlexam/generator';
import {
  crossEntropy,
  crossEntropyGrad,
  formatDecimal,
  formatFixed,
  sigmoid,
  softmax,
} from '@dlexam/math';

export type SoftmaxCeParams = {
  logits: number[];
  target: number;
  ask: string;
  /** Class index j for the probability or gradient entry. */
  j: number;
};

/** Wrong probabilities: no exponential, no normalization, a sigmoid, uniform, another class. */
function probabilityDistractors(
  z: readonly number[],
  probs: readonly number[],
  ez: readonly number[],
  j: number,
): NumericDistractor[] {
  const K = z.length;
  const sumZ = z.reduce((a, b) => a + b, 0);
  return [
    {
      value: sumZ !== 0 ? z[j]! / sumZ : NaN,
      misconception: 'no-exponential',
      feedback: 'Softmax exponentiates the logits before normalizing.',
    },
    {
      value: ez[j]!,
      misconception: 'no-normalization',
      feedback: 'You forgot to divide by the sum of the exponentials.',
    },
    {
      value: sigmoid(z[j]!),
      misconception: 'sigmoid-not-softmax',
      feedback: 'That is the sigmoid of one logit; softmax normalizes over all classes.',
    },
    {
      value: 1 / K,
      misconception: 'uniform',
      feedback: 'Softmax is uniform only when all logits are equal.',
    },
    {
      value: probs[(j + 1) % K]!,
      misconception: 'wrong-class',
      feedback: 'That is the probability of another class.',
    },
  ];
}

/** Wrong losses: log base 10, 1 − p, another class, the raw logit, a sigmoid. */
function lossDistractors(
  z: number[],
  probs: readonly number[],
  t: number,
  loss: number,
): NumericDistractor[] {
  const K = z.length;
  return [
    {
      value: loss / Math.LN10,
      misconception: 'log10',
      feedback: 'Cross-entropy uses the natural logarithm.',
    },
    {
      value: 1 - probs[t]!,
      misconception: 'one-minus-prob',
      feedback: 'The loss is −log p of the true class, not 1 − p.',
    },
    {
      value: crossEntropy(z, (t + 1) % K),
      misconception: 'wrong-class',
      feedback: 'You took the log-probability of a class that is not the label.',
    },
    {
      value: -z[t]!,
      misconception: 'logit-not-prob',
      feedback: 'Apply softmax first: −log p uses the probability, not the raw logit.',
    },
    {
      value: -Math.log(sigmoid(z[t]!)),
      misconception: 'sigmoid-not-softmax',
      feedback: 'You used the sigmoid of one logit instead of the softmax over all classes.',
    },
  ];
}

/** Wrong gradient entries: y − p, the one-hot label misplaced, p(1 − p), ∂ℓ/∂p, a half label. */
function gradientDistractors(
  probs: readonly number[],
  j: number,
  t: number,
  yj: number,
): NumericDistractor[] {
  return [
    {
      value: yj - probs[j]!,
      misconception: 'sign-flipped',
      feedback: 'The gradient is p − y, not y − p.',
    },
    {
      value: j === t ? probs[j]! : probs[j]! - 1,
      misconception: 'wrong-one-hot',
      feedback: 'Subtract 1 only at the true class.',
    },
    {
      value: probs[j]! * (1 - probs[j]!),
      misconception: 'softmax-diagonal-only',
      feedback:
        'p(1 − p) is only the diagonal of the softmax Jacobian; combined with cross-entropy the gradient is p − y.',
    },
    {
      value: -1 / probs[j]!,
      misconception: 'stopped-at-probability',
      feedback: '−1/p is ∂ℓ/∂p, not ∂ℓ/∂z.',
    },
    {
      value: probs[j]! - 0.5,
      misconception: 'half-label',
      feedback: 'The label is one-hot: 1 at the true class, 0 elsewhere.',
    },
  ];
}

/** Seed 003: softmax probabilities, cross-entropy loss and ∂ℓ/∂z_j = p_j − y_j. */
export const softmaxCe = defineTemplate<SoftmaxCeParams>({
  id: 'foundations.softmax-ce',
  topic: 'foundations',
  title: 'Softmax and cross-entropy',
  objective:
    'Compute softmax probabilities, the cross-entropy loss and its gradient p − y for given logits.',
  difficulty: 2,
  tags: ['loss', 'cross-entropy', 'softmax'],
  kinds: ['numeric', 'single'],
  params: {
    // e^20 still prints in full in the solution; 16 classes still fit a stem.
    logits: param.numberVector('logits z', [3, 4], [-3, 3], 0.1, {
      length: [2, 16],
      min: -20,
      max: 20,
      decimals: 3,
    }),
    target: param.int('true class index (0-based)', [0, 3], { min: 0, max: 15 }),
    ask: param.choice('what is asked', ['prob', 'loss', 'grad']),
    j: param.int('class index of the asked entry', [0, 3], { min: 0, max: 15 }),
  },
  constraints: [
    {
      description: 'target and j are class indices: below the number of logits',
      check: (p) => p.target < p.logits.length && p.j < p.logits.length,
      params: ['target', 'j', 'logits'],
    },
    {
      description: 'logits are distinct (so no two classes share a probability)',
      check: (p) => new Set(p.logits).size === p.logits.length,
      prefer: true,
      params: ['logits'],
    },
  ],
  sample(rng) {
    const K = rng.int(3, 4);
    const logits: number[] = [];
    while (logits.length < K) {
      const v = rng.bool(0.6) ? rng.int(-3, 3) : rng.stepped(-3, 3, 0.5);
      if (!logits.includes(v)) logits.push(v);
    }
    return {
      logits,
      target: rng.int(0, K - 1),
      ask: rng.choice(['prob', 'loss', 'grad']),
      j: rng.int(0, K - 1),
    };
  },
  build(p, ctx) {
    const z = p.logits;
    const K = z.length;
    const probs = softmax(z);
    const zT = z.map((v) => formatDecimal(v, 3));
    const vec = `\\(z = (${zT.join(', ')})\\)`;
    const classes = `classes \\(0, \\dots, ${K - 1}\\)`;
    const intro = ctx.rng.choice([
      `A ${K}-class classifier produces the logits ${vec} for ${classes}.`,
      `The last linear layer of a network outputs ${vec} over ${K} classes (${classes}); a softmax turns them into probabilities \\(p_k = e^{z_k} / \\sum_i e^{z_i}\\).`,
      `For one example, the logits of a softmax classifier with ${classes} are ${vec}.`,
    ]);
    const pLine = `\\(p = \\mathrm{softmax}(z) \\approx (${probs.map((x) => formatFixed(x, 4)).join(', ')})\\)`;
    const t = p.target;
    if (p.ask === 'prob') {
      const j = p.j;
      const ez = z.map(Math.exp);
      return {
        stem: `${intro} What is the softmax probability \\(p_{${j}}\\) of class ${j}? Round to 4 decimals.`,
        solution: `\\(p_{${j}} = e^{z_{${j}}} / \\sum_i e^{z_i} = ${formatFixed(ez[j]!, 4)} / ${formatFixed(
          ez.reduce((a, b) => a + b, 0),
          4,
        )} \\approx ${formatFixed(probs[j]!, 4)}\\). In full, ${pLine}.`,
        answer: {
          type: 'numeric',
          value: probs[j]!,
          decimals: 4,
          distractors: probabilityDistractors(z, probs, ez, j),
        },
      };
    }
    if (p.ask === 'loss') {
      const loss = crossEntropy(z, t);
      return {
        stem: `${intro} The true class is ${t}. What is the cross-entropy loss \\(\\ell = -\\log p_{${t}}\\) (natural log)? Round to 4 decimals.`,
        solution: `${pLine}. The one-hot label keeps only the true class: \\(\\ell = -\\ln p_{${t}} = -\\ln ${formatFixed(probs[t]!, 4)} \\approx ${formatFixed(loss, 4)}\\).`,
        answer: {
          type: 'numeric',
          value: loss,
          decimals: 4,
          distractors: lossDistractors(z, probs, t, loss),
        },
      };
    }
    const j = p.j;
    const g = crossEntropyGrad(z, t)[j]!;
    const yj = j === t ? 1 : 0;
    return {
      stem: `${intro} The true class is ${t} and the loss is the cross-entropy of the softmax output (natural log). What is \\(\\frac{\\partial \\ell}{\\partial z_{${j}}}\\)? Round to 4 decimals.`,
      solution: `For softmax followed by cross-entropy, \\(\\frac{\\partial \\ell}{\\partial z} = p - y\\) with \\(y\\) the one-hot label. ${pLine}, and \\(y_{${j}} = ${yj}\\), so \\(\\frac{\\partial \\ell}{\\partial z_{${j}}} = ${formatFixed(probs[j]!, 4)} - ${yj} \\approx ${formatFixed(g, 4)}\\).`,
      answer: {
        type: 'numeric',
        value: g,
        decimals: 4,
        distractors: gradientDistractors(probs, j, t, yj),
      },
    };
  },
  fixtures: [
    { id: 'S003-softmax-ce', params: { logits: [2, 1, 0.1], target: 0, ask: 'loss', j: 0 } },
    { id: 'S003-softmax-ce-prob', params: { logits: [2, 1, 0.1], target: 0, ask: 'prob', j: 1 } },
    { id: 'S003-softmax-ce-grad', params: { logits: [2, 1, 0.1], target: 0, ask: 'grad', j: 0 } },
  ],
});
