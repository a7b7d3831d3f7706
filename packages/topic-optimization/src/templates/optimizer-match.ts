import { defineTemplate, GenerationError, param } from '@dlexam/generator';
import { STATEFUL_OPTIMIZERS } from './stateful-optimizers.js';

/**
 * Match optimizers to their update rules (seed 001 "Optimization Exercise"). The rules are rendered
 * in one of three notations so students recognise the structure, not one particular typography.
 */
export const OPTIMIZER_KEYS = ['gd', ...STATEFUL_OPTIMIZERS] as const;
export type OptimizerKey = (typeof OPTIMIZER_KEYS)[number];

export const OPTIMIZER_NAMES: Record<OptimizerKey, string> = {
  gd: 'Gradient descent',
  momentum: 'Momentum',
  nesterov: 'Nesterov momentum',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
};

const IDEAS: Record<OptimizerKey, string> = {
  gd: 'steps against the current gradient, scaled by the learning rate only.',
  momentum: 'keeps a velocity, a running combination of past gradients, and steps along it.',
  nesterov:
    'is momentum whose step also adds the momentum-scaled new velocity — the gradient is effectively taken at the look-ahead point.',
  adagrad:
    'divides by the root of the SUM of all past squared gradients, so its steps only shrink.',
  rmsprop: 'divides by the root of an exponential moving AVERAGE of squared gradients.',
  adam: 'combines a momentum average of gradients with an RMSProp average of squared gradients, both bias-corrected.',
  adamw:
    'is Adam plus a weight-decay term applied directly to the parameters, outside the adaptive scaling.',
};

export type Notation = 'seed' | 'theta' | 'x';
export type MomentumForm = 'ema' | 'pytorch';

/** The update rule of an optimizer as inline TeX (without the \( \) delimiters). */
export function updateRuleTex(o: OptimizerKey, notation: Notation, form: MomentumForm): string {
  const sep = ',\\quad ';
  if (notation === 'seed') {
    const mom =
      form === 'ema' ? 'V_{dW} = \\beta V_{dW} + (1-\\beta)\\,dW' : 'V_{dW} = \\beta V_{dW} + dW';
    switch (o) {
      case 'gd':
        return 'W = W - \\alpha\\, dW';
      case 'momentum':
        return `${mom}${sep}W = W - \\alpha V_{dW}`;
      case 'nesterov':
        return `V_{dW} = \\beta V_{dW} + dW${sep}W = W - \\alpha\\,(dW + \\beta V_{dW})`;
      case 'adagrad':
        return `S_{dW} = S_{dW} + dW^2${sep}W = W - \\alpha \\frac{dW}{\\sqrt{S_{dW}} + \\varepsilon}`;
      case 'rmsprop':
        return `S_{dW} = \\beta S_{dW} + (1-\\beta)\\,dW^2${sep}W = W - \\alpha \\frac{dW}{\\sqrt{S_{dW}} + \\varepsilon}`;
      case 'adam':
      case 'adamw':
        return (
          `m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t${sep}v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2${sep}` +
          `\\hat{m}_t = \\frac{m_t}{1-\\beta_1^t}${sep}\\hat{v}_t = \\frac{v_t}{1-\\beta_2^t}${sep}` +
          (o === 'adam'
            ? `\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{\\hat{v}_t} + \\epsilon} \\hat{m}_t`
            : `\\theta_{t+1} = \\theta_t - \\eta \\left(\\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon} + \\lambda \\theta_t\\right)`)
        );
    }
  }
  if (notation === 'theta') {
    const mom =
      form === 'ema' ? 'm_t = \\beta m_{t-1} + (1-\\beta) g_t' : 'm_t = \\mu m_{t-1} + g_t';
    switch (o) {
      case 'gd':
        return '\\theta_t = \\theta_{t-1} - \\eta\\, g_t';
      case 'momentum':
        return `${mom}${sep}\\theta_t = \\theta_{t-1} - \\eta\\, m_t`;
      case 'nesterov':
        return `m_t = \\mu m_{t-1} + g_t${sep}\\theta_t = \\theta_{t-1} - \\eta\\,(g_t + \\mu m_t)`;
      case 'adagrad':
        return `G_t = G_{t-1} + g_t^2${sep}\\theta_t = \\theta_{t-1} - \\frac{\\eta\\, g_t}{\\sqrt{G_t} + \\epsilon}`;
      case 'rmsprop':
        return `s_t = \\rho s_{t-1} + (1-\\rho) g_t^2${sep}\\theta_t = \\theta_{t-1} - \\frac{\\eta\\, g_t}{\\sqrt{s_t} + \\epsilon}`;
      case 'adam':
      case 'adamw':
        return (
          `m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t${sep}s_t = \\beta_2 s_{t-1} + (1-\\beta_2) g_t^2${sep}` +
          (o === 'adam'
            ? `\\theta_t = \\theta_{t-1} - \\eta \\frac{m_t/(1-\\beta_1^t)}{\\sqrt{s_t/(1-\\beta_2^t)} + \\epsilon}`
            : `\\theta_t = (1-\\eta\\lambda)\\,\\theta_{t-1} - \\eta \\frac{m_t/(1-\\beta_1^t)}{\\sqrt{s_t/(1-\\beta_2^t)} + \\epsilon}`)
        );
    }
  }
  const g = '\\nabla f(x)';
  const mom =
    form === 'ema' ? `v \\leftarrow \\beta v + (1-\\beta)\\,${g}` : `v \\leftarrow \\rho v + ${g}`;
  switch (o) {
    case 'gd':
      return `x \\leftarrow x - \\alpha\\,${g}`;
    case 'momentum':
      return `${mom}${sep}x \\leftarrow x - \\alpha v`;
    case 'nesterov':
      return `v \\leftarrow \\rho v + ${g}${sep}x \\leftarrow x - \\alpha\\,(${g} + \\rho v)`;
    case 'adagrad':
      return `r \\leftarrow r + ${g}^{\\odot 2}${sep}x \\leftarrow x - \\alpha\\,${g} / (\\sqrt{r} + \\epsilon)`;
    case 'rmsprop':
      return `r \\leftarrow \\rho r + (1-\\rho)\\,${g}^{\\odot 2}${sep}x \\leftarrow x - \\alpha\\,${g} / (\\sqrt{r} + \\epsilon)`;
    case 'adam':
    case 'adamw':
      return (
        `m \\leftarrow \\beta_1 m + (1-\\beta_1)\\,${g}${sep}r \\leftarrow \\beta_2 r + (1-\\beta_2)\\,${g}^{\\odot 2}${sep}` +
        `\\hat{m} = m/(1-\\beta_1^t)${sep}\\hat{r} = r/(1-\\beta_2^t)${sep}` +
        (o === 'adam'
          ? `x \\leftarrow x - \\alpha\\, \\hat{m} / (\\sqrt{\\hat{r}} + \\epsilon)`
          : `x \\leftarrow x - \\alpha\\,(\\hat{m} / (\\sqrt{\\hat{r}} + \\epsilon) + \\lambda x)`)
      );
  }
}

const NOTATION_NOTE: Record<Notation, string> = {
  seed: '\\(W\\) is a weight matrix and \\(dW\\) its gradient (for Adam, \\(\\theta\\) is the parameter and \\(g_t\\) its gradient at step \\(t\\)); \\(\\alpha\\) and \\(\\eta\\) are learning rates.',
  theta:
    '\\(\\theta_t\\) are the parameters after step \\(t\\), \\(g_t = \\nabla_\\theta L(\\theta_{t-1})\\) the gradient and \\(\\eta\\) the learning rate; squares and divisions act element-wise.',
  x: '\\(x\\) are the parameters, \\(\\nabla f(x)\\) the gradient at the current \\(x\\), \\(\\alpha\\) the learning rate; \\(\\odot 2\\) is the element-wise square; roots and divisions also act element-wise.',
};

const MATCH_STEMS = [
  'Match each optimizer to its update rule. {{note}}',
  'Each update rule below belongs to one of the listed optimizers. Pair every optimizer with its rule. {{note}}',
  'Optimization exercise: assign to each optimizer the parameter update it performs at one step. {{note}}',
];

const SINGLE_STEMS = [
  'Which update rule is the one performed by {{name}}? {{note}}',
  'Select the update rule of {{name}}. {{note}}',
  'One of these parameter updates is {{name}}. Which one? {{note}}',
];

const MISCONCEPTION: Record<OptimizerKey, string> = {
  gd: 'confused-with-plain-gd',
  momentum: 'confused-with-momentum',
  nesterov: 'confused-with-nesterov',
  adagrad: 'confused-with-adagrad',
  rmsprop: 'confused-with-rmsprop',
  adam: 'confused-with-adam',
  adamw: 'confused-with-adamw',
};

export type OptimizerMatchParams = {
  /** Indices into OPTIMIZER_KEYS, ascending. */
  picks: number[];
  notation: Notation;
  momentumForm: MomentumForm;
  /** Index among the optimizers not picked whose rule is offered as an extra (unmatched) answer; −1 for none. */
  extra: number;
};

export const optimizerMatch = defineTemplate<OptimizerMatchParams>({
  id: 'optimization.optimizer-match',
  topic: 'optimization',
  title: 'Match optimizers to update rules',
  objective:
    'Recognise the update rules of gradient descent, momentum, Nesterov, AdaGrad, RMSProp, Adam and AdamW.',
  difficulty: 1,
  tags: ['optimizers', 'update-rules', 'seed-001'],
  kinds: ['matching', 'single'],
  params: {
    // Two to all seven optimizers can be matched; a single-choice question shows four.
    picks: param.intVector(
      'optimizers shown (indices, ascending)',
      [4, 4],
      [0, OPTIMIZER_KEYS.length - 1],
      { integer: true, min: 0, max: OPTIMIZER_KEYS.length - 1, length: [2, 7] },
    ),
    notation: param.choice('symbols used to write the rules', ['seed', 'theta', 'x']),
    momentumForm: param.choice('momentum written as v ← βv + (1−β)g or v ← ρv + g', [
      'ema',
      'pytorch',
    ]),
    // Two picks leave five optimizers unpicked (a rule below ties it to the picks).
    extra: param.int(
      'extra unmatched rule (index among unpicked optimizers), −1 for none',
      [-1, 2],
      { integer: true, min: -1, max: OPTIMIZER_KEYS.length - 3 },
    ),
  },
  constraints: [
    {
      description: 'the optimizers shown are distinct',
      check: (p) => new Set(p.picks).size === p.picks.length,
    },
    {
      description: 'the extra rule is one of the optimizers not picked (or −1 for none)',
      check: (p) => p.extra < OPTIMIZER_KEYS.length - p.picks.length,
    },
    {
      // The order only sets the order the prompts are listed in.
      description: 'picks are ascending',
      check: (p) => p.picks.every((x, i) => i === 0 || x > p.picks[i - 1]!),
      prefer: true,
      params: ['picks'],
    },
  ],
  sample(rng) {
    const all = OPTIMIZER_KEYS.map((_, i) => i);
    return {
      picks: rng.sample(all, 4).sort((a, b) => a - b),
      notation: rng.choice(['seed', 'theta', 'x'] as const),
      momentumForm: rng.choice(['ema', 'pytorch'] as const),
      extra: rng.int(-1, 2),
    };
  },
  build(p, ctx) {
    const keys = p.picks.map((i) => OPTIMIZER_KEYS[i]!);
    const unpicked = OPTIMIZER_KEYS.filter((k) => !keys.includes(k));
    const rule = (k: OptimizerKey) => `\\(${updateRuleTex(k, p.notation, p.momentumForm)}\\)`;
    const note = NOTATION_NOTE[p.notation];
    const solution = [
      'The distinguishing features:',
      keys.map((k) => `- ${OPTIMIZER_NAMES[k]}: ${rule(k)} — it ${IDEAS[k]}`).join('\n'),
      'Clues: a single gradient term is plain gradient descent; a velocity built from gradients is momentum; a running quantity of SQUARED gradients in a denominator is AdaGrad (sum) or RMSProp (average); both a first and a bias-corrected second moment is Adam; an extra \\(\\lambda\\)-times-parameter term outside the adaptive fraction is AdamW.',
    ].join('\n\n');
    if (ctx.kind === 'single') {
      if (keys.length < 4)
        throw new GenerationError(
          `single choice needs 4 update rules; these parameters pick ${keys.length} optimizers (the matching kind takes them)`,
        );
      const target = ctx.rng.choice(keys);
      const rest = keys.filter((k) => k !== target);
      // Drawn variants pick four; more pinned optimizers still give four options.
      const others = rest.length > 3 ? ctx.rng.sample(rest, 3) : rest;
      return {
        stem: ctx.render(ctx.rng.choice(SINGLE_STEMS), { name: OPTIMIZER_NAMES[target], note }),
        solution,
        answer: {
          type: 'choice',
          options: [
            {
              text: rule(target),
              correct: true,
              feedback: `Correct: ${OPTIMIZER_NAMES[target]} ${IDEAS[target]}`,
            },
            ...others.map((k) => ({
              text: rule(k),
              correct: false,
              misconception: MISCONCEPTION[k],
              feedback: `This is ${OPTIMIZER_NAMES[k]}, which ${IDEAS[k]}`,
            })),
          ],
        },
      };
    }
    const extraKey = p.extra >= 0 ? unpicked[p.extra] : undefined;
    return {
      stem:
        ctx.render(ctx.rng.choice(MATCH_STEMS), { note }) +
        (extraKey ? '\n\nOne of the rules matches none of the optimizers.' : ''),
      solution,
      answer: {
        type: 'matching',
        pairs: keys.map((k) => ({ prompt: OPTIMIZER_NAMES[k], answer: rule(k) })),
        ...(extraKey ? { distractors: [rule(extraKey)] } : {}),
      },
    };
  },
  fixtures: [
    {
      id: 'S001-optimizer-match',
      params: { picks: [0, 1, 4, 5], notation: 'seed', momentumForm: 'ema', extra: -1 },
      note: 'GD, Momentum, RMSProp, Adam with the formulas exactly as written in seed 001',
    },
  ],
});
