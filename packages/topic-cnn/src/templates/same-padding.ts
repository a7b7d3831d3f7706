import { defineTemplate, param, type NumericDistractor, type OptionSpec } from '@dlexam/generator';
import { convOutputSize, formatInt, samePaddingTotal } from '@dlexam/math';
import { article } from '../shared.js';

/**
 * Padding of a "same" convolution (stride 1, output size = input size) with an odd kernel:
 * p = d(f − 1)/2 on each side. The symbolic single-choice variant (seed 001: (f − 1)/2) asks for
 * the formula; the numeric variant for its value.
 */

export type SamePaddingParams = {
  f: number;
  d: number;
  /** Input height = width (context). */
  n: number;
  symbolic: boolean;
  symbol: 'f' | 'k';
};

export const samePadding = (p: Pick<SamePaddingParams, 'f' | 'd'>): number =>
  samePaddingTotal(p.f, p.d) / 2;

const STEMS = [
  'A convolutional layer with {{f}}×{{f}} filters{{dil}} and stride 1 is applied to an input of size {{n}}×{{n}}. How many rows/columns of zeros must be added on EACH side (top, bottom, left, right) so that the output is also {{n}}×{{n}} (a "same" convolution)?',
  'To keep the spatial size of a feature map of size {{n}}×{{n}} unchanged through a stride-1 convolution with {{af}} {{f}}×{{f}} kernel{{dil}}, how much zero padding is needed per side?',
  'A "same" convolution keeps height and width: {{n}}×{{n}} in, {{n}}×{{n}} out. The kernel is {{f}}×{{f}}{{dil}}, the stride 1. What padding p (zeros on each side) does it use?',
];

function formulaOptions(symbol: string): OptionSpec[] {
  const s = symbol;
  return [
    {
      text: `\\(\\frac{${s} - 1}{2}\\)`,
      plain: `(${s} − 1)/2`,
      correct: true,
      feedback: 'Correct.',
    },
    {
      text: `\\(${s} - 1\\)`,
      plain: `${s} − 1`,
      correct: false,
      misconception: 'total-instead-of-per-side',
      feedback: `${s} − 1 is the TOTAL padding along an axis; it is split over the two sides.`,
    },
    {
      text: `\\(\\frac{${s} + 1}{2}\\)`,
      plain: `(${s} + 1)/2`,
      correct: false,
      misconception: 'plus-instead-of-minus',
      feedback: `With p = (${s} + 1)/2 the output grows by 2: n + 2p − ${s} + 1 = n + 2.`,
    },
    {
      text: `\\(${s}\\)`,
      plain: s,
      correct: false,
      misconception: 'kernel-size-as-padding',
      feedback: `Padding ${s} on each side makes the output ${s} + 1 larger than the input.`,
    },
    {
      text: `\\(${s} - 2\\)`,
      plain: `${s} − 2`,
      correct: false,
      misconception: 'padding-guess',
      feedback: 'Solve n + 2p − f + 1 = n for p: the result is (f − 1)/2.',
    },
  ];
}

export const samePaddingTemplate = defineTemplate<SamePaddingParams>({
  id: 'cnn.same-padding',
  topic: 'cnn',
  title: 'Padding of a "same" convolution',
  objective:
    'Derive the per-side zero padding that keeps the spatial size of a stride-1 convolution.',
  difficulty: 1,
  tags: ['convolution', 'padding'],
  kinds: ['numeric', 'single'],
  params: {
    f: param.int('kernel size f (odd)', [1, 11], { min: 1, max: 63 }),
    d: param.int('dilation', [1, 3], { min: 1, max: 32 }),
    n: param.int('input height = width (context)', [8, 256], { min: 1, max: 4096 }),
    symbolic: param.choice('single choice asks for the formula in f', [false, true]),
    symbol: param.choice('letter of the kernel size in a symbolic variant', ['f', 'k']),
  },
  constraints: [
    {
      // An even kernel cannot be padded equally on both sides; a 1×1 kernel needs no padding.
      description: 'the kernel size is odd and at least 3',
      check: (p) => p.f % 2 === 1 && p.f >= 3,
      params: ['f'],
    },
    { description: 'symbolic variants have no dilation', check: (p) => !p.symbolic || p.d === 1 },
    {
      description: 'non-symbolic variants use the letter f',
      check: (p) => p.symbolic || p.symbol === 'f',
    },
    {
      description: 'the dilated kernel fits the input',
      check: (p) => p.d * (p.f - 1) + 1 <= p.n,
      params: ['f', 'd', 'n'],
    },
  ],
  sample(rng) {
    const symbolic = rng.bool(0.25);
    return {
      f: rng.choice([3, 3, 5, 5, 7, 9, 11]),
      d: symbolic || rng.bool(0.75) ? 1 : rng.int(2, 3),
      n: rng.choice([8, 16, 28, 32, 56, 64, 112, 128, 224, 256]),
      symbolic,
      symbol: symbolic ? rng.choice(['f', 'k'] as const) : 'f',
    };
  },
  build(p, ctx) {
    const value = samePadding(p);
    const dil = p.d > 1 ? ` with dilation ${formatInt(p.d)}` : '';
    const check = convOutputSize(p.n, p.f, 1, value, p.d);
    const solution =
      `At stride 1 the output size is \\(n + 2p - d(f-1)\\). Setting it equal to \\(n\\) gives \\(p = \\frac{d(f-1)}{2}\\)` +
      `${p.d === 1 ? ', i.e. \\(\\frac{f-1}{2}\\) without dilation' : ''}.\n\n` +
      `\\[ p = \\frac{${formatInt(p.d)} \\cdot (${formatInt(p.f)} - 1)}{2} = ${formatInt(value)} \\]\n\n` +
      `Check: \\(${formatInt(p.n)} + 2 \\cdot ${formatInt(value)} - ${formatInt(p.d * (p.f - 1) + 1)} + 1 = ${formatInt(check)}\\).`;
    if (p.symbolic && ctx.kind === 'single') {
      const s = p.symbol;
      return {
        stem: `A "same" convolution keeps the spatial size of its input (stride 1). For an odd filter size \\(${s}\\), how many zeros \\(p\\) must be added on EACH side? (For example \\(${s} = ${formatInt(p.f)}\\) on an input of size ${formatInt(p.n)}×${formatInt(p.n)} needs \\(p = ${formatInt(value)}\\).)`,
        solution,
        answer: { type: 'choice', options: formulaOptions(s) },
      };
    }
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      f: formatInt(p.f),
      n: formatInt(p.n),
      dil,
      af: article(p.f),
    });
    const distractors: NumericDistractor[] = [
      {
        value: 2 * value,
        misconception: 'total-instead-of-per-side',
        feedback: 'That is the total over both sides; each side gets half.',
      },
      {
        value: value + 1,
        misconception: 'plus-instead-of-minus',
        feedback: 'With (f + 1)/2 the output grows by 2.',
      },
      {
        value: p.f,
        misconception: 'kernel-size-as-padding',
        feedback: 'Padding f per side makes the output larger than the input.',
      },
      ...(p.d > 1
        ? [
            {
              value: (p.f - 1) / 2,
              misconception: 'ignored-dilation',
              feedback: 'A dilated kernel spans d(f − 1) + 1 pixels; pad d(f − 1)/2.',
            },
          ]
        : []),
      {
        value: 0,
        misconception: 'no-padding',
        feedback: 'Without padding the output shrinks by f − 1.',
      },
    ];
    return { stem, solution, answer: { type: 'numeric', value, decimals: 0, distractors } };
  },
  fixtures: [
    {
      id: 'S001-same-padding',
      params: { f: 5, d: 1, n: 32, symbolic: true, symbol: 'f' },
      kind: 'single',
      note: 'p for "same" convolutions = (f − 1)/2',
    },
  ],
});
