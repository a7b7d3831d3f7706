import {
  defineTemplate,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import {
  formatInt,
  multiHeadAttentionParams,
  multiHeadShapes,
  type MultiHeadShapes,
} from '@dlexam/math';
import { labelledRow, withPlainFeedback } from '../shared.js';

const D_MODELS = [32, 48, 64, 96, 128, 256, 384, 512, 768, 1024] as const;
const HEADS = [2, 3, 4, 6, 8, 12, 16] as const;
/**
 * Validity: any model dimension up to 16,384 (GPT-3's 12,288 included) and any number of heads up
 * to 128 (one head too) that divides it; the lists above are what draws use.
 */
const D_MODEL_VALID = { integer: true, min: 1, max: 16384 };
const HEADS_VALID = { integer: true, min: 1, max: 128 };
/** Batch and sequence length are only multiplied and shown. */
const MAX_SIZE = 4096;

export type MhaParamsParams = { dModel: number; heads: number; bias: boolean };

type ParamWords = { d: number; h: number; biasPy: string; biasNote: string };

const PARAM_INTROS: readonly string[] = [
  'A multi-head self-attention block has model dimension \\(d = {{d}}\\) and \\(h = {{h}}\\) heads, built as PyTorch `nn.MultiheadAttention(embed_dim={{d}}, num_heads={{h}}, bias={{biasPy}})`: learned projections for queries, keys and values, split into heads of size \\(d/h\\), and an output projection after the heads are concatenated.',
  'Consider PyTorch `nn.MultiheadAttention(embed_dim={{d}}, num_heads={{h}}, bias={{biasPy}})` (keys and values also have dimension {{d}}). It projects the input to queries, keys and values, runs {{h}} attention heads of size \\(d/h\\) in parallel, concatenates them and applies an output projection.',
];
const PARAM_ASKS: readonly string[] = [
  'How many trainable parameters does the block have{{biasNote}}?',
  'Count its learnable parameters{{biasNote}}.',
];

export const mhaParams = withPlainFeedback(
  defineTemplate<MhaParamsParams>({
    id: 'rnn.mha-params',
    topic: 'rnn',
    title: 'Parameters of multi-head attention',
    objective:
      'Count the parameters of a multi-head attention block (Q, K, V and output projections).',
    difficulty: 2,
    tags: ['attention', 'transformer', 'parameters'],
    kinds: ['numeric', 'single'],
    params: {
      dModel: param.choice('model dimension d', D_MODELS, D_MODEL_VALID),
      heads: param.choice('number of heads h', HEADS, HEADS_VALID),
      bias: param.choice('projections have biases', [true, false]),
    },
    constraints: [
      {
        description: 'd divides by the number of heads',
        check: (p) => p.dModel % p.heads === 0,
        params: ['dModel', 'heads'],
      },
    ],
    build(p, ctx) {
      const d = p.dModel;
      const h = p.heads;
      const dk = d / h;
      const b = p.bias ? 1 : 0;
      const value = multiHeadAttentionParams(d, h, p.bias);
      const data: ParamWords = {
        d,
        h,
        biasPy: p.bias ? 'True' : 'False',
        biasNote: p.bias ? ' (weights and biases)' : ' (no biases)',
      };
      const stem = [
        ctx.render(ctx.rng.choice(PARAM_INTROS), data),
        ctx.render(ctx.rng.choice(PARAM_ASKS), data),
      ].join('\n\n');
      const solution = [
        `Each of the four projections (\\(W^Q, W^K, W^V\\) and the output \\(W^O\\)) maps \\(${d}\\) to \\(${d}\\) features: \\(${d}^2${p.bias ? ` + ${d}` : ''} = ${formatInt(d * d + b * d)}\\) parameters. Splitting into ${h} heads of size \\(d_k = ${d}/${h} = ${dk}\\) only reshapes the projected vectors: the heads share these matrices (each uses a ${d}×${dk} slice), so the head count does not change the total.`,
        `Total: \\(4 \\cdot (${d}^2${p.bias ? ` + ${d}` : ''}) = ${formatInt(value)}\\).`,
      ].join('\n\n');
      const distractors: NumericDistractor[] = [
        {
          value: 3 * (d * d + b * d),
          misconception: 'forgot-output-projection',
          feedback:
            'You counted only the Q, K and V projections; the output projection \\(W^O\\) adds another \\(d^2\\) (+ d).',
        },
        {
          value: h * 3 * (d * d + b * d) + d * d + b * d,
          misconception: 'full-projections-per-head',
          feedback:
            'You gave every head its own d×d projections; each head uses a d×(d/h) slice, so together they make one d×d matrix.',
        },
        {
          value: 4 * (d * dk + b * dk),
          misconception: 'counted-one-head',
          feedback:
            'You counted the projections of a single head (d×d/h); all heads together need d×d per projection.',
        },
        p.bias
          ? {
              value: 4 * d * d,
              misconception: 'forgot-biases',
              feedback: 'You left out the four bias vectors of length d.',
            }
          : {
              value: 4 * d * d + 4 * d,
              misconception: 'counted-biases',
              feedback: 'This block has no biases (bias=False).',
            },
      ];
      return { stem, solution, answer: { type: 'numeric', value, decimals: 0, distractors } };
    },
  }),
);

export type MhaShapesParams = {
  batch: number;
  seqLen: number;
  dModel: number;
  heads: number;
  /** Numeric kinds ask the head dimension or the number of attention weights. */
  ask: 'head-dim' | 'weights-count';
};

/** The worked shapes: the head dimension, the attention weights (and their count), the output. */
function shapesSolution(p: MhaShapesParams, s: MultiHeadShapes, weightsCount: number): string {
  const { batch: B, seqLen: T, dModel: d, heads: h } = p;
  const dk = s.headDim;
  const shape = (x: number[]) => `(${x.join(', ')})`;
  const solution = [
    `Each head gets \\(d_k = d/h = ${d}/${h} = ${dk}\\) features. The projected queries are split into heads: \\(${shape(s.queriesPerHead)}\\) = (batch, heads, tokens, \\(d_k\\)).`,
    `Every head scores every query against every key: the attention weights have shape \\(${shape(s.weights)}\\), i.e. \\(${B} \\cdot ${h} \\cdot ${T} \\cdot ${T} = ${formatInt(weightsCount)}\\) entries (each row sums to 1).`,
    `The heads' outputs \\((${B}, ${h}, ${T}, ${dk})\\) are concatenated back to \\(${h} \\cdot ${dk} = ${d}\\) features and projected: output \\(${shape(s.output)}\\).`,
  ].join('\n\n');
  return solution;
}

type ShapeWords = { B: number; T: number; d: number; h: number };

const SHAPE_INTROS: readonly string[] = [
  'A batch of {{B}} sequences, each of {{T}} tokens with model dimension \\(d = {{d}}\\), goes through multi-head self-attention with \\(h = {{h}}\\) heads (batch-first layout, the queries, keys and values of each head have dimension \\(d/h\\)).',
  'Multi-head self-attention with {{h}} heads and \\(d_{\\text{model}} = {{d}}\\) is applied to an input of shape \\(({{B}}, {{T}}, {{d}})\\) (batch, tokens, features). Each head works on \\(d_{\\text{model}}/h\\) features.',
];
const SHAPE_ASKS = {
  'head-dim': [
    'What is the dimension \\(d_k\\) of the queries and keys inside one head?',
    'How many features does each head see per token (\\(d_k\\))?',
  ],
  'weights-count': [
    'How many attention weights (entries of the softmax output, over all sequences and heads) does the layer compute?',
    'Counting every sequence and every head, how many entries does the attention-weight tensor have?',
  ],
  table: [
    'Give the shapes of the per-head queries, the attention weights and the block output (batch first; leave the unused 4th entry of the output as given).',
    'Fill in the tensor shapes inside the block, batch dimension first.',
  ],
};

export const mhaShapes = withPlainFeedback(
  defineTemplate<MhaShapesParams>({
    id: 'rnn.mha-shapes',
    topic: 'rnn',
    title: 'Shapes through multi-head attention',
    objective:
      'Follow tensor shapes through multi-head self-attention: head dimension, attention-weight tensor, output.',
    difficulty: 2,
    tags: ['attention', 'transformer', 'shapes'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      batch: param.int('batch size B', [1, 8], { min: 1, max: MAX_SIZE }),
      seqLen: param.int('tokens per sequence T', [2, 20], { min: 1, max: MAX_SIZE }),
      dModel: param.choice('model dimension d', D_MODELS, D_MODEL_VALID),
      heads: param.choice('number of heads h', HEADS, HEADS_VALID),
      ask: param.choice('asked quantity (numeric kinds)', ['head-dim', 'weights-count']),
    },
    constraints: [
      {
        description: 'd divides by the number of heads',
        check: (p) => p.dModel % p.heads === 0,
        params: ['dModel', 'heads'],
      },
    ],
    build(p, ctx) {
      const s = multiHeadShapes({
        batch: p.batch,
        seqLen: p.seqLen,
        dModel: p.dModel,
        heads: p.heads,
      });
      const { batch: B, seqLen: T, dModel: d, heads: h } = p;
      const dk = s.headDim;
      const data: ShapeWords = { B, T, d, h };
      const pool = ctx.kind === 'table' ? SHAPE_ASKS.table : SHAPE_ASKS[p.ask];
      const stem = [
        ctx.render(ctx.rng.choice(SHAPE_INTROS), data),
        ctx.render(ctx.rng.choice(pool), data),
      ].join('\n\n');
      const weightsCount = s.weights.reduce((a, b) => a * b, 1);
      const solution = shapesSolution(p, s, weightsCount);

      if (ctx.kind === 'table') {
        const rows: TableCellSpec[][] = [
          labelledRow('queries per head', s.queriesPerHead, 0),
          labelledRow('attention weights', s.weights, 0),
          [...labelledRow('block output', s.output, 0), { type: 'text', text: '—', plain: '-' }],
        ];
        return {
          stem,
          solution,
          answer: { type: 'table', header: ['tensor', 'dim 1', 'dim 2', 'dim 3', 'dim 4'], rows },
        };
      }
      if (p.ask === 'head-dim')
        return {
          stem,
          solution,
          answer: {
            type: 'numeric',
            value: dk,
            decimals: 0,
            distractors: [
              {
                value: d,
                misconception: 'full-dimension-per-head',
                feedback:
                  'Each head does not see all d features; d is split evenly across the heads.',
              },
              {
                value: d * h,
                misconception: 'multiplied-by-heads',
                feedback: 'You multiplied by the number of heads; the heads split d, so d_k = d/h.',
              },
              {
                value: h,
                misconception: 'gave-head-count',
                feedback: 'That is the number of heads, not the size of each head.',
              },
              {
                value: T,
                misconception: 'gave-sequence-length',
                feedback: 'That is the number of tokens; d_k is a feature dimension.',
              },
            ],
          },
        };
      return {
        stem,
        solution,
        answer: {
          type: 'numeric',
          value: weightsCount,
          decimals: 0,
          distractors: [
            {
              value: B * T * T,
              misconception: 'forgot-heads',
              feedback: 'Each head has its own attention weights; multiply by h.',
            },
            {
              value: B * h * T * dk,
              misconception: 'weights-as-queries',
              feedback:
                'That is the size of the per-head queries; the weights are tokens × tokens per head.',
            },
            {
              value: B * h * T,
              misconception: 'one-weight-per-token',
              feedback: 'Each query has a weight for every key: T × T per head, not T.',
            },
            {
              value: h * T * T,
              misconception: 'forgot-batch',
              feedback: 'Every sequence of the batch has its own weights; multiply by B.',
            },
          ],
        },
      };
    },
  }),
);
