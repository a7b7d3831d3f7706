import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  dot,
  lstmStep as lstmCellStep,
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
  grid,
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
 * Per-gate LSTM weights as written in the stem; PyTorch `nn.LSTMCell` stacks them in gate order
 * i, f, g, o: weight_ih = [W_i; W_f; W_g; W_o], weight_hh = [U_i; …], bias = b_ih + b_hh = [b_i; …].
 */
export type LstmWeightsParam = {
  Wi: Matrix;
  Ui: Matrix;
  bi: Vector;
  Wf: Matrix;
  Uf: Matrix;
  bf: Vector;
  Wg: Matrix;
  Ug: Matrix;
  bg: Vector;
  Wo: Matrix;
  Uo: Matrix;
  bo: Vector;
};

export type LstmStepParams = {
  hiddenSize: number;
  inputSize: number;
  weights: LstmWeightsParam;
  x: Vector;
  hPrev: Vector;
  cPrev: Vector;
  /** Numeric kinds ask the new hidden state h_t or the new cell state c_t. */
  ask: 'h' | 'c';
  unit: number;
  /**
   * The activation of the candidate g_t and of the read-out φ(c_t): tanh (PyTorch) or ReLU (Keras
   * `LSTM(activation='relu')`); the gates stay sigmoid.
   */
  activation: CandidateActivation;
};

const PHI: Record<CandidateActivation, (z: number) => number> = { tanh: Math.tanh, relu };
const PHI_TEX: Record<CandidateActivation, string> = {
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
};

const C = grid(-2, 2, 0.5);
const GATES = ['i', 'f', 'g', 'o'] as const;
type Gate = (typeof GATES)[number];
/** The weight names of each gate, in PyTorch gate order (and the order `sample` writes them). */
const GATE_KEYS = [
  { gate: 'i', W: 'Wi', U: 'Ui', b: 'bi' },
  { gate: 'f', W: 'Wf', U: 'Uf', b: 'bf' },
  { gate: 'g', W: 'Wg', U: 'Ug', b: 'bg' },
  { gate: 'o', W: 'Wo', U: 'Uo', b: 'bo' },
] as const satisfies readonly {
  gate: Gate;
  W: keyof LstmWeightsParam;
  U: keyof LstmWeightsParam;
  b: keyof LstmWeightsParam;
}[];
/** The same weights by role, gate after gate. */
const LSTM_WEIGHTS: CellWeights = GATE_KEYS.flatMap(
  (k) =>
    [
      [k.W, 'input'],
      [k.U, 'recurrent'],
      [k.b, 'bias'],
    ] as const,
);

/**
 * The weights of the worked example (the example of the `weights` parameter): W_i = 1, W_f = 0.5,
 * b_f = 1, W_g = 1, U_g = −1, W_o = 1, U_o = 0.5, all else 0.
 */
export const EXAMPLE_WEIGHTS: LstmWeightsParam = {
  Wi: [[1]],
  Ui: [[0]],
  bi: [0],
  Wf: [[0.5]],
  Uf: [[0]],
  bf: [1],
  Wg: [[1]],
  Ug: [[-1]],
  bg: [0],
  Wo: [[1]],
  Uo: [[0.5]],
  bo: [0],
};

/** The cell in PyTorch's stacked layout (`nn.LSTMCell`), one combined bias per gate. */
function torchCell(w: LstmWeightsParam, H: number) {
  return {
    Wih: [...w.Wi, ...w.Wf, ...w.Wg, ...w.Wo],
    Whh: [...w.Ui, ...w.Uf, ...w.Ug, ...w.Uo],
    bih: [...w.bi, ...w.bf, ...w.bg, ...w.bo],
    bhh: new Array<number>(4 * H).fill(0),
  };
}

interface LstmMistake {
  noForget?: boolean;
  swapInputForget?: boolean;
  noCellTanh?: boolean;
  sigmoidCandidate?: boolean;
  /** Another candidate/read-out activation than the cell's. */
  activation?: CandidateActivation;
}

/** Per gate and unit: `W x + U h_{t−1} + b`, the same for every modelled mistake. */
function preActivations(p: LstmStepParams): Record<Gate, Vector> {
  const w = p.weights;
  const pre = {} as Record<Gate, Vector>;
  for (const { gate, W: Wk, U: Uk, b: bk } of GATE_KEYS) {
    const v: Vector = [];
    for (let k = 0; k < p.hiddenSize; k++)
      v.push(dot(w[Wk][k]!, p.x) + dot(w[Uk][k]!, p.hPrev) + w[bk][k]!);
    pre[gate] = v;
  }
  return pre;
}

/** The LSTM step per unit with one modelled mistake switched on (distractors only). */
function mistakenLstm(
  p: LstmStepParams,
  pre: Record<Gate, Vector>,
  m: LstmMistake,
): { c: Vector; h: Vector } {
  const c: Vector = [];
  const h: Vector = [];
  const phi = PHI[m.activation ?? p.activation];
  for (let k = 0; k < p.hiddenSize; k++) {
    const i = sigmoid(pre.i[k]!);
    const f = m.noForget ? 1 : sigmoid(pre.f[k]!);
    const g = m.sigmoidCandidate ? sigmoid(pre.g[k]!) : phi(pre.g[k]!);
    const o = sigmoid(pre.o[k]!);
    const ck = m.swapInputForget ? i * p.cPrev[k]! + f * g : f * p.cPrev[k]! + i * g;
    c.push(ck);
    h.push(o * (m.noCellTanh ? ck : phi(ck)));
  }
  return { c, h };
}

/** The modelled mistakes of a numeric or single-choice variant. */
function lstmDistractors(p: LstmStepParams, s: { c: Vector; h: Vector }): NumericDistractor[] {
  const pick = (r: { c: Vector; h: Vector }) => (p.ask === 'h' ? r.h : r.c)[p.unit]!;
  const pre = preActivations(p);
  const distractors: NumericDistractor[] = [
    {
      value: pick(mistakenLstm(p, pre, { noForget: true })),
      misconception: 'forgot-forget-gate',
      feedback: 'You added \\(c_{t-1}\\) without the forget gate; it is \\(f_t \\odot c_{t-1}\\).',
    },
    {
      value: pick(mistakenLstm(p, pre, { swapInputForget: true })),
      misconception: 'swapped-input-and-forget-gates',
      feedback:
        'You swapped the gates: \\(f_t\\) multiplies the old cell state, \\(i_t\\) the candidate.',
    },
    {
      value: pick(mistakenLstm(p, pre, { sigmoidCandidate: true })),
      misconception: 'sigmoid-candidate',
      feedback:
        p.activation === 'tanh'
          ? 'You squashed the candidate \\(g_t\\) with the sigmoid; it uses tanh (values in \\((-1, 1)\\)).'
          : 'You squashed the candidate \\(g_t\\) with the sigmoid; this cell uses ReLU for it.',
    },
  ];
  if (p.activation === 'relu')
    distractors.push({
      value: pick(mistakenLstm(p, pre, { activation: 'tanh' })),
      misconception: 'tanh-for-relu',
      feedback:
        'You used tanh, the usual LSTM activation; this cell uses ReLU for the candidate and the read-out.',
    });
  const readOut = p.activation === 'tanh' ? '\\tanh' : '\\operatorname{ReLU}';
  if (p.ask === 'h')
    distractors.push(
      {
        value: pick(mistakenLstm(p, pre, { noCellTanh: true })),
        misconception: p.activation === 'tanh' ? 'forgot-tanh-of-cell' : 'forgot-relu-of-cell',
        feedback: `You multiplied \\(o_t\\) by \\(c_t\\) directly; the hidden state is \\(o_t \\odot ${readOut}(c_t)\\).`,
      },
      {
        value: s.c[p.unit]!,
        misconception: 'cell-state-as-hidden-state',
        feedback: `You gave the cell state \\(c_t\\); the hidden state is the gated read-out \\(o_t \\odot ${readOut}(c_t)\\).`,
      },
    );
  else
    distractors.push({
      value: s.h[p.unit]!,
      misconception: 'hidden-state-as-cell-state',
      feedback:
        'You gave the hidden state \\(h_t\\); the question asks for the cell state \\(c_t\\).',
    });
  return distractors;
}

const INTROS: readonly string[] = [
  'An LSTM cell with hidden size {{H}} (gate order and formulas as in PyTorch `nn.LSTMCell`, one combined bias per gate) computes',
  'Consider one step of a long short-term memory (LSTM) cell with {{H}} hidden {{units}}:',
  'An LSTM layer keeps a cell state \\(c_t\\) next to its hidden state \\(h_t\\) (hidden size {{H}}). One step computes',
];

const FORMULAS = [
  '\\[i_t = \\sigma(W_i x_t + U_i h_{t-1} + b_i), \\quad f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f), \\quad o_t = \\sigma(W_o x_t + U_o h_{t-1} + b_o)\\]',
  '\\[g_t = \\tanh(W_g x_t + U_g h_{t-1} + b_g), \\qquad c_t = f_t \\odot c_{t-1} + i_t \\odot g_t, \\qquad h_t = o_t \\odot \\tanh(c_t)\\]',
].join('\n\n');

/** The formulas of a ReLU LSTM (Keras `LSTM(activation='relu')`): ReLU for g_t and the read-out. */
const FORMULAS_RELU = [
  '\\[i_t = \\sigma(W_i x_t + U_i h_{t-1} + b_i), \\quad f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f), \\quad o_t = \\sigma(W_o x_t + U_o h_{t-1} + b_o)\\]',
  '\\[g_t = \\operatorname{ReLU}(W_g x_t + U_g h_{t-1} + b_g), \\qquad c_t = f_t \\odot c_{t-1} + i_t \\odot g_t, \\qquad h_t = o_t \\odot \\operatorname{ReLU}(c_t)\\]',
  "This cell uses \\(\\operatorname{ReLU}(z) = \\max(0, z)\\) instead of tanh for the candidate and the read-out (Keras `LSTM(activation='relu')`); the gates keep the sigmoid \\(\\sigma\\).",
].join('\n\n');

const ASKS: Record<'h' | 'c' | 'table', readonly string[]> = {
  h: [
    'What is the {{ord}} component of the new hidden state \\(h_t\\)? Round to {{places}} decimals.',
    'Compute \\(h_t\\) and give its {{ord}} entry, rounded to {{places}} decimals.',
  ],
  c: [
    'What is the {{ord}} component of the new cell state \\(c_t\\)? Round to {{places}} decimals.',
    'Compute \\(c_t\\) and give its {{ord}} entry, rounded to {{places}} decimals.',
  ],
  table: [
    'Fill in \\(i_t, f_t, g_t, o_t, c_t\\) and \\(h_t\\) for every hidden unit, each rounded to {{places}} decimals.',
    'For each hidden unit give the four gate values, the new cell state and the new hidden state, rounded to {{places}} decimals.',
  ],
};

export const lstmStepTemplate = withPlainFeedback(
  defineTemplate<LstmStepParams>({
    id: 'rnn.lstm-step',
    topic: 'rnn',
    title: 'LSTM cell step',
    objective: 'Compute the gates, cell state and hidden state of one LSTM step.',
    difficulty: 2,
    tags: ['lstm', 'gates', 'forward-pass'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      ...SIZE_PARAMS,
      weights: param.json(
        'per-gate weights W_* (H×I), U_* (H×H) and biases b_* (H) for gates i, f, g, o (drawn as multiples of 0.5 in [-1, 1]; any number in [-10, 10] with up to 3 decimals when pinned)',
        EXAMPLE_WEIGHTS,
        weightsSchema(LSTM_WEIGHTS),
      ),
      x: INPUT_PARAM,
      hPrev: param.json('h_{t-1} (H) (drawn as multiples of 0.5 in [-1, 1])', [0.5], STATE_SCHEMA),
      cPrev: param.json('c_{t-1} (H) (drawn as multiples of 0.5 in [-2, 2])', [1], STATE_SCHEMA),
      ask: param.choice('asked vector (numeric kinds)', ['h', 'c']),
      unit: UNIT_PARAM,
      activation: param.choice(
        'activation of the candidate g_t and the read-out (named in the stem); gates stay sigmoid',
        ['tanh', 'relu'],
      ),
    },
    constraints: [
      {
        description: 'weights, x, h_{t-1} and c_{t-1} have the shapes H and I state',
        check: (p) =>
          weightsFit(p.weights, LSTM_WEIGHTS, p.hiddenSize, p.inputSize) &&
          hasLength(p.x, p.inputSize) &&
          hasLength(p.hPrev, p.hiddenSize) &&
          hasLength(p.cPrev, p.hiddenSize),
      },
      {
        prefer: true,
        params: ['weights', 'x', 'hPrev', 'cPrev'],
        description:
          'weights, biases and h_{t-1} are multiples of 0.5 in [-1, 1], c_{t-1} in [-2, 2], x integers in [-2, 2]',
        check: (p) =>
          weightsOnGrid(p.weights, LSTM_WEIGHTS, p.hiddenSize, p.inputSize) &&
          isGridVector(p.x, p.inputSize, X) &&
          isGridVector(p.hPrev, p.hiddenSize, W) &&
          isGridVector(p.cPrev, p.hiddenSize, C),
      },
      { description: 'the asked component exists', check: (p) => p.unit < p.hiddenSize },
    ],
    sample(rng) {
      const { activation, hiddenSize, inputSize } = sampleSizes(rng);
      return {
        hiddenSize,
        inputSize,
        weights: sampleWeights(rng, LSTM_WEIGHTS, hiddenSize, inputSize) as LstmWeightsParam,
        x: gridVector(rng, inputSize, X),
        hPrev: gridVector(rng, hiddenSize, W),
        cPrev: gridVector(rng, hiddenSize, C),
        ask: rng.choice(['h', 'c'] as const),
        unit: rng.int(0, hiddenSize - 1),
        activation,
      };
    },
    /**
     * Trivial (numeric, single): the asked entry is 0 at the asked precision, or it does not change
     * when \(x_t\), \(h_{t-1}\) and \(c_{t-1}\) are all zero (the gates' biases alone give it).
     */
    trivial(p, v) {
      if (v.kind === 'table') return null;
      const cell = torchCell(p.weights, p.hiddenSize);
      const asked = (x: Vector, h: Vector, c: Vector) => {
        const s = lstmCellStep(cell, x, h, c);
        return (p.ask === 'h' ? s.h : s.c)[p.unit]!;
      };
      const zero = (u: Vector) => u.map(() => 0);
      return trivialEntry(
        asked(p.x, p.hPrev, p.cPrev),
        asked(zero(p.x), zero(p.hPrev), zero(p.cPrev)),
        'states',
      );
    },
    build(p, ctx) {
      const w = p.weights;
      const s = lstmCellStep(torchCell(w, p.hiddenSize), p.x, p.hPrev, p.cPrev, p.activation);
      const dec = ANSWER_DECIMALS;
      const value = (p.ask === 'h' ? s.h : s.c)[p.unit]!;
      const distractors = ctx.kind === 'table' ? [] : lstmDistractors(p, s);
      assertSingleChoicePossible(ctx.kind, value, distractors, dec);
      const data = cellWords(p.hiddenSize, p.unit);
      const given =
        'with ' +
        GATE_KEYS.map(
          (k) =>
            `\\(W_${k.gate} = ${texGridM(w[k.W], W)}\\), \\(U_${k.gate} = ${texGridM(w[k.U], W)}\\), \\(b_${k.gate} = ${texGridV(w[k.b], W)}\\)`,
        ).join('; ') +
        `. The input is \\(x_t = ${texGridV(p.x, X)}\\), the previous hidden state \\(h_{t-1} = ${texGridV(p.hPrev, W)}\\) and the previous cell state \\(c_{t-1} = ${texGridV(p.cPrev, C)}\\). Each \\(b_*\\) is the sum of PyTorch\'s two bias vectors \\(b_{ih} + b_{hh}\\) for that gate.`;
      const askPool = ctx.kind === 'table' ? ASKS.table : ASKS[p.ask];
      const stem = [
        ctx.render(ctx.rng.choice(INTROS), data),
        p.activation === 'tanh' ? FORMULAS : FORMULAS_RELU,
        given,
        ctx.render(ctx.rng.choice(askPool), data),
      ].join('\n\n');
      const solution = [
        'Compute the four gates, then the cell state, then the hidden state (values rounded for display, carried unrounded):',
        `- input gate \\(i_t = ${texR(s.i)}\\), forget gate \\(f_t = ${texR(s.f)}\\), output gate \\(o_t = ${texR(s.o)}\\)`,
        p.activation === 'tanh'
          ? `- candidate \\(g_t = ${texR(s.g)}\\)`
          : `- candidate \\(g_t = \\operatorname{ReLU}(W_g x_t + U_g h_{t-1} + b_g) = ${texR(s.g)}\\)`,
        `- cell state \\(c_t = f_t \\odot c_{t-1} + i_t \\odot g_t = ${texR(s.c)}\\)`,
        `- hidden state \\(h_t = o_t \\odot ${PHI_TEX[p.activation]}(c_t) = ${texR(s.h)}\\)`,
        '',
        ctx.kind === 'table'
          ? 'These are the table entries. The cell state is carried forward additively; the hidden state is its gated, squashed read-out.'
          : `So the ${ordinal(p.unit)} component of \\(${p.ask}_t\\) is \\(${fixed(value, dec)}\\).`,
      ].join('\n');

      if (ctx.kind === 'table') {
        const rows = s.h.map((_, k) =>
          labelledRow(
            String(k + 1),
            [s.i, s.f, s.g, s.o, s.c, s.h].map((v) => v[k]!),
            dec,
          ),
        );
        return {
          stem,
          solution,
          answer: {
            type: 'table',
            header: ['unit', 'i_t', 'f_t', 'g_t', 'o_t', 'c_t', 'h_t'],
            rows,
          },
        };
      }

      return { stem, solution, answer: { type: 'numeric', value, decimals: dec, distractors } };
    },
  }),
);
