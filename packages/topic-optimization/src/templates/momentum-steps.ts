import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import {
  formatDecimal,
  momentumStep,
  sgdStep,
  type MomentumConvention,
  type Vector,
} from '@dlexam/math';

/**
 * k steps of momentum on the quadratic f(x) = ½(c₁x₁² + c₂x₂²), whose gradient is (c₁x₁, c₂x₂):
 * the gradient changes as x moves, so the student must recompute it at every step (seed 002).
 */
export type MomentumStepsParams = {
  x0: number[];
  curvature: number[];
  lr: number;
  rho: number;
  steps: number;
  convention: MomentumConvention;
  /** Which coordinate (1-based) the numeric question asks for. */
  coord: number;
};

const grad = (x: Vector, c: Vector) => x.map((xi, i) => c[i]! * xi);

/** The trajectory x_1..x_k (and velocities) of the stated momentum rule from v₀ = 0. */
export function momentumTrajectory(p: MomentumStepsParams, convention = p.convention) {
  let x = p.x0.slice();
  let v = x.map(() => 0);
  const out: { g: Vector; v: Vector; x: Vector }[] = [];
  for (let t = 0; t < p.steps; t++) {
    const g = grad(x, p.curvature);
    ({ x, v } = momentumStep(x, v, g, { lr: p.lr, momentum: p.rho, convention }));
    out.push({ g, v, x });
  }
  return out;
}

const RULE: Record<MomentumConvention, string> = {
  pytorch:
    '\\[v_{t+1} = \\rho\\, v_t + \\nabla f(x_t), \\qquad x_{t+1} = x_t - \\alpha\\, v_{t+1}\\]',
  ema: '\\[v_{t+1} = \\beta\\, v_t + (1-\\beta)\\,\\nabla f(x_t), \\qquad x_{t+1} = x_t - \\alpha\\, v_{t+1}\\]',
};
const NOTE: Record<MomentumConvention, string> = {
  pytorch: 'This is the form PyTorch implements as `SGD(momentum=ρ, dampening=0)`.',
  ema: 'Here the velocity is an exponential moving average of the gradients.',
};
const SYMBOL: Record<MomentumConvention, string> = { pytorch: '\\rho', ema: '\\beta' };

const NONZERO = [-3, -2, -1, 1, 2, 3];

/** The longest run a pin may ask for (every step is a line of the solution, a row of the table). */
const MAX_STEPS = 64;

const STEMS = [
  'Minimise \\(f(x) = \\tfrac12\\left({{c1}}\\,x_1^2 + {{c2}}\\,x_2^2\\right)\\) with gradient descent with momentum, using the update\n{{rule}}\n{{note}} Start from \\(x_0 = {{x0}}\\) with \\(v_0 = 0\\), \\(\\alpha = {{lr}}\\) and \\({{sym}} = {{rho}}\\). What is {{target}} after {{steps}} steps? Round to 4 decimals.',
  'A parameter vector starts at \\(x_0 = {{x0}}\\) and is trained on \\(f(x) = \\tfrac12\\left({{c1}}\\,x_1^2 + {{c2}}\\,x_2^2\\right)\\) (so \\(\\nabla f(x) = ({{c1}}x_1,\\ {{c2}}x_2)\\)) with the momentum update\n{{rule}}\n{{note}} With \\(v_0 = 0\\), learning rate \\(\\alpha = {{lr}}\\) and \\({{sym}} = {{rho}}\\), compute {{target}} after {{steps}} updates. Round to 4 decimals.',
  'Run {{steps}} steps of momentum\n{{rule}}\n{{note}} on \\(f(x) = \\tfrac12\\left({{c1}}\\,x_1^2 + {{c2}}\\,x_2^2\\right)\\) from \\(x_0 = {{x0}}\\), \\(v_0 = 0\\), with \\(\\alpha = {{lr}}\\), \\({{sym}} = {{rho}}\\). Give {{target}} (round to 4 decimals).',
];

type Trajectory = ReturnType<typeof momentumTrajectory>;

// Same text as the `{{dec x 4}}` helper, without a handlebars render per number.
const f = (x: number) => formatDecimal(x, 4);
const vec = (v: Vector) => `(${v.map(f).join(',\\ ')})`;

/** The worked steps: gradient, velocity and position of every step, each vector formatted once. */
function solutionLines(p: MomentumStepsParams, traj: Trajectory): string[] {
  const mul = p.convention === 'pytorch' ? '' : `(1-${p.rho})\\,`;
  // Each vector is written twice (as a result, then as the next step's input): format it once.
  let prevV = vec(p.x0.map(() => 0));
  let prevX = vec(p.x0);
  return traj.map((s, t) => {
    const g = vec(s.g);
    const v = vec(s.v);
    const x = vec(s.x);
    const line =
      `- Step ${t + 1}: \\(\\nabla f(x_{${t}}) = ${g}\\), ` +
      `\\(v_{${t + 1}} = ${p.rho}\\cdot${prevV} + ${mul}${g} = ${v}\\), ` +
      `\\(x_{${t + 1}} = ${prevX} - ${p.lr}\\cdot${v} = ${x}\\)`;
    prevV = v;
    prevX = x;
    return line;
  });
}

/** Wrong answers for coordinate i (numeric kinds only; the table kind shows none). */
function momentumDistractors(
  p: MomentumStepsParams,
  traj: Trajectory,
  i: number,
): NumericDistractor[] {
  const other: MomentumConvention = p.convention === 'pytorch' ? 'ema' : 'pytorch';
  // Mistakes: the other convention; plain GD; one step fewer; velocity from the old v (x updated before v).
  let gx = p.x0.slice();
  for (let t = 0; t < p.steps; t++) gx = sgdStep(gx, grad(gx, p.curvature), p.lr);
  let ox = p.x0.slice();
  let ov = ox.map(() => 0);
  for (let t = 0; t < p.steps; t++) {
    const g = grad(ox, p.curvature);
    ox = ox.map((xj, j) => xj - p.lr * ov[j]!);
    ov = ov.map((vj, j) =>
      p.convention === 'pytorch' ? p.rho * vj + g[j]! : p.rho * vj + (1 - p.rho) * g[j]!,
    );
  }
  const signFlip = p.x0.slice();
  let sv = signFlip.map(() => 0);
  let sx = signFlip;
  for (let t = 0; t < p.steps; t++) {
    const g = grad(sx, p.curvature);
    sv = sv.map((vj, j) =>
      p.convention === 'pytorch' ? p.rho * vj + g[j]! : p.rho * vj + (1 - p.rho) * g[j]!,
    );
    sx = sx.map((xj, j) => xj + p.lr * sv[j]!);
  }
  return [
    {
      value: momentumTrajectory(p, other)[p.steps - 1]!.x[i]!,
      misconception: 'wrong-momentum-convention',
      feedback:
        p.convention === 'pytorch'
          ? 'You averaged the gradient as βv + (1−β)g; the stated rule adds the full gradient to ρv.'
          : 'You added the full gradient to ρv; the stated rule averages it as βv + (1−β)g.',
    },
    {
      value: gx[i]!,
      misconception: 'ignored-momentum',
      feedback: 'You ran plain gradient descent and ignored the velocity.',
    },
    {
      value: p.steps > 1 ? traj[p.steps - 2]!.x[i]! : p.x0[i]!,
      misconception: 'one-step-short',
      feedback: `You stopped after ${p.steps - 1} steps instead of ${p.steps}.`,
    },
    {
      value: ox[i]!,
      misconception: 'stale-velocity',
      feedback:
        'You moved x with the old velocity before updating it; the rule moves x with the new velocity.',
    },
    {
      value: sx[i]!,
      misconception: 'sign-error',
      feedback: 'You moved along the gradient (x + αv) instead of against it.',
    },
  ];
}

export const momentumSteps = defineTemplate<MomentumStepsParams>({
  id: 'optimization.momentum-steps',
  topic: 'optimization',
  title: 'Gradient descent with momentum, step by step',
  objective:
    'Apply the momentum update for several steps, recomputing the gradient at each new point.',
  difficulty: 2,
  tags: ['optimizers', 'momentum', 'seed-002'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    x0: param.intVector('starting point', [2, 2], [-3, 3], {
      length: [2, 2],
      min: -100,
      max: 100,
      decimals: 3,
    }),
    curvature: param.intVector('c₁, c₂ of f(x) = ½(c₁x₁² + c₂x₂²)', [2, 2], [1, 4], {
      length: [2, 2],
      min: 0,
      max: 100,
      decimals: 3,
    }),
    lr: param.number('learning rate α', [0.05, 0.25], 0.05, {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 4,
    }),
    rho: param.choice('momentum coefficient ρ or β', [0.5, 0.8, 0.9], {
      min: 0,
      max: 1,
      maxExclusive: true,
      decimals: 3,
    }),
    steps: param.int('number of updates', [2, 3], { min: 1, max: MAX_STEPS }),
    convention: param.choice('v ← ρv + g (PyTorch) or v ← βv + (1−β)g', ['pytorch', 'ema']),
    coord: param.int('coordinate asked for (numeric kinds)', [1, 2], {
      integer: true,
      min: 1,
      max: 2,
    }),
  },
  constraints: [
    {
      description: `the run stays within |x| ≤ 10⁶ (a diverging run has no answer to 4 decimals)`,
      check: (p) => momentumTrajectory(p).every((s) => s.x.every((x) => Math.abs(x) <= 1e6)),
      params: ['x0', 'curvature', 'lr', 'rho', 'steps', 'convention'],
    },
    {
      description: 'the starting point has no zero coordinate',
      check: (p) => p.x0.every((x) => x !== 0),
      prefer: true,
      params: ['x0'],
    },
  ],
  // The schema's draws, with the starting coordinates drawn from the non-zero values directly.
  sample(rng) {
    return {
      x0: [rng.choice(NONZERO), rng.choice(NONZERO)],
      curvature: rng.intVector(2, 1, 4),
      lr: rng.stepped(0.05, 0.25, 0.05),
      rho: rng.choice([0.5, 0.8, 0.9]),
      steps: rng.int(2, 3),
      convention: rng.choice(['pytorch', 'ema'] as const),
      coord: rng.int(1, 2),
    };
  },
  /**
   * Effort: per update and coordinate 5 operations (gradient, velocity, position), for the asked
   * coordinate (coordinates are independent) or both in the table; plus 1 for rounding.
   */
  effort(p, kind) {
    return p.steps * 5 * (kind === 'table' ? p.x0.length : 1) + 1;
  },
  build(p, ctx) {
    const traj = momentumTrajectory(p);
    const i = p.coord - 1;
    const answer = traj[traj.length - 1]!.x[i]!;
    const lines = solutionLines(p, traj);
    const data = {
      c1: p.curvature[0],
      c2: p.curvature[1],
      rule: RULE[p.convention],
      note: NOTE[p.convention],
      x0: `(${p.x0.join(',\\ ')})`,
      lr: p.lr,
      rho: p.rho,
      sym: SYMBOL[p.convention],
      steps: p.steps,
      target:
        ctx.kind === 'table'
          ? 'each coordinate of \\(x_t\\) after every step'
          : `the coordinate \\(x_${p.coord}\\)`,
    };
    const stem = ctx.render(ctx.rng.choice(STEMS), data);
    const solution = [
      `The gradient is \\(\\nabla f(x) = (${p.curvature[0]}x_1,\\ ${p.curvature[1]}x_2)\\); recompute it at every new point.`,
      lines.join('\n'),
      `So \\(x_${p.coord} = ${f(answer)}\\) after ${p.steps} steps.`,
    ].join('\n\n');
    if (ctx.kind === 'table') {
      return {
        stem,
        solution,
        answer: {
          type: 'table',
          header: ['step t', 'x₁ after step t', 'x₂ after step t'],
          rows: traj.map((s, t) => [
            { type: 'text', text: String(t + 1) },
            { type: 'numeric', value: s.x[0]!, decimals: 4 },
            { type: 'numeric', value: s.x[1]!, decimals: 4 },
          ]),
        },
      };
    }
    return {
      stem,
      solution,
      answer: {
        type: 'numeric',
        value: answer,
        decimals: 4,
        distractors: momentumDistractors(p, traj, i),
      },
    };
  },
  fixtures: [
    {
      id: 'S002-momentum',
      params: {
        x0: [1, -2],
        curvature: [1, 3],
        lr: 0.1,
        rho: 0.9,
        steps: 2,
        convention: 'pytorch',
        coord: 1,
      },
      note: 'x₁: v₁ = 1, x₁ = 0.9; v₂ = 0.9·1 + 0.9 = 1.8, x₂ = 0.9 − 0.18 = 0.72 (PyTorch SGD(momentum=0.9, dampening=0))',
    },
  ],
});
