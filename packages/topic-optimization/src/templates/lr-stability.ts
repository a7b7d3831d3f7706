import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { formatDecimal, sgdStep } from '@dlexam/math';
import type { Figure } from '@dlexam/types';
import { lineChartSvg } from '../svg.js';

/**
 * Gradient descent on the quadratic f(w) = ½·a·w²: each step multiplies w by (1 − αa), so it
 * converges iff 0 < α < 2/a, oscillates when αa > 1 and diverges when αa > 2. Shows numerically
 * what "learning rate too high" means.
 */
export type LrStabilityParams = {
  ask: 'max-lr' | 'iterate';
  curvature: number;
  lr: number;
  w0: number;
  steps: number;
};

const STEMS = {
  'max-lr': [
    "Gradient descent \\(w \\leftarrow w - \\alpha f'(w)\\) minimizes \\(f(w) = \\tfrac12 \\cdot {{a}}\\, w^2\\). Below which learning rate \\(\\alpha\\) does it converge to the minimum from every starting point? (The threshold itself oscillates forever.) Round to 4 decimals.",
    'For the loss \\(f(w) = \\tfrac{ {{a}} }{2} w^2\\), plain gradient descent with step size \\(\\alpha\\) converges only if \\(\\alpha\\) is below some limit. What is that limit? Round to 4 decimals.',
    "A one-parameter model has loss \\(f(w) = \\tfrac12 \\cdot {{a}}\\, w^2\\), trained by \\(w \\leftarrow w - \\alpha f'(w)\\). What is the largest learning rate bound \\(\\alpha_{\\max}\\) such that every \\(\\alpha < \\alpha_{\\max}\\) converges? Round to 4 decimals.",
  ],
  iterate: [
    "Gradient descent \\(w \\leftarrow w - \\alpha f'(w)\\) with \\(\\alpha = {{lr}}\\) minimizes \\(f(w) = \\tfrac12 \\cdot {{a}}\\, w^2\\), starting from \\(w_0 = {{w0}}\\). What is \\(w_{ {{t}} }\\)? Round to 4 decimals.",
    'Starting at \\(w_0 = {{w0}}\\), run {{t}} steps of gradient descent with learning rate {{lr}} on \\(f(w) = \\tfrac{ {{a}} }{2} w^2\\). Give \\(w_{ {{t}} }\\), rounded to 4 decimals.',
    'The loss \\(f(w) = \\tfrac12 \\cdot {{a}}\\, w^2\\) is minimized by gradient descent with \\(\\alpha = {{lr}}\\) from \\(w_0 = {{w0}}\\). Compute the parameter after {{t}} updates (round to 4 decimals).',
  ],
};

/** The answer, its wrong answers and the worked solution of one question. */
type StabilityAnswer = { value: number; distractors: NumericDistractor[]; solution: string };

/** The largest stable learning rate, 2/a. */
function maxLrAnswer(p: LrStabilityParams): StabilityAnswer {
  const a = p.curvature;
  const value = 2 / a;
  const distractors: NumericDistractor[] = [
    {
      value: 1 / a,
      misconception: 'threshold-one-over-a',
      feedback:
        'At α = 1/a one step lands exactly on the minimum; convergence continues (with oscillation) up to 2/a.',
    },
    {
      value: 2 * a,
      misconception: 'multiplied-by-curvature',
      feedback: 'You multiplied by the curvature; the step factor is 1 − αa, so the limit is 2/a.',
    },
    {
      value: a,
      misconception: 'used-curvature',
      feedback: 'The curvature itself is not the limit; |1 − αa| < 1 gives α < 2/a.',
    },
    {
      value: 1 / (2 * a),
      misconception: 'inverted-two',
      feedback: 'You divided by 2a; |1 − αa| < 1 gives α < 2/a.',
    },
  ];
  const solution = `Each step gives \\(w \\leftarrow w - \\alpha a w = (1 - \\alpha a)\\,w\\). It converges iff \\(|1 - \\alpha a| < 1\\), i.e. \\(0 < \\alpha < 2/a = 2/${formatDecimal(a, 3)} = ${formatDecimal(value, 4)}\\). For \\(1/a < \\alpha < 2/a\\) the iterates oscillate around 0 while shrinking; above \\(2/a\\) they grow: a learning rate that is too high overshoots and diverges.`;
  return { value, distractors, solution };
}

/** The iterate after the given number of steps, w₀·(1 − αa)^t. */
function iterateAnswer(p: LrStabilityParams, traj: number[]): StabilityAnswer {
  const a = p.curvature;
  const factor = 1 - p.lr * a;
  const value = traj[p.steps]!;
  const distractors: NumericDistractor[] = [
    {
      value: p.w0 * factor ** (p.steps - 1),
      misconception: 'one-step-short',
      feedback: `You applied ${p.steps - 1} steps instead of ${p.steps}.`,
    },
    {
      value: p.w0 * (1 + p.lr * a) ** p.steps,
      misconception: 'sign-error',
      feedback: 'You moved along the gradient (w + αaw) instead of against it.',
    },
    {
      value: p.w0 - p.steps * p.lr * a * p.w0,
      misconception: 'fixed-gradient',
      feedback:
        'You kept the gradient of the starting point; it must be recomputed at every new w.',
    },
    {
      value: p.w0 * (1 - p.lr) ** p.steps,
      misconception: 'forgot-curvature',
      feedback: `You used f'(w) = w; here f'(w) = ${formatDecimal(a, 3)}·w.`,
    },
  ];
  const behaviour =
    Math.abs(factor) > 1
      ? 'grows in magnitude — the learning rate is above 2/a and training diverges'
      : factor < 0
        ? 'flips sign every step while shrinking — oscillation, because αa > 1'
        : 'shrinks steadily toward 0';
  const solution = `\\(f'(w) = ${formatDecimal(a, 3)}\\,w\\), so each step multiplies \\(w\\) by \\(1 - \\alpha a = 1 - ${formatDecimal(p.lr, 4)}\\cdot${formatDecimal(a, 3)} = ${formatDecimal(factor, 8)}\\). Hence \\(w_{${p.steps}} = ${p.w0}\\cdot(${formatDecimal(factor, 8)})^{${p.steps}} = ${formatDecimal(value, 4)}\\): the iterate ${behaviour}.`;
  return { value, distractors, solution };
}

/** The run of the question (iterate), or three runs on either side of the thresholds (max-lr). */
function stabilityFigure(p: LrStabilityParams, traj: number[], factor: number): Figure {
  const title = 'Iterates of gradient descent on f(w) = ½·a·w²';
  // The threshold question shows a converging (αa = 0.5), an oscillating (1.5) and a diverging (2.2) run.
  const run = (c: number) => Array.from({ length: 9 }, (_, k) => Math.abs(p.w0 * (1 - c) ** k));
  return p.ask === 'iterate'
    ? {
        svg: lineChartSvg(
          [
            {
              title,
              xLabel: 'step',
              yLabel: '|w|',
              series: [{ values: traj.map((x) => Math.abs(x)), label: '|w|', color: '#1f77b4' }],
            },
          ],
          title,
        ),
        alt: `The magnitude of w over ${p.steps} steps, starting at ${Math.abs(p.w0)}; it ${Math.abs(factor) > 1 ? 'grows' : 'shrinks'} by a factor ${formatDecimal(Math.abs(factor), 4)} per step.`,
      }
    : {
        svg: lineChartSvg(
          [
            {
              title,
              xLabel: 'step',
              yLabel: '|w|',
              yMax: 3 * Math.abs(p.w0),
              legend: true,
              series: [
                { values: run(0.5), label: 'αa = 0.5', color: '#1f77b4' },
                { values: run(1.5), label: 'αa = 1.5', color: '#2ca02c', dash: '2 2' },
                { values: run(2.2), label: 'αa = 2.2', color: '#d62728', dash: '5 3' },
              ],
            },
          ],
          title,
        ),
        alt: 'Magnitude of w for three learning rates: αa = 0.5 shrinks smoothly, αa = 1.5 shrinks while w flips sign, αa = 2.2 grows without bound.',
      };
}

export const lrStability = defineTemplate<LrStabilityParams>({
  id: 'optimization.lr-stability',
  topic: 'optimization',
  title: 'Learning rate and stability of gradient descent',
  objective:
    'Relate the learning rate to convergence, oscillation and divergence of gradient descent on a quadratic.',
  difficulty: 2,
  tags: ['learning-rate', 'gradient-descent', 'training-dynamics'],
  kinds: ['numeric', 'single'],
  params: {
    ask: param.choice('stability threshold or iterate after t steps', ['max-lr', 'iterate']),
    curvature: param.choice('a in f(w) = ½aw²', [0.5, 1, 2, 4, 5, 8, 10], {
      min: 0,
      minExclusive: true,
      max: 1000,
      decimals: 3,
    }),
    lr: param.choice(
      'learning rate α (iterate)',
      [0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 1, 1.5],
      { min: 0, minExclusive: true, max: 100, decimals: 4 },
    ),
    w0: param.choice('starting point w₀', [-2, -1, 1, 2, 3], {
      min: -1000,
      max: 1000,
      decimals: 3,
    }),
    steps: param.int('number of steps t (iterate)', [2, 6], { min: 1, max: 64 }),
  },
  constraints: [
    {
      description:
        'the iterate stays within |w| ≤ 10⁶ (a diverging run has no answer to 4 decimals)',
      check: (p) => Math.abs(p.w0 * (1 - p.lr * p.curvature) ** p.steps) <= 1e6,
      params: ['w0', 'lr', 'curvature', 'steps'],
    },
    {
      description: 'αa ≠ 1 (one-step convergence makes a dull question) and αa ≤ 3',
      check: (p) => p.lr * p.curvature !== 1 && p.lr * p.curvature <= 3,
      prefer: true,
      params: ['lr', 'curvature'],
    },
    {
      description: 'iterates stay below 1000 in magnitude',
      check: (p) => Math.abs(p.w0 * (1 - p.lr * p.curvature) ** p.steps) < 1000,
      prefer: true,
      params: ['w0', 'lr', 'curvature', 'steps'],
    },
  ],
  /**
   * Effort: the threshold 2/a is one step of reasoning and a division; an iterate is a factor
   * (1 − ηa) raised to the number of steps times w₀ (2 per step), plus 1 for rounding.
   */
  effort(p) {
    return p.ask === 'max-lr' ? 3 : 2 * p.steps + 2;
  },
  build(p, ctx) {
    const a = p.curvature;
    const factor = 1 - p.lr * a;
    const data = { a: formatDecimal(a, 3), lr: formatDecimal(p.lr, 4), w0: p.w0, t: p.steps };
    const stem = ctx.render(ctx.rng.choice(STEMS[p.ask]), data);
    let w = [p.w0];
    const traj = [p.w0];
    for (let k = 0; k < p.steps; k++) {
      w = sgdStep(w, [a * w[0]!], p.lr);
      traj.push(w[0]!);
    }
    const { value, distractors, solution } =
      p.ask === 'max-lr' ? maxLrAnswer(p) : iterateAnswer(p, traj);
    const figure = stabilityFigure(p, traj, factor);
    return { stem, solution, figure, answer: { type: 'numeric', value, decimals: 4, distractors } };
  },
  fixtures: [
    {
      id: 'T-lr-diverges',
      params: { ask: 'iterate', curvature: 5, lr: 0.5, w0: 1, steps: 3 },
      note: 'αa = 2.5: each step multiplies w by −1.5, so w₃ = −3.375 (divergence)',
    },
  ],
});
