import {
  defineTemplate,
  intIn,
  listOf,
  record,
  GenerationError,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import { formatInt, receptiveField, receptiveFieldSteps, type RfLayer } from '@dlexam/math';
import type { Json } from '@dlexam/types';
import { isIntIn, isListOf, jsonRecord } from '../json-checks.js';
import { stackSvg } from '../svg.js';

/**
 * Receptive field (along one axis, in input pixels) of a unit of the last layer of a stack of
 * convolution and pooling layers with strides and dilations.
 */

export type RfStackLayer = {
  t: 'conv' | 'pool';
  k: number;
  s: number;
  d: number;
};

export type ReceptiveFieldParams = {
  layers: RfStackLayer[];
};

const toRf = (l: RfStackLayer): RfLayer => ({ kernel: l.k, stride: l.s, dilation: l.d });

export const stackReceptiveField = (p: ReceptiveFieldParams): number =>
  receptiveField(p.layers.map(toRf));

function describe(l: RfStackLayer): string {
  if (l.t === 'pool') return `${l.k}×${l.k} max pooling, stride ${l.s}`;
  return `${l.k}×${l.k} convolution, stride ${l.s}${l.d > 1 ? `, dilation ${l.d}` : ''}`;
}

const validLayer = (l: Json): boolean => {
  const o = jsonRecord(l);
  if (!o) return false;
  return (
    (o.t === 'conv' || o.t === 'pool') &&
    isIntIn(o.k, 1, 7) &&
    isIntIn(o.s, 1, 3) &&
    isIntIn(o.d, 1, 4) &&
    (o.t === 'conv' || o.d === 1)
  );
};

const STEMS = [
  'A CNN applies the layers below, in order, to an image (padding does not matter here). How many input pixels wide is the receptive field of one unit of the last layer (along one axis)?',
  'Consider this stack of layers. What is the receptive field, in input pixels along one side, of a single output unit of the final layer?',
  'A unit in the last layer of the stack below depends on an n×n patch of the input image. What is n?',
];

const TABLE_STEMS = [
  'For the stack of layers below, give after every layer the receptive field of one unit (input pixels along one axis) and the jump (distance in input pixels between two adjacent units of that layer).',
  'Track the receptive field through the layers below: for each layer, how many input pixels (along one side) does one unit see, and how many input pixels apart are neighbouring units?',
];

export const receptiveFieldTemplate = defineTemplate<ReceptiveFieldParams>({
  id: 'cnn.receptive-field',
  topic: 'cnn',
  title: 'Receptive field of a layer stack',
  objective:
    'Compute how the receptive field grows through convolution and pooling layers with strides and dilation.',
  difficulty: 2,
  tags: ['receptive field', 'convolution', 'pooling', 'dilation'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    layers: {
      type: 'json',
      description: '2–5 layers {t:"conv"|"pool", k, s, d} (pooling has d = 1)',
      schema: listOf(
        {
          oneOf: [
            record({ t: { const: 'conv' }, k: intIn(1, 7), s: intIn(1, 3), d: intIn(1, 4) }),
            record({ t: { const: 'pool' }, k: intIn(1, 7), s: intIn(1, 3), d: intIn(1, 1) }),
          ],
        },
        2,
        5,
      ),
      example: [
        { t: 'conv', k: 3, s: 1, d: 1 },
        { t: 'pool', k: 2, s: 2, d: 1 },
        { t: 'conv', k: 3, s: 1, d: 1 },
      ],
    },
  },
  constraints: [
    {
      description: '2–5 valid layers',
      check: (p) => isListOf(p.layers, 2, 5, validLayer),
    },
  ],
  sample(rng) {
    const n = rng.int(2, 5);
    const dilated = rng.bool(0.3);
    const layers: RfStackLayer[] = Array.from({ length: n }, (_, i) => {
      if (i > 0 && rng.bool(0.3)) return { t: 'pool', k: rng.choice([2, 2, 3]), s: 2, d: 1 };
      return {
        t: 'conv',
        k: rng.choice([3, 3, 3, 5, 7]),
        s: rng.bool(0.25) ? 2 : 1,
        d: dilated ? rng.choice([1, 2, 4]) : 1,
      };
    });
    return { layers };
  },
  build(p, ctx) {
    const steps = receptiveFieldSteps(p.layers.map(toRf));
    const value = stackReceptiveField(p);
    const ignoreStride = 1 + p.layers.reduce((s, l) => s + l.d * (l.k - 1), 0);
    const ignoreDilation = receptiveField(p.layers.map((l) => ({ kernel: l.k, stride: l.s })));
    const sumKernels = p.layers.reduce((s, l) => s + l.k, 0);
    const last = p.layers[p.layers.length - 1]!;
    // Off by one layer: each layer's own stride already multiplies its growth.
    let ownStride = 1;
    let jump = 1;
    for (const l of p.layers) {
      jump *= l.s;
      ownStride += l.d * (l.k - 1) * jump;
    }
    const distractors: NumericDistractor[] = [
      {
        value: ignoreStride,
        misconception: 'ignored-stride',
        feedback:
          'You added k − 1 per layer but ignored the strides: after a stride-s layer each step covers s input pixels.',
      },
      {
        value: sumKernels,
        misconception: 'sum-of-kernels',
        feedback: 'Adding kernel sizes over-counts: each layer adds k − 1 (times the jump), not k.',
      },
      {
        value: ownStride,
        misconception: 'own-stride-counted',
        feedback:
          "A layer's growth is scaled by the strides of the EARLIER layers, not by its own stride.",
      },
      {
        value: last.d * (last.k - 1) + 1,
        misconception: 'last-layer-only',
        feedback:
          'That is the kernel span of the last layer alone; earlier layers widen the field too.',
      },
      ...(p.layers.some((l) => l.d > 1)
        ? [
            {
              value: ignoreDilation,
              misconception: 'ignored-dilation',
              feedback: 'A dilated kernel spans d(k − 1) + 1 pixels, not k.',
            },
          ]
        : []),
    ];
    if (
      ctx.kind === 'single' &&
      new Set(distractors.map((d) => d.value).filter((v) => v !== value)).size < 3
    )
      throw new GenerationError('fewer than 3 distinct receptive-field distractors');
    const list = p.layers.map((l, i) => `- Layer ${i + 1}: ${describe(l)}`).join('\n');
    const stem =
      ctx.kind === 'table'
        ? `${ctx.render(ctx.rng.choice(TABLE_STEMS), {})}\n\n${list}`
        : `${ctx.render(ctx.rng.choice(STEMS), {})}\n\n${list}`;
    const rows = steps.map((st, i) => {
      const l = p.layers[i]!;
      const prevJump = i === 0 ? 1 : steps[i - 1]!.jump;
      const prevSize = i === 0 ? 1 : steps[i - 1]!.size;
      return `- Layer ${i + 1}: \\(r = ${formatInt(prevSize)} + ${l.d > 1 ? `${formatInt(l.d)} \\cdot ` : ''}(${formatInt(l.k)} - 1) \\cdot ${formatInt(prevJump)} = ${formatInt(st.size)}\\), jump \\(${formatInt(prevJump)} \\cdot ${formatInt(l.s)} = ${formatInt(st.jump)}\\)`;
    });
    const solution = `Start with \\(r = 1\\) pixel and jump \\(j = 1\\). Each layer adds \\(d(k-1) \\cdot j\\), where \\(j\\) is the product of the strides of the earlier layers, then multiplies \\(j\\) by its own stride:\n\n${rows.join('\n')}\n\nThe receptive field is \\(${formatInt(value)} \\times ${formatInt(value)}\\) input pixels.`;
    const figure = {
      svg: stackSvg(
        [
          { name: 'input', detail: 'image' },
          ...p.layers.map((l, i) => ({
            name: `${i + 1}: ${l.t} ${l.k}×${l.k}`,
            detail: `s=${l.s}${l.d > 1 ? ` d=${l.d}` : ''}`,
          })),
        ],
        'Stack of convolution and pooling layers',
      ),
      alt: `Layer stack: ${p.layers.map(describe).join('; ')}.`,
    };
    if (ctx.kind === 'table') {
      const rowsSpec: TableCellSpec[][] = steps.map((st, i) => [
        { type: 'text', text: `Layer ${i + 1}: ${describe(p.layers[i]!)}` },
        { type: 'numeric', value: st.size, decimals: 0 },
        { type: 'numeric', value: st.jump, decimals: 0 },
      ]);
      return {
        stem,
        solution,
        figure,
        answer: {
          type: 'table',
          header: ['Layer', 'Receptive field (pixels)', 'Jump (pixels between units)'],
          rows: rowsSpec,
        },
      };
    }
    return { stem, solution, figure, answer: { type: 'numeric', value, decimals: 0, distractors } };
  },
  fixtures: [
    {
      id: 'cnn-rf-vgg-block',
      params: {
        layers: [
          { t: 'conv', k: 3, s: 1, d: 1 },
          { t: 'conv', k: 3, s: 1, d: 1 },
          { t: 'pool', k: 2, s: 2, d: 1 },
          { t: 'conv', k: 3, s: 1, d: 1 },
        ],
      },
      note: 'two 3×3 convs, 2×2 pool, 3×3 conv: 1 + 2 + 2 + 1 + 2·2 = 10',
    },
  ],
});
