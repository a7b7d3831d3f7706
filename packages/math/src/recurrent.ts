/**
 * Recurrent cells (vanilla RNN, LSTM, GRU) with PyTorch's formulas and gate orders, repeated
 * gradient factors through time, and the tensor shapes of recurrent layers (gradient clipping lives
 * in optimizers.ts). Sequence models are exam-sized here
 * (hidden sizes 1–4), so the functions favour explicit intermediate values over speed: every step
 * returns its gates so a worked solution can show them.
 */
import { relu, sigmoid, tanh } from './activations.js';
import { GATE_GROUPS, type RecurrentCell } from './params.js';
import { addVec, matvec, shapeOf, ShapeError, type Matrix, type Vector } from './tensor.js';

/** Throws a ShapeError unless `m` is `rows × cols`. */
function expectShape(name: string, m: Matrix, rows: number, cols: number): void {
  const [r, c] = shapeOf(m);
  if (r !== rows || c !== cols)
    throw new ShapeError(`${name}: expected ${rows}×${cols}, got ${r}×${c}`);
}

function expectLength(name: string, v: Vector, n: number): void {
  if (v.length !== n) throw new ShapeError(`${name}: expected length ${n}, got ${v.length}`);
}

// ---------------------------------------------------------------------------------------------
// Vanilla RNN

/** `h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)`, `y_t = W_hy h_t + b_y`. */
export interface RnnWeights {
  /** hidden × input */
  Wxh: Matrix;
  /** hidden × hidden */
  Whh: Matrix;
  /** hidden */
  bh: Vector;
  /** output × hidden (optional: a cell without an output layer) */
  Why?: Matrix;
  /** output */
  by?: Vector;
}

/**
 * The hidden activation φ of a vanilla RNN: tanh (PyTorch's default), the logistic sigmoid (Elman's
 * original network and many textbooks) or ReLU (PyTorch `nonlinearity='relu'`).
 */
export type RnnActivation = 'tanh' | 'sigmoid' | 'relu';

/**
 * The candidate activation of a gated cell (Keras's `activation=`): tanh (PyTorch, the default) or
 * ReLU. In an LSTM it is also the activation of the cell read-out `h_t = o_t ⊙ φ(c_t)`. Gates stay
 * sigmoid; a sigmoid candidate would make the cell only ever grow, so it is no option.
 */
export type CandidateActivation = 'tanh' | 'relu';

const PHI: Record<RnnActivation, (z: number) => number> = { tanh, sigmoid, relu };

export interface RnnStep {
  /** Pre-activation `W_hh h_{t-1} + W_xh x_t + b_h`. */
  preActivation: Vector;
  /** `h_t = φ(preActivation)` (tanh unless another activation is given). */
  h: Vector;
  /** `y_t = W_hy h_t + b_y`, when the weights have an output layer. */
  y?: Vector;
}

function checkRnn(w: RnnWeights, inputSize: number): number {
  const hidden = w.bh.length;
  expectShape('W_xh', w.Wxh, hidden, inputSize);
  expectShape('W_hh', w.Whh, hidden, hidden);
  if ((w.Why === undefined) !== (w.by === undefined))
    throw new ShapeError('W_hy and b_y go together');
  if (w.Why && w.by) expectShape('W_hy', w.Why, w.by.length, hidden);
  return hidden;
}

/**
 * One step of an Elman RNN (the formula of PyTorch `nn.RNNCell`, b_h = b_ih + b_hh) with the hidden
 * activation φ: tanh by default, or the logistic sigmoid or ReLU.
 */
export function rnnStep(
  w: RnnWeights,
  x: Vector,
  hPrev: Vector,
  activation: RnnActivation = 'tanh',
): RnnStep {
  const hidden = checkRnn(w, x.length);
  expectLength('h_{t-1}', hPrev, hidden);
  const preActivation = addVec(addVec(matvec(w.Whh, hPrev), matvec(w.Wxh, x)), w.bh);
  const h = preActivation.map(PHI[activation]);
  const step: RnnStep = { preActivation, h };
  if (w.Why && w.by) step.y = addVec(matvec(w.Why, h), w.by);
  return step;
}

/** Runs `rnnStep` over a sequence `xs[0..T-1]` from `h0`; returns every step in order. */
export function rnnUnroll(
  w: RnnWeights,
  xs: Vector[],
  h0: Vector,
  activation: RnnActivation = 'tanh',
): RnnStep[] {
  if (!xs.length) throw new ShapeError('rnnUnroll: empty input sequence');
  const steps: RnnStep[] = [];
  let h = h0;
  for (const x of xs) {
    const s = rnnStep(w, x, h, activation);
    steps.push(s);
    h = s.h;
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// LSTM

/**
 * PyTorch `nn.LSTMCell` weights: `Wih` is (4H × I) and `Whh` (4H × H), rows stacked in gate order
 * i, f, g, o; `bih` and `bhh` have 4H entries (PyTorch keeps both bias vectors; only their sum
 * matters).
 */
export interface LstmWeights {
  Wih: Matrix;
  Whh: Matrix;
  bih: Vector;
  bhh: Vector;
}

export interface LstmStep {
  /** input gate σ(·) */
  i: Vector;
  /** forget gate σ(·) */
  f: Vector;
  /** candidate cell tanh(·) */
  g: Vector;
  /** output gate σ(·) */
  o: Vector;
  /** `c_t = f ⊙ c_{t-1} + i ⊙ g` */
  c: Vector;
  /** `h_t = o ⊙ tanh(c_t)` */
  h: Vector;
}

/** Splits a stacked (G·H)-vector into G gate vectors of length H. */
function splitGates(v: Vector, gates: number): Vector[] {
  const h = v.length / gates;
  return Array.from({ length: gates }, (_, k) => v.slice(k * h, (k + 1) * h));
}

function checkGated(
  cell: 'lstm' | 'gru',
  w: { Wih: Matrix; Whh: Matrix; bih: Vector; bhh: Vector },
  x: Vector,
  hPrev: Vector,
): void {
  const g = GATE_GROUPS[cell];
  const hidden = hPrev.length;
  expectShape('W_ih', w.Wih, g * hidden, x.length);
  expectShape('W_hh', w.Whh, g * hidden, hidden);
  expectLength('b_ih', w.bih, g * hidden);
  expectLength('b_hh', w.bhh, g * hidden);
}

/**
 * One LSTM step, exactly the formulas of PyTorch `nn.LSTMCell`; with `activation` 'relu' the
 * candidate and the cell read-out use ReLU instead of tanh (Keras `LSTM(activation='relu')`).
 */
export function lstmStep(
  w: LstmWeights,
  x: Vector,
  hPrev: Vector,
  cPrev: Vector,
  activation: CandidateActivation = 'tanh',
): LstmStep {
  const phi = PHI[activation];
  checkGated('lstm', w, x, hPrev);
  expectLength('c_{t-1}', cPrev, hPrev.length);
  const pre = addVec(addVec(matvec(w.Wih, x), w.bih), addVec(matvec(w.Whh, hPrev), w.bhh));
  const [pi, pf, pg, po] = splitGates(pre, 4) as [Vector, Vector, Vector, Vector];
  const i = pi.map(sigmoid);
  const f = pf.map(sigmoid);
  const g = pg.map(phi);
  const o = po.map(sigmoid);
  const c = cPrev.map((cp, k) => f[k]! * cp + i[k]! * g[k]!);
  const h = c.map((ck, k) => o[k]! * phi(ck));
  return { i, f, g, o, c, h };
}

// ---------------------------------------------------------------------------------------------
// GRU

/**
 * PyTorch `nn.GRUCell` weights: `Wih` (3H × I) and `Whh` (3H × H) stacked in gate order r, z, n;
 * `bih`, `bhh` have 3H entries. b_hn (the n-part of `bhh`) sits inside the reset product, so the
 * two bias vectors are not interchangeable for the candidate.
 */
export interface GruWeights {
  Wih: Matrix;
  Whh: Matrix;
  bih: Vector;
  bhh: Vector;
}

export interface GruStep {
  /** reset gate `r = σ(W_ir x + b_ir + W_hr h + b_hr)` */
  r: Vector;
  /** update gate `z = σ(W_iz x + b_iz + W_hz h + b_hz)` */
  z: Vector;
  /** candidate `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))` (h̃ in the seed) */
  n: Vector;
  /** `h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n` */
  h: Vector;
}

/**
 * One GRU step: PyTorch `nn.GRUCell`, which is the seed's `h_t = z_t·h_{t−1} + (1−z_t)·h̃_t`; with
 * `activation` 'relu' the candidate uses ReLU instead of tanh (Keras `GRU(activation='relu')`).
 */
export function gruStep(
  w: GruWeights,
  x: Vector,
  hPrev: Vector,
  activation: CandidateActivation = 'tanh',
): GruStep {
  const phi = PHI[activation];
  checkGated('gru', w, x, hPrev);
  const [xr, xz, xn] = splitGates(addVec(matvec(w.Wih, x), w.bih), 3) as [Vector, Vector, Vector];
  const [hr, hz, hn] = splitGates(addVec(matvec(w.Whh, hPrev), w.bhh), 3) as [
    Vector,
    Vector,
    Vector,
  ];
  const r = xr.map((a, k) => sigmoid(a + hr[k]!));
  const z = xz.map((a, k) => sigmoid(a + hz[k]!));
  const n = xn.map((a, k) => phi(a + r[k]! * hn[k]!));
  const h = hPrev.map((hp, k) => z[k]! * hp + (1 - z[k]!) * n[k]!);
  return { r, z, n, h };
}

// ---------------------------------------------------------------------------------------------
// Gradients through time

/**
 * The factor a gradient is scaled by after passing back through `steps` time steps (or layers) that
 * each multiply it by `factor`: `factor^steps` (1.5^100 ≈ 4.07×10¹⁷, 0.8^100 ≈ 2.04×10⁻¹⁰).
 */
export function repeatedProduct(factor: number, steps: number): number {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`repeatedProduct: steps ${steps} must be a whole number`);
  // Exponentiation by squaring would round differently from the closed form; ** is exact enough
  // (about 1 ulp) and matches what a calculator shows.
  return factor ** steps;
}

// ---------------------------------------------------------------------------------------------
// Shapes

export interface RecurrentShapeSpec {
  cell: RecurrentCell;
  inputSize: number;
  hiddenSize: number;
  seqLen: number;
  batch: number;
  layers?: number;
  bidirectional?: boolean;
  /** PyTorch `batch_first`: input and output are (N, T, ·) instead of (T, N, ·). */
  batchFirst?: boolean;
}

export interface RecurrentShapes {
  input: number[];
  /** Top layer's hidden state at every step, both directions concatenated. */
  output: number[];
  /** Final hidden state of every layer and direction: (D·L, N, H); never batch-first in PyTorch. */
  hN: number[];
  /** LSTM only: final cell state, same shape as hN. */
  cN?: number[];
  /** `weight_ih_l{k}` of each layer: (G·H, input of that layer). */
  weightIh: number[][];
  /** `weight_hh_l{k}`: (G·H, H). */
  weightHh: number[][];
}

/** Tensor shapes of a PyTorch `nn.RNN` / `nn.LSTM` / `nn.GRU` call (unbatched input not covered). */
export function recurrentShapes(spec: RecurrentShapeSpec): RecurrentShapes {
  const { inputSize: I, hiddenSize: H, seqLen: T, batch: N } = spec;
  for (const [k, v] of Object.entries({
    inputSize: I,
    hiddenSize: H,
    seqLen: T,
    batch: N,
    layers: spec.layers ?? 1,
  }))
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`recurrentShapes: ${k} ${v} must be a positive integer`);
  const L = spec.layers ?? 1;
  const D = spec.bidirectional ? 2 : 1;
  const G = GATE_GROUPS[spec.cell];
  const seq = (f: number) => (spec.batchFirst ? [N, T, f] : [T, N, f]);
  const shapes: RecurrentShapes = {
    input: seq(I),
    output: seq(D * H),
    hN: [D * L, N, H],
    weightIh: Array.from({ length: L }, (_, l) => [G * H, l === 0 ? I : D * H]),
    weightHh: Array.from({ length: L }, () => [G * H, H]),
  };
  if (spec.cell === 'lstm') shapes.cN = [D * L, N, H];
  return shapes;
}
