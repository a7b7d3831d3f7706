import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  dot,
  relu,
  rnnUnroll,
  sigmoid,
  transpose,
  type Matrix,
  type RnnActivation,
  type Vector,
} from '@dlexam/math';
import {
  ANSWER_DECIMALS,
  assertSingleChoicePossible,
  fixed,
  grid,
  gridMatrix,
  gridVector,
  isGridMatrix,
  isGridVector,
  isShape,
  labelledRow,
  ordinal,
  texGridM,
  texGridV,
  texR,
  validMatrix,
  validVector,
  withPlainFeedback,
} from '../shared.js';
import { unrolledRnnSvg } from '../svg.js';

export type RnnStepParams = {
  hiddenSize: number;
  inputSize: number;
  outputSize: number;
  steps: number;
  Wxh: Matrix;
  Whh: Matrix;
  bh: Vector;
  Why: Matrix;
  by: Vector;
  /** Inputs x_1 … x_T, one row per time step. */
  xs: Matrix;
  h0: Vector;
  /** Which vector of the last step is asked in numeric form. */
  ask: 'h' | 'y';
  /** 0-based component of that vector. */
  unit: number;
  /** The hidden activation φ: tanh, the logistic sigmoid or ReLU (named in the stem). */
  activation: RnnActivation;
};

/** How each activation is written and named. */
const ACT: Record<
  RnnActivation,
  { tex: string; name: string; fn: (z: number) => number; note: string }
> = {
  tanh: { tex: '\\tanh', name: 'tanh', fn: Math.tanh, note: '' },
  sigmoid: {
    tex: '\\sigma',
    name: 'sigmoid',
    fn: sigmoid,
    note: ' The hidden activation is the logistic sigmoid \\(\\sigma(z) = 1/(1 + e^{-z})\\), applied element-wise.',
  },
  relu: {
    tex: '\\operatorname{ReLU}',
    name: 'ReLU',
    fn: relu,
    note: " The hidden activation is \\(\\operatorname{ReLU}(z) = \\max(0, z)\\), applied element-wise (PyTorch `nn.RNNCell(..., nonlinearity='relu')`).",
  },
};

/** Exercise-size limits of the validity (a stem shows every matrix). */
const MAX_HIDDEN = 4;
const MAX_INPUT = 4;
const MAX_OUTPUT = 3;
const MAX_STEPS = 6;

// Grids: weights and states in halves keep hand computation short; inputs are small integers.
const W = grid(-1, 1, 0.5);
const WY = grid(-2, 2, 0.5);
const X = grid(-2, 2, 1);

type Activation = (z: number) => number;
interface Variation {
  act?: Activation;
  recurrence?: boolean;
  bias?: boolean;
  transposeWhh?: boolean;
  /** y computed from the pre-activation instead of h. */
  yFromPre?: boolean;
}

/** The recurrence again, with one modelled mistake switched on (distractors only). */
function mistakenUnroll(p: RnnStepParams, v: Variation): { h: Vector; y: Vector } {
  const act = v.act ?? Math.tanh;
  const Whh = v.transposeWhh ? transpose(p.Whh) : p.Whh;
  const H = p.bh.length;
  let h = p.h0;
  let pre: Vector = [];
  for (const x of p.xs) {
    pre = [];
    for (let k = 0; k < H; k++) {
      let a = v.bias === false ? 0 : p.bh[k]!;
      if (v.recurrence !== false) a += dot(Whh[k]!, h);
      pre.push(a + dot(p.Wxh[k]!, x));
    }
    h = pre.map(act);
  }
  const from = v.yFromPre ? pre : h;
  const y: Vector = [];
  for (let o = 0; o < p.by.length; o++)
    y.push((v.bias === false ? 0 : p.by[o]!) + dot(p.Why[o]!, from));
  return { h, y };
}

/** The activation mistakes: left out, or another activation used (tanh's first, as before). */
function activationMistakes(
  a: RnnActivation,
): { act: (z: number) => number; misconception: string; feedback: string }[] {
  if (a === 'tanh')
    return [
      {
        act: (z) => z,
        misconception: 'forgot-tanh',
        feedback:
          'You left out the tanh: the hidden state is tanh of the weighted sum, not the sum itself.',
      },
      {
        act: sigmoid,
        misconception: 'sigmoid-for-tanh',
        feedback: 'You used the sigmoid; this RNN uses tanh for the hidden state.',
      },
    ];
  const name = ACT[a].name;
  return [
    {
      act: (z) => z,
      misconception: 'forgot-activation',
      feedback: `You left out the ${name}: the hidden state is ${name} of the weighted sum, not the sum itself.`,
    },
    {
      act: Math.tanh,
      misconception: a === 'sigmoid' ? 'tanh-for-sigmoid' : 'tanh-for-relu',
      feedback: `You used tanh, the usual RNN activation; this RNN uses the ${name} for the hidden state.`,
    },
  ];
}

/** The modelled mistakes of a numeric or single-choice variant. */
function rnnDistractors(p: RnnStepParams): NumericDistractor[] {
  const pick = (r: { h: Vector; y: Vector }) => (p.ask === 'h' ? r.h : r.y)[p.unit]!;
  const [left, other] = activationMistakes(p.activation);
  const act = ACT[p.activation].fn;
  const distractors: NumericDistractor[] = [
    {
      value: pick(mistakenUnroll(p, { act: left!.act })),
      misconception: left!.misconception,
      feedback: left!.feedback,
    },
    {
      value: pick(mistakenUnroll(p, { act, recurrence: false })),
      misconception: 'dropped-recurrent-term',
      feedback:
        'You dropped the recurrent term \\(W_{hh} h_{t-1}\\); the previous hidden state enters every step.',
    },
    {
      value: pick(mistakenUnroll(p, { act: other!.act })),
      misconception: other!.misconception,
      feedback: other!.feedback,
    },
    {
      value: pick(mistakenUnroll(p, { act, bias: false })),
      misconception: 'forgot-bias',
      feedback: 'You left out the bias vectors \\(b_h\\) and \\(b_y\\).',
    },
    {
      value: pick(mistakenUnroll(p, { act, transposeWhh: true })),
      misconception: 'transposed-recurrent-weights',
      feedback:
        'You multiplied by \\(W_{hh}^\\top\\): row \\(k\\) of \\(W_{hh}\\) gives unit \\(k\\) of \\(W_{hh} h_{t-1}\\).',
    },
  ];
  if (p.ask === 'y')
    distractors.push({
      value: pick(mistakenUnroll(p, { act, yFromPre: true })),
      misconception: 'output-from-preactivation',
      feedback:
        p.activation === 'tanh'
          ? 'You fed the pre-activation into the output layer; \\(y_t\\) uses \\(h_t\\) after the tanh.'
          : `You fed the pre-activation into the output layer; \\(y_t\\) uses \\(h_t\\) after the ${ACT[p.activation].name}.`,
    });
  return distractors;
}

/** Data of the wording sources (plain `{{name}}` only, so they render as a join). */
type Words = {
  H: number;
  units: string;
  T: number;
  places: number;
  vec: string;
  ord: string;
  act: string;
};

const INTROS: readonly string[] = [
  'A vanilla (Elman) RNN with hidden size {{H}} computes',
  'Consider a simple recurrent layer with {{H}} hidden {{units}}. Each time step computes',
  'An RNN cell (tanh activation, as in PyTorch `nn.RNNCell` with \\(b_h = b_{ih} + b_{hh}\\)) with hidden size {{H}} is followed by a linear output layer:',
];

/** The intros of a sigmoid or ReLU RNN (as many as INTROS, so the wording draw is the same). */
const INTROS_ACT: readonly string[] = [
  'A vanilla (Elman) RNN with hidden size {{H}} and a {{act}} hidden activation computes',
  'Consider a simple recurrent layer with {{H}} hidden {{units}} and a {{act}} activation. Each time step computes',
  'An RNN cell ({{act}} activation instead of the usual tanh, \\(b_h = b_{ih} + b_{hh}\\)) with hidden size {{H}} is followed by a linear output layer:',
];

const NUMERIC_ASKS: readonly string[] = [
  'What is the {{ord}} component of \\({{vec}}_{ {{T}} }\\)? Round to {{places}} decimals.',
  'Compute \\({{vec}}_{ {{T}} }\\) and give its {{ord}} entry, rounded to {{places}} decimals.',
];

const TABLE_ASKS: readonly string[] = [
  'Fill in \\(h_t\\) and \\(y_t\\) for every time step. Round every entry to {{places}} decimals (carry unrounded values between steps).',
  'Run the recurrence and enter every component of \\(h_t\\) and \\(y_t\\), each rounded to {{places}} decimals; keep full precision between steps.',
];

const figureAlt = (T: number): string =>
  `The RNN unrolled over ${T} time ${T === 1 ? 'step' : 'steps'}: h0 feeds h1${T > 1 ? ` through h${T}` : ''} via W_hh, each x_t enters h_t via W_xh, and each h_t produces y_t via W_hy.`;
/** Figure alt text by number of steps (1–3), written once. */
const FIGURE_ALT = [1, 2, 3].map(figureAlt);

export const rnnStepTemplate = withPlainFeedback(
  defineTemplate<RnnStepParams>({
    id: 'rnn.rnn-step',
    topic: 'rnn',
    title: 'RNN forward step',
    objective: 'Compute the hidden state and output of a vanilla RNN over one or a few time steps.',
    difficulty: 2,
    tags: ['rnn', 'forward-pass', 'hidden-state'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      hiddenSize: param.int('hidden size H', [1, 3], { min: 1, max: MAX_HIDDEN }),
      inputSize: param.int('input size I', [1, 2], { min: 1, max: MAX_INPUT }),
      outputSize: param.int('output size O', [1, 2], { min: 1, max: MAX_OUTPUT }),
      steps: param.int('number of time steps T', [1, 3], { min: 1, max: MAX_STEPS }),
      Wxh: param.json(
        'H×I input weights (drawn as multiples of 0.5 in [-1, 1]; any number in [-10, 10] with up to 3 decimals when pinned)',
        [[0.5, -1]],
        validMatrix(MAX_HIDDEN, MAX_INPUT),
      ),
      Whh: param.json(
        'H×H recurrent weights (drawn as multiples of 0.5 in [-1, 1]; any number in [-10, 10] with up to 3 decimals when pinned)',
        [[1]],
        validMatrix(MAX_HIDDEN, MAX_HIDDEN),
      ),
      bh: param.json(
        'hidden bias (H) (drawn as multiples of 0.5 in [-1, 1])',
        [0],
        validVector(MAX_HIDDEN),
      ),
      Why: param.json(
        'O×H output weights (drawn as multiples of 0.5 in [-2, 2])',
        [[1.5]],
        validMatrix(MAX_OUTPUT, MAX_HIDDEN),
      ),
      by: param.json(
        'output bias (O) (drawn as multiples of 0.5 in [-1, 1])',
        [0.5],
        validVector(MAX_OUTPUT),
      ),
      xs: param.json(
        'T×I inputs, one row per step (drawn as integers in [-2, 2])',
        [[1, 2]],
        validMatrix(MAX_STEPS, MAX_INPUT),
      ),
      h0: param.json(
        'initial hidden state (H) (drawn as multiples of 0.5 in [-1, 1])',
        [0.5],
        validVector(MAX_HIDDEN),
      ),
      ask: param.choice('asked vector at the last step (numeric kinds)', ['h', 'y']),
      unit: param.int('0-based component asked', [0, 2], { min: 0, max: MAX_HIDDEN - 1 }),
      activation: param.choice(
        'hidden activation φ (named in the stem): tanh, logistic sigmoid or ReLU',
        ['tanh', 'sigmoid', 'relu'],
      ),
    },
    constraints: [
      {
        description: 'at most 16 hidden values to compute (H·T ≤ 16)',
        check: (p) => p.hiddenSize * p.steps <= 16,
      },
      {
        description: 'at most 6 hidden values to compute (H·T ≤ 6)',
        check: (p) => p.hiddenSize * p.steps <= 6,
        prefer: true,
        params: ['hiddenSize', 'steps'],
      },
      {
        description: 'weights, biases, inputs and h_0 have the shapes H, I, O and T state',
        check: (p) =>
          isShape(p.Wxh, p.hiddenSize, p.inputSize) &&
          isShape(p.Whh, p.hiddenSize, p.hiddenSize) &&
          p.bh.length === p.hiddenSize &&
          isShape(p.Why, p.outputSize, p.hiddenSize) &&
          p.by.length === p.outputSize &&
          isShape(p.xs, p.steps, p.inputSize) &&
          p.h0.length === p.hiddenSize,
      },
      {
        description:
          'weights and biases are multiples of 0.5 (W_hy in [-2, 2], the rest in [-1, 1]), inputs integers in [-2, 2]',
        prefer: true,
        params: ['Wxh', 'Whh', 'bh', 'Why', 'by', 'xs', 'h0'],
        check: (p) =>
          isGridMatrix(p.Wxh, p.hiddenSize, p.inputSize, W) &&
          isGridMatrix(p.Whh, p.hiddenSize, p.hiddenSize, W) &&
          isGridVector(p.bh, p.hiddenSize, W) &&
          isGridMatrix(p.Why, p.outputSize, p.hiddenSize, WY) &&
          isGridVector(p.by, p.outputSize, W) &&
          isGridMatrix(p.xs, p.steps, p.inputSize, X) &&
          isGridVector(p.h0, p.hiddenSize, W),
      },
      {
        description: 'the asked component exists',
        check: (p) => p.unit < (p.ask === 'h' ? p.hiddenSize : p.outputSize),
      },
    ],
    sample(rng) {
      // The activation on a stream of its own: a seed that draws tanh keeps its question.
      const activation = rng
        .child('activation')
        .choice(['tanh', 'tanh', 'tanh', 'tanh', 'sigmoid', 'relu'] as const);
      const hiddenSize = rng.int(1, 3);
      const steps = rng.int(1, Math.min(3, Math.floor(6 / hiddenSize)));
      const inputSize = rng.int(1, 2);
      const outputSize = rng.int(1, 2);
      const ask = rng.choice(['h', 'y'] as const);
      return {
        hiddenSize,
        inputSize,
        outputSize,
        steps,
        Wxh: gridMatrix(rng, hiddenSize, inputSize, W),
        Whh: gridMatrix(rng, hiddenSize, hiddenSize, W),
        bh: gridVector(rng, hiddenSize, W),
        Why: gridMatrix(rng, outputSize, hiddenSize, WY),
        by: gridVector(rng, outputSize, W),
        xs: gridMatrix(rng, steps, inputSize, X),
        h0: gridVector(rng, hiddenSize, W),
        ask,
        unit: rng.int(0, (ask === 'h' ? hiddenSize : outputSize) - 1),
        activation,
      };
    },
    /**
     * Trivial: the asked entry (or, for the table, every output) follows without the recurrence —
     * it is the same with every input and h₀ set to zero (a zero row of W_hy makes y a bias; zero
     * rows of W_xh and W_hh make h tanh of a bias), it is exactly 0, or W_hh is all zero over
     * several steps (the recurrence drops out). The table asks every entry: it is trivial when W_hh
     * drops out or W_hy is zero.
     */
    trivial(p, v) {
      const zero = (m: Matrix) => m.every((r) => r.every((w) => w === 0));
      if (p.steps > 1 && zero(p.Whh)) return 'W_hh is zero: the earlier steps do not matter';
      if (v.kind === 'table') return zero(p.Why) ? 'W_hy is zero: every y_t is b_y' : null;
      const weights = { Wxh: p.Wxh, Whh: p.Whh, bh: p.bh, Why: p.Why, by: p.by };
      const last = (xs: Matrix, h0: Vector) =>
        rnnUnroll(weights, xs, h0, p.activation)[p.steps - 1]!;
      const real = last(p.xs, p.h0);
      const blind = last(
        p.xs.map((x) => x.map(() => 0)),
        p.h0.map(() => 0),
      );
      const pick = (s: typeof real) => (p.ask === 'h' ? s.h : s.y!)[p.unit]!;
      if (Math.abs(pick(real)) < 5e-4) return `the asked entry is 0`;
      if (Math.abs(pick(real) - pick(blind)) < 1e-12)
        return 'the asked entry does not depend on the inputs or h_0';
      return null;
    },
    /**
     * Effort: the multiply-adds of the unrolled recurrence up to the asked vector —
     * T·H·(I + H + 1) for the hidden states plus O·(H + 1) for an output (every output for the
     * table, which asks every entry, plus one per table cell).
     */
    effort(p, kind) {
      const H = p.hiddenSize;
      const hidden = p.steps * H * (p.inputSize + H + 1);
      if (kind === 'table')
        return hidden + p.steps * p.outputSize * (H + 1) + p.steps * (H + p.outputSize);
      return hidden + (p.ask === 'y' ? H + 1 : 0);
    },
    build(p, ctx) {
      const run = rnnUnroll(
        { Wxh: p.Wxh, Whh: p.Whh, bh: p.bh, Why: p.Why, by: p.by },
        p.xs,
        p.h0,
        p.activation,
      );
      const A = ACT[p.activation];
      const T = p.steps;
      const last = run[T - 1]!;
      const dec = ANSWER_DECIMALS;
      const value = p.ask === 'h' ? last.h[p.unit]! : last.y![p.unit]!;
      const distractors = ctx.kind === 'table' ? [] : rnnDistractors(p);
      assertSingleChoicePossible(ctx.kind, value, distractors, dec);
      const data: Words = {
        H: p.hiddenSize,
        units: p.hiddenSize === 1 ? 'unit' : 'units',
        T,
        places: dec,
        vec: p.ask,
        ord: ordinal(p.unit),
        act: A.name,
      };

      const inputs = p.xs.map((x, t) => `x_{${t + 1}} = ${texGridV(x, X)}`).join(',\\; ');
      const given = [
        `\\[h_t = ${A.tex}(W_{hh} h_{t-1} + W_{xh} x_t + b_h), \\qquad y_t = W_{hy} h_t + b_y\\]`,
        'with',
        `\\[W_{xh} = ${texGridM(p.Wxh, W)},\\; W_{hh} = ${texGridM(p.Whh, W)},\\; b_h = ${texGridV(p.bh, W)},\\; W_{hy} = ${texGridM(p.Why, WY)},\\; b_y = ${texGridV(p.by, W)}.\\]`,
        `The initial state is \\(h_0 = ${texGridV(p.h0, W)}\\) and the ${T === 1 ? 'input is' : 'inputs are'} \\(${inputs}\\).${A.note}`,
      ].join('\n\n');
      const ask = ctx.kind === 'table' ? ctx.rng.choice(TABLE_ASKS) : ctx.rng.choice(NUMERIC_ASKS);
      const intros = p.activation === 'tanh' ? INTROS : INTROS_ACT;
      const stem = [ctx.render(ctx.rng.choice(intros), data), given, ctx.render(ask, data)].join(
        '\n\n',
      );

      const lines = run.map((s, t) => {
        const n = t + 1;
        const y = s.y!;
        return (
          `Step \\(t = ${n}\\): \\(a_{${n}} = W_{hh} h_{${t}} + W_{xh} x_{${n}} + b_h = ${texR(s.preActivation)}\\), ` +
          `\\(h_{${n}} = ${A.tex}(a_{${n}}) = ${texR(s.h)}\\), \\(y_{${n}} = W_{hy} h_{${n}} + b_y = ${texR(y)}\\).`
        );
      });
      const solution = [
        'Apply the recurrence one step at a time, feeding each new hidden state into the next step (values shown rounded, carried unrounded):',
        ...lines,
        ctx.kind === 'table'
          ? 'These are the table entries.'
          : `The ${ordinal(p.unit)} component of \\(${p.ask}_{${T}}\\) is \\(${fixed(value, dec)}\\).`,
      ].join('\n\n');

      const figure = { svg: unrolledRnnSvg(T, true), alt: FIGURE_ALT[T - 1] ?? figureAlt(T) };
      if (ctx.kind === 'table') {
        const header = [
          't',
          ...p.h0.map((_, k) => `h_t[${k + 1}]`),
          ...p.by.map((_, o) => `y_t[${o + 1}]`),
        ];
        const rows = run.map((s, t) => labelledRow(String(t + 1), [...s.h, ...s.y!], dec));
        return { stem, solution, figure, answer: { type: 'table', header, rows } };
      }

      return {
        stem,
        solution,
        figure,
        answer: { type: 'numeric', value, decimals: dec, distractors },
      };
    },
    fixtures: [
      {
        id: 'S000-rnn-step',
        params: {
          hiddenSize: 2,
          inputSize: 2,
          outputSize: 1,
          steps: 1,
          Wxh: [
            [0.5, -1],
            [1, 0.5],
          ],
          Whh: [
            [1, -0.5],
            [0.5, 0],
          ],
          bh: [0, 0.5],
          Why: [[1, -1]],
          by: [0.5],
          xs: [[1, 2]],
          h0: [0.5, -1],
          ask: 'y',
          unit: 0,
          activation: 'tanh',
        },
        note: 'seed 000 formulas; answer checked against an nn.RNNCell-formula loop in the golden test',
      },
      {
        id: 'sigmoid-rnn-2-steps',
        params: {
          hiddenSize: 1,
          inputSize: 1,
          outputSize: 1,
          steps: 2,
          Wxh: [[1]],
          Whh: [[0.5]],
          bh: [0],
          Why: [[2]],
          by: [-1],
          xs: [[-1], [1]],
          h0: [0],
          ask: 'h',
          unit: 0,
          activation: 'sigmoid',
        },
        note: 'a logistic-sigmoid RNN by hand: h₁ = σ(−1) = 0.268941, h₂ = σ(0.5·0.268941 + 1) = σ(1.134471) = 0.757 (tanh would give 0.551)',
      },
      {
        id: 'relu-rnn-2-steps',
        params: {
          hiddenSize: 2,
          inputSize: 1,
          outputSize: 1,
          steps: 2,
          Wxh: [[1], [-1]],
          Whh: [
            [0.5, 1],
            [1, 0.5],
          ],
          bh: [0, 0.5],
          Why: [[1, -1]],
          by: [0],
          xs: [[1], [2]],
          h0: [0, 0],
          ask: 'y',
          unit: 0,
          activation: 'relu',
        },
        note: 'a ReLU RNN by hand: a₁ = (1, −0.5) → h₁ = (1, 0); a₂ = (0.5 + 2, 1 − 2 + 0.5) = (2.5, −0.5) → h₂ = (2.5, 0); y₂ = 2.5',
      },
    ],
  }),
);
