import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type ValidDomain,
} from '@dlexam/generator';
import {
  clipGradientByNorm,
  clipGradientByValue,
  formatDecimal,
  formatFixed,
  repeatedProduct,
  texScientific,
  toScientific,
} from '@dlexam/math';
import {
  ANSWER_DECIMALS,
  assertSingleChoicePossible,
  fixed,
  numericCell,
  ordinal,
  withPlainFeedback,
} from '../shared.js';

/** Validity of a positive number up to `max` with at most 3 decimals. */
const positiveUpTo = (max: number): ValidDomain => ({
  min: 0,
  minExclusive: true,
  max,
  decimals: 3,
});

export type GradientProductParams = {
  /** Factor each step multiplies the gradient by (a Jacobian norm or weight, simplified to a scalar). */
  factor: number;
  steps: number;
  context: 'time-steps' | 'layers';
};

const SIG = 3;
/** Largest |decimal exponent| of factor^steps: the inverse-product distractor stays a double too. */
const PRODUCT_EXPONENT = 300;
/** Smallest decimal exponent of a numeric key an LMS grades to 3 significant figures. */
const NUMERIC_MIN_EXPONENT = -10;

type ProductWords = { f: string; T: number };
type Context = GradientProductParams['context'];

const PRODUCT_INTROS: Record<Context, readonly string[]> = {
  'time-steps': [
    'In backpropagation through time, the gradient that reaches an early time step is a product of one factor \\(\\partial h_{t+1}/\\partial h_t\\) per step. Model every such factor as the scalar {{f}}.',
    'An RNN is unrolled over {{T}} time steps. Suppose that going back one step multiplies the gradient by {{f}} (the recurrent Jacobian, simplified to a scalar).',
  ],
  layers: [
    'The gradient of a deep network with respect to its first layer is a product of one factor \\(\\partial h^{i+1}/\\partial h^i\\) per layer. Model every factor as the scalar {{f}}.',
    'A network has {{T}} layers and backpropagation multiplies the gradient by {{f}} at every layer (a simplified, scalar Jacobian).',
  ],
};
const PRODUCT_ASKS: Record<Context, readonly string[]> = {
  'time-steps': [
    'By what factor is the gradient scaled after going back {{T}} time steps? Give it to 3 significant figures.',
    'What does the product of the {{T}} factors come to? Answer to 3 significant figures (e.g. \\(4.07 \\times 10^{17}\\)).',
  ],
  layers: [
    'By what factor is the gradient scaled after passing back through {{T}} layers? Give it to 3 significant figures.',
    'What is the product of the {{T}} factors? Answer to 3 significant figures (e.g. \\(2.04 \\times 10^{-10}\\)).',
  ],
};

export const gradientProduct = withPlainFeedback(
  defineTemplate<GradientProductParams>({
    id: 'rnn.gradient-product',
    topic: 'rnn',
    title: 'Exploding and vanishing gradients',
    objective:
      'Compute repeated gradient factors such as 1.5^100 and 0.8^100 and tell exploding from vanishing gradients.',
    difficulty: 1,
    tags: ['vanishing-gradient', 'exploding-gradient', 'bptt'],
    kinds: ['numeric', 'single'],
    params: {
      // Validity: a positive factor (the solution takes its logarithm) up to 10 with 3 decimals,
      // 2–1000 steps; their product must stay gradable and finite (a rule below).
      factor: param.number('factor per step', [0.5, 1.9], 0.05, positiveUpTo(10)),
      steps: param.int('number of steps (time steps or layers)', [10, 200], { min: 2, max: 1000 }),
      context: param.choice('RNN time steps or network layers', ['time-steps', 'layers']),
    },
    constraints: [
      {
        description: 'the factor is not 1 (the gradient neither explodes nor vanishes)',
        check: (p) => Math.abs(p.factor - 1) > 1e-9,
        params: ['factor'],
      },
      {
        description: `the product factor^steps lies between 10^−${PRODUCT_EXPONENT} and 10^${PRODUCT_EXPONENT} (a double holds it and its inverse)`,
        check: (p) => Math.abs(p.steps * Math.log10(p.factor)) <= PRODUCT_EXPONENT,
        params: ['factor', 'steps'],
      },
    ],
    build(p, ctx) {
      const value = repeatedProduct(p.factor, p.steps);
      // The numeric kind's own validity (choices show any product): the generator's LMS gate
      // refuses a key below 10⁻¹⁰ anyway; refused here first, a pin is told which rule it breaks.
      // Draws are redrawn exactly as the gate redrew them.
      if (ctx.kind === 'numeric' && toScientific(value, SIG).exponent < NUMERIC_MIN_EXPONENT)
        throw new GenerationError(
          `its params break a validity rule of rnn.gradient-product: the numeric kind needs factor^steps ≥ 10^${NUMERIC_MIN_EXPONENT} (3 significant figures of a smaller key cannot be told from 0 in an LMS); the single-choice kind takes it`,
        );
      const data: ProductWords = { f: formatDecimal(p.factor, 3), T: p.steps };
      const stem = [
        ctx.render(ctx.rng.choice(PRODUCT_INTROS[p.context]), data),
        ctx.render(ctx.rng.choice(PRODUCT_ASKS[p.context]), data),
      ].join('\n\n');
      const explodes = p.factor > 1;
      const early =
        p.context === 'layers' ? 'the first layers (near the input)' : 'the earliest time steps';
      const solution = [
        `The factors multiply: \\(${data.f}^{${p.steps}} = 10^{${p.steps} \\log_{10} ${data.f}} \\approx ${texScientific(value, SIG)}\\).`,
        explodes
          ? `A factor above 1 compounds into an exploding gradient: updates for ${early} blow up (overflow to inf/NaN) unless the gradient is clipped.`
          : `A factor below 1 compounds into a vanishing gradient: ${early} get almost no gradient, so their parameters barely change, whatever the learning rate.`,
      ].join('\n\n');
      return {
        stem,
        solution,
        answer: {
          type: 'numeric',
          value,
          decimals: 0,
          sigFigs: SIG,
          distractors: [
            {
              value: p.factor * p.steps,
              misconception: 'multiplied-instead-of-power',
              feedback:
                'You multiplied the factor by the number of steps; repeated multiplication is a power, \\(a^T\\).',
            },
            {
              value: repeatedProduct(p.factor, p.steps - 1),
              misconception: 'off-by-one-exponent',
              feedback: `You used one factor too few: ${p.steps} steps contribute ${p.steps} factors.`,
            },
            {
              value: 1 / value,
              misconception: 'inverted-product',
              feedback:
                'You inverted the product; backpropagation multiplies by the factor, it does not divide.',
            },
            {
              value: p.factor ** Math.round(p.steps / 2),
              misconception: 'halved-exponent',
              feedback: 'You used half the exponent; every one of the steps contributes a factor.',
            },
          ],
        },
      };
    },
    fixtures: [
      {
        id: 'S003-explode-vanish',
        params: { factor: 1.5, steps: 100, context: 'layers' },
        note: '1.5^100 ≈ 4.07×10¹⁷',
      },
      {
        id: 'S003-explode-vanish-0.8',
        params: { factor: 0.8, steps: 100, context: 'layers' },
        note: '0.8^100 ≈ 2.04×10⁻¹⁰',
      },
    ],
  }),
);

export type GradientClippingParams = {
  /** Gradient vector (integers). */
  g: number[];
  maxNorm: number;
  /** 0-based component asked in numeric kinds. */
  unit: number;
};

const CLIP_INTROS = [
  'To stop exploding gradients, an RNN is trained with gradient clipping by (global L2) norm: if \\(\\|g\\|_2 > c\\) the gradient is rescaled to \\(g \\cdot c / \\|g\\|_2\\), otherwise it is left unchanged (PyTorch `clip_grad_norm_`, ignoring its tiny epsilon).',
  'Gradient clipping by norm with threshold \\(c\\) replaces \\(g\\) by \\(\\frac{c}{\\|g\\|_2} g\\) whenever \\(\\|g\\|_2 > c\\) and keeps \\(g\\) otherwise, so the direction never changes.',
];
type ClipWords = { g: string; c: string; ord: string; places: number };

const CLIP_ASKS: Record<'numeric' | 'table', readonly string[]> = {
  numeric: [
    'The gradient is \\(g = {{g}}\\) and \\(c = {{c}}\\). What is the {{ord}} component after clipping? Round to {{places}} decimals.',
    'With \\(c = {{c}}\\), clip \\(g = {{g}}\\). Give the {{ord}} entry of the clipped gradient, rounded to {{places}} decimals.',
  ],
  table: [
    'The gradient is \\(g = {{g}}\\) and \\(c = {{c}}\\). Enter its norm and every component after clipping, rounded to {{places}} decimals.',
    'Clip \\(g = {{g}}\\) with \\(c = {{c}}\\): give \\(\\|g\\|_2\\) and the clipped components, each rounded to {{places}} decimals.',
  ],
};

/** The modelled mistakes of a numeric or single-choice clipping variant. */
function clipDistractors(
  p: GradientClippingParams,
  norm: number,
  sumSq: number,
): NumericDistractor[] {
  const k = p.unit;
  const clips = norm > p.maxNorm;
  const l1 = p.g.reduce((s, x) => s + Math.abs(x), 0);
  return [
    {
      value: clipGradientByValue(p.g, p.maxNorm)[k]!,
      misconception: 'clipped-by-value',
      feedback:
        'You clipped each component to \\([-c, c]\\) (clipping by value); clipping by norm rescales the whole vector.',
    },
    clips
      ? {
          value: p.g[k]! / norm,
          misconception: 'forgot-threshold-factor',
          feedback:
            'You normalized \\(g\\) to unit length; the rescaled gradient has norm \\(c\\), so multiply by \\(c\\) too.',
        }
      : {
          value: (p.g[k]! * p.maxNorm) / norm,
          misconception: 'rescaled-below-threshold',
          feedback:
            'The norm is already at most \\(c\\), so clipping leaves the gradient unchanged.',
        },
    {
      value: l1 > p.maxNorm ? (p.g[k]! * p.maxNorm) / l1 : p.g[k]!,
      misconception: 'used-l1-norm',
      feedback: 'You used the L1 norm (sum of absolute values); clipping by norm uses the L2 norm.',
    },
    {
      value: clips ? (p.g[k]! * p.maxNorm) / sumSq : p.g[k]! * p.maxNorm,
      misconception: clips ? 'divided-by-squared-norm' : 'multiplied-by-threshold',
      feedback: clips
        ? 'You divided by the squared norm; the factor is \\(c/\\|g\\|_2\\).'
        : 'The gradient is not multiplied by \\(c\\); below the threshold it stays as it is.',
    },
  ];
}

export const gradientClipping = withPlainFeedback(
  defineTemplate<GradientClippingParams>({
    id: 'rnn.gradient-clipping',
    topic: 'rnn',
    title: 'Gradient clipping by norm',
    objective: 'Clip a gradient vector by its L2 norm and contrast it with clipping by value.',
    difficulty: 2,
    tags: ['exploding-gradient', 'gradient-clipping'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      // Validity: up to 8 components with 3 decimals each (integers drawn), a threshold > 0.
      g: param.intVector('gradient vector', [2, 4], [-6, 6], {
        min: -1000,
        max: 1000,
        decimals: 3,
        length: [1, 8],
      }),
      maxNorm: param.number('threshold c', [1, 5], 0.5, positiveUpTo(1000)),
      unit: param.int('0-based component asked', [0, 3], { min: 0, max: 7 }),
    },
    constraints: [
      {
        description: 'the gradient is not zero',
        check: (p) => p.g.some((x) => x !== 0),
        params: ['g'],
      },
      {
        description: 'the asked component exists',
        check: (p) => p.unit < p.g.length,
        params: ['g', 'unit'],
      },
    ],
    /**
     * Trivial (numeric, single): the asked component is 0 (it stays 0 whatever the scale), or the
     * norm does not exceed c, so the answer is a component printed in the stem.
     */
    trivial(p, v) {
      if (v.kind === 'table') return null;
      if (p.g[p.unit] === 0) return 'the asked component is 0, clipped or not';
      if (Math.hypot(...p.g) <= p.maxNorm)
        return 'the gradient is not clipped: the answer is a component of the stem';
      return null;
    },
    build(p, ctx) {
      const clipped = clipGradientByNorm(p.g, p.maxNorm);
      const norm = Math.hypot(...p.g);
      const sumSq = p.g.reduce((s, x) => s + x * x, 0);
      const dec = ANSWER_DECIMALS;
      const value = clipped[p.unit]!;
      const distractors = ctx.kind === 'table' ? [] : clipDistractors(p, norm, sumSq);
      assertSingleChoicePossible(ctx.kind, value, distractors, dec);
      const data: ClipWords = {
        g: `\\begin{bmatrix}${p.g.join(' & ')}\\end{bmatrix}`,
        c: formatDecimal(p.maxNorm, 3),
        ord: ordinal(p.unit),
        places: dec,
      };
      const stem = [
        ctx.rng.choice(CLIP_INTROS),
        ctx.render(
          ctx.rng.choice(ctx.kind === 'table' ? CLIP_ASKS.table : CLIP_ASKS.numeric),
          data,
        ),
      ].join('\n\n');
      const clips = norm > p.maxNorm;
      const solution = [
        `\\(\\|g\\|_2 = \\sqrt{${p.g.map((x) => (x < 0 ? `(${x})^2` : `${x}^2`)).join(' + ')}} = \\sqrt{${formatDecimal(sumSq, 6)}} \\approx ${formatFixed(norm, dec)}\\).`,
        clips
          ? `This exceeds \\(c = ${data.c}\\), so every component is multiplied by \\(c / \\|g\\|_2 \\approx ${formatFixed(p.maxNorm / norm, 4)}\\): the clipped gradient is \\(\\begin{bmatrix}${clipped.map((x) => fixed(x, dec)).join(' & ')}\\end{bmatrix}\\), with norm exactly \\(${data.c}\\) and the same direction.`
          : `This does not exceed \\(c = ${data.c}\\), so the gradient is left unchanged.`,
      ].join('\n\n');

      if (ctx.kind === 'table') {
        const num = (v: number) => numericCell(v, dec);
        return {
          stem,
          solution,
          answer: {
            type: 'table',
            header: ['‖g‖₂', ...p.g.map((_, k) => `clipped g[${k + 1}]`)],
            rows: [[num(norm), ...clipped.map(num)]],
          },
        };
      }
      return {
        stem,
        solution,
        answer: {
          type: 'numeric',
          value,
          decimals: dec,
          distractors,
        },
      };
    },
  }),
);
