import {
  defineTemplate,
  GenerationError,
  intIn,
  listOf,
  param,
  record,
  type OptionSpec,
} from '@dlexam/generator';
import { convOutputSize, formatInt, poolOutputSize } from '@dlexam/math';
import type { Json } from '@dlexam/types';
import { isIntIn, isListOf, jsonRecord } from '../json-checks.js';
import { plainDims } from '../shared.js';

/**
 * Which operation shrinks a feature map the most (seed 002)? Each option is an operation whose
 * output size on the stated n×n map is computed with the math core; exactly one option gives the
 * smallest spatial size.
 */

export type ShrinkOp =
  | { op: 'gap' }
  | { op: 'gmp' }
  | { op: 'maxpool'; k: number; s: number }
  | { op: 'avgpool'; k: number; s: number }
  | { op: 'conv'; k: number; s: number; p: number }
  | { op: 'softmax' }
  | { op: 'relu' }
  | { op: 'batchnorm' }
  | { op: 'conv1x1' };

export type ShrinkMostParams = {
  n: number;
  c: number;
  ops: ShrinkOp[];
};

/** Spatial output size (height = width) of an operation on an n×n map. */
export function shrinkOutput(op: ShrinkOp, n: number): number {
  switch (op.op) {
    case 'gap':
    case 'gmp':
      return 1;
    case 'maxpool':
    case 'avgpool':
      return poolOutputSize(n, op.k, op.s);
    case 'conv':
      return convOutputSize(n, op.k, op.s, op.p);
    default:
      return n;
  }
}

export function opText(op: ShrinkOp): string {
  switch (op.op) {
    case 'gap':
      return 'Global average pooling';
    case 'gmp':
      return 'Global max pooling';
    case 'maxpool':
      return `${op.k}×${op.k} max pooling with stride ${op.s}`;
    case 'avgpool':
      return `${op.k}×${op.k} average pooling with stride ${op.s}`;
    case 'conv':
      return `${op.k}×${op.k} convolution with stride ${op.s}${op.p ? ` and padding ${op.p} per side` : ' and no padding'}`;
    case 'softmax':
      return 'Softmax activation';
    case 'relu':
      return 'ReLU activation';
    case 'batchnorm':
      return 'Batch normalization';
    case 'conv1x1':
      return '1×1 convolution with stride 1';
  }
}

const WHY_UNCHANGED: Partial<Record<ShrinkOp['op'], string>> = {
  softmax: 'An activation is applied elementwise (or across channels) and keeps the spatial size.',
  relu: 'ReLU is elementwise: the size does not change.',
  batchnorm: 'Batch normalization rescales values; the size does not change.',
  conv1x1: 'A 1×1 convolution with stride 1 changes only the number of channels.',
};

const validOp = (o: Json): boolean => {
  const r = jsonRecord(o);
  if (!r) return false;
  switch (r.op) {
    case 'maxpool':
    case 'avgpool':
      return isIntIn(r.k, 2, 4) && isIntIn(r.s, 1, 4);
    case 'conv':
      return isIntIn(r.k, 1, 7) && isIntIn(r.s, 1, 3) && isIntIn(r.p, 0, 3);
    case 'gap':
    case 'gmp':
    case 'softmax':
    case 'relu':
    case 'batchnorm':
    case 'conv1x1':
      return Object.keys(r).length === 1;
    default:
      return false;
  }
};

const sizes = (p: ShrinkMostParams) => p.ops.map((o) => shrinkOutput(o, p.n));

const STEMS = [
  'A feature map of size {{shape}} (height × width × channels) goes through ONE of the operations below. Which operation reduces its spatial size (height × width) the most?',
  'Which of these operations, applied to a feature map of size {{shape}} (height × width × channels), gives the smallest spatial output?',
  'Which operation shrinks an activation map of size {{shape}} (height × width × channels) the most in height and width?',
];

export const shrinkMost = defineTemplate<ShrinkMostParams>({
  id: 'cnn.shrink-most',
  topic: 'cnn',
  title: 'Which operation shrinks a feature map most',
  objective:
    'Compare how pooling, strided convolutions, global pooling and elementwise operations change spatial size.',
  difficulty: 1,
  tags: ['pooling', 'shapes', 'convolution'],
  kinds: ['single'],
  params: {
    n: param.int('feature map height = width', [8, 64], { min: 1, max: 4096 }),
    c: param.int('channels (context)', [1, 512], { min: 1, max: 4096 }),
    ops: {
      type: 'json',
      description:
        '4–5 operations: {op:"gap"|"gmp"|"softmax"|"relu"|"batchnorm"|"conv1x1"} | {op:"maxpool"|"avgpool",k,s} | {op:"conv",k,s,p}',
      schema: listOf(
        {
          oneOf: [
            ...(['gap', 'gmp', 'softmax', 'relu', 'batchnorm', 'conv1x1'] as const).map((op) =>
              record({ op: { const: op } }),
            ),
            ...(['maxpool', 'avgpool'] as const).map((op) =>
              record({ op: { const: op }, k: intIn(2, 4), s: intIn(1, 4) }),
            ),
            record({ op: { const: 'conv' }, k: intIn(1, 7), s: intIn(1, 3), p: intIn(0, 3) }),
          ],
        },
        4,
        5,
      ),
      example: [
        { op: 'gap' },
        { op: 'maxpool', k: 2, s: 3 },
        { op: 'softmax' },
        { op: 'conv', k: 5, s: 1, p: 0 },
      ],
    },
  },
  constraints: [
    {
      description: '4–5 valid operations',
      check: (p) => isListOf(p.ops, 4, 5, validOp),
    },
    {
      description: 'options are distinct operations',
      check: (p) => new Set(p.ops.map(opText)).size === p.ops.length,
    },
    {
      description: 'every operation fits the map',
      check: (p) => p.ops.every((o) => ('k' in o ? o.k <= p.n : true)),
    },
    {
      description: 'exactly one operation gives the smallest output',
      check: (p) => {
        const s = sizes(p);
        const min = Math.min(...s);
        return s.filter((x) => x === min).length === 1;
      },
    },
  ],
  sample(rng) {
    for (;;) {
      const n = rng.choice([8, 12, 14, 16, 24, 28, 32, 56, 64]);
      const c = rng.choice([3, 16, 32, 64, 128, 256]);
      const catalogue: ShrinkOp[] = [
        rng.bool() ? { op: 'gap' } : { op: 'gmp' },
        { op: rng.choice(['maxpool', 'avgpool'] as const), k: rng.int(2, 3), s: rng.int(1, 3) },
        { op: rng.choice(['maxpool', 'avgpool'] as const), k: rng.int(2, 4), s: rng.int(2, 4) },
        { op: 'conv', k: rng.choice([3, 5, 7]), s: 1, p: 0 },
        { op: 'conv', k: rng.choice([3, 5]), s: rng.int(2, 3), p: rng.int(0, 1) },
        { op: rng.choice(['softmax', 'relu', 'batchnorm', 'conv1x1'] as const) },
      ];
      // Global pooling is in about half of the variants, so the answer is not always "global".
      const pool = rng.bool(0.5) ? catalogue : catalogue.slice(1);
      const ops = rng.sample(pool, rng.int(4, Math.min(5, pool.length)));
      const p = { n, c, ops };
      const s = sizes(p);
      const min = Math.min(...s);
      if (s.filter((x) => x === min).length === 1 && new Set(ops.map(opText)).size === ops.length)
        return p;
    }
  },
  build(p, ctx) {
    const s = sizes(p);
    const min = Math.min(...s);
    const explain = (o: ShrinkOp, out: number): string => {
      if (o.op === 'gap' || o.op === 'gmp')
        return `${opText(o)}: one value per channel, \\(1 \\times 1 \\times ${formatInt(p.c)}\\).`;
      if (o.op === 'maxpool' || o.op === 'avgpool')
        return `${opText(o)}: \\(\\lfloor (${formatInt(p.n)} - ${formatInt(o.k)})/${formatInt(o.s)} \\rfloor + 1 = ${formatInt(out)}\\).`;
      if (o.op === 'conv')
        return `${opText(o)}: \\(\\lfloor (${formatInt(p.n)} + ${formatInt(2 * o.p)} - ${formatInt(o.k)})/${formatInt(o.s)} \\rfloor + 1 = ${formatInt(out)}\\).`;
      return `${opText(o)}: ${WHY_UNCHANGED[o.op] ?? ''} Still \\(${formatInt(out)} \\times ${formatInt(out)}\\).`;
    };
    const options: OptionSpec[] = p.ops.map((o, i) =>
      s[i] === min
        ? { text: opText(o), correct: true, feedback: 'Correct.' }
        : {
            text: opText(o),
            correct: false,
            misconception: s[i] === p.n ? 'size-preserving-op-shrinks' : 'misjudged-output-size',
            feedback:
              `It gives ${formatInt(s[i]!)}×${formatInt(s[i]!)}, larger than ${formatInt(min)}×${formatInt(min)}. ${s[i] === p.n ? (WHY_UNCHANGED[o.op] ?? '') : ''}`.trim(),
          },
    );
    if (options.filter((o) => o.correct).length !== 1)
      throw new GenerationError('no unique smallest output');
    return {
      stem: ctx.render(ctx.rng.choice(STEMS), { shape: plainDims(p.n, p.n, p.c) }),
      solution: `Output spatial size of each option (pooling and convolution sizes round down):\n\n${p.ops.map((o, i) => `- ${explain(o, s[i]!)}`).join('\n')}\n\nThe smallest output is \\(${formatInt(min)} \\times ${formatInt(min)}\\).`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S002-mc-shrink-feature-map',
      params: {
        n: 32,
        c: 64,
        ops: [
          { op: 'gap' },
          { op: 'maxpool', k: 2, s: 3 },
          { op: 'softmax' },
          { op: 'conv', k: 5, s: 1, p: 0 },
        ],
      },
      kind: 'single',
      note: 'seed 002: global average pooling reduces the feature map the most (the seed gives no size; 32×32 chosen)',
    },
  ],
});
