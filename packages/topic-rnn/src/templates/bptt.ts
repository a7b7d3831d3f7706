import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import {
  bptt,
  formatDecimal,
  formatFixed,
  formatInt,
  stateJacobianProduct,
  type BpttTrace,
  type RecurrentActivation,
  type ScalarRnn,
} from '@dlexam/math';
import { ANSWER_DECIMALS } from '../shared.js';

/**
 * Backpropagation through time in a scalar RNN over 1–16 steps (2–4 when drawn):
 * `h_t = φ(w·h_{t−1} + u·x_t + b)`, loss `L = ½(h_T − y)²` on the last state, φ = tanh, the
 * logistic sigmoid, ReLU (ReLU'(0) = 0) or the identity. Asks for ∂L/∂w, ∂L/∂u, ∂L/∂b, ∂L/∂h₀, or
 * the product of step Jacobians ∂h_T/∂h₀; the table kind asks for h_t and ∂L/∂h_t at every step.
 */

export type BpttAsk = 'dw' | 'du' | 'db' | 'dh0' | 'jacobian';

export type BpttParams = {
  activation: RecurrentActivation;
  w: number;
  u: number;
  b: number;
  h0: number;
  xs: number[];
  y: number;
  ask: BpttAsk;
};

const D = ANSWER_DECIMALS;
/** Validity of every number of the network: what the stem prints exactly (4 decimals). */
const VALID_NUMBER = { min: -10, max: 10, decimals: 4 };
const MAX_STEPS = 16;
/** A linear or ReLU network with |w| > 1 grows like w^T: its values must stay gradable. */
const MAX_MAGNITUDE = 1e6;
const n = (x: number) => formatDecimal(x, 4);
const f = (x: number) => formatFixed(x, 4);

const net = (p: BpttParams): ScalarRnn => ({
  w: p.w,
  u: p.u,
  b: p.b,
  h0: p.h0,
  xs: p.xs,
  y: p.y,
  activation: p.activation,
});

/** The asked value. */
export function bpttAnswer(p: BpttParams, t: BpttTrace = bptt(net(p))): number {
  switch (p.ask) {
    case 'dw':
      return t.dw;
    case 'du':
      return t.du;
    case 'db':
      return t.db;
    case 'dh0':
      return t.dh0;
    case 'jacobian':
      return stateJacobianProduct(t, p.w, 0);
  }
}

/** The gradients a mistaken backward pass reaches. */
function mistaken(
  p: BpttParams,
  t: BpttTrace,
  opts: { noDphi?: boolean; lastOnly?: boolean; hNow?: boolean },
): number {
  const T = p.xs.length;
  let delta = t.h[T]! - p.y;
  let dw = 0;
  let du = 0;
  let db = 0;
  for (let s = T; s >= 1; s--) {
    const g = delta * (opts.noDphi ? 1 : t.dphi[s - 1]!);
    dw += g * t.h[opts.hNow ? s : s - 1]!;
    du += g * p.xs[s - 1]!;
    db += g;
    delta = g * p.w;
    if (opts.lastOnly) break;
  }
  const by: Record<BpttAsk, number> = {
    dw,
    du,
    db,
    dh0: delta,
    jacobian: delta / (t.h[T]! - p.y || 1),
  };
  return by[p.ask];
}

const ACT_TEXT: Record<RecurrentActivation, { tex: string; deriv: string }> = {
  tanh: { tex: '\\tanh', deriv: "\\tanh'(a) = 1 - \\tanh^2(a)" },
  sigmoid: { tex: '\\sigma', deriv: "\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))" },
  relu: {
    tex: '\\operatorname{ReLU}',
    deriv: "\\operatorname{ReLU}'(a) = 1 \\text{ if } a > 0 \\text{, else } 0",
  },
  identity: { tex: '', deriv: "\\varphi'(a) = 1" },
};

const ASK_TEXT: Record<BpttAsk, string> = {
  dw: '\\(\\partial L / \\partial w\\)',
  du: '\\(\\partial L / \\partial u\\)',
  db: '\\(\\partial L / \\partial b\\)',
  dh0: '\\(\\partial L / \\partial h_0\\)',
  jacobian:
    '\\(\\partial h_T / \\partial h_0\\) (the product of the step Jacobians \\(\\partial h_t / \\partial h_{t-1}\\))',
};

/**
 * The worked solution: the forward pass step by step, the backward pass of δ_t = ∂L/∂h_t, and the
 * weight gradients as sums over the steps.
 */
function bpttSolution(p: BpttParams, t: BpttTrace): string {
  const T = p.xs.length;
  const act = ACT_TEXT[p.activation];
  const forward = t.a
    .map(
      (a, i) =>
        `- t = ${i + 1}: \\(a_${i + 1} = ${n(p.w)} \\cdot ${f(t.h[i]!)} + ${n(p.u)} \\cdot ${n(p.xs[i]!)} + ${n(p.b)} = ${f(a)}\\), \\(h_${i + 1} = ${f(t.h[i + 1]!)}\\), \\(\\varphi'(a_${i + 1}) = ${f(t.dphi[i]!)}\\)`,
    )
    .join('\n');
  const backward = Array.from({ length: T }, (_, k) => T - k)
    .map(
      (s) =>
        `- t = ${s}: \\(\\partial L/\\partial a_${s} = \\delta_${s}\\,\\varphi'(a_${s}) = ${f(t.delta[s]!)} \\cdot ${f(t.dphi[s - 1]!)} = ${f(t.delta[s]! * t.dphi[s - 1]!)}\\); \\(\\delta_${s - 1} = ${f(t.delta[s]! * t.dphi[s - 1]!)} \\cdot w = ${f(t.delta[s - 1]!)}\\)`,
    )
    .join('\n');
  const jac = stateJacobianProduct(t, p.w, 0);
  const solution = `Forward pass (\\(a_t\\) is the pre-activation, \\(${act.deriv}\\)):\n\n${forward}\n\nBackward: \\(\\delta_t = \\partial L / \\partial h_t\\) starts at \\(\\delta_{${T}} = h_{${T}} - y = ${f(t.delta[T]!)}\\) and each step multiplies by \\(\\partial h_t / \\partial h_{t-1} = \\varphi'(a_t)\\,w\\):\n\n${backward}\n\nThe shared weights collect one term per step: \\(\\partial L/\\partial w = \\sum_t \\delta_t \\varphi'(a_t) h_{t-1} \\approx ${f(t.dw)}\\), \\(\\partial L/\\partial u = \\sum_t \\delta_t \\varphi'(a_t) x_t \\approx ${f(t.du)}\\), \\(\\partial L/\\partial b = \\sum_t \\delta_t \\varphi'(a_t) \\approx ${f(t.db)}\\). And \\(\\partial L/\\partial h_0 = \\delta_0 \\approx ${f(t.dh0)}\\), where \\(\\partial h_{${T}}/\\partial h_0 = \\prod_t w\\,\\varphi'(a_t) \\approx ${f(jac)}\\).`;
  return solution;
}

/**
 * Wrong answers: the last step only, no φ', then (for the loss gradients) sign, ½ and loss-derivative
 * slips, a wrong time index for ∂L/∂w, and for products of step Jacobians no w or a sum.
 */
function bpttDistractors(p: BpttParams, t: BpttTrace, value: number): NumericDistractor[] {
  const T = p.xs.length;
  const lastStepOnly = mistaken(p, t, { lastOnly: true });
  const noDphi = mistaken(p, t, { noDphi: true });
  const distractors: NumericDistractor[] = [
    {
      value: lastStepOnly,
      misconception: 'last-step-only',
      feedback:
        'The weights are shared by every step: backpropagate through all of them and add up one term per step, not just the last.',
    },
    {
      value: noDphi,
      misconception: 'forgot-activation-derivative',
      feedback: "Each step's gradient passes through the activation: multiply by φ'(a_t).",
    },
    ...(p.ask === 'jacobian'
      ? []
      : [
          {
            value: -value,
            misconception: 'sign-of-error',
            feedback: '∂L/∂h_T = h_T − y for L = ½(h_T − y)², not y − h_T.',
          },
          {
            value: 2 * value,
            misconception: 'dropped-half',
            feedback: 'The ½ in L = ½(h_T − y)² cancels the 2 of the square: ∂L/∂h_T = h_T − y.',
          },
          ...(t.delta[T] !== 0
            ? [
                {
                  value: value / t.delta[T]!,
                  misconception: 'forgot-loss-derivative',
                  feedback: `That is the derivative of h_${T}; the chain rule starts from ∂L/∂h_${T} = h_${T} − y.`,
                },
              ]
            : []),
        ]),
    ...(p.ask === 'dw'
      ? [
          {
            value: mistaken(p, t, { hNow: true }),
            misconception: 'wrong-time-index',
            feedback:
              'w multiplies the PREVIOUS state in a_t = w·h_{t−1} + …: the term of step t uses h_{t−1}.',
          },
        ]
      : []),
    ...(p.ask === 'dh0' || p.ask === 'jacobian'
      ? [
          {
            value: t.dphi.reduce((a, d) => a * d, 1) * (p.ask === 'dh0' ? t.delta[T]! : 1),
            misconception: 'forgot-recurrent-weight',
            feedback: "∂h_t/∂h_{t−1} = φ'(a_t)·w: every step multiplies by w as well.",
          },
          {
            value: t.dphi.reduce((a, d) => a + p.w * d, 0) * (p.ask === 'dh0' ? t.delta[T]! : 1),
            misconception: 'sum-not-product',
            feedback: 'The chain rule multiplies the step Jacobians; it does not add them.',
          },
        ]
      : []),
  ];
  return distractors;
}

const STEMS = [
  'A scalar recurrent network computes {{cell}} for t = 1, …, {{T}}, with {{params}}, and the loss {{loss}} on the last state only. Using backpropagation through time, compute {{ask}}.',
  'Consider the one-unit RNN {{cell}} (t = 1, …, {{T}}) with {{params}}. The loss is {{loss}}. Backpropagate through all {{T}} steps to find {{ask}}.',
  'An RNN with a single hidden unit runs {{T}} steps of {{cell}}, where {{params}}. With {{loss}}, what is {{ask}}? Unroll the network and apply the chain rule through time.',
];
const TABLE_STEMS = [
  'A scalar recurrent network computes {{cell}} for t = 1, …, {{T}}, with {{params}}, and the loss {{loss}}. Fill in the forward states \\(h_t\\) and, by backpropagation through time, \\(\\partial L / \\partial h_t\\) for every t.',
  'Unroll the one-unit RNN {{cell}} (t = 1, …, {{T}}; {{params}}) with loss {{loss}}: give every state \\(h_t\\) and the gradient \\(\\partial L / \\partial h_t\\).',
];

export const bpttTemplate = defineTemplate<BpttParams>({
  id: 'rnn.bptt',
  topic: 'rnn',
  title: 'Backpropagation through time in a scalar RNN',
  objective:
    'Backpropagate a loss through the unrolled steps of a small RNN: the gradients of the shared weights as sums over time, and the product of step Jacobians.',
  difficulty: 3,
  tags: ['BPTT', 'backpropagation', 'RNN', 'vanishing gradient'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    activation: param.choice('hidden activation φ', ['tanh', 'sigmoid', 'relu', 'identity']),
    // Validity: any number in [−10, 10] with up to 4 decimals (as the stem prints them), 1–16
    // steps (the table lists one row per step); the sampler draws a 0.5 grid over 2–4 steps.
    w: param.number('recurrent weight w', [-10, 10], 0.01, VALID_NUMBER),
    u: param.number('input weight u', [-10, 10], 0.01, VALID_NUMBER),
    b: param.number('bias b', [-10, 10], 0.01, VALID_NUMBER),
    h0: param.number('initial state h₀', [-10, 10], 0.01, VALID_NUMBER),
    xs: param.numberVector('inputs x₁ … x_T (1–16 steps)', [1, 16], [-10, 10], 0.01, {
      ...VALID_NUMBER,
      length: [1, MAX_STEPS],
    }),
    y: param.number('target y of the last state', [-10, 10], 0.01, VALID_NUMBER),
    ask: param.choice('the gradient asked for (numeric, single)', [
      'dw',
      'du',
      'db',
      'dh0',
      'jacobian',
    ]),
  },
  constraints: [
    {
      description: `every state h_t, every ∂L/∂h_t and the gradients stay within ±${formatInt(MAX_MAGNITUDE)} (an LMS grades them to 3 decimals)`,
      check: (p) => {
        const t = bptt(net(p));
        const small = (x: number) => Math.abs(x) <= MAX_MAGNITUDE;
        return (
          t.h.every(small) &&
          t.delta.every(small) &&
          small(t.dw) &&
          small(t.du) &&
          small(t.db) &&
          small(stateJacobianProduct(t, p.w, 0))
        );
      },
      params: ['activation', 'w', 'u', 'b', 'h0', 'xs', 'y'],
    },
  ],
  sample(rng) {
    // Draw preferences: 2–4 steps on a 0.5 grid, no ReLU kink, answers of a readable size.
    for (;;) {
      const T = rng.int(2, 4);
      const p: BpttParams = {
        activation: rng.choice(['tanh', 'tanh', 'sigmoid', 'relu', 'identity'] as const),
        w: rng.choice([-1, -0.5, 0.5, 1, 1.5]),
        u: rng.choice([-1, -0.5, 0.5, 1]),
        b: rng.choice([0, 0, 0.5, -0.5]),
        h0: rng.choice([0, 0, 0.5, 1]),
        xs: Array.from({ length: T }, () => rng.choice([-1, -0.5, 0.5, 1, 1.5, 2])),
        y: rng.choice([-1, -0.5, 0, 0.5, 1]),
        ask: rng.choice(['dw', 'du', 'db', 'dh0', 'jacobian'] as const),
      };
      const t = bptt(net(p));
      const v = bpttAnswer(p, t);
      if (p.activation === 'relu' && t.a.some((a) => Math.abs(a) < 0.05)) continue;
      if (Math.abs(v) >= 0.02 && Math.abs(v) < 100) return p;
    }
  },
  build(p, ctx) {
    const t = bptt(net(p));
    const T = p.xs.length;
    const act = ACT_TEXT[p.activation];
    const cell = `\\(h_t = ${act.tex}${act.tex ? '(' : ''}w\\,h_{t-1} + u\\,x_t + b${act.tex ? ')' : ''}\\)`;
    const params = `\\(w = ${n(p.w)}\\), \\(u = ${n(p.u)}\\), \\(b = ${n(p.b)}\\), \\(h_0 = ${n(p.h0)}\\) and inputs \\(${p.xs.map((x, i) => `x_${i + 1} = ${n(x)}`).join(',\\ ')}\\)`;
    const loss = `\\(L = \\tfrac12 (h_{${T}} - y)^2\\) with \\(y = ${n(p.y)}\\)`;
    const actNote =
      p.activation === 'sigmoid'
        ? ' Here σ is the logistic sigmoid 1/(1 + e^{−a}).'
        : p.activation === 'relu'
          ? ' ReLU(a) = max(0, a), with derivative 0 at a ≤ 0.'
          : p.activation === 'identity'
            ? ' The network is linear (no activation).'
            : '';
    const data = { cell, T: formatInt(T), params, loss };
    const solution = bpttSolution(p, t);
    if (ctx.kind === 'table') {
      const rows: TableCellSpec[][] = Array.from({ length: T }, (_, i) => [
        { type: 'text', text: `t = ${i + 1}` },
        { type: 'numeric', value: t.h[i + 1]!, decimals: D },
        { type: 'numeric', value: t.delta[i + 1]!, decimals: D },
      ]);
      return {
        stem: `${ctx.render(ctx.rng.choice(TABLE_STEMS), data)}${actNote} Round to ${D} decimals.`,
        solution,
        answer: {
          type: 'table',
          header: ['Step', 'h_t', '∂L/∂h_t'],
          rows,
        },
      };
    }
    const value = bpttAnswer(p, t);
    const distractors = bpttDistractors(p, t, value);
    if (ctx.kind === 'single') {
      const key = formatFixed(value, D);
      if (
        new Set(distractors.map((d) => formatFixed(d.value, D)).filter((s) => s !== key)).size < 3
      )
        throw new GenerationError(
          'fewer than 3 distinct BPTT distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    return {
      stem: `${ctx.render(ctx.rng.choice(STEMS), { ...data, ask: ASK_TEXT[p.ask] })}${actNote} Round to ${D} decimals.`,
      solution,
      answer: { type: 'numeric', value, decimals: D, distractors },
    };
  },
  fixtures: [
    {
      id: 'rnn-bptt-linear-two-steps',
      params: { activation: 'identity', w: 0.5, u: 1, b: 0, h0: 0, xs: [1, 2], y: 0, ask: 'dw' },
      note: 'h = 0, 1, 2.5; δ₂ = 2.5, δ₁ = 1.25: ∂L/∂w = 2.5·1 + 1.25·0 = 2.5',
    },
    {
      id: 'rnn-bptt-tanh-three-steps',
      params: { activation: 'tanh', w: 1, u: 1, b: 0, h0: 0, xs: [1, 0, 0], y: 0, ask: 'dh0' },
      kind: 'numeric',
      note: 'tanh RNN, impulse input: h = tanh 1, tanh h₁, tanh h₂; ∂L/∂h₀ = h₃ · Π (1 − h_t²) ≈ 0.095',
    },
  ],
});
