import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { conv2dParams, formatInt, linearParams, texScientific } from '@dlexam/math';
import { article } from '../shared.js';

/**
 * Why convolutions: the parameters of a fully connected layer on a whole image (e.g. a
 * 12-megapixel RGB photo into 100 units, seed 003: ≈ 3.6 billion) against a convolutional layer on
 * the same image, whose count does not depend on the image size. Dense counts are asked to 3
 * significant figures; conv counts exactly.
 */

export type ConvVsDenseParams = {
  /** Image size in megapixels (10⁶ pixels). */
  mp: number;
  channels: number;
  units: number;
  k: number;
  filters: number;
  ask: 'dense' | 'conv';
};

export const denseParams = (p: ConvVsDenseParams): number =>
  linearParams(p.mp * 1e6 * p.channels, p.units);
export const convParams = (p: ConvVsDenseParams): number =>
  conv2dParams({ inChannels: p.channels, outChannels: p.filters, kernel: p.k });

/** RGB, grayscale, or (a pinned channel count) `4-channel`. */
const colorName = (channels: number): string =>
  channels === 3 ? 'RGB' : channels === 1 ? 'grayscale' : `${formatInt(channels)}-channel`;

const STEMS = [
  '{{aMp}} {{mp}}-megapixel {{color}} image ({{mp}} × 10⁶ pixels, {{channels}} {{chWord}}) is the input of a network. Option A flattens it into a fully connected layer with {{units}} units; option B applies a convolutional layer with {{filters}} filters of size {{k}}×{{k}}. Both layers have biases (one per unit or filter). {{ask}}',
  'Consider {{aColor}} photo of {{mp}} megapixels ({{channels}} {{chWord}} per pixel). (A) A dense layer with {{units}} output units takes the flattened photo as input. (B) A convolutional layer with {{filters}} filters, each {{k}}×{{k}} over all channels, is applied to it instead. Every unit and every filter has one bias. {{ask}}',
  'To motivate convolutions, compare two first layers for {{amp}} {{mp}}-megapixel {{color}} image ({{channels}} {{chWord}}): a fully connected layer with {{units}} units on the flattened image, and a convolutional layer with {{filters}} filters of size {{k}}×{{k}}. Both use biases. {{ask}}',
];

export const convVsDense = defineTemplate<ConvVsDenseParams>({
  id: 'cnn.conv-vs-dense',
  topic: 'cnn',
  title: 'Convolutional vs fully connected parameters',
  objective:
    'Compare the parameter count of a dense layer on a whole image with that of a convolutional layer.',
  difficulty: 1,
  tags: ['parameters', 'weight sharing', 'fully connected'],
  kinds: ['numeric', 'single'],
  params: {
    // Limits keep every count an exact integer (≤ 100 · 10⁶ · 16 · 4096 + 4096 < 2⁵³).
    mp: param.choice('image size in megapixels', [1, 2, 4, 8, 12, 16, 24, 48], {
      integer: true,
      min: 1,
      max: 100,
    }),
    channels: param.choice(
      'grayscale (1) or RGB (3); other counts are multi-channel images',
      [1, 3],
      { integer: true, min: 1, max: 16 },
    ),
    units: param.choice('units of the dense layer', [10, 32, 64, 100, 128, 256, 512, 1000], {
      integer: true,
      min: 1,
      max: 4096,
    }),
    k: param.choice('conv kernel size', [3, 5, 7, 11], { integer: true, min: 1, max: 64 }),
    filters: param.choice('conv filters', [16, 32, 64, 96, 100, 128], {
      integer: true,
      min: 1,
      max: 4096,
    }),
    ask: param.choice('which layer the question asks about', ['dense', 'conv']),
  },
  build(p, ctx) {
    const dense = denseParams(p);
    const conv = convParams(p);
    const inputs = p.mp * 1e6 * p.channels;
    const askText =
      p.ask === 'dense'
        ? 'How many trainable parameters does the fully connected layer (A) have? Give the answer to 3 significant figures.'
        : 'How many trainable parameters does the convolutional layer (B) have (exact)?';
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      mp: formatInt(p.mp),
      aMp: article(p.mp) === 'an' ? 'An' : 'A',
      amp: article(p.mp),
      color: colorName(p.channels),
      aColor:
        p.channels === 3
          ? 'an RGB'
          : p.channels === 1
            ? 'a grayscale'
            : `${article(p.channels)} ${colorName(p.channels)}`,
      channels: formatInt(p.channels),
      chWord: p.channels === 1 ? 'channel' : 'channels',
      units: formatInt(p.units),
      filters: formatInt(p.filters),
      k: formatInt(p.k),
      ask: askText,
    });
    const solution =
      `The flattened image has \\(${formatInt(p.mp)} \\times 10^{6} \\cdot ${formatInt(p.channels)} = ${texScientific(inputs, 3)}\\) inputs. Each of the ${formatInt(p.units)} dense units has one weight per input and a bias:\n\n` +
      `\\[ \\text{A: } ${texScientific(inputs, 3)} \\cdot ${formatInt(p.units)} + ${formatInt(p.units)} \\approx ${texScientific(dense, 3)} \\]\n\n` +
      `Each filter has \\(${formatInt(p.k)} \\cdot ${formatInt(p.k)} \\cdot ${formatInt(p.channels)}\\) weights and a bias, shared across all positions, so the image size does not matter:\n\n` +
      `\\[ \\text{B: } (${formatInt(p.k * p.k * p.channels)} + 1) \\cdot ${formatInt(p.filters)} = ${formatInt(conv)} \\]\n\n` +
      `The dense layer needs about \\(${texScientific(dense / conv, 2)}\\) times as many parameters.`;
    if (p.ask === 'dense') {
      const distractors: NumericDistractor[] = [
        {
          value: p.mp * 1e6 * p.units + p.units,
          misconception: 'forgot-input-channels',
          feedback: `Each pixel has ${p.channels} values; the flattened input has ${p.channels}× as many entries.`,
        },
        {
          value: inputs + p.units,
          misconception: 'added-instead-of-multiplied',
          feedback: 'Every unit connects to EVERY input: multiply inputs by units.',
        },
        {
          value: p.mp * 1e3 * p.channels * p.units + p.units,
          misconception: 'megapixel-as-thousand',
          feedback: 'A megapixel is 10⁶ pixels, not 10³.',
        },
        {
          value: conv,
          misconception: 'conv-count-for-dense',
          feedback: 'That is the convolutional layer; the dense layer has no weight sharing.',
        },
        ...(p.channels > 1
          ? [
              {
                value: inputs * p.units * p.channels,
                misconception: 'channels-counted-twice',
                feedback: 'The channels are already part of the flattened input size.',
              },
            ]
          : []),
      ];
      return {
        stem,
        solution,
        answer: { type: 'numeric', value: dense, decimals: 0, sigFigs: 3, distractors },
      };
    }
    const distractors: NumericDistractor[] = [
      {
        value: p.k * p.k * p.channels * p.filters,
        misconception: 'forgot-bias',
        feedback: 'You left out the bias of each filter.',
      },
      {
        value: (p.k * p.k + 1) * p.filters,
        misconception: 'forgot-input-channels',
        feedback: 'A filter spans all input channels: k·k·C weights.',
      },
      {
        value: dense,
        misconception: 'dense-count-for-conv',
        feedback:
          'That is the dense layer; a filter is shared over all positions, so the image size does not enter.',
      },
      {
        value: conv * p.mp,
        misconception: 'scaled-by-image-size',
        feedback: 'Weight sharing: the count does not grow with the image.',
      },
      {
        value: (p.k * p.k * p.channels + p.channels) * p.filters,
        misconception: 'bias-per-input-channel',
        feedback: 'One bias per filter, not per channel.',
      },
    ];
    return { stem, solution, answer: { type: 'numeric', value: conv, decimals: 0, distractors } };
  },
  fixtures: [
    {
      id: 'S003-dense-12mp',
      params: { mp: 12, channels: 3, units: 100, k: 3, filters: 100, ask: 'dense' },
      note: 'seed 003 "why convolution": ~36M inputs × 100 units ≈ 3.6B parameters',
    },
  ],
});
