import {
  defineTemplate,
  param,
  type BuildContext,
  type NumericDistractor,
  type QuestionBody,
} from '@dlexam/generator';
import {
  clipGradientByNorm,
  clipGradientByValue,
  formatDecimal,
  texScientific,
  texVector,
  toScientific,
} from '@dlexam/math';

/**
 * Vanishing/exploding gradients as products of per-layer factors, and gradient clipping by norm.
 */
export type GradientFlowParams = {
  mode: 'repeated-factor' | 'layer-factors' | 'clip-norm';
  /** repeated-factor: the per-layer factor; unused (1) otherwise. */
  factor: number;
  /** repeated-factor: number of layers or time steps; unused (1) otherwise. */
  depth: number;
  /** layer-factors: per-layer |w·σ'| factors; clip-norm: the gradient vector. */
  values: number[];
  /** clip-norm: the maximum norm c; unused (1) otherwise. */
  maxNorm: number;
  /** clip-norm: 1-based coordinate asked for. */
  coord: number;
};

const FACTORS = [0.25, 0.5, 0.8, 0.9, 1.1, 1.2, 1.5, 2];
const DEPTHS = [10, 20, 30, 50, 100];

/** Unused parameters hold these values, so one question has one parameter set. */
const neutralOutside = (p: GradientFlowParams) => {
  const factor = p.mode === 'repeated-factor' || p.factor === 1;
  const depth = p.mode === 'repeated-factor' || p.depth === 1;
  const rest =
    p.mode === 'clip-norm' ||
    (p.maxNorm === 1 &&
      p.coord === 1 &&
      (p.mode === 'layer-factors' || (p.values.length === 2 && p.values.every((v) => v === 1))));
  return factor && depth && rest;
};

/** The same factor at every layer: factor^depth. */
function repeatedFactor(p: GradientFlowParams, ctx: BuildContext): QuestionBody {
  const value = p.factor ** p.depth;
  const kind = p.factor > 1 ? 'explodes' : p.factor < 1 ? 'vanishes' : 'keeps its magnitude';
  const stems = [
    `During backpropagation through ${p.depth} layers (or ${p.depth} time steps of an RNN), each step multiplies the gradient's magnitude by the same factor ${formatDecimal(p.factor, 4)}. By what overall factor is the gradient scaled? Give 3 significant figures.`,
    `A gradient is multiplied by ${formatDecimal(p.factor, 4)} at each of ${p.depth} layers on its way back to the input. What is the total scaling factor (3 significant figures)?`,
    `Each of ${p.depth} recurrent steps scales the back-propagated gradient by ${formatDecimal(p.factor, 4)}. Compute the product of these factors to 3 significant figures.`,
  ];
  const distractors: NumericDistractor[] = [
    {
      value: p.factor * p.depth,
      misconception: 'multiplied-by-depth',
      feedback:
        'You multiplied the factor by the depth; the factors multiply, so it is raised to the power of the depth.',
    },
    {
      value: p.factor ** (p.depth - 1),
      misconception: 'one-step-short',
      feedback: `You used ${p.depth - 1} factors instead of ${p.depth}.`,
    },
    {
      value: 1 / p.factor ** p.depth,
      misconception: 'inverted',
      feedback: 'You inverted the factor.',
    },
    {
      value: p.factor ** (p.depth + 1),
      misconception: 'one-step-extra',
      feedback: `You used ${p.depth + 1} factors instead of ${p.depth}.`,
    },
  ];
  return {
    stem: ctx.rng.choice(stems),
    solution: `The factors multiply: \\(${formatDecimal(p.factor, 4)}^{${p.depth}} \\approx ${texScientific(value, 3)}\\). The gradient ${kind}: factors below 1 make early layers learn extremely slowly (vanishing), factors above 1 make updates blow up (exploding), which gradient clipping, careful initialization, normalization and gated/residual architectures counter.`,
    answer: { type: 'numeric', value, decimals: 0, sigFigs: 3, distractors },
  };
}

/** Different factors per layer: their product. */
function layerFactors(p: GradientFlowParams, ctx: BuildContext): QuestionBody {
  const value = p.values.reduce((s, x) => s * x, 1);
  const list = p.values.map((v) => formatDecimal(v, 4)).join(', ');
  const stems = [
    `Backpropagating through ${p.values.length} layers, the gradient is multiplied at layer \\(l\\) by \\(|w_l\\,\\sigma'(z_l)|\\); these factors are ${list}. By what total factor is the gradient's magnitude scaled? Give 3 significant figures.`,
    `In a chain of ${p.values.length} scalar layers the local derivatives have magnitudes ${list}. What is the magnitude of the product, i.e. the factor between \\(\\partial L/\\partial a_{\\text{out}}\\) and \\(\\partial L/\\partial a_{\\text{in}}\\)? Give 3 significant figures.`,
    `The per-layer gradient factors of a ${p.values.length}-layer network are ${list}. Multiply them to find how much the gradient shrinks or grows on the way back. Give 3 significant figures.`,
  ];
  const sum = p.values.reduce((s, x) => s + x, 0);
  const distractors: NumericDistractor[] = [
    {
      value: sum,
      misconception: 'added-factors',
      feedback: 'You added the factors; the chain rule multiplies them.',
    },
    {
      value: value / p.values[0]!,
      misconception: 'skipped-a-layer',
      feedback: 'You left out the first factor.',
    },
    {
      value: sum / p.values.length,
      misconception: 'averaged-factors',
      feedback: 'You averaged the factors; the chain rule multiplies them.',
    },
    {
      value: Math.max(...p.values),
      misconception: 'took-largest',
      feedback: 'You took the largest factor; all factors multiply.',
    },
  ];
  return {
    stem: ctx.rng.choice(stems),
    solution: `By the chain rule the factors multiply: \\(${p.values.map((v) => formatDecimal(v, 4)).join(' \\times ')} \\approx ${texScientific(value, 3)}\\). ${value < 1 ? 'Below 1: the gradient shrinks (sigmoid derivatives are at most 0.25, which is why deep sigmoid networks suffer from vanishing gradients).' : 'Above 1: the gradient grows, and over many layers it would explode.'}`,
    answer: { type: 'numeric', value, decimals: 0, sigFigs: 3, distractors },
  };
}

/** Gradient clipping by the L2 norm: one coordinate of the clipped gradient. */
function clipByNorm(p: GradientFlowParams, ctx: BuildContext): QuestionBody {
  const norm = Math.hypot(...p.values);
  const clipped = clipGradientByNorm(p.values, p.maxNorm);
  const i = p.coord - 1;
  const value = clipped[i]!;
  const g = texVector(p.values, { row: true });
  const stems = [
    `The gradient \\(g = ${g}\\) is clipped by its L2 norm with threshold \\(c = ${p.maxNorm}\\): if \\(\\|g\\|_2 > c\\) it is rescaled to \\(g \\cdot c/\\|g\\|_2\\) (as \\(\\texttt{clip\\_grad\\_norm\\_}\\) does). What is coordinate ${p.coord} of the clipped gradient? Round to 4 decimals.`,
    `Gradient clipping by norm, maximum norm ${p.maxNorm}: the gradient is \\(g = ${g}\\); when its Euclidean norm exceeds the maximum, the whole vector is scaled down to that norm, keeping its direction. Give component ${p.coord} of the result, rounded to 4 decimals.`,
    `To prevent exploding gradients, \\(g = ${g}\\) is rescaled so that \\(\\|g\\|_2 \\le ${p.maxNorm}\\) (scaling the whole vector by \\(c/\\|g\\|_2\\) when it is too long). What is the new value of component ${p.coord}? Round to 4 decimals.`,
  ];
  const l1 = p.values.reduce((s, x) => s + Math.abs(x), 0);
  const distractors: NumericDistractor[] = [
    {
      value: clipGradientByValue(p.values, p.maxNorm)[i]!,
      misconception: 'clipped-by-value',
      feedback:
        'You clipped each component to [−c, c]; clipping by norm rescales the whole vector.',
    },
    {
      value: p.values[i]! / norm,
      misconception: 'normalized-to-unit',
      feedback: 'You normalized to length 1; the target length is the threshold c.',
    },
    {
      value: (p.values[i]! * p.maxNorm) / l1,
      misconception: 'used-l1-norm',
      feedback: 'You used the L1 norm; the rule uses the Euclidean (L2) norm.',
    },
    {
      value: p.values[i]!,
      misconception: 'no-clipping',
      feedback: `The norm ${formatDecimal(norm, 3)} exceeds ${p.maxNorm}, so the gradient must be rescaled.`,
    },
    {
      value: (p.values[i]! * norm) / p.maxNorm,
      misconception: 'inverted-ratio',
      feedback: 'You multiplied by ‖g‖/c instead of c/‖g‖.',
    },
  ];
  return {
    stem: ctx.rng.choice(stems),
    solution: `\\(\\|g\\|_2 = \\sqrt{${p.values.map((v) => `(${formatDecimal(v, 4)})^2`).join(' + ')}} = ${formatDecimal(norm, 4)} > ${p.maxNorm}\\), so scale by \\(${p.maxNorm}/${formatDecimal(norm, 4)}\\): component ${p.coord} becomes \\(${formatDecimal(p.values[i]!, 4)}\\cdot${p.maxNorm}/${formatDecimal(norm, 4)} = ${formatDecimal(value, 4)}\\). The direction is unchanged; only the length is capped.`,
    answer: { type: 'numeric', value, decimals: 4, distractors },
  };
}

export const gradientFlow = defineTemplate<GradientFlowParams>({
  id: 'optimization.gradient-flow',
  topic: 'optimization',
  title: 'Vanishing/exploding gradients and clipping',
  objective:
    'Compute how per-layer factors multiply a back-propagated gradient, and clip a gradient by its norm.',
  difficulty: 2,
  tags: ['vanishing-gradients', 'exploding-gradients', 'gradient-clipping'],
  kinds: ['numeric', 'single'],
  params: {
    mode: param.choice('question type', ['repeated-factor', 'layer-factors', 'clip-norm']),
    factor: param.choice(
      'per-layer factor (repeated-factor)',
      [0.25, 0.5, 0.8, 0.9, 1, 1.1, 1.2, 1.5, 2],
      { min: 0, minExclusive: true, max: 100, decimals: 4 },
    ),
    depth: param.int('layers or time steps (repeated-factor)', [1, 100], { min: 1, max: 1000 }),
    // Listed in the stem to 4 decimals: at most 16 of them.
    values: param.numberVector('per-layer factors or the gradient vector', [2, 6], [-6, 6], 0.05, {
      length: [1, 16],
      min: -1000,
      max: 1000,
      decimals: 4,
    }),
    maxNorm: param.choice('clipping threshold (clip-norm)', [0.5, 1, 2, 5], {
      min: 0,
      minExclusive: true,
      max: 1000,
      decimals: 4,
    }),
    coord: param.int('coordinate asked (clip-norm)', [1, 4], { integer: true, min: 1, max: 16 }),
  },
  constraints: [
    {
      description:
        'parameters unused by the mode hold neutral values (factor 1, depth 1, values [1, 1], maxNorm 1, coord 1)',
      check: neutralOutside,
    },
    {
      description:
        'layer-factors: at least 2 factors, each a magnitude > 0, whose product is at least about 10⁻¹⁰ (3 significant figures an LMS can grade)',
      check: (p) =>
        p.mode !== 'layer-factors' ||
        (p.values.length >= 2 &&
          p.values.every((v) => v > 0) &&
          toScientific(
            p.values.reduce((s, x) => s * x, 1),
            3,
          ).exponent >= -10),
    },
    {
      description: 'clip-norm: the asked coordinate exists',
      check: (p) => p.mode !== 'clip-norm' || p.coord <= p.values.length,
    },
    {
      description: 'clip-norm: the gradient norm exceeds the threshold (the gradient is clipped)',
      check: (p) => p.mode !== 'clip-norm' || Math.hypot(...p.values) > p.maxNorm,
    },
    {
      // The generic gate's bound for numeric answers (below it an LMS's own slack accepts 0); the
      // drawn factors and depths keep their tiny products, which choice questions have shown.
      description:
        'repeated-factor: at least 2 layers, and the product is between about 10⁻¹⁰ and 10³⁰⁰ (3 significant figures an LMS can grade)',
      check: (p) => {
        if (p.mode !== 'repeated-factor') return true;
        if (p.depth < 2) return false;
        const x = p.factor ** p.depth;
        return (
          (x <= 1e300 && toScientific(x, 3).exponent >= -10) ||
          (FACTORS.includes(p.factor) && DEPTHS.includes(p.depth))
        );
      },
    },
    {
      description: "the mode's draw ranges hold",
      prefer: true,
      params: ['mode', 'factor', 'depth', 'values', 'maxNorm', 'coord'],
      check: (p) => {
        if (p.mode === 'repeated-factor')
          return (
            p.factor !== 1 &&
            p.depth >= 10 &&
            p.values.length === 2 &&
            p.values.every((v) => v === 1) &&
            p.maxNorm === 1 &&
            p.coord === 1
          );
        if (p.mode === 'layer-factors')
          return (
            p.factor === 1 &&
            p.depth === 1 &&
            p.values.length >= 3 &&
            p.values.every((v) => v >= 0.05 && v <= 2.5) &&
            p.maxNorm === 1 &&
            p.coord === 1
          );
        return (
          p.factor === 1 &&
          p.depth === 1 &&
          p.values.length <= 4 &&
          p.coord <= p.values.length &&
          p.values[p.coord - 1] !== 0
        );
      },
    },
    {
      description: 'clip-norm: the gradient norm exceeds the threshold by 20 %',
      prefer: true,
      params: ['mode', 'values', 'maxNorm'],
      check: (p) => p.mode !== 'clip-norm' || Math.hypot(...p.values) > p.maxNorm * 1.2,
    },
  ],
  sample(rng) {
    const mode = rng.choice(['repeated-factor', 'layer-factors', 'clip-norm'] as const);
    const neutral = { factor: 1, depth: 1, values: [1, 1], maxNorm: 1, coord: 1 };
    if (mode === 'repeated-factor')
      return {
        ...neutral,
        mode,
        factor: rng.choice(FACTORS),
        depth: rng.choice(DEPTHS),
      };
    if (mode === 'layer-factors') {
      const n = rng.int(3, 6);
      return {
        ...neutral,
        mode,
        values: Array.from({ length: n }, () => rng.stepped(0.1, 2.5, 0.05)),
      };
    }
    const n = rng.int(2, 4);
    return {
      ...neutral,
      mode,
      values: Array.from({ length: n }, () => rng.stepped(-6, 6, 0.5)),
      maxNorm: rng.choice([0.5, 1, 2, 5]),
      coord: rng.int(1, n),
    };
  },
  build(p, ctx) {
    if (p.mode === 'repeated-factor') return repeatedFactor(p, ctx);
    if (p.mode === 'layer-factors') return layerFactors(p, ctx);
    return clipByNorm(p, ctx);
  },
  fixtures: [
    {
      id: 'T-clip-3-4',
      params: { mode: 'clip-norm', factor: 1, depth: 1, values: [3, 4], maxNorm: 1, coord: 1 },
      note: '‖(3, 4)‖ = 5, clipped to norm 1: (0.6, 0.8)',
    },
    {
      id: 'T-explode-1.5-100',
      params: {
        mode: 'repeated-factor',
        factor: 1.5,
        depth: 100,
        values: [1, 1],
        maxNorm: 1,
        coord: 1,
      },
      note: '1.5¹⁰⁰ ≈ 4.07 × 10¹⁷ (the seed-003 numbers)',
    },
  ],
});
