import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  causalMask,
  dot,
  formatFixed,
  type Matrix,
  scaledDotProductAttention,
  softmax,
  type Vector,
} from '@dlexam/math';
import {
  ANSWER_DECIMALS,
  assertSingleChoicePossible,
  fixed,
  grid,
  gridMatrix,
  gridVectorSchema,
  isGridMatrix,
  isShape,
  labelledRow,
  ordinal,
  texGridM,
  validMatrix,
  withPlainFeedback,
} from '../shared.js';

export type AttentionParams = {
  queries: number;
  keys: number;
  dim: number;
  valueDim: number;
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  /** Causal (look-ahead) mask: query i sees keys 1..i. Needs as many queries as keys. */
  causal: boolean;
  /** Numeric kinds ask one attention weight or one output entry. */
  ask: 'weight' | 'output';
  row: number;
  col: number;
};

const QK = grid(-2, 2, 1);
const VG = grid(-3, 3, 1);

/** Exercise-size limits of the validity (the stem shows Q, K and V; the table a row per query). */
const MAX_QUERIES = 4;
const MAX_KEYS = 6;
const MAX_DIM = 6;
const MAX_VALUE_DIM = 4;

/** The unscaled, unmasked scores `QKᵀ` (integers), shared by every modelled mistake. */
const rawScores = (p: AttentionParams): Matrix => p.Q.map((q) => p.K.map((k) => dot(q, k)));

/**
 * The asked entry (weight or output) of attention with a modelled mistake (distractors only).
 * Only the asked query's weights are formed; each value is computed with the same operations,
 * in the same order, as the full matrices would be.
 */
function mistakenAttention(
  p: AttentionParams,
  S: Matrix,
  m: { scale?: number; noSoftmax?: boolean; softmaxOverQueries?: boolean; ignoreMask?: boolean },
): number {
  const scale = m.scale ?? 1 / Math.sqrt(p.dim);
  const masked = p.causal && !m.ignoreMask;
  // Causal mask: query i sees keys j <= i.
  const raw = (i: number, j: number) => (masked && j > i ? -Infinity : S[i]![j]! * scale);
  const i = p.row;
  let weights: Vector;
  if (m.noSoftmax) weights = S[i]!.map((_, j) => (raw(i, j) === -Infinity ? 0 : raw(i, j)));
  else if (m.softmaxOverQueries)
    weights = S[i]!.map((_, j) => {
      const col = S.map((_r, q) => raw(q, j));
      return col.every((s) => s === -Infinity) ? 0 : softmax(col)[i]!;
    });
  else weights = softmax(S[i]!.map((_, j) => raw(i, j)));
  if (p.ask === 'weight') return weights[p.col]!;
  let out = 0;
  for (let k = 0; k < weights.length; k++) out += weights[k]! * p.V[k]![p.col]!;
  return out;
}

/** The modelled mistakes of a numeric or single-choice variant, most telling first. */
function attentionDistractors(p: AttentionParams): NumericDistractor[] {
  const S = rawScores(p);
  const distractors: NumericDistractor[] = [
    {
      value: mistakenAttention(p, S, { scale: 1 }),
      misconception: 'forgot-scaling',
      feedback: 'You skipped the division by \\(\\sqrt{d}\\) before the softmax.',
    },
    {
      value: mistakenAttention(p, S, { scale: 1 / p.dim }),
      misconception: 'divided-by-d',
      feedback: 'You divided the scores by \\(d\\); the scale is \\(1/\\sqrt{d}\\).',
    },
    {
      value: mistakenAttention(p, S, { softmaxOverQueries: true }),
      misconception: 'softmax-over-queries',
      feedback:
        'You normalized down the columns; the softmax runs over the keys, along each row of \\(QK^\\top\\).',
    },
    {
      value: mistakenAttention(p, S, { noSoftmax: true }),
      misconception: 'forgot-softmax',
      feedback: 'You used the scaled scores as weights; they must go through the softmax first.',
    },
  ];
  if (p.causal)
    distractors.unshift({
      value: mistakenAttention(p, S, { ignoreMask: true }),
      misconception: 'ignored-mask',
      feedback:
        'You let the query attend to later keys; the causal mask sets those scores to \\(-\\infty\\).',
    });
  return distractors;
}

/** A score matrix in TeX with masked entries as −∞. */
const texScores = (m: Matrix): string =>
  `\\begin{bmatrix}${m.map((r) => r.map((s) => (s === -Infinity ? '-\\infty' : formatFixed(s, ANSWER_DECIMALS))).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
const texRounded = (m: Matrix): string =>
  `\\begin{bmatrix}${m.map((r) => r.map((s) => formatFixed(s, ANSWER_DECIMALS)).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;

const INTROS = [
  'A scaled dot-product attention layer computes \\(\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\big(QK^\\top / \\sqrt{d}\\big)\\,V\\), with the softmax taken over the keys (along each row), for',
  'Each query (a row of \\(Q\\)) attends to every key (a row of \\(K\\)) through \\(\\mathrm{softmax}(QK^\\top/\\sqrt{d})V\\), where \\(d\\) is the query/key dimension and the softmax runs along each row. Take',
  'In a transformer, attention weights are \\(P = \\mathrm{softmax}(QK^\\top/\\sqrt{d})\\) (row-wise softmax: one distribution over the keys per query) and the output is \\(PV\\). Let',
];

type Words = { q: number; k: number; ordk: string; places: number };

const ASKS: Record<'weight' | 'output' | 'table', readonly string[]> = {
  weight: [
    'What is the attention weight of query {{q}} on key {{k}}, \\(P_{ {{q}}{{k}} }\\)? Round to {{places}} decimals.',
    'How much weight does query {{q}} give to key {{k}}? Give \\(P_{ {{q}}{{k}} }\\) rounded to {{places}} decimals.',
  ],
  output: [
    'What is entry \\(({{q}}, {{k}})\\) of the output \\(PV\\)? Round to {{places}} decimals.',
    'Compute the output row of query {{q}} and give its {{ordk}} entry, rounded to {{places}} decimals.',
  ],
  table: [
    'For each query, fill in its attention weights over the keys and its output row, each rounded to {{places}} decimals.',
    'Enter the attention weight matrix \\(P\\) and the output \\(PV\\) row by row, every entry rounded to {{places}} decimals.',
  ],
};

export const attention = withPlainFeedback(
  defineTemplate<AttentionParams>({
    id: 'rnn.attention',
    topic: 'rnn',
    title: 'Scaled dot-product attention',
    objective:
      'Compute attention scores, softmax weights and outputs of softmax(QKᵀ/√d)V on small matrices.',
    difficulty: 2,
    tags: ['attention', 'transformer', 'softmax'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      queries: param.int('number of queries n', [1, 2], { min: 1, max: MAX_QUERIES }),
      keys: param.int('number of keys/values m', [2, 3], { min: 1, max: MAX_KEYS }),
      dim: param.int('query/key dimension d', [1, 4], { min: 1, max: MAX_DIM }),
      valueDim: param.int('value dimension d_v', [1, 2], { min: 1, max: MAX_VALUE_DIM }),
      Q: param.json(
        'n×d queries (drawn as integers in [-2, 2]; any number in [-10, 10] with up to 3 decimals when pinned)',
        [[1, 0]],
        validMatrix(MAX_QUERIES, MAX_DIM),
      ),
      K: param.json(
        'm×d keys (drawn as integers in [-2, 2]; any number in [-10, 10] with up to 3 decimals when pinned)',
        [
          [1, 0],
          [0, 1],
        ],
        validMatrix(MAX_KEYS, MAX_DIM),
      ),
      V: param.json(
        'm×d_v values (drawn as integers in [-3, 3]; any number in [-10, 10] with up to 3 decimals when pinned)',
        [[1], [2]],
        validMatrix(MAX_KEYS, MAX_VALUE_DIM),
      ),
      causal: param.choice('causal mask (query i sees keys 1..i)', [false, true]),
      ask: param.choice('asked quantity (numeric kinds)', ['weight', 'output']),
      row: param.int('0-based query asked', [0, 1], { min: 0, max: MAX_QUERIES - 1 }),
      col: param.int('0-based key (weight) or value column (output) asked', [0, 2], {
        min: 0,
        max: Math.max(MAX_KEYS, MAX_VALUE_DIM) - 1,
      }),
    },
    constraints: [
      {
        description: 'Q is n×d, K is m×d and V is m×d_v',
        check: (p) =>
          isShape(p.Q, p.queries, p.dim) &&
          isShape(p.K, p.keys, p.dim) &&
          isShape(p.V, p.keys, p.valueDim),
        params: ['queries', 'keys', 'dim', 'valueDim', 'Q', 'K', 'V'],
      },
      {
        description: 'Q and K are integers in [-2, 2], V integers in [-3, 3]',
        check: (p) =>
          isGridMatrix(p.Q, p.queries, p.dim, QK) &&
          isGridMatrix(p.K, p.keys, p.dim, QK) &&
          isGridMatrix(p.V, p.keys, p.valueDim, VG),
        prefer: true,
        params: ['queries', 'keys', 'dim', 'valueDim', 'Q', 'K', 'V'],
      },
      {
        description: 'a causal mask needs as many queries as keys',
        check: (p) => !p.causal || p.queries === p.keys,
        params: ['causal', 'queries', 'keys'],
      },
      {
        description: 'the asked entry exists',
        check: (p) => p.row < p.queries && p.col < (p.ask === 'weight' ? p.keys : p.valueDim),
        params: ['row', 'col', 'ask', 'queries', 'keys', 'valueDim'],
      },
    ],
    /**
     * Trivial (numeric, single): the asked query sees one key only (the first row under a causal
     * mask: weight 1, output a row of V) or asks a masked weight (0); every key it sees scores the
     * same (uniform weights, no softmax needed); or the asked column of V is constant over those
     * keys (the output is that value whatever the weights).
     */
    trivial(p, v) {
      if (v.kind === 'table') return null;
      const seen = p.causal ? p.row + 1 : p.keys;
      if (seen === 1) return 'the asked query sees one key: its weight is 1';
      if (p.ask === 'weight' && p.col >= seen) return 'the asked key is masked: its weight is 0';
      const q = p.Q[p.row]!;
      const scores = p.K.slice(0, seen).map((k) => k.reduce((s, x, i) => s + x * q[i]!, 0));
      if (scores.every((x) => x === scores[0]))
        return 'every key the query sees scores the same: the weights are uniform';
      if (p.ask === 'output' && p.V.slice(0, seen).every((r) => r[p.col] === p.V[0]![p.col]))
        return 'the asked column of V is constant: the output is that value';
      return null;
    },
    sample(rng) {
      const causal = rng.bool(0.25);
      const queries = causal ? 2 : rng.int(1, 2);
      const keys = causal ? 2 : rng.int(2, 3);
      const dim = rng.choice([1, 2, 2, 3, 4, 4]);
      const valueDim = rng.int(1, 2);
      const ask = rng.choice(['weight', 'output'] as const);
      return {
        queries,
        keys,
        dim,
        valueDim,
        Q: gridMatrix(rng, queries, dim, QK),
        K: gridMatrix(rng, keys, dim, QK),
        V: gridMatrix(rng, keys, valueDim, VG),
        causal,
        ask,
        row: rng.int(0, queries - 1),
        col: rng.int(0, (ask === 'weight' ? keys : valueDim) - 1),
      };
    },
    build(p, ctx) {
      const mask = p.causal ? causalMask(p.queries) : undefined;
      const r = scaledDotProductAttention(p.Q, p.K, p.V, mask ? { mask } : {});
      const dec = ANSWER_DECIMALS;
      const data: Words = { q: p.row + 1, k: p.col + 1, ordk: ordinal(p.col), places: dec };
      const value = p.ask === 'weight' ? r.weights[p.row]![p.col]! : r.output[p.row]![p.col]!;
      const distractors = ctx.kind === 'table' ? [] : attentionDistractors(p);
      assertSingleChoicePossible(ctx.kind, value, distractors, dec);
      const sqrtD = Number.isInteger(Math.sqrt(p.dim))
        ? String(Math.sqrt(p.dim))
        : `\\sqrt{${p.dim}}`;
      const parts = [
        ctx.rng.choice(INTROS),
        `\\[Q = ${texGridM(p.Q, QK)}, \\quad K = ${texGridM(p.K, QK)}, \\quad V = ${texGridM(p.V, VG)} \\qquad (d = ${p.dim}).\\]`,
      ];
      if (p.causal)
        parts.push(
          'A causal mask is applied: query \\(i\\) may attend only to keys \\(j \\le i\\) (masked scores are set to \\(-\\infty\\) before the softmax).',
        );
      const askPool = ctx.kind === 'table' ? ASKS.table : ASKS[p.ask];
      parts.push(ctx.render(ctx.rng.choice(askPool), data));
      const stem = parts.join('\n\n');

      const solution = [
        `Scores: \\(S = QK^\\top / ${sqrtD} = ${texScores(r.scores)}\\)${p.causal ? ' (masked entries \\(-\\infty\\))' : ''}.`,
        `Weights: softmax of each row, \\(P_{ij} = e^{S_{ij}} / \\sum_k e^{S_{ik}}\\), so \\(P = ${texRounded(r.weights)}\\); every row sums to 1.`,
        `Output: \\(PV = ${texRounded(r.output)}\\), each output row a weighted average of the value rows.`,
        ctx.kind === 'table'
          ? 'These are the table entries (values shown rounded, computed unrounded).'
          : `So the asked ${p.ask === 'weight' ? `weight \\(P_{${p.row + 1}${p.col + 1}}\\)` : `output entry \\((${p.row + 1}, ${p.col + 1})\\)`} is \\(${fixed(value, dec)}\\).`,
      ].join('\n\n');

      if (ctx.kind === 'table') {
        const header = [
          'query',
          ...p.K.map((_, j) => `P[i,${j + 1}]`),
          ...p.V[0]!.map((_, c) => `out[i,${c + 1}]`),
        ];
        const rows = r.weights.map((w, i) =>
          labelledRow(String(i + 1), [...w, ...r.output[i]!], dec),
        );
        return { stem, solution, answer: { type: 'table', header, rows } };
      }

      return { stem, solution, answer: { type: 'numeric', value, decimals: dec, distractors } };
    },
    fixtures: [
      {
        id: 'S003-attention',
        params: {
          queries: 2,
          keys: 3,
          dim: 4,
          valueDim: 2,
          Q: [
            [1, 0, 1, 0],
            [0, 2, 0, 1],
          ],
          K: [
            [1, 1, 0, 0],
            [0, 1, 1, 1],
            [1, 0, 1, 0],
          ],
          V: [
            [1, 2],
            [3, -1],
            [0, 1],
          ],
          causal: false,
          ask: 'output',
          row: 0,
          col: 0,
        },
        note: 'seed 003 formula; checked against an element-wise loop of F.scaled_dot_product_attention in the golden test',
      },
    ],
  }),
);
