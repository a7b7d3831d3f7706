import { dot, norm2, type Vector } from './tensor.js';

/**
 * Word vectors: cosine similarity, analogy arithmetic (a − b + c, nearest word by cosine excluding
 * the three query words, as in word2vec's evaluation), and embedding-table sizes.
 */

/** cos θ = a·b / (‖a‖ ‖b‖); throws for a zero vector. */
export function cosineSimilarity(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError('cosineSimilarity: vectors of different lengths');
  const na = norm2(a);
  const nb = norm2(b);
  if (na === 0 || nb === 0)
    throw new RangeError('cosineSimilarity: a zero vector has no direction');
  return dot(a, b) / (na * nb);
}

export interface AnalogyResult {
  /** a − b + c. */
  target: number[];
  /** Cosine of the target with every word (NaN for the excluded query words). */
  scores: number[];
  /** Index of the nearest word that is not a query word. */
  best: number;
}

/**
 * "b is to a as c is to ?": the target a − b + c (king − man + woman) and the vocabulary word with
 * the largest cosine similarity to it, the query words excluded; the first index wins a tie.
 */
export function analogy(
  vectors: readonly Vector[],
  a: number,
  b: number,
  c: number,
): AnalogyResult {
  const target = vectors[a]!.map((x, i) => x - vectors[b]![i]! + vectors[c]![i]!);
  const scores = vectors.map((v, i) =>
    i === a || i === b || i === c ? Number.NaN : cosineSimilarity(target, v),
  );
  let best = -1;
  scores.forEach((s, i) => {
    if (!Number.isNaN(s) && (best < 0 || s > scores[best]!)) best = i;
  });
  if (best < 0) throw new RangeError('analogy: no candidate word besides the query words');
  return { target, scores, best };
}

export type EmbeddingOutput = 'none' | 'untied' | 'tied';

/**
 * Trainable parameters of an embedding table V × d, optionally followed by an output layer
 * d → V with bias: untied (its own d·V weights) or tied to the table (only the V biases).
 */
export function embeddingModelParams(vocab: number, dim: number, output: EmbeddingOutput): number {
  const table = vocab * dim;
  if (output === 'none') return table;
  return table + (output === 'untied' ? dim * vocab : 0) + vocab;
}
