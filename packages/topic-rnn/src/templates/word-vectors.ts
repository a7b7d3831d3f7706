import {
  defineTemplate,
  GenerationError,
  listOf,
  numberIn,
  param,
  record,
  type BuildContext,
  type NumericDistractor,
  type OptionSpec,
  type QuestionBody,
} from '@dlexam/generator';
import {
  analogy,
  cosineSimilarity,
  dot,
  embeddingModelParams,
  formatDecimal,
  formatFixed,
  formatInt,
  norm2,
  type AnalogyResult,
  type EmbeddingOutput,
} from '@dlexam/math';
import { ANSWER_DECIMALS } from '../shared.js';

/**
 * Word vectors: cosine similarity of two embeddings, analogy arithmetic (a − b + c and the nearest
 * word by cosine, the query words excluded), and the parameters of an embedding table with an
 * optional (tied or untied) output layer.
 */

export type WordVectorTask = 'cosine' | 'analogy' | 'params';

export type WordEntry = {
  word: string;
  vec: number[];
};

export type WordVectorsParams = {
  task: WordVectorTask;
  /** cosine: the two vectors. */
  a: number[];
  b: number[];
  /** analogy: the vocabulary and the query words [a, b, c] of "a − b + c". */
  words: WordEntry[];
  query: string[];
  /** params: vocabulary size, embedding dimension, output layer. */
  vocab: number;
  dim: number;
  output: EmbeddingOutput;
};

const D = ANSWER_DECIMALS;
const n = (x: number) => formatDecimal(x, 2);
const f = (x: number) => formatFixed(x, 4);
const WORD = /^[A-Za-z][A-Za-z0-9'-]{0,19}$/;
const VALID_VECTOR = { min: -100, max: 100, decimals: 2, length: [1, 8] as [number, number] };

const vecTex = (v: readonly number[]) => `(${v.map(n).join(', ')})`;

function queryIndices(p: WordVectorsParams): [number, number, number] {
  const idx = p.query.map((q) => p.words.findIndex((w) => w.word === q));
  return idx as [number, number, number];
}

/** The numeric answer. */
export function wordVectorsAnswer(p: WordVectorsParams): number {
  if (p.task === 'cosine') return cosineSimilarity(p.a, p.b);
  if (p.task === 'params') return embeddingModelParams(p.vocab, p.dim, p.output);
  const [a, b, c] = queryIndices(p);
  const r = analogy(
    p.words.map((w) => w.vec),
    a,
    b,
    c,
  );
  return r.scores[r.best]!;
}

const QUADS = [
  ['king', 'man', 'woman', 'queen'],
  ['Paris', 'France', 'Italy', 'Rome'],
  ['walking', 'walk', 'swim', 'swimming'],
  ['bigger', 'big', 'small', 'smaller'],
  ['brother', 'boy', 'girl', 'sister'],
  ['cars', 'car', 'apple', 'apples'],
];
const FILLERS = ['river', 'music', 'tree', 'blue', 'chair', 'cloud', 'engine', 'salt'];

/** The data of the seed rows (one exercise asks all three tasks of the same vectors). */
const ROW_DATA = {
  a: [3, 4],
  b: [4, 3],
  words: [
    { word: 'king', vec: [0.9, 0.8, 0.1] },
    { word: 'man', vec: [0.1, 0.9, 0.1] },
    { word: 'woman', vec: [0.1, 0.1, 0.9] },
    { word: 'queen', vec: [0.9, 0.1, 0.8] },
    { word: 'apple', vec: [0, 0.2, 0.1] },
  ],
  query: ['king', 'man', 'woman'],
  vocab: 10_000,
  dim: 300,
};

export const wordVectors = defineTemplate<WordVectorsParams>({
  id: 'rnn.word-vectors',
  topic: 'rnn',
  title: 'Word vectors: cosine similarity, analogies, embedding sizes',
  objective:
    'Compare word vectors by cosine similarity, solve an analogy by vector arithmetic, and count the parameters of an embedding table.',
  difficulty: 2,
  tags: ['embeddings', 'word vectors', 'cosine similarity', 'analogy'],
  kinds: ['numeric', 'single'],
  params: {
    task: param.choice('what is asked', ['cosine', 'analogy', 'params']),
    // Validity: up to 8 entries in [−100, 100] with 2 decimals (as the stem prints them); the
    // sampler draws integers in [−3, 3] over 2–4 dimensions.
    a: param.numberVector('first vector (cosine)', [2, 8], [-100, 100], 0.01, VALID_VECTOR),
    b: param.numberVector('second vector (cosine)', [2, 8], [-100, 100], 0.01, VALID_VECTOR),
    words: param.json(
      '4–8 words {word, vec} with vectors of one length 2–8 (analogy)',
      [
        { word: 'king', vec: [0.9, 0.8, 0.1] },
        { word: 'man', vec: [0.1, 0.9, 0.1] },
        { word: 'woman', vec: [0.1, 0.1, 0.9] },
        { word: 'queen', vec: [0.9, 0.1, 0.8] },
        { word: 'apple', vec: [0, 0.2, 0.1] },
      ],
      listOf(record({ word: { type: 'string' }, vec: listOf(numberIn(-100, 100), 2, 8) }), 4, 8),
    ),
    query: param.json(
      'the three words [a, b, c] of a − b + c (analogy)',
      ['king', 'man', 'woman'],
      listOf({ type: 'string' }, 3, 3),
    ),
    vocab: param.int('vocabulary size V (params)', [2, 10_000_000], { min: 1, max: 10_000_000 }),
    dim: param.int('embedding dimension d (params)', [1, 100_000], { min: 1, max: 100_000 }),
    output: param.choice(
      'params: the table alone, or followed by a d → V output layer with bias, untied or tied to the table',
      ['none', 'untied', 'tied'],
    ),
  },
  constraints: [
    {
      description: 'the two vectors have the same length and neither is zero (cosine)',
      check: (p) =>
        p.task !== 'cosine' ||
        (p.a.length === p.b.length && p.a.some((x) => x !== 0) && p.b.some((x) => x !== 0)),
      params: ['task', 'a', 'b'],
    },
    {
      description:
        'words are distinct, 1–20 letters, digits, hyphens or apostrophes; vectors share one length and none is zero',
      check: (p) =>
        new Set(p.words.map((w) => w.word)).size === p.words.length &&
        p.words.every(
          (w) =>
            WORD.test(w.word) && w.vec.length === p.words[0]!.vec.length && w.vec.some((x) => x),
        ),
    },
    {
      description:
        'the query holds three distinct vocabulary words, and a − b + c is not the zero vector (analogy)',
      check: (p) => {
        if (p.task !== 'analogy') return true;
        const idx = queryIndices(p);
        if (idx.some((i) => i < 0) || new Set(idx).size !== 3) return false;
        const [a, b, c] = idx.map((i) => p.words[i]!.vec);
        return a!.some((x, k) => x - b![k]! + c![k]! !== 0);
      },
    },
  ],
  sample(rng) {
    // Draw preferences: small integer vectors, 3 dimensions, the intended word clearly nearest.
    const task = rng.choice(['cosine', 'analogy', 'params'] as const);
    const vec = (len: number) => {
      for (;;) {
        const v = Array.from({ length: len }, () => rng.int(-3, 3));
        if (v.some((x) => x !== 0)) return v;
      }
    };
    const len = rng.int(2, 4);
    const a = vec(len);
    let b = vec(len);
    while (Math.abs(cosineSimilarity(a, b)) > 0.98) b = vec(len);
    let words: WordEntry[] = [];
    let quad = QUADS[0]!;
    for (;;) {
      quad = rng.choice(QUADS);
      const fillers = rng.shuffle(FILLERS).slice(0, rng.int(2, 3));
      const [va, vb, vc] = [vec(3), vec(3), vec(3)];
      const vd = va.map((x, i) => x - vb[i]! + vc[i]! + rng.int(-1, 1));
      if (vd.every((x) => x === 0)) continue;
      const entries: WordEntry[] = [
        { word: quad[0]!, vec: va },
        { word: quad[1]!, vec: vb },
        { word: quad[2]!, vec: vc },
        { word: quad[3]!, vec: vd },
        ...fillers.map((w) => ({ word: w, vec: vec(3) })),
      ];
      words = rng.shuffle(entries);
      if (va.every((x, i) => x - vb[i]! + vc[i]! === 0)) continue;
      const idx = quad.slice(0, 3).map((q) => words.findIndex((w) => w.word === q));
      const r = analogy(
        words.map((w) => w.vec),
        idx[0]!,
        idx[1]!,
        idx[2]!,
      );
      const others = r.scores.filter((s, i) => !Number.isNaN(s) && i !== r.best);
      if (
        words[r.best]!.word === quad[3] &&
        others.every((s) => s < r.scores[r.best]! - 0.05) &&
        r.target.some((x) => x !== 0)
      )
        break;
    }
    return {
      task,
      a,
      b,
      words,
      query: quad.slice(0, 3),
      vocab: rng.choice([1000, 5000, 10_000, 20_000, 30_000, 50_000]),
      dim: rng.choice([50, 100, 128, 256, 300, 512]),
      output: rng.choice(['none', 'untied', 'tied'] as const),
    };
  },
  build(p, ctx) {
    if (p.task === 'cosine') return cosineBody(p, ctx);
    if (p.task === 'params') return paramsBody(p, ctx);
    return analogyBody(p, ctx);
  },
  fixtures: [
    {
      id: 'rnn-word-vectors-cosine',
      params: {
        task: 'cosine',
        ...ROW_DATA,
        output: 'none',
      },
      note: '(3·4 + 4·3) / (5·5) = 24/25 = 0.96',
    },
    {
      id: 'rnn-word-vectors-king-queen',
      kind: 'single',
      params: {
        task: 'analogy',
        ...ROW_DATA,
        output: 'none',
      },
      note: 'king − man + woman = (0.9, 0, 0.9): queen (cos ≈ 0.994) beats apple',
    },
    {
      id: 'rnn-word-vectors-params',
      params: {
        task: 'params',
        ...ROW_DATA,
        output: 'untied',
      },
      note: '10,000 · 300 table + 300 · 10,000 weights + 10,000 biases = 6,010,000',
    },
  ],
});

const COS_STEMS = [
  'Two words have the embeddings \\(\\mathbf{a} = {{a}}\\) and \\(\\mathbf{b} = {{b}}\\). What is their cosine similarity? Round to {{D}} decimals.',
  'Compute the cosine similarity \\(\\frac{\\mathbf{a} \\cdot \\mathbf{b}}{\\lVert \\mathbf{a} \\rVert \\, \\lVert \\mathbf{b} \\rVert}\\) of the word vectors \\(\\mathbf{a} = {{a}}\\) and \\(\\mathbf{b} = {{b}}\\), to {{D}} decimals.',
  'How similar are the word vectors \\({{a}}\\) and \\({{b}}\\) by cosine similarity? Give {{D}} decimals.',
];

function cosineBody(p: WordVectorsParams, ctx: BuildContext): QuestionBody {
  const d = dot(p.a, p.b);
  const na = norm2(p.a);
  const nb = norm2(p.b);
  const value = d / (na * nb);
  const euclid = Math.sqrt(p.a.reduce((s, x, i) => s + (x - p.b[i]!) ** 2, 0));
  const distractors: NumericDistractor[] = [
    {
      value: d,
      misconception: 'dot-not-normalized',
      feedback: 'The dot product must be divided by both vector lengths.',
    },
    {
      value: 1 - value,
      misconception: 'cosine-distance',
      feedback: '1 − cos θ is the cosine distance; the similarity is cos θ itself.',
    },
    {
      value: d / (na * na),
      misconception: 'one-norm-squared',
      feedback: 'Divide by ‖a‖·‖b‖, the product of the two lengths, not by one length squared.',
    },
    {
      value: euclid,
      misconception: 'euclidean-distance',
      feedback:
        'That is the Euclidean distance; cosine similarity compares directions: a·b / (‖a‖‖b‖).',
    },
    {
      value: d / (p.a.reduce((s, x) => s + x * x, 0) * p.b.reduce((s, x) => s + x * x, 0)),
      misconception: 'squared-norms',
      feedback: 'The lengths are square roots of the sums of squares: ‖a‖ = √(Σ aᵢ²).',
    },
  ];
  const stem = ctx.render(ctx.rng.choice(COS_STEMS), { a: vecTex(p.a), b: vecTex(p.b), D });
  const solution = `\\(\\mathbf{a} \\cdot \\mathbf{b} = ${p.a.map((x, i) => `${n(x)} \\cdot ${n(p.b[i]!)}`).join(' + ')} = ${n(d)}\\); \\(\\lVert \\mathbf{a} \\rVert = ${f(na)}\\), \\(\\lVert \\mathbf{b} \\rVert = ${f(nb)}\\). Cosine similarity \\(= ${n(d)} / (${f(na)} \\cdot ${f(nb)}) \\approx ${formatFixed(value, D)}\\).`;
  if (ctx.kind === 'single') {
    const key = formatFixed(value, D);
    if (new Set(distractors.map((x) => formatFixed(x.value, D)).filter((s) => s !== key)).size < 3)
      throw new GenerationError(
        'fewer than 3 distinct cosine distractors; single choice needs 3 (the numeric kind keeps the question)',
      );
  }
  return { stem, solution, answer: { type: 'numeric', value, decimals: D, distractors } };
}

const PARAM_STEMS = [
  'A language model starts with an embedding layer for a vocabulary of {{V}} tokens and {{d}}-dimensional embeddings{{out}}. How many trainable parameters {{doThese}} have?',
  'Tokens from a {{V}}-word vocabulary are mapped to {{d}}-dimensional vectors by an embedding table (PyTorch `nn.Embedding({{V}}, {{d}})`){{out}}. Count the trainable parameters of {{these}}.',
];

function paramsBody(p: WordVectorsParams, ctx: BuildContext): QuestionBody {
  const V = p.vocab;
  const d = p.dim;
  const value = embeddingModelParams(V, d, p.output);
  const out =
    p.output === 'none'
      ? ''
      : p.output === 'untied'
        ? `, followed by an output layer \\(d \\to V\\) with a bias (\`nn.Linear(${formatInt(d)}, ${formatInt(V)})\`) whose weights are separate from the table`
        : `, followed by an output layer \\(d \\to V\\) with a bias whose weight matrix is tied to (shared with) the embedding table`;
  const distractors: NumericDistractor[] = [
    {
      value: V * d + d,
      misconception: 'embedding-bias',
      feedback: 'An embedding table is a lookup: V·d numbers and no bias.',
    },
    {
      value: V + d,
      misconception: 'added-sizes',
      feedback: 'The table has one d-dimensional row per token: V·d numbers.',
    },
    {
      value: p.output === 'tied' ? 2 * V * d + V : V * d,
      misconception: p.output === 'tied' ? 'tied-counted-twice' : 'forgot-output-layer',
      feedback:
        p.output === 'tied'
          ? 'Tied weights are one matrix used twice; it is counted once (plus the V output biases).'
          : 'The output layer has its own d·V weights and V biases.',
    },
    {
      value: p.output === 'none' ? V * V : V * d + d * V,
      misconception: p.output === 'none' ? 'one-hot-square' : 'forgot-output-bias',
      feedback:
        p.output === 'none'
          ? 'A one-hot input has V entries, but the table maps them to d dimensions: V × d.'
          : 'The output layer also has V biases, one per token.',
    },
    {
      value: V * d + V,
      misconception: 'bias-per-token',
      feedback:
        'The output bias counts only with an output layer; the table alone has V·d numbers.',
    },
  ];
  const stem = ctx.render(ctx.rng.choice(PARAM_STEMS), {
    V: formatInt(V),
    d: formatInt(d),
    out,
    these: p.output === 'none' ? 'this layer' : 'these two layers',
    doThese: p.output === 'none' ? 'does this layer' : 'do these two layers',
  });
  const parts =
    p.output === 'none'
      ? `The table has one row per token: \\(V \\cdot d = ${formatInt(V)} \\cdot ${formatInt(d)} = ${formatInt(value)}\\) (a lookup has no bias).`
      : p.output === 'untied'
        ? `Table \\(V \\cdot d = ${formatInt(V * d)}\\), output weights \\(d \\cdot V = ${formatInt(d * V)}\\), output biases \\(V = ${formatInt(V)}\\): \\(${formatInt(value)}\\) in total.`
        : `Table \\(V \\cdot d = ${formatInt(V * d)}\\), shared with the output layer, plus its \\(V = ${formatInt(V)}\\) biases: \\(${formatInt(value)}\\).`;
  return {
    stem,
    solution: `${parts} A one-hot input of length ${formatInt(V)} times a \\(${formatInt(V)} \\times ${formatInt(d)}\\) matrix selects one row, which is why the table is exactly that matrix.`,
    answer: { type: 'numeric', value, decimals: 0, distractors },
  };
}

/** The words a student lands on with a slip: query words kept, Euclidean distance, dot product. */
type AnalogySlips = { withQuery: number; eligible: number[]; byEuclid: number; byDot: number };

/** Where the search lands with each slip (the eligible words are those not in the query). */
function analogySlips(vecs: readonly number[][], r: AnalogyResult): AnalogySlips {
  const withQuery = vecs.reduce(
    (best, v, i) =>
      cosineSimilarity(r.target, v) > cosineSimilarity(r.target, vecs[best]!) ? i : best,
    0,
  );
  const eligible = vecs.map((_, i) => i).filter((i) => !Number.isNaN(r.scores[i]!));
  const dist = (v: readonly number[]) => Math.hypot(...v.map((x, k) => x - r.target[k]!));
  const byEuclid = eligible.reduce((best, i) => (dist(vecs[i]!) < dist(vecs[best]!) ? i : best));
  const byDot = eligible.reduce((best, i) =>
    dot(r.target, vecs[i]!) > dot(r.target, vecs[best]!) ? i : best,
  );
  return { withQuery, eligible, byEuclid, byDot };
}

/**
 * The single-choice options: the nearest word first, then the words the slips land on, then the
 * other candidates by cosine (each word once).
 */
function analogyOptions(
  p: WordVectorsParams,
  r: AnalogyResult,
  ia: number,
  { withQuery, eligible, byEuclid, byDot }: AnalogySlips,
): OptionSpec[] {
  const [a, b, c] = p.query as [string, string, string];
  const options: OptionSpec[] = [];
  const add = (i: number, misconception: string, feedback: string) => {
    if (options.some((o) => o.text === p.words[i]!.word)) return;
    options.push(
      i === r.best
        ? { text: p.words[i]!.word, correct: true, feedback: 'Correct.' }
        : { text: p.words[i]!.word, correct: false, misconception, feedback },
    );
  };
  add(r.best, '', '');
  if (withQuery !== r.best)
    add(
      withQuery,
      'query-word-not-excluded',
      'The query words are left out: otherwise the answer is usually one of them.',
    );
  add(
    ia,
    'query-word-not-excluded',
    `${a} is a query word: the search leaves out ${a}, ${b} and ${c}, or the answer would usually be one of them.`,
  );
  add(byDot, 'dot-not-cosine', 'The raw dot product favours long vectors; compare cosines.');
  add(
    byEuclid,
    'euclidean-nearest',
    'The nearest word is measured by cosine similarity (direction), not Euclidean distance.',
  );
  for (const i of eligible)
    add(
      i,
      'not-nearest',
      `Its cosine similarity with the target is ${formatFixed(r.scores[i]!, D)}, not the largest.`,
    );
  return options;
}

const ANALOGY_STEMS = [
  'Word vectors are given below. To complete the analogy "{{b}} is to {{a}} as {{c}} is to ?", compute \\(\\mathbf{v} = {{va}} - {{vb}} + {{vc}}\\) and take the word with the largest cosine similarity to \\(\\mathbf{v}\\), leaving out {{a}}, {{b}} and {{c}} themselves.',
  'Analogy arithmetic: "{{a}} − {{b}} + {{c}} ≈ ?". With the embeddings below, form \\({{va}} - {{vb}} + {{vc}}\\) and find the nearest word by cosine similarity, excluding the three query words.',
];

function analogyBody(p: WordVectorsParams, ctx: BuildContext): QuestionBody {
  const [ia, ib, ic] = queryIndices(p);
  const vecs = p.words.map((w) => w.vec);
  const r = analogy(vecs, ia, ib, ic);
  const value = r.scores[r.best]!;
  const [a, b, c] = p.query as [string, string, string];
  const list = p.words.map((w) => `- ${w.word}: \\(${vecTex(w.vec)}\\)`).join('\n');
  const sub = (w: string) => `\\mathbf{v}_{\\text{${w}}}`;
  const head = ctx.render(ctx.rng.choice(ANALOGY_STEMS), {
    a,
    b,
    c,
    va: sub(a),
    vb: sub(b),
    vc: sub(c),
  });
  const rows = p.words
    .map((w, i) =>
      Number.isNaN(r.scores[i]!)
        ? `- ${w.word}: a query word, left out`
        : `- ${w.word}: \\(\\cos = ${f(r.scores[i]!)}\\)`,
    )
    .join('\n');
  const solution = `\\(\\mathbf{v} = ${vecTex(vecs[ia]!)} - ${vecTex(vecs[ib]!)} + ${vecTex(vecs[ic]!)} = ${vecTex(r.target)}\\). Cosine similarity with each word:\n\n${rows}\n\nThe nearest is ${p.words[r.best]!.word} (\\(\\cos \\approx ${formatFixed(value, D)}\\)).`;
  // What a student finds without excluding the query words, by Euclidean distance, or by dot product.
  const slips = analogySlips(vecs, r);
  const { withQuery, eligible } = slips;
  if (ctx.kind === 'single') {
    const options = analogyOptions(p, r, ia, slips);
    if (options.length < 3) throw new GenerationError('fewer than 3 candidate words');
    return {
      stem: `${head}\n\n${list}\n\nWhich word completes the analogy?`,
      solution,
      answer: { type: 'choice', options: options.slice(0, 5) },
    };
  }
  const distractors: NumericDistractor[] = [
    ...eligible
      .filter((i) => i !== r.best)
      .map((i) => ({
        value: r.scores[i]!,
        misconception: 'not-nearest',
        feedback: `That is the cosine with ${p.words[i]!.word}; the nearest word has a larger one.`,
      })),
    {
      value: dot(r.target, vecs[r.best]!),
      misconception: 'dot-not-cosine',
      feedback: 'Divide the dot product by both vector lengths to get the cosine.',
    },
    {
      value: cosineSimilarity(r.target, vecs[withQuery]!),
      misconception: 'query-word-not-excluded',
      feedback: 'The query words are left out of the search.',
    },
    {
      value: 1 - value,
      misconception: 'cosine-distance',
      feedback: '1 − cos θ is the cosine distance; the question asks for the similarity.',
    },
  ];
  return {
    stem: `${head}\n\n${list}\n\nWhat is the cosine similarity between \\(\\mathbf{v}\\) and the word it lands nearest to? Round to ${D} decimals.`,
    solution,
    answer: { type: 'numeric', value, decimals: D, distractors },
  };
}
