import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  dot,
  gruStep as gruCellStep,
  relu,
  sigmoid,
  type CandidateActivation,
  type Matrix,
  type Vector,
} from '@dlexam/math';
import {
  ANSWER_DECIMALS,
  assertSingleChoicePossible,
  fixed,
  gridVector,
  hasLength,
  isGridVector,
  labelledRow,
  ordinal,
  texGridM,
  texGridV,
  texR,
  withPlainFeedback,
} from '../shared.js';
import {
  cellWords,
  INPUT_PARAM,
  sampleSizes,
  sampleWeights,
  SIZE_PARAMS,
  STATE_SCHEMA,
  trivialEntry,
  UNIT_PARAM,
  W,
  weightsFit,
  weightsOnGrid,
  weightsSchema,
  X,
  type CellWeights,
} from './gated-cell.js';

/**
 * Per-gate GRU weights as written in the stem. They map onto PyTorch `nn.GRUCell` as
 * weight_ih = [W_r; W_z; W_n], weight_hh = [U_r; U_z; U_n], bias_ih = [b_r; b_z; b_in],
 * bias_hh = [0; 0; b_hn] (only b_ir + b_hr matters for a gate, so one bias per gate is exact).
 */
export type GruWeightsParam = {
  Wr: Matrix;
  Ur: Matrix;
  br: Vector;
  Wz: Matrix;
  Uz: Matrix;
  bz: Vector;
  Wn: Matrix;
  Un: Matrix;
  bin: Vector;
  bhn: Vector;
};

export type GruStepParams = {
  hiddenSize: number;
  inputSize: number;
  weights: GruWeightsParam;
  x: Vector;
  hPrev: Vector;
  /** Numeric kinds ask h_t or the candidate h̃_t. */
  ask: 'h' | 'candidate';
  unit: number;
  /** The candidate's activation: tanh (PyTorch) or ReLU (Keras `GRU(activation='relu')`). */
  activation: CandidateActivation;
};

/** The GRU's weights in the stem's order: per gate its input and recurrent weights and bias(es). */
const GRU_WEIGHTS: CellWeights = [
  ['Wr', 'input'],
  ['Ur', 'recurrent'],
  ['br', 'bias'],
  ['Wz', 'input'],
  ['Uz', 'recurrent'],
  ['bz', 'bias'],
  ['Wn', 'input'],
  ['Un', 'recurrent'],
  ['bin', 'bias'],
  ['bhn', 'bias'],
];

/** The weights of seed 003 (the example of the `weights` parameter and the fixture's). */
const S003_WEIGHTS: GruWeightsParam = {
  Wr: [[0.5]],
  Ur: [[-1]],
  br: [0],
  Wz: [[1]],
  Uz: [[0.5]],
  bz: [-0.5],
  Wn: [[1]],
  Un: [[1]],
  bin: [0],
  bhn: [0.5],
};

/** The cell in PyTorch's stacked layout (`nn.GRUCell`): b_hn is the only hidden-side bias. */
function torchCell(w: GruWeightsParam, H: number) {
  const zeros = new Array<number>(H).fill(0);
  return {
    Wih: [...w.Wr, ...w.Wz, ...w.Wn],
    Whh: [...w.Ur, ...w.Uz, ...w.Un],
    bih: [...w.br, ...w.bz, ...w.bin],
    bhh: [...zeros, ...zeros, ...w.bhn],
  };
}

interface GruMistake {
  /** Another candidate activation than the cell's. */
  activation?: CandidateActivation;
  ignoreReset?: boolean;
  resetOutsideBias?: boolean;
  swapUpdate?: boolean;
  updateAsReset?: boolean;
  noTanh?: boolean;
}

/** Per unit, the linear parts every modelled mistake shares. */
interface GruParts {
  /** W_z x + U_z h + b_z, W_r x + U_r h + b_r. */
  z: Vector;
  r: Vector;
  /** W_n x + b_in, and U_n h (without b_hn). */
  inPart: Vector;
  hPart: Vector;
}

function gruParts(p: GruStepParams): GruParts {
  const w = p.weights;
  const parts: GruParts = { z: [], r: [], inPart: [], hPart: [] };
  for (let k = 0; k < p.hiddenSize; k++) {
    parts.z.push(dot(w.Wz[k]!, p.x) + dot(w.Uz[k]!, p.hPrev) + w.bz[k]!);
    parts.r.push(dot(w.Wr[k]!, p.x) + dot(w.Ur[k]!, p.hPrev) + w.br[k]!);
    parts.inPart.push(dot(w.Wn[k]!, p.x) + w.bin[k]!);
    parts.hPart.push(dot(w.Un[k]!, p.hPrev));
  }
  return parts;
}

/** The GRU step written out per unit, with one modelled mistake switched on (distractors only). */
function mistakenGru(p: GruStepParams, parts: GruParts, m: GruMistake): { n: Vector; h: Vector } {
  const w = p.weights;
  const n: Vector = [];
  const h: Vector = [];
  for (let k = 0; k < p.hiddenSize; k++) {
    const z = sigmoid(parts.z[k]!);
    let r = sigmoid(parts.r[k]!);
    if (m.ignoreReset) r = 1;
    if (m.updateAsReset) r = z;
    const inPart = parts.inPart[k]!;
    const hPart = parts.hPart[k]!;
    const pre = m.resetOutsideBias
      ? inPart + r * hPart + w.bhn[k]!
      : inPart + r * (hPart + w.bhn[k]!);
    const nk = m.noTanh
      ? pre
      : (m.activation ?? p.activation) === 'relu'
        ? relu(pre)
        : Math.tanh(pre);
    n.push(nk);
    h.push(m.swapUpdate ? (1 - z) * p.hPrev[k]! + z * nk : z * p.hPrev[k]! + (1 - z) * nk);
  }
  return { n, h };
}

/** The modelled mistakes of a numeric or single-choice variant, most telling first. */
function gruDistractors(p: GruStepParams, s: { n: Vector; h: Vector }): NumericDistractor[] {
  const pick = (r: { n: Vector; h: Vector }) => (p.ask === 'h' ? r.h : r.n)[p.unit]!;
  const parts = gruParts(p);
  const common: NumericDistractor[] = [
    {
      value: pick(mistakenGru(p, parts, { ignoreReset: true })),
      misconception: 'ignored-reset-gate',
      feedback:
        'You left out the reset gate: it scales the recurrent part of the candidate, \\(r_t \\odot (U_n h_{t-1} + b_{hn})\\).',
    },
    {
      value: pick(mistakenGru(p, parts, { resetOutsideBias: true })),
      misconception: 'reset-outside-hidden-bias',
      feedback:
        'You applied the reset gate to \\(U_n h_{t-1}\\) only; in this convention \\(b_{hn}\\) is inside the product with \\(r_t\\).',
    },
    {
      value: pick(mistakenGru(p, parts, { updateAsReset: true })),
      misconception: 'confused-reset-and-update',
      feedback: 'You used the update gate \\(z_t\\) where the reset gate \\(r_t\\) belongs.',
    },
  ];
  if (p.activation === 'relu')
    common.unshift({
      value: pick(mistakenGru(p, parts, { activation: 'tanh' })),
      misconception: 'tanh-for-relu',
      feedback:
        'You used tanh, the usual GRU candidate activation; this cell uses ReLU for \\(\\tilde h_t\\).',
    });
  // Most telling mistakes first: a single-choice variant shows the first three distinct ones.
  const distractors: NumericDistractor[] =
    p.ask === 'h'
      ? [
          {
            value: pick(mistakenGru(p, parts, { swapUpdate: true })),
            misconception: 'swapped-update-convention',
            feedback:
              'You used \\(h_t = (1 - z_t) h_{t-1} + z_t \\tilde h_t\\); this question (like PyTorch) keeps \\(z_t\\) on the old state.',
          },
          {
            value: s.n[p.unit]!,
            misconception: 'candidate-as-output',
            feedback:
              'You gave the candidate \\(\\tilde h_t\\); the new state blends it with \\(h_{t-1}\\) through \\(z_t\\).',
          },
          ...common,
        ]
      : [
          ...common,
          {
            value: pick(mistakenGru(p, parts, { noTanh: true })),
            misconception: p.activation === 'tanh' ? 'forgot-tanh' : 'forgot-relu',
            feedback:
              p.activation === 'tanh'
                ? 'You left out the tanh of the candidate.'
                : 'You left out the ReLU of the candidate.',
          },
          {
            value: s.h[p.unit]!,
            misconception: 'answered-new-state',
            feedback:
              'You gave the new hidden state \\(h_t\\); the question asks for the candidate \\(\\tilde h_t\\).',
          },
        ];
  return distractors;
}

const INTROS: readonly string[] = [
  'A GRU cell with hidden size {{H}} uses the convention of the lecture (the same as PyTorch `nn.GRUCell`):',
  'Consider one step of a gated recurrent unit (GRU) with {{H}} hidden {{units}}, computed as',
  'A GRU layer updates its hidden state (hidden size {{H}}) with a reset gate \\(r_t\\), an update gate \\(z_t\\) and a candidate \\(\\tilde h_t\\):',
];

const FORMULAS = [
  '\\[r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r), \\qquad z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z)\\]',
  '\\[\\tilde h_t = \\tanh\\big(W_n x_t + b_{in} + r_t \\odot (U_n h_{t-1} + b_{hn})\\big), \\qquad h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\]',
].join('\n\n');

/** The formulas of a ReLU GRU (Keras `GRU(activation='relu')`): ReLU for the candidate. */
const FORMULAS_RELU = [
  '\\[r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r), \\qquad z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z)\\]',
  '\\[\\tilde h_t = \\operatorname{ReLU}\\big(W_n x_t + b_{in} + r_t \\odot (U_n h_{t-1} + b_{hn})\\big), \\qquad h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\]',
  "This cell uses \\(\\operatorname{ReLU}(z) = \\max(0, z)\\) instead of tanh for the candidate (Keras `GRU(activation='relu')`); the gates keep the sigmoid \\(\\sigma\\).",
].join('\n\n');

const ASKS: Record<'h' | 'candidate' | 'table', readonly string[]> = {
  h: [
    'Compute \\(h_t\\). What is its {{ord}} component? Round to {{places}} decimals.',
    'What is the {{ord}} entry of the new hidden state \\(h_t\\), rounded to {{places}} decimals?',
  ],
  candidate: [
    'Compute the candidate \\(\\tilde h_t\\). What is its {{ord}} component? Round to {{places}} decimals.',
    'What is the {{ord}} entry of the candidate state \\(\\tilde h_t\\), rounded to {{places}} decimals?',
  ],
  table: [
    'Fill in \\(r_t\\), \\(z_t\\), \\(\\tilde h_t\\) and \\(h_t\\) for every hidden unit, each rounded to {{places}} decimals.',
    'For each hidden unit, give the reset gate, the update gate, the candidate and the new hidden state, rounded to {{places}} decimals.',
  ],
};

export const gruStepTemplate = withPlainFeedback(
  defineTemplate<GruStepParams>({
    id: 'rnn.gru-step',
    topic: 'rnn',
    title: 'GRU cell step',
    objective:
      'Compute the gates, candidate and new hidden state of one GRU step with h_t = z·h_{t−1} + (1−z)·h̃_t.',
    difficulty: 2,
    tags: ['gru', 'gates', 'forward-pass'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      ...SIZE_PARAMS,
      weights: param.json(
        'per-gate weights W_* (H×I), U_* (H×H) and biases (H) (drawn as multiples of 0.5 in [-1, 1]; any number in [-10, 10] with up to 3 decimals when pinned)',
        S003_WEIGHTS,
        weightsSchema(GRU_WEIGHTS),
      ),
      x: INPUT_PARAM,
      hPrev: param.json(
        'previous state h_{t-1} (H) (drawn as multiples of 0.5 in [-1, 1])',
        [0.5],
        STATE_SCHEMA,
      ),
      ask: param.choice('asked vector (numeric kinds)', ['h', 'candidate']),
      unit: UNIT_PARAM,
      activation: param.choice(
        "the candidate's activation (named in the stem); the gates stay sigmoid",
        ['tanh', 'relu'],
      ),
    },
    constraints: [
      {
        description: 'weights, x and h_{t-1} have the shapes H and I state',
        check: (p) =>
          weightsFit(p.weights, GRU_WEIGHTS, p.hiddenSize, p.inputSize) &&
          hasLength(p.x, p.inputSize) &&
          hasLength(p.hPrev, p.hiddenSize),
      },
      {
        prefer: true,
        params: ['weights', 'x', 'hPrev'],
        description:
          'weights, biases and h_{t-1} are multiples of 0.5 in [-1, 1], x integers in [-2, 2]',
        check: (p) =>
          weightsOnGrid(p.weights, GRU_WEIGHTS, p.hiddenSize, p.inputSize) &&
          isGridVector(p.x, p.inputSize, X) &&
          isGridVector(p.hPrev, p.hiddenSize, W),
      },
      { description: 'the asked component exists', check: (p) => p.unit < p.hiddenSize },
    ],
    sample(rng) {
      const { activation, hiddenSize, inputSize } = sampleSizes(rng);
      return {
        hiddenSize,
        inputSize,
        weights: sampleWeights(rng, GRU_WEIGHTS, hiddenSize, inputSize) as GruWeightsParam,
        x: gridVector(rng, inputSize, X),
        hPrev: gridVector(rng, hiddenSize, W),
        ask: rng.choice(['h', 'candidate'] as const),
        unit: rng.int(0, hiddenSize - 1),
        activation,
      };
    },
    /**
     * Trivial (numeric, single): the asked entry is 0 at the asked precision, or it does not change
     * when \(x_t\) and \(h_{t-1}\) are both zero (the biases alone give it).
     */
    trivial(p, v) {
      if (v.kind === 'table') return null;
      const cell = torchCell(p.weights, p.hiddenSize);
      const asked = (x: Vector, h: Vector) => {
        const s = gruCellStep(cell, x, h);
        return (p.ask === 'h' ? s.h : s.n)[p.unit]!;
      };
      const zero = (u: Vector) => u.map(() => 0);
      return trivialEntry(asked(p.x, p.hPrev), asked(zero(p.x), zero(p.hPrev)), 'state');
    },
    build(p, ctx) {
      const w = p.weights;
      const s = gruCellStep(torchCell(w, p.hiddenSize), p.x, p.hPrev, p.activation);
      const dec = ANSWER_DECIMALS;
      const value = p.ask === 'h' ? s.h[p.unit]! : s.n[p.unit]!;
      const distractors = ctx.kind === 'table' ? [] : gruDistractors(p, s);
      assertSingleChoicePossible(ctx.kind, value, distractors, dec);
      const data = cellWords(p.hiddenSize, p.unit);
      const given =
        `with \\(W_r = ${texGridM(w.Wr, W)}\\), \\(U_r = ${texGridM(w.Ur, W)}\\), \\(b_r = ${texGridV(w.br, W)}\\), ` +
        `\\(W_z = ${texGridM(w.Wz, W)}\\), \\(U_z = ${texGridM(w.Uz, W)}\\), \\(b_z = ${texGridV(w.bz, W)}\\), ` +
        `\\(W_n = ${texGridM(w.Wn, W)}\\), \\(U_n = ${texGridM(w.Un, W)}\\), \\(b_{in} = ${texGridV(w.bin, W)}\\), \\(b_{hn} = ${texGridV(w.bhn, W)}\\). ` +
        `The input is \\(x_t = ${texGridV(p.x, X)}\\) and the previous hidden state is \\(h_{t-1} = ${texGridV(p.hPrev, W)}\\). ` +
        "(\\(b_r\\) and \\(b_z\\) are the sums of PyTorch's two bias vectors of those gates; \\(b_{hn}\\) stays inside the reset product.)";
      const askPool = ctx.kind === 'table' ? ASKS.table : ASKS[p.ask];
      const stem = [
        ctx.render(ctx.rng.choice(INTROS), data),
        p.activation === 'tanh' ? FORMULAS : FORMULAS_RELU,
        given,
        ctx.render(ctx.rng.choice(askPool), data),
      ].join('\n\n');
      const solution = [
        'Work through the gates in order (values rounded for display, carried unrounded):',
        `- reset gate: \\(r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r) = ${texR(s.r)}\\)`,
        `- update gate: \\(z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z) = ${texR(s.z)}\\)`,
        `- candidate: \\(\\tilde h_t = ${p.activation === 'tanh' ? '\\tanh' : '\\operatorname{ReLU}'}(W_n x_t + b_{in} + r_t \\odot (U_n h_{t-1} + b_{hn})) = ${texR(s.n)}\\)`,
        `- new state: \\(h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t = ${texR(s.h)}\\)`,
        '',
        ctx.kind === 'table'
          ? 'These are the table entries. A large \\(z_t\\) keeps the old state; a small one takes the candidate.'
          : `So the ${ordinal(p.unit)} component of \\(${p.ask === 'h' ? 'h_t' : '\\tilde h_t'}\\) is \\(${fixed(value, dec)}\\). A large \\(z_t\\) keeps the old state; a small one takes the candidate.`,
      ].join('\n');

      if (ctx.kind === 'table') {
        const rows = s.h.map((_, k) =>
          labelledRow(
            String(k + 1),
            [s.r, s.z, s.n, s.h].map((v) => v[k]!),
            dec,
          ),
        );
        return {
          stem,
          solution,
          answer: { type: 'table', header: ['unit', 'r_t', 'z_t', 'h̃_t', 'h_t'], rows },
        };
      }

      return { stem, solution, answer: { type: 'numeric', value, decimals: dec, distractors } };
    },
    fixtures: [
      {
        id: 'S003-gru',
        params: {
          hiddenSize: 1,
          inputSize: 1,
          weights: S003_WEIGHTS,
          x: [1],
          hPrev: [0.5],
          ask: 'h',
          unit: 0,
          activation: 'tanh',
        },
        note: "seed 003's h_t = z_t·h_{t−1} + (1−z_t)·h̃_t; checked against a GRUCell-formula loop in the golden test",
      },
    ],
  }),
);
