import { defineTemplate, type NumericDistractor, param } from '@dlexam/generator';
import {
  activate,
  activationPrime,
  type ActivationName,
  formatDecimal,
  formatFixed,
  sigmoid,
  sigmoidPrime,
  tanh,
  tanhPrime,
} from '@dlexam/math';

export type ActivationValuesParams = {
  fn: string;
  z: number;
  ask: string;
};

/** The activations asked about (values and derivatives come from `activate` / `activationPrime`). */
type AskedActivation = Exclude<ActivationName, 'identity'>;

const FNS: Record<AskedActivation, { name: string; def: string; dTex: string }> = {
  sigmoid: {
    name: 'sigmoid',
    def: '\\sigma(z) = \\frac{1}{1 + e^{-z}}',
    dTex: "\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))",
  },
  tanh: {
    name: 'tanh',
    def: '\\tanh(z) = \\frac{e^{2z} - 1}{e^{2z} + 1}',
    dTex: "\\tanh'(z) = 1 - \\tanh^2(z)",
  },
  relu: {
    name: 'ReLU',
    def: '\\mathrm{ReLU}(z) = \\max(0, z)',
    dTex: "\\mathrm{ReLU}'(z) = 1 \\text{ for } z > 0, \\; 0 \\text{ for } z < 0",
  },
  'leaky-relu': {
    name: 'leaky ReLU',
    def: '\\mathrm{LeakyReLU}(z) = \\max(0.01 z, z)',
    dTex: "\\mathrm{LeakyReLU}'(z) = 1 \\text{ for } z > 0, \\; 0.01 \\text{ for } z < 0",
  },
};

/** Seeds 002/003: values and derivatives of sigmoid, tanh, ReLU and leaky ReLU at a point. */
export const activationValues = defineTemplate<ActivationValuesParams>({
  id: 'foundations.activation-values',
  topic: 'foundations',
  title: 'Activation values and derivatives',
  objective: 'Evaluate sigmoid, tanh, ReLU and leaky ReLU and their derivatives at a point.',
  difficulty: 1,
  tags: ['activations'],
  kinds: ['numeric', 'single'],
  params: {
    fn: param.choice('activation function', Object.keys(FNS)),
    z: param.number('pre-activation z', [-3, 3], 0.25, { min: -50, max: 50, decimals: 3 }),
    ask: param.choice('the value or the derivative', ['value', 'derivative']),
  },
  constraints: [
    {
      description: 'the derivative of ReLU or leaky ReLU is not asked at z = 0 (it has none there)',
      check: (p) => p.z !== 0 || p.ask !== 'derivative' || !p.fn.includes('relu'),
      params: ['z', 'ask', 'fn'],
    },
    {
      description: 'z is not 0 (so the activations differ from their values at the origin)',
      check: (p) => p.z !== 0,
      prefer: true,
      params: ['z'],
    },
  ],
  /**
   * Trivial: the value of ReLU or leaky ReLU at a positive z, which is z itself (the identity
   * branch: the answer is the input printed in the stem).
   */
  trivial(p) {
    return p.ask === 'value' && (p.fn === 'relu' || p.fn === 'leaky-relu') && p.z > 0
      ? 'the activation is the identity at a positive z: the answer is z'
      : null;
  },
  build(p, ctx) {
    const fn = p.fn as AskedActivation;
    const a = FNS[fn];
    const z = p.z;
    const f = activate(fn, z);
    const d = activationPrime(fn, z);
    const zt = formatDecimal(z, 3);
    const isD = p.ask === 'derivative';
    const value = isD ? d : f;
    const what = isD
      ? `the derivative \\(\\frac{d}{dz}\\) of the ${a.name} at \\(z = ${zt}\\)`
      : `the ${a.name} activation at \\(z = ${zt}\\)`;
    const stem = ctx.rng.choice([
      `The activation is \\(${a.def}\\). Compute ${what}. Round to 4 decimals.`,
      `A hidden unit uses the ${a.name}, \\(${a.def}\\), and its pre-activation is \\(z = ${zt}\\). What is ${isD ? 'the local gradient of the activation with respect to z' : 'its output'}? Round to 4 decimals.`,
    ]);
    const distractors: NumericDistractor[] = isD
      ? [
          {
            value: f,
            misconception: 'value-not-derivative',
            feedback: 'That is the activation value, not its derivative.',
          },
          {
            value: sigmoid(z) ** 2,
            misconception: 'sigmoid-squared',
            feedback: "σ'(z) = σ(z)(1 − σ(z)), not σ(z)².",
          },
          {
            value: 1 - tanh(z),
            misconception: 'tanh-derivative',
            feedback: "tanh'(z) = 1 − tanh²(z): square the tanh.",
          },
          {
            value: z > 0 ? 0 : 1,
            misconception: 'relu-derivative-flipped',
            feedback: 'ReLU passes gradient 1 for positive inputs and 0 for negative ones.',
          },
          {
            value: sigmoidPrime(z) === d ? tanhPrime(z) : sigmoidPrime(z),
            misconception: 'wrong-activation',
            feedback: 'That is the derivative of a different activation.',
          },
          {
            value: 0.25,
            misconception: 'derivative-at-zero',
            feedback: "σ'(z) is 0.25 only at z = 0.",
          },
        ]
      : [
          {
            value: d,
            misconception: 'derivative-not-value',
            feedback: 'That is the derivative; the question asks for the activation value.',
          },
          {
            value: 1 / (1 + Math.exp(z)),
            misconception: 'sigmoid-sign',
            feedback: 'σ(z) = 1/(1 + e^{−z}): mind the sign in the exponent.',
          },
          {
            value: z > 0 ? 0 : z,
            misconception: 'relu-flipped',
            feedback: 'ReLU keeps positive inputs and zeroes negative ones.',
          },
          {
            value: p.fn === 'tanh' ? sigmoid(z) : tanh(z),
            misconception: 'wrong-activation',
            feedback: 'That is the value of a different activation.',
          },
          {
            value: z,
            misconception: 'identity',
            feedback: 'The activation is not the identity here.',
          },
          {
            value: 0.01 * z,
            misconception: 'leaky-slope-on-positive',
            feedback: 'The leaky slope applies only to negative inputs.',
          },
        ];
    return {
      stem,
      solution: `\\(${a.def}\\)${isD ? ` and \\(${a.dTex}\\)` : ''}. At \\(z = ${zt}\\): ${isD ? 'the derivative is' : 'the output is'} \\(\\approx ${formatFixed(value, 4)}\\).`,
      answer: { type: 'numeric', value, decimals: 4, distractors },
    };
  },
});
