import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import {
  adagradStep,
  adamStep,
  formatDecimal,
  formatFixed,
  formatInt,
  rmspropStep,
  sgdStep,
} from '@dlexam/math';

/**
 * Several steps of AdaGrad, RMSProp or Adam (PyTorch's rules, ε outside the square root) on
 * f(x) = ½ Σ cᵢ xᵢ², whose gradient cᵢxᵢ is recomputed at every step: 1–64 steps (2–4 drawn),
 * one or two coordinates.
 */

export type AdaptiveOptimizer = 'adagrad' | 'rmsprop' | 'adam';

export type AdaptiveRunParams = {
  optimizer: AdaptiveOptimizer;
  x0: number[];
  curvature: number[];
  lr: number;
  /** RMSProp's decay ρ. */
  decay: number;
  beta1: number;
  beta2: number;
  eps: number;
  steps: number;
  /** The coordinate asked for (1-based). */
  coord: number;
};

const D = 4;
/** A decay or β: 0 ≤ β < 1, shown to 8 decimals. */
const DECAY = { min: 0, max: 1, maxExclusive: true, decimals: 8 };
const n = (x: number) => formatDecimal(x, 8);
const f = (x: number) => formatFixed(x, D);

interface RunOptions {
  biasCorrection?: boolean;
  frozenGradient?: boolean;
  decay?: number;
}

/** The iterates x_1 … x_k of the stated optimizer. */
export function adaptiveTrajectory(p: AdaptiveRunParams, o: RunOptions = {}): number[][] {
  let x = p.x0.slice();
  let s = x.map(() => 0);
  let m = x.map(() => 0);
  let v = x.map(() => 0);
  const g0 = x.map((xi, i) => p.curvature[i]! * xi);
  const out: number[][] = [];
  for (let t = 1; t <= p.steps; t++) {
    const g = o.frozenGradient ? g0 : x.map((xi, i) => p.curvature[i]! * xi);
    if (p.optimizer === 'adagrad') ({ x, s } = adagradStep(x, s, g, { lr: p.lr, eps: p.eps }));
    else if (p.optimizer === 'rmsprop')
      ({ x, s } = rmspropStep(x, s, g, { lr: p.lr, eps: p.eps, decay: o.decay ?? p.decay }));
    else {
      const r = adamStep(x, m, v, g, t, {
        lr: p.lr,
        eps: p.eps,
        beta1: p.beta1,
        beta2: p.beta2,
        biasCorrection: o.biasCorrection ?? true,
      });
      ({ x, m, v } = r);
    }
    out.push(x);
  }
  return out;
}

export function adaptiveAnswer(p: AdaptiveRunParams): number {
  return adaptiveTrajectory(p)[p.steps - 1]![p.coord - 1]!;
}

const RULES: Record<AdaptiveOptimizer, string> = {
  adagrad:
    'AdaGrad: \\(s_t = s_{t-1} + g_t^2\\), \\(x_t = x_{t-1} - \\alpha\\, g_t / (\\sqrt{s_t} + \\epsilon)\\), with \\(s_0 = 0\\)',
  rmsprop:
    'RMSProp: \\(s_t = \\rho\\, s_{t-1} + (1 - \\rho)\\, g_t^2\\), \\(x_t = x_{t-1} - \\alpha\\, g_t / (\\sqrt{s_t} + \\epsilon)\\), with \\(s_0 = 0\\)',
  adam: 'Adam: \\(m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t\\), \\(v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2\\), \\(\\hat m_t = m_t/(1-\\beta_1^t)\\), \\(\\hat v_t = v_t/(1-\\beta_2^t)\\), \\(x_t = x_{t-1} - \\alpha\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)\\), with \\(m_0 = v_0 = 0\\)',
};

const STEMS = [
  'Minimise \\(f(x) = {{f}}\\) with {{rule}} (operations per coordinate; the gradient \\(g_t = \\nabla f(x_{t-1})\\) is recomputed at every step). Start from \\(x_0 = {{x0}}\\) with {{hyper}}. What is {{target}} after {{steps}} steps? Round to 4 decimals.',
  'Run {{steps}} steps of {{rule}} (per coordinate, gradient recomputed at each iterate) on \\(f(x) = {{f}}\\) from \\(x_0 = {{x0}}\\), using {{hyper}}. Give {{target}} after the last step, to 4 decimals.',
];
const TABLE_STEMS = [
  'Minimise \\(f(x) = {{f}}\\) with {{rule}} (operations per coordinate; the gradient \\(g_t = \\nabla f(x_{t-1})\\) is recomputed at every step). Start from \\(x_0 = {{x0}}\\) with {{hyper}}. Give the iterate after every step, rounded to 4 decimals.',
];

/** A 1-vector as its number, a longer one as a tuple. */
const vec = (v: number[]) => (v.length === 1 ? n(v[0]!) : `(${v.map(n).join(', ')})`);

/** The stem's placeholders: the function, the rule, the start, the hyperparameters, the target. */
function stemData(p: AdaptiveRunParams) {
  const fTex = p.curvature
    .map((c, i) => `${c === 1 ? '' : `${n(c)}\\,`}x_{${i + 1}}^2`)
    .join(' + ');
  const fx =
    p.x0.length === 1
      ? `\\tfrac12 ${fTex.replace(/_\{1\}/g, '')}`
      : `\\tfrac12\\left(${fTex}\\right)`;
  const hyper = [
    `\\(\\alpha = ${n(p.lr)}\\)`,
    ...(p.optimizer === 'rmsprop' ? [`\\(\\rho = ${n(p.decay)}\\)`] : []),
    ...(p.optimizer === 'adam'
      ? [`\\(\\beta_1 = ${n(p.beta1)}\\)`, `\\(\\beta_2 = ${n(p.beta2)}\\)`]
      : []),
    `\\(\\epsilon = ${n(p.eps)}\\)`,
  ].join(', ');
  const target = p.x0.length === 1 ? '\\(x\\)' : `the coordinate \\(x_{${p.coord}}\\)`;
  return {
    f: fx,
    rule: RULES[p.optimizer],
    x0: vec(p.x0),
    hyper,
    target,
    steps: formatInt(p.steps),
  };
}

/** The worked run: the gradient and iterate of the first 12 steps, then the final iterate. */
function runSolution(p: AdaptiveRunParams, traj: number[][]): string {
  const lines = traj
    .slice(0, 12)
    .map(
      (x, t) =>
        `- step ${t + 1}: \\(g = ${vec((t ? traj[t - 1]! : p.x0).map((xi, i) => p.curvature[i]! * xi).map((g) => Number(f(g))))}\\), \\(x_{${t + 1}} = ${vec(x.map((xi) => Number(f(xi))))}\\)`,
    )
    .join('\n');
  return `Each step computes the gradient \\(g = (c_i x_i)\\) at the current iterate, updates the accumulated statistics, then moves every coordinate by its own adapted step:\n\n${lines}${traj.length > 12 ? `\n- … (${formatInt(traj.length - 12)} more steps in the same way)` : ''}\n\nAfter ${formatInt(p.steps)} steps, \\(x = ${vec(traj[p.steps - 1]!.map((xi) => Number(f(xi))))}\\).`;
}

/**
 * Wrong answers for coordinate k: one step only, a frozen gradient, plain gradient descent, and
 * the optimizer's own typical slip.
 */
function runDistractors(p: AdaptiveRunParams, traj: number[][], k: number): NumericDistractor[] {
  let sgd = p.x0.slice();
  for (let t = 0; t < p.steps; t++)
    sgd = sgdStep(
      sgd,
      sgd.map((xi, i) => p.curvature[i]! * xi),
      p.lr,
    );
  return [
    {
      value: traj[0]![k]!,
      misconception: 'one-step-only',
      feedback: `That is the iterate after the first step; the question asks for ${p.steps} steps.`,
    },
    {
      value: adaptiveTrajectory(p, { frozenGradient: true })[p.steps - 1]![k]!,
      misconception: 'gradient-not-recomputed',
      feedback: 'The gradient changes as x moves: recompute g = c·x at every iterate.',
    },
    {
      value: sgd[k]!,
      misconception: 'plain-gradient-descent',
      feedback:
        'Plain gradient descent ignores the accumulated squared gradients that scale each step.',
    },
    ...(p.optimizer === 'adam'
      ? [
          {
            value: adaptiveTrajectory(p, { biasCorrection: false })[p.steps - 1]![k]!,
            misconception: 'no-bias-correction',
            feedback: 'Adam divides m_t and v_t by 1 − β₁ᵗ and 1 − β₂ᵗ before the update.',
          },
        ]
      : []),
    ...(p.optimizer === 'rmsprop'
      ? [
          {
            value: adaptiveTrajectory(p, { decay: 0 })[p.steps - 1]![k]!,
            misconception: 'no-running-average',
            feedback:
              'RMSProp keeps a running average of g²: s_t = ρ s_{t−1} + (1 − ρ) g_t², not just g_t².',
          },
        ]
      : []),
    ...(p.optimizer === 'adagrad'
      ? [
          {
            value: adaptiveTrajectory({ ...p, optimizer: 'rmsprop', decay: 0 })[p.steps - 1]![k]!,
            misconception: 'no-accumulation',
            feedback: 'AdaGrad adds up every squared gradient so far: s_t = s_{t−1} + g_t².',
          },
        ]
      : []),
  ];
}

export const adaptiveRun = defineTemplate<AdaptiveRunParams>({
  id: 'optimization.adaptive-run',
  topic: 'optimization',
  title: 'Several steps of AdaGrad, RMSProp or Adam',
  objective:
    'Run an adaptive optimizer for several steps on a quadratic, recomputing the gradient and updating the accumulated statistics at every step.',
  difficulty: 3,
  tags: ['optimizers', 'Adam', 'RMSProp', 'AdaGrad', 'bias correction'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    optimizer: param.choice('the optimizer', ['adagrad', 'rmsprop', 'adam']),
    x0: param.numberVector('start x₀ (1 or 2 coordinates)', [1, 2], [-100, 100], 0.01, {
      length: [1, 2],
      min: -1000,
      max: 1000,
      decimals: 4,
    }),
    curvature: param.numberVector(
      'cᵢ of f(x) = ½ Σ cᵢ xᵢ² (one per coordinate)',
      [1, 2],
      [0.01, 100],
      0.01,
      { length: [1, 2], min: 0, minExclusive: true, max: 1000, decimals: 4 },
    ),
    // The stem shows the hyperparameters to 8 decimals (ε = 1e-8 included).
    lr: param.number('learning rate α', [0.0001, 10], 0.0001, {
      min: 0,
      minExclusive: true,
      max: 100,
      decimals: 8,
    }),
    decay: param.number('RMSProp decay ρ', [0, 0.999], 0.001, DECAY),
    beta1: param.number('Adam β₁', [0, 0.999], 0.001, DECAY),
    beta2: param.number('Adam β₂', [0, 0.999], 0.001, DECAY),
    eps: param.number('ε (added outside the square root)', [0, 0.01], 1e-8, {
      min: 0,
      max: 1,
      decimals: 8,
    }),
    // Every step is a row of the table: at most 64.
    steps: param.int('number of steps (1–64)', [1, 64], { min: 1, max: 64 }),
    coord: param.int('coordinate asked for (numeric, single)', [1, 2], {
      integer: true,
      min: 1,
      max: 2,
    }),
  },
  constraints: [
    {
      description: 'x₀ and the curvatures have the same length, and the asked coordinate exists',
      check: (p) => p.x0.length === p.curvature.length && p.coord <= p.x0.length,
    },
    {
      description: 'with ε = 0 no coordinate starts at 0 (the first update would be 0/0)',
      check: (p) => p.eps > 0 || p.x0.every((x) => x !== 0),
    },
    {
      description:
        'every iterate is finite and within |x| ≤ 10⁶ (no 0/0 step with ε = 0, no runaway run)',
      check: (p) => adaptiveTrajectory(p).every((x) => x.every((xi) => Math.abs(xi) <= 1e6)),
    },
  ],
  sample(rng) {
    // Draw preferences: 2–4 steps (2–3 for Adam), small starts and curvatures, PyTorch defaults.
    const optimizer = rng.choice(['adagrad', 'rmsprop', 'adam'] as const);
    const dims = rng.int(1, 2);
    const x0 = Array.from({ length: dims }, () => rng.choice([-2, -1.5, -1, 1, 1.5, 2]));
    return {
      optimizer,
      x0,
      curvature: Array.from({ length: dims }, () => rng.choice([0.5, 1, 2, 4])),
      lr: rng.choice(optimizer === 'adagrad' ? [0.5, 1] : [0.1, 0.5]),
      decay: rng.choice([0.9, 0.5]),
      beta1: 0.9,
      beta2: 0.999,
      eps: rng.choice([0, 1e-8]),
      steps: optimizer === 'adam' ? rng.int(2, 3) : rng.int(2, 4),
      coord: rng.int(1, dims),
    };
  },
  /**
   * Effort: the operations of the run — per step and coordinate 4 for AdaGrad (gradient, square,
   * accumulate, update), 5 for RMSProp, 8 for Adam (two moments, two corrections) — over the asked
   * coordinate (coordinates are independent), every coordinate for the table; plus 1 for rounding.
   */
  effort(p, kind) {
    const perStep = p.optimizer === 'adagrad' ? 4 : p.optimizer === 'rmsprop' ? 5 : 8;
    return p.steps * perStep * (kind === 'table' ? p.x0.length : 1) + 1;
  },
  build(p, ctx) {
    const traj = adaptiveTrajectory(p);
    const k = p.coord - 1;
    const value = traj[p.steps - 1]![k]!;
    const data = stemData(p);
    const solution = runSolution(p, traj);
    if (ctx.kind === 'table') {
      const rows: TableCellSpec[][] = traj.map((x, t) => [
        { type: 'text', text: `step ${t + 1}` },
        ...x.map((xi): TableCellSpec => ({ type: 'numeric', value: xi, decimals: D })),
      ]);
      return {
        stem: ctx.render(TABLE_STEMS[0]!, data),
        solution,
        answer: {
          type: 'table',
          header: ['Step', ...p.x0.map((_, i) => (p.x0.length === 1 ? 'x' : `x${i + 1}`))],
          rows,
        },
      };
    }
    const distractors = runDistractors(p, traj, k);
    if (ctx.kind === 'single') {
      const key = f(value);
      if (
        new Set(
          distractors
            .filter((d) => Number.isFinite(d.value))
            .map((d) => f(d.value))
            .filter((s) => s !== key),
        ).size < 3
      )
        throw new GenerationError(
          'fewer than 3 distinct optimizer-run distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    return {
      stem: ctx.render(ctx.rng.choice(STEMS), data),
      solution,
      answer: { type: 'numeric', value, decimals: D, distractors },
    };
  },
  fixtures: [
    {
      id: 'optimization-adagrad-two-steps',
      params: {
        optimizer: 'adagrad',
        x0: [2],
        curvature: [1],
        lr: 1,
        decay: 0.9,
        beta1: 0.9,
        beta2: 0.999,
        eps: 0,
        steps: 2,
        coord: 1,
      },
      note: 'g = 2, s = 4, x = 2 − 2/2 = 1; g = 1, s = 5, x = 1 − 1/√5 ≈ 0.5528',
    },
    {
      id: 'optimization-adam-30-steps-from-minus-5-minus-2',
      params: {
        optimizer: 'adam',
        x0: [-5, -2],
        curvature: [1, 4],
        lr: 0.1,
        decay: 0.9,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        steps: 30,
        coord: 1,
      },
      note: 'the issue’s example: 30 Adam steps from (−5, −2); checked against a separate loop in the test',
    },
  ],
});
