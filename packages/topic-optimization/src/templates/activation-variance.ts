import { askedValue, defineTemplate, param } from '@dlexam/generator';
import { activationVarianceAfter, formatDecimal, texScientific, toScientific } from '@dlexam/math';

/**
 * How the variance of pre-activations grows or shrinks through L layers: each layer multiplies it
 * by n·σ² (linear / tanh near 0) or n·σ²/2 (ReLU). He (σ² = 2/n) keeps ReLU layers at gain 1.
 */
export type ActivationVarianceParams = {
  width: number;
  /** Weight variance σ² written as k/n: numerator k (2 = He, 1 = LeCun/"Xavier" of the notes). */
  numerator: number;
  activation: 'linear' | 'relu';
  layers: number;
  inputVariance: number;
};

const STEMS = [
  'Every layer of a deep network has \\(n = {{n}}\\) inputs per unit, zero biases and i.i.d. zero-mean weights of variance \\(\\sigma^2 = {{k}}/{{n}}\\); inputs and weights are independent and zero-mean. {{actText}} If the pre-activations of one layer have variance {{v0}}, what is the variance of the pre-activations {{L}} {{layers}} later? Give 3 significant figures.',
  'Assume zero-mean, independent weights and activations, zero biases, fan-in \\(n = {{n}}\\) everywhere and \\(\\mathrm{Var}(w) = {{k}}/{{n}}\\). {{actText}} Starting from pre-activation variance {{v0}}, find the pre-activation variance after {{L}} more {{layers}} (3 significant figures).',
  'Variance propagation: weights \\(w_{ij} \\sim \\mathcal{N}(0,\\ {{k}}/{{n}})\\), fan-in \\(n = {{n}}\\), zero biases. {{actText}} The pre-activations of layer \\(l\\) have variance {{v0}}. What is the variance at layer \\(l + {{L}}\\)? Answer to 3 significant figures.',
];

const ACT_TEXT = {
  linear:
    'The activation is the identity (a linear network, or tanh in its linear regime near 0), so \\(\\mathrm{Var}(a^{(l+1)}) = n\\,\\sigma^2\\,\\mathrm{Var}(a^{(l)})\\).',
  relu: 'Each layer applies ReLU to the previous pre-activations (symmetric around 0), which keeps half of their second moment: \\(\\mathrm{Var}(a^{(l+1)}) = n\\,\\sigma^2 \\cdot \\tfrac12\\,\\mathrm{Var}(a^{(l)})\\).',
};

const NUMERATORS = [0.5, 1, 2, 3, 4];
const INPUT_VARIANCES = [0.5, 1, 2, 4];

const varianceAfter = (p: ActivationVarianceParams) =>
  activationVarianceAfter(p.inputVariance, p.width, p.numerator / p.width, p.layers, p.activation);

export const activationVariance = defineTemplate<ActivationVarianceParams>({
  id: 'optimization.activation-variance',
  topic: 'optimization',
  title: 'Variance of activations through layers',
  objective:
    'Propagate the variance of pre-activations through several layers and see why He/Xavier scaling keeps it constant.',
  difficulty: 3,
  tags: ['initialization', 'vanishing-gradients', 'exploding-gradients'],
  kinds: ['numeric', 'single'],
  params: {
    // Only multiplied: any width up to 4096.
    width: param.choice('fan-in n of every layer', [50, 64, 100, 128, 256, 512], {
      integer: true,
      min: 1,
      max: 4096,
    }),
    numerator: param.choice('σ² = numerator / n', NUMERATORS, {
      min: 0,
      minExclusive: true,
      max: 100,
      decimals: 2,
    }),
    activation: param.choice('activation between layers', ['linear', 'relu']),
    // Up to 100 layers: with a gain ≤ 100 and a start ≤ 1000 the variance stays a finite double.
    layers: param.int('number of layers L', [2, 20], { min: 1, max: 100 }),
    inputVariance: param.choice('starting pre-activation variance', INPUT_VARIANCES, {
      min: 0,
      minExclusive: true,
      max: 1000,
      decimals: 2,
    }),
  },
  constraints: [
    {
      // The generic gate's bound for numeric answers (below it an LMS's own slack accepts 0). The
      // draw domain keeps its tiny variances: choice questions drawn from it have always shown them.
      description:
        'the variance after L layers is at least about 10⁻¹⁰ (3 significant figures an LMS can grade)',
      check: (p) =>
        toScientific(varianceAfter(p), 3).exponent >= -10 ||
        (NUMERATORS.includes(p.numerator) &&
          INPUT_VARIANCES.includes(p.inputVariance) &&
          p.layers >= 2 &&
          p.layers <= 20),
    },
  ],
  /**
   * Trivial: the variance does not change through the layers (the scaling keeps it, as it is meant
   * to), so the answer is the starting variance printed in the stem.
   */
  trivial(p, v) {
    const value = askedValue(v);
    return value !== undefined && Math.abs(value - p.inputVariance) <= 1e-9 * p.inputVariance
      ? 'the variance is kept: the answer is the starting variance'
      : null;
  },
  build(p, ctx) {
    const v = varianceAfter(p);
    const gain = p.numerator * (p.activation === 'relu' ? 0.5 : 1);
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      n: p.width,
      k: formatDecimal(p.numerator, 2),
      actText: ACT_TEXT[p.activation],
      v0: formatDecimal(p.inputVariance, 2),
      L: p.layers,
      layers: p.layers === 1 ? 'layer' : 'layers',
    });
    const otherGain = p.activation === 'relu' ? p.numerator : p.numerator * 0.5;
    const verdict =
      gain > 1
        ? 'grows geometrically (exploding activations and gradients)'
        : gain < 1
          ? 'shrinks geometrically (vanishing signal)'
          : 'stays constant — the point of Xavier/He scaling';
    return {
      stem,
      solution: [
        `Per layer the variance is multiplied by \\(n\\sigma^2${p.activation === 'relu' ? '\\cdot\\tfrac12' : ''} = ${p.width}\\cdot\\frac{${formatDecimal(p.numerator, 2)}}{${p.width}}${p.activation === 'relu' ? '\\cdot\\tfrac12' : ''} = ${formatDecimal(gain, 3)}\\).`,
        `After ${p.layers} ${p.layers === 1 ? 'layer' : 'layers'}: \\(${formatDecimal(p.inputVariance, 2)} \\cdot ${formatDecimal(gain, 3)}^{${p.layers}} \\approx ${texScientific(v, 3)}\\). The variance ${verdict}.`,
      ].join('\n\n'),
      answer: {
        type: 'numeric',
        value: v,
        decimals: 0,
        sigFigs: 3,
        distractors: [
          {
            value: p.inputVariance * otherGain ** p.layers,
            misconception: p.activation === 'relu' ? 'forgot-relu-half' : 'applied-relu-half',
            feedback:
              p.activation === 'relu'
                ? 'You forgot that ReLU halves the second moment.'
                : 'You halved the variance as for ReLU, but these layers are linear.',
          },
          {
            value: p.inputVariance * gain ** (p.layers - 1),
            misconception: 'one-layer-short',
            feedback: `You applied ${p.layers - 1} layers instead of ${p.layers}.`,
          },
          {
            value: p.inputVariance * gain * p.layers,
            misconception: 'added-instead-of-multiplied',
            feedback:
              'You multiplied the gain by L; each layer multiplies the variance again, so the gain is raised to the power L.',
          },
          {
            value: p.inputVariance * (p.numerator / p.width) ** p.layers,
            misconception: 'forgot-fan-in',
            feedback:
              'You used σ² alone as the gain; the n independent terms of the sum each add σ²·Var.',
          },
        ],
      },
    };
  },
  fixtures: [
    {
      id: 'T-he-relu-constant',
      params: { width: 256, numerator: 2, activation: 'relu', layers: 10, inputVariance: 1 },
      note: 'He init with ReLU: gain 256·(2/256)·½ = 1, variance stays 1',
    },
  ],
});
