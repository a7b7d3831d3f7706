/**
 * Scaled dot-product attention `softmax(QKᵀ/√d)V` with its intermediate matrices, and the tensor
 * shapes inside multi-head attention. Conventions follow PyTorch
 * `F.scaled_dot_product_attention` (softmax over keys, i.e. along each row; a boolean mask entry
 * `true` means "may attend").
 */
import { softmax } from './activations.js';
import { matmul, shapeOf, ShapeError, transpose, type Matrix } from './tensor.js';

export interface AttentionResult {
  /** `QKᵀ/√d`, queries × keys; masked entries are −∞. */
  scores: Matrix;
  /** Row-wise softmax of the scores: row i is how much query i attends to each key. */
  weights: Matrix;
  /** `weights · V`, queries × value dim. */
  output: Matrix;
}

/**
 * Scaled dot-product attention. `Q` is n×d, `K` m×d, `V` m×d_v; `scale` defaults to 1/√d.
 * `mask[i][j] = false` blocks query i from key j; a query with every key blocked is an error
 * (PyTorch would return NaN there).
 */
export function scaledDotProductAttention(
  Q: Matrix,
  K: Matrix,
  V: Matrix,
  opts: { mask?: boolean[][]; scale?: number } = {},
): AttentionResult {
  const [n, d] = shapeOf(Q);
  const [m, dk] = shapeOf(K);
  const [mv] = shapeOf(V);
  if (d !== dk) throw new ShapeError(`attention: queries have dimension ${d}, keys ${dk}`);
  if (m !== mv) throw new ShapeError(`attention: ${m} keys but ${mv} values`);
  if (!d) throw new ShapeError('attention: zero-dimensional queries');
  const scale = opts.scale ?? 1 / Math.sqrt(d);
  const mask = opts.mask;
  if (mask) {
    const [mr, mc] = shapeOf(mask as unknown as Matrix);
    if (mr !== n || mc !== m)
      throw new ShapeError(`attention: mask is ${mr}×${mc}, scores are ${n}×${m}`);
  }
  const scores = matmul(Q, transpose(K)).map((row, i) =>
    row.map((s, j) => (mask && !mask[i]![j] ? -Infinity : s * scale)),
  );
  const weights = scores.map((row, i) => {
    if (row.every((s) => s === -Infinity))
      throw new RangeError(`attention: query ${i} may attend to no key`);
    return softmax(row);
  });
  return { scores, weights, output: matmul(weights, V) };
}

/** Lower-triangular causal mask: query i may attend to keys 0..i. */
export function causalMask(n: number): boolean[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j <= i));
}

export interface MultiHeadShapeSpec {
  batch: number;
  seqLen: number;
  dModel: number;
  heads: number;
  /** Key/value sequence length (cross-attention); defaults to seqLen (self-attention). */
  kvLen?: number;
}

export interface MultiHeadShapes {
  /** d_k = d_model / heads */
  headDim: number;
  /** Q after projection and split into heads: (B, h, T, d_k). */
  queriesPerHead: number[];
  /** K and V per head: (B, h, S, d_k). */
  keysPerHead: number[];
  /** Attention weights: (B, h, T, S). */
  weights: number[];
  /** Heads concatenated, then the output projection: (B, T, d_model). */
  output: number[];
}

/** Shapes inside multi-head attention (PyTorch `nn.MultiheadAttention`, batch_first, kdim = vdim = d). */
export function multiHeadShapes(spec: MultiHeadShapeSpec): MultiHeadShapes {
  const { batch: B, seqLen: T, dModel: d, heads: h } = spec;
  const S = spec.kvLen ?? T;
  for (const [k, v] of Object.entries({ batch: B, seqLen: T, dModel: d, heads: h, kvLen: S }))
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`multiHeadShapes: ${k} ${v} must be a positive integer`);
  if (d % h) throw new RangeError(`multiHeadShapes: d_model ${d} must divide by heads ${h}`);
  const dk = d / h;
  return {
    headDim: dk,
    queriesPerHead: [B, h, T, dk],
    keysPerHead: [B, h, S, dk],
    weights: [B, h, T, S],
    output: [B, T, d],
  };
}
