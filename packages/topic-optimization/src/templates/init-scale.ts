import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  convFans,
  formatDecimal,
  heUniformBound,
  heVariance,
  lecunVariance,
  texScientific,
  xavierUniformBound,
  xavierVariance,
} from '@dlexam/math';

/** Xavier/Glorot and He/Kaiming initialization scales from a layer's fan-in and fan-out. */
export type InitScaleParams = {
  scheme: 'xavier' | 'he';
  distribution: 'normal' | 'uniform';
  /** normal: 'variance' or 'std'; uniform: 'bound' or 'variance'. */
  quantity: 'variance' | 'std' | 'bound';
  layer: 'linear' | 'conv';
  inSize: number;
  outSize: number;
  /** Kernel size of a conv layer (1 for linear, unused). */
  kernel: number;
};

const SCHEMES = {
  xavier:
    'Xavier/Glorot initialization (PyTorch `xavier_{{distribution}}_`, gain 1), which sets \\(\\mathrm{Var}(W) = \\dfrac{2}{n_{\\text{in}} + n_{\\text{out}}}\\)',
  he: "He/Kaiming initialization for ReLU (PyTorch `kaiming_{{distribution}}_` with `mode='fan_in'`, `nonlinearity='relu'`), which sets \\(\\mathrm{Var}(W) = \\dfrac{2}{n_{\\text{in}}}\\)",
};

/** The scheme sentence for each distribution (the `{{distribution}}` filled in once). */
const SCHEME_TEXT = {
  xavier: {
    normal: SCHEMES.xavier.replace('{{distribution}}', 'normal'),
    uniform: SCHEMES.xavier.replace('{{distribution}}', 'uniform'),
  },
  he: {
    normal: SCHEMES.he.replace('{{distribution}}', 'normal'),
    uniform: SCHEMES.he.replace('{{distribution}}', 'uniform'),
  },
};

const IN_SIZES = [3, 16, 32, 50, 64, 100, 128, 200, 256, 300, 400, 512, 784, 1000];
const OUT_SIZES = [10, 16, 32, 50, 64, 100, 128, 200, 256, 512];
/** The combinations the constraints allow, each drawn uniformly (as rejection would). */
const DIST_QUANTITY = [
  ['normal', 'variance'],
  ['normal', 'std'],
  ['uniform', 'variance'],
  ['uniform', 'bound'],
] as const;
const LAYER_KERNEL = [
  ['linear', 1],
  ['conv', 3],
  ['conv', 5],
  ['conv', 7],
] as const;
const IN_OUT = IN_SIZES.flatMap((i) =>
  OUT_SIZES.filter((o) => o !== i).map((o): [number, number] => [i, o]),
);

const QUESTIONS = {
  variance: 'What is the variance of each weight?',
  std: 'What is the standard deviation of each weight?',
  bound: 'The weights are drawn from \\(U(-b, b)\\). What is \\(b\\)?',
};

const STEMS = [
  '{{layerText}} Its weights use {{schemeText}}, drawn from a {{distribution}} distribution. {{question}} Give 3 significant figures.',
  'Initialize the weights of {{layerLower}} with {{schemeText}} ({{distribution}} distribution). {{question}} Answer to 3 significant figures.',
  '{{layerText}} You apply {{schemeText}} with a {{distribution}} distribution. {{question}} (3 significant figures)',
];

/**
 * The asked quantity of a zero-mean distribution with variance v: v, its root, or the uniform
 * bound √(3v).
 */
function fromVariance(p: InitScaleParams, v: number): number {
  return p.quantity === 'variance' ? v : p.quantity === 'std' ? Math.sqrt(v) : Math.sqrt(3 * v);
}

/**
 * Wrong answers: LeCun's 1/n_in, the other scheme, a wrong fan or factor, the wrong quantity, and
 * (conv) fans without the kernel area.
 */
function initDistractors(
  p: InitScaleParams,
  fanIn: number,
  fanOut: number,
  variance: number,
): NumericDistractor[] {
  const from = (v: number) => fromVariance(p, v);
  const distractors: NumericDistractor[] = [
    {
      value: from(lecunVariance(fanIn)),
      misconception: 'used-one-over-fan-in',
      feedback:
        'You used Var = 1/n_in (the simplified "Xavier" of some notes, LeCun init); the stated rule differs.',
    },
    p.scheme === 'xavier'
      ? {
          value: from(heVariance(fanIn)),
          misconception: 'used-he-for-xavier',
          feedback: "You used He's 2/n_in; Xavier averages fan-in and fan-out: 2/(n_in + n_out).",
        }
      : {
          value: from(xavierVariance(fanIn, fanOut)),
          misconception: 'used-xavier-for-he',
          feedback: "You used Xavier's 2/(n_in + n_out); He uses 2/n_in.",
        },
    p.scheme === 'he'
      ? {
          value: from(heVariance(fanOut)),
          misconception: 'used-fan-out',
          feedback: 'You used the fan-out; mode fan_in divides by the number of inputs.',
        }
      : {
          value: from(1 / (fanIn + fanOut)),
          misconception: 'dropped-factor-two',
          feedback: 'You dropped the 2 in 2/(n_in + n_out).',
        },
    p.quantity === 'variance'
      ? {
          value: Math.sqrt(variance),
          misconception: 'gave-std',
          feedback: 'You gave the standard deviation; the question asks for the variance.',
        }
      : p.quantity === 'std'
        ? {
            value: variance,
            misconception: 'gave-variance',
            feedback: 'You gave the variance; the standard deviation is its square root.',
          }
        : {
            value: Math.sqrt(variance),
            misconception: 'bound-equals-std',
            feedback:
              'You used the standard deviation as the bound; U(−b, b) has variance b²/3, so b = √(3·Var).',
          },
  ];
  if (p.layer === 'conv')
    distractors.push({
      value:
        p.scheme === 'he' ? from(heVariance(p.inSize)) : from(xavierVariance(p.inSize, p.outSize)),
      misconception: 'forgot-kernel-area',
      feedback:
        'You used channel counts as fans; for a convolution the fans include the kernel area k².',
    });
  return distractors;
}

/** The worked solution: fans, variance, then the asked quantity and why the scheme is built so. */
function initSolution(
  p: InitScaleParams,
  fanIn: number,
  fanOut: number,
  variance: number,
  answer: number,
): string {
  // Six decimals for the drawn sizes (variances ≥ 2.7·10⁻⁵); a pinned wide layer gets 4 significant figures.
  const exact = (x: number) => (x < 1e-5 ? texScientific(x, 4) : formatDecimal(x, 6));
  const varText = p.scheme === 'xavier' ? `\\(2/(${fanIn} + ${fanOut})\\)` : `\\(2/${fanIn}\\)`;
  const sol = [
    `Fan-in \\(n_{\\text{in}} = ${fanIn}\\), fan-out \\(n_{\\text{out}} = ${fanOut}\\).`,
    `Variance: ${varText} \\(= ${exact(variance)}\\).`,
    p.quantity === 'std'
      ? `Standard deviation: \\(\\sqrt{\\mathrm{Var}} = ${exact(answer)}\\).`
      : '',
    p.quantity === 'bound'
      ? `A uniform \\(U(-b, b)\\) has variance \\(b^2/3\\), so \\(b = \\sqrt{3\\,\\mathrm{Var}} = ${formatDecimal(answer, 6)}\\).`
      : '',
    `To 3 significant figures: \\(${texScientific(answer, 3)}\\).`,
    p.scheme === 'he'
      ? 'He doubles the variance relative to 1/n_in because ReLU zeroes half of its inputs, halving the second moment.'
      : 'Xavier balances the variance of activations (forward, fan-in) and of gradients (backward, fan-out).',
  ].filter(Boolean);
  return sol.join('\n\n');
}

export const initScale = defineTemplate<InitScaleParams>({
  id: 'optimization.init-scale',
  topic: 'optimization',
  title: 'Xavier and He initialization scales',
  objective:
    'Compute Xavier/Glorot and He weight variances, standard deviations and uniform bounds from fan-in and fan-out.',
  difficulty: 2,
  tags: ['initialization', 'xavier', 'he'],
  kinds: ['numeric', 'single'],
  params: {
    scheme: param.choice('initialization scheme', ['xavier', 'he']),
    distribution: param.choice('weight distribution', ['normal', 'uniform']),
    quantity: param.choice('quantity asked', ['variance', 'std', 'bound']),
    layer: param.choice('layer type', ['linear', 'conv']),
    inSize: param.choice('input features or input channels', IN_SIZES, {
      integer: true,
      min: 1,
      max: 65536,
    }),
    outSize: param.choice('output features or output channels', OUT_SIZES, {
      integer: true,
      min: 1,
      max: 65536,
    }),
    kernel: param.choice('kernel size (conv; 1 for linear)', [1, 3, 5, 7], {
      integer: true,
      min: 1,
      max: 11,
    }),
  },
  constraints: [
    {
      description: 'uniform asks for the bound or variance, normal for the variance or std',
      check: (p) => (p.distribution === 'uniform' ? p.quantity !== 'std' : p.quantity !== 'bound'),
      params: ['distribution', 'quantity'],
    },
    {
      description: 'a fully connected layer has kernel 1',
      check: (p) => p.layer !== 'linear' || p.kernel === 1,
      params: ['layer', 'kernel'],
    },
    {
      description: 'a convolution has a kernel larger than 1×1 (so forgetting k² shows)',
      check: (p) => p.layer === 'linear' || p.kernel > 1,
      prefer: true,
      params: ['layer', 'kernel'],
    },
    {
      description: 'fan-in differs from fan-out (so using the wrong one shows)',
      check: (p) => p.inSize !== p.outSize,
      prefer: true,
      params: ['inSize', 'outSize'],
    },
  ],
  // Draws straight from the allowed combinations (the schema draw rejected two sets in three).
  sample(rng) {
    const scheme = rng.choice(['xavier', 'he'] as const);
    const [distribution, quantity] = rng.choice(DIST_QUANTITY);
    const [layer, kernel] = rng.choice(LAYER_KERNEL);
    const [inSize, outSize] = rng.choice(IN_OUT);
    return { scheme, distribution, quantity, layer, inSize, outSize, kernel };
  },
  build(p, ctx) {
    const { fanIn, fanOut } =
      p.layer === 'conv'
        ? convFans(p.inSize, p.outSize, p.kernel)
        : { fanIn: p.inSize, fanOut: p.outSize };
    const variance = p.scheme === 'xavier' ? xavierVariance(fanIn, fanOut) : heVariance(fanIn);
    const bound = p.scheme === 'xavier' ? xavierUniformBound(fanIn, fanOut) : heUniformBound(fanIn);
    const answer = p.quantity === 'bound' ? bound : fromVariance(p, variance);
    const layerText =
      p.layer === 'linear'
        ? `A fully connected layer maps ${p.inSize} inputs to ${p.outSize} outputs.`
        : `A convolutional layer has ${p.inSize} input channels, ${p.outSize} output channels and ${p.kernel}×${p.kernel} kernels (fan-in \\(= C_{\\text{in}} k^2\\), fan-out \\(= C_{\\text{out}} k^2\\)).`;
    const layerLower =
      p.layer === 'linear'
        ? `a fully connected layer with ${p.inSize} inputs and ${p.outSize} outputs`
        : `a ${p.kernel}×${p.kernel} convolution from ${p.inSize} to ${p.outSize} channels (fan-in \\(= C_{\\text{in}} k^2\\), fan-out \\(= C_{\\text{out}} k^2\\))`;
    const schemeText = SCHEME_TEXT[p.scheme][p.distribution];
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      layerText,
      layerLower,
      schemeText,
      distribution: p.distribution,
      question: QUESTIONS[p.quantity],
    });
    const distractors = initDistractors(p, fanIn, fanOut, variance);
    return {
      stem,
      solution: initSolution(p, fanIn, fanOut, variance, answer),
      answer: { type: 'numeric', value: answer, decimals: 0, sigFigs: 3, distractors },
    };
  },
  fixtures: [
    {
      id: 'T-xavier-uniform-100-50',
      params: {
        scheme: 'xavier',
        distribution: 'uniform',
        quantity: 'bound',
        layer: 'linear',
        inSize: 100,
        outSize: 50,
        kernel: 1,
      },
      note: '√(6/150) = 0.2',
    },
  ],
});
