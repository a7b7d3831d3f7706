import { param } from '@dlexam/generator';
import { formatDecimal } from '@dlexam/math';
import { defineBankTemplate, type BankParams } from '../bank.js';
import { lineChartSvg } from '../svg.js';

/**
 * What a too-high or too-low learning rate does (seed 000). The figure shows gradient descent on
 * f(w) = ½·a·w² from w₀ = 1, whose loss after t steps is exactly ½·a·(1 − αa)^{2t}: the variant's
 * own α·a values decide whether the curve diverges, oscillates, crawls or converges.
 */
export type LearningRateBehaviourParams = BankParams & {
  /** α·a of the well-chosen run (in (0, 1]). */
  goodRate: number;
  /** α·a of the badly chosen run: > 2 diverges (too high), < 0.1 crawls (too low). */
  badRate: number;
};

const TOO_HIGH = {
  stems: [
    'What could happen if the learning rate is set too high during the training of a neural network?',
    'A neural network is trained with gradient descent and a learning rate that is much too large. Which statement describes what can happen?',
    'The figure compares two runs of gradient descent on the same quadratic loss; the dashed run uses a learning rate that is too high. Which statement is true of a too-high learning rate?',
  ],
  trueStatements: [
    {
      text: 'The model may overshoot the optimal solution, resulting in unstable training.',
      feedback:
        'Steps larger than the curvature allows jump past the minimum, so the loss oscillates or grows.',
    },
    {
      text: 'The loss may oscillate from step to step or even diverge to infinity (NaN).',
      feedback:
        'Each step overshoots by more than it corrects, so the error can grow geometrically.',
    },
    {
      text: 'Gradient descent can bounce across a narrow valley instead of settling to its bottom.',
      feedback:
        'Along a high-curvature direction a large step lands on the other side of the valley.',
    },
    {
      text: 'Training may fail to converge even though a smaller step size would converge from the same start.',
      feedback:
        'Convergence of gradient descent requires the step size to be below a curvature-dependent limit.',
    },
  ],
  falseStatements: [
    {
      text: 'The model will converge too slowly and may not reach the optimal solution.',
      misconception: 'high-lr-is-slow',
      feedback: 'Slow convergence is the symptom of a learning rate that is too LOW.',
    },
    {
      text: 'The model will converge to a local minimum but may take a long time to do so.',
      misconception: 'high-lr-is-slow',
      feedback: 'A large learning rate does not make training slow; it makes it unstable.',
    },
    {
      text: 'The model will train successfully but may have higher bias.',
      misconception: 'lr-controls-bias',
      feedback:
        'The learning rate is an optimization setting; a too-high value breaks convergence rather than adding bias.',
    },
    {
      text: 'A higher learning rate always reaches a lower final loss, because each step makes more progress.',
      misconception: 'bigger-step-always-better',
      feedback:
        'Past the stability limit, larger steps overshoot and the loss gets worse, not better.',
    },
    {
      text: 'The learning rate only changes the training time, never whether training converges.',
      misconception: 'lr-only-speed',
      feedback: 'Too large a learning rate can make gradient descent diverge.',
    },
  ],
  explanation:
    'In the figure, the run with \\(\\alpha a = {{bad}}\\) has \\(|1-\\alpha a| = {{badFactor}}\\) per step: {{badWhat}}; the run with \\(\\alpha a = {{good}}\\) shrinks the error by the factor {{goodFactor}} each step.',
};

const TOO_LOW = {
  stems: [
    'What is most likely to happen if the learning rate is set too low during the training of a neural network?',
    'A neural network is trained with a learning rate that is much too small. Which statement describes what can happen?',
    'The figure compares two runs of gradient descent on the same quadratic loss; the dashed run uses a learning rate that is too low. Which statement is true of a too-low learning rate?',
  ],
  trueStatements: [
    {
      text: 'The model will converge too slowly and may not reach the optimal solution within the training budget.',
      feedback: 'Each step changes the weights very little, so many more iterations are needed.',
    },
    {
      text: 'The loss decreases smoothly but very slowly, and training can stall on plateaus.',
      feedback:
        'Tiny steps are stable but make little progress, especially where gradients are small.',
    },
    {
      text: 'Reaching the same loss needs many more iterations than with a well-chosen learning rate.',
      feedback:
        'Progress per step is roughly proportional to the step size when the step is small.',
    },
  ],
  falseStatements: [
    {
      text: 'The model may overshoot the optimal solution, resulting in unstable training.',
      misconception: 'low-lr-overshoots',
      feedback: 'Overshooting and instability come from a learning rate that is too HIGH.',
    },
    {
      text: 'The loss will oscillate wildly and diverge to NaN.',
      misconception: 'low-lr-diverges',
      feedback: 'Divergence is the symptom of too large a step, not too small a one.',
    },
    {
      text: 'The model will always reach a better minimum, since small steps never get stuck.',
      misconception: 'small-lr-always-better',
      feedback:
        'Small steps can get stuck on plateaus and in poor regions; they are not guaranteed to find better minima.',
    },
    {
      text: 'A low learning rate increases the number of trainable parameters the model can use.',
      misconception: 'lr-changes-capacity',
      feedback: 'The learning rate does not change the model or its parameter count.',
    },
  ],
  explanation:
    'In the figure, the run with \\(\\alpha a = {{bad}}\\) keeps a fraction {{badFactor}} of its error each step and crawls; the run with \\(\\alpha a = {{good}}\\) keeps only {{goodFactor}}.',
};

const LOW_RATES = [0.02, 0.04, 0.05];
const HIGH_RATES = [1.8, 1.9, 2.05, 2.1, 2.2];

const curves = new Map<string, number[]>();
/** The loss ½(1 − αa)^{2t} for t = 0..steps; a few rates recur, so each curve is computed once. */
function lossCurve(rate: number, steps: number): number[] {
  const key = `${rate}/${steps}`;
  let curve = curves.get(key);
  if (!curve) {
    curve = Array.from({ length: steps + 1 }, (_, t) => 0.5 * (1 - rate) ** (2 * t));
    if (curves.size < 256) curves.set(key, curve);
  }
  return curve;
}

export const learningRateBehaviour = defineBankTemplate<LearningRateBehaviourParams>({
  id: 'optimization.learning-rate-behaviour',
  title: 'Learning rate too high or too low',
  objective:
    'Describe how a too-high or too-low learning rate shows in training (overshoot and divergence vs slow progress).',
  difficulty: 1,
  tags: ['learning-rate', 'training-dynamics', 'seed-000'],
  mode: 'single',
  scenarios: { high: TOO_HIGH, low: TOO_LOW },
  extraParams: {
    // Converges without sign flips: 0 < α·a ≤ 1; the stem shows it to 2 decimals.
    goodRate: param.number('α·a of the well-chosen run', [0.3, 1], 0.1, {
      min: 0,
      minExclusive: true,
      max: 1,
      decimals: 2,
    }),
    // Up to 10: beyond, the figure's curve leaves the plot after one step either way.
    badRate: param.choice('α·a of the badly chosen run', [...LOW_RATES, ...HIGH_RATES], {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 2,
    }),
  },
  sampleExtra(rng, scenario) {
    return {
      goodRate: rng.int(3, 10) / 10,
      badRate: rng.choice(scenario === 'high' ? HIGH_RATES : LOW_RATES),
    };
  },
  constraints: [
    {
      description:
        'the dashed run matches the scenario (α·a > 1.5 when too high, < 0.1 when too low)',
      check: (p) => (p.scenario === 'high' ? p.badRate > 1.5 : p.badRate < 0.1),
    },
    {
      description:
        'the solid run converges faster than the dashed one (|1 − α·a| smaller per step)',
      check: (p) => Math.abs(1 - p.goodRate) < Math.abs(1 - p.badRate),
    },
  ],
  data(p) {
    const badFactor = Math.abs(1 - p.badRate);
    return {
      bad: formatDecimal(p.badRate, 2),
      good: formatDecimal(p.goodRate, 2),
      badFactor: formatDecimal(badFactor, 2),
      goodFactor: formatDecimal(Math.abs(1 - p.goodRate), 2),
      badWhat:
        badFactor > 1
          ? 'the sign flips and the error GROWS, so the loss diverges'
          : badFactor === 1
            ? 'the sign flips every step and the error never shrinks, so the loss stays where it started'
            : 'the sign flips every step and the loss oscillates while decaying only slowly',
    };
  },
  figure(p) {
    const steps = 20;
    const good = lossCurve(p.goodRate, steps);
    const bad = lossCurve(p.badRate, steps);
    const title = 'Loss of gradient descent on f(w) = ½·a·w² from w₀ = 1';
    return {
      svg: lineChartSvg(
        [
          {
            title,
            xLabel: 'iteration',
            yLabel: 'loss',
            yMax: 1,
            legend: true,
            series: [
              { values: good, label: `α·a = ${formatDecimal(p.goodRate, 2)}`, color: '#1f77b4' },
              {
                values: bad,
                label: `α·a = ${formatDecimal(p.badRate, 2)}`,
                color: '#d62728',
                dash: '5 3',
              },
            ],
          },
        ],
        title,
      ),
      alt: `Two loss curves over ${steps} iterations. Solid, α·a = ${formatDecimal(p.goodRate, 2)}: the loss falls quickly toward 0. Dashed, α·a = ${formatDecimal(p.badRate, 2)}: ${
        p.badRate > 2
          ? 'the loss grows every step (divergence).'
          : p.badRate === 2
            ? 'the loss stays at its starting value while the iterate flips sign.'
            : p.badRate > 1
              ? 'the loss decays slowly while the iterate oscillates around the minimum.'
              : 'the loss decreases only very slowly.'
      }`,
    };
  },
  fixtures: [
    {
      id: 'S000-mc-learning-rate',
      params: { scenario: 'high', trueIdx: [0], falseIdx: [0, 1, 2], goodRate: 0.5, badRate: 2.1 },
      note: 'seed 000: correct C (overshoot, unstable); distractors A, B, D',
    },
  ],
});
