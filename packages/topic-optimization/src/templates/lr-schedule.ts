import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { formatDecimal, scheduledLr, texScientific, type ScheduleKind } from '@dlexam/math';
import { lineChartSvg } from '../svg.js';

/** The learning rate of a step, exponential or cosine schedule at a given epoch. */
export type LrScheduleParams = {
  schedule: ScheduleKind;
  lr0: number;
  /** step and exponential: the decay factor γ (1 for cosine, unused). */
  gamma: number;
  /** step: epochs between decays (1 otherwise, unused). */
  stepSize: number;
  /** cosine: T_max (1 otherwise, unused). */
  tMax: number;
  /** cosine: η_min (0 otherwise). */
  lrMin: number;
  epoch: number;
};

const RULES: Record<ScheduleKind, string> = {
  step: 'a step schedule (PyTorch `StepLR`): the learning rate is multiplied by \\(\\gamma = {{gamma}}\\) every {{stepSize}} epochs, i.e. \\(\\eta_e = \\eta_0\\, \\gamma^{\\lfloor e / {{stepSize}} \\rfloor}\\)',
  exponential:
    'an exponential schedule (PyTorch `ExponentialLR`): \\(\\eta_e = \\eta_0\\, \\gamma^{e}\\) with \\(\\gamma = {{gamma}}\\)',
  cosine:
    'cosine annealing (PyTorch `CosineAnnealingLR`, closed form): \\(\\eta_e = \\eta_{\\min} + \\tfrac12(\\eta_0 - \\eta_{\\min})\\left(1 + \\cos\\frac{\\pi e}{T_{\\max}}\\right)\\) with \\(T_{\\max} = {{tMax}}\\) and \\(\\eta_{\\min} = {{lrMin}}\\)',
};

const STEMS = [
  'A network is trained with initial learning rate \\(\\eta_0 = {{lr0}}\\) and {{rule}}. Epochs are counted from \\(e = 0\\) (where \\(\\eta = \\eta_0\\)). What is the learning rate used in epoch \\(e = {{epoch}}\\)? Give 3 significant figures.',
  'The learning rate follows {{rule}}, starting from \\(\\eta_0 = {{lr0}}\\) at epoch \\(e = 0\\). Compute \\(\\eta_{ {{epoch}} }\\) to 3 significant figures.',
  'Learning-rate schedule: \\(\\eta_0 = {{lr0}}\\), then {{rule}} (the first epoch is \\(e = 0\\)). Which learning rate does the optimizer use at epoch {{epoch}}? Answer to 3 significant figures.',
];

/** Six decimals (every drawn rate is ≥ 10⁻⁶); a smaller pinned rate in scientific notation. */
function rateText(x: number): string {
  return x === 0 || Math.abs(x) >= 1e-6 ? formatDecimal(x, 6) : texScientific(x, 4);
}

/** The worked line of the solution and the wrong answers of one schedule family. */
type ScheduleWork = { work: string; distractors: NumericDistractor[] };

/** Step decay: ⌊e/step⌋ decays have happened. */
function stepWork(p: LrScheduleParams, lr: number): ScheduleWork {
  const k = Math.floor(p.epoch / p.stepSize);
  const work = `\\(\\lfloor ${p.epoch}/${p.stepSize} \\rfloor = ${k}\\) decays have happened, so \\(\\eta = ${p.lr0} \\cdot ${p.gamma}^{${k}} = ${rateText(lr)}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: p.lr0 * p.gamma ** (k + 1),
      misconception: 'rounded-up-decays',
      feedback:
        'You rounded e/step up; a decay only happens once a full step of epochs has passed (floor).',
    },
    {
      value: p.lr0 * p.gamma ** (p.epoch / p.stepSize),
      misconception: 'no-floor',
      feedback:
        'You used the fractional exponent e/step; the step schedule only changes at whole multiples of the step size.',
    },
    {
      value: p.lr0 * p.gamma ** p.epoch,
      misconception: 'decayed-every-epoch',
      feedback: 'You decayed every epoch; the step schedule decays once every step-size epochs.',
    },
    {
      value: p.lr0 * p.gamma * k,
      misconception: 'multiplied-by-count',
      feedback: 'You multiplied γ by the number of decays instead of raising γ to that power.',
    },
  ];
  return { work, distractors };
}

/** Exponential decay: γ^e. */
function exponentialWork(p: LrScheduleParams, lr: number): ScheduleWork {
  const work = `\\(\\eta = ${p.lr0} \\cdot ${p.gamma}^{${p.epoch}} = ${rateText(lr)}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: p.lr0 * p.gamma ** (p.epoch - 1),
      misconception: 'off-by-one-epoch',
      feedback: 'You used e − 1 decays; epoch 0 is undecayed, so epoch e has γ^e.',
    },
    {
      value: p.lr0 * p.gamma ** (p.epoch + 1),
      misconception: 'off-by-one-epoch',
      feedback: 'You used e + 1 decays; epoch e has exactly γ^e.',
    },
    {
      value: p.lr0 * (1 - (1 - p.gamma) * p.epoch),
      misconception: 'linear-decay',
      feedback:
        'You decreased the rate linearly; the exponential schedule multiplies by γ every epoch.',
    },
    {
      value: p.lr0 * Math.exp(-p.gamma * p.epoch),
      misconception: 'exp-of-gamma',
      feedback: 'You computed e^{−γe}; the schedule is η₀·γ^e.',
    },
  ];
  return { work, distractors };
}

/** Cosine annealing in closed form. */
function cosineWork(p: LrScheduleParams, lr: number): ScheduleWork {
  const c = Math.cos((Math.PI * p.epoch) / p.tMax);
  const work = `\\(\\cos(\\pi \\cdot ${p.epoch}/${p.tMax}) = ${formatDecimal(c, 4)}\\), so \\(\\eta = ${p.lrMin} + \\tfrac12(${p.lr0} - ${p.lrMin})(1 + ${formatDecimal(c, 4)}) = ${rateText(lr)}\\).`;
  const distractors: NumericDistractor[] = [
    {
      value: p.lrMin + (p.lr0 - p.lrMin) * (1 + c),
      misconception: 'forgot-half',
      feedback: 'You forgot the factor ½; at e = 0 the rate must equal η₀, not 2η₀.',
    },
    {
      value: p.lrMin + 0.5 * (p.lr0 - p.lrMin) * (1 - c),
      misconception: 'one-minus-cos',
      feedback: 'You used 1 − cos; that schedule would start at η_min and rise.',
    },
    {
      value: p.lrMin + 0.5 * (p.lr0 - p.lrMin) * (1 + Math.cos((180 * p.epoch) / p.tMax)),
      misconception: 'degrees-vs-radians',
      feedback:
        'You evaluated the cosine of 180·e/T_max radians; the angle is π·e/T_max radians (180·e/T_max degrees).',
    },
    {
      value: p.lr0 * (1 - p.epoch / p.tMax),
      misconception: 'linear-decay',
      feedback: 'You decayed linearly to 0; cosine annealing follows half a cosine wave.',
    },
    {
      value: 0.5 * p.lr0 * (1 + c),
      misconception: 'ignored-lr-min',
      feedback: 'You ignored η_min.',
    },
  ];
  return { work, distractors };
}

export const lrSchedule = defineTemplate<LrScheduleParams>({
  id: 'optimization.lr-schedule',
  topic: 'optimization',
  title: 'Learning-rate schedules',
  objective: 'Evaluate a step, exponential or cosine learning-rate schedule at a given epoch.',
  difficulty: 1,
  tags: ['learning-rate', 'schedules'],
  kinds: ['numeric', 'single'],
  params: {
    schedule: param.choice('schedule family', ['step', 'exponential', 'cosine']),
    lr0: param.choice('initial learning rate η₀', [1, 0.5, 0.2, 0.1, 0.05, 0.01], {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 5,
    }),
    gamma: param.choice(
      'decay factor γ (1 when unused)',
      [0.1, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 1],
      { min: 0, minExclusive: true, max: 1, decimals: 4 },
    ),
    stepSize: param.int('epochs between decays (step; 1 when unused)', [1, 30], {
      min: 1,
      max: 1000,
    }),
    tMax: param.int('cosine period T_max (1 when unused)', [1, 200], { min: 1, max: 1000 }),
    lrMin: param.choice('cosine floor η_min (0 when unused)', [0, 0.001, 0.01], {
      min: 0,
      max: 10,
      decimals: 5,
    }),
    epoch: param.int('epoch asked for', [1, 200], { min: 0, max: 1000 }),
  },
  constraints: [
    {
      description:
        'unused schedule settings hold their neutral values (γ = 1 and step 1 for cosine; T_max = 1 and η_min = 0 otherwise; step 1 unless step decay)',
      check: (p) =>
        (p.schedule === 'cosine'
          ? p.gamma === 1 && p.stepSize === 1
          : p.tMax === 1 && p.lrMin === 0) &&
        (p.schedule === 'step' || p.stepSize === 1),
      params: ['schedule', 'gamma', 'stepSize', 'tMax', 'lrMin'],
    },
    {
      description: 'a cosine schedule asks for an epoch within its period and has η_min ≤ η₀',
      check: (p) => p.schedule !== 'cosine' || (p.epoch <= p.tMax && p.lrMin <= p.lr0),
      params: ['schedule', 'epoch', 'tMax', 'lrMin', 'lr0'],
    },
    {
      description:
        'the learning rate asked for is at least 10⁻¹⁰ (so 3 significant figures of it can be graded)',
      check: (p) =>
        scheduledLr(
          {
            kind: p.schedule as ScheduleKind,
            lr0: p.lr0,
            gamma: p.gamma,
            stepSize: p.stepSize,
            tMax: p.tMax,
            lrMin: p.lrMin,
          },
          p.epoch,
        ) >= 1e-10,
      params: ['schedule', 'lr0', 'gamma', 'stepSize', 'tMax', 'lrMin', 'epoch'],
    },
    {
      description:
        'decays are real and visible (γ < 1 outside cosine; step: step size ≥ 2 and γ ≤ 0.5; exponential: γ ≥ 0.8)',
      check: (p) =>
        (p.schedule === 'cosine' || p.gamma < 1) &&
        (p.schedule !== 'step' || (p.stepSize >= 2 && p.gamma <= 0.5)) &&
        (p.schedule !== 'exponential' || p.gamma >= 0.8),
      prefer: true,
      params: ['schedule', 'gamma', 'stepSize'],
    },
    {
      prefer: true,
      params: ['schedule', 'epoch', 'stepSize', 'tMax', 'lrMin', 'lr0'],
      description:
        'the epoch fits the schedule (cosine: 0 < e < T_max; step: a decay has happened and the epoch is not a multiple of the step size; exponential: e ≤ 60)',
      check: (p) =>
        p.schedule === 'cosine'
          ? p.tMax >= 10 && p.epoch < p.tMax && p.lrMin < p.lr0 / 2
          : p.schedule === 'step'
            ? p.epoch >= p.stepSize &&
              p.epoch % p.stepSize !== 0 &&
              Math.floor(p.epoch / p.stepSize) <= 4
            : p.epoch <= 60,
    },
  ],
  sample(rng) {
    const schedule = rng.choice(['step', 'exponential', 'cosine'] as const);
    const lr0 = rng.choice([1, 0.5, 0.2, 0.1, 0.05, 0.01]);
    if (schedule === 'step') {
      const stepSize = rng.int(2, 30);
      const k = rng.int(1, 4);
      return {
        schedule,
        lr0,
        gamma: rng.choice([0.1, 0.2, 0.5]),
        stepSize,
        tMax: 1,
        lrMin: 0,
        epoch: Math.min(200, k * stepSize + rng.int(1, stepSize - 1)),
      };
    }
    if (schedule === 'exponential')
      return {
        schedule,
        lr0,
        gamma: rng.choice([0.8, 0.9, 0.95, 0.99]),
        stepSize: 1,
        tMax: 1,
        lrMin: 0,
        epoch: rng.int(1, 60),
      };
    const tMax = rng.choice([10, 20, 50, 100, 200]);
    return {
      schedule,
      lr0,
      gamma: 1,
      stepSize: 1,
      tMax,
      lrMin: rng.choice([0, 0.001, 0.01]),
      epoch: rng.int(1, tMax - 1),
    };
  },
  build(p, ctx) {
    const o = {
      kind: p.schedule,
      lr0: p.lr0,
      gamma: p.gamma,
      stepSize: p.stepSize,
      tMax: p.tMax,
      lrMin: p.lrMin,
    };
    const lr = scheduledLr(o, p.epoch);
    const data = { ...p, rule: ctx.render(RULES[p.schedule], p) };
    const stem = ctx.render(ctx.rng.choice(STEMS), data);
    const { work, distractors } =
      p.schedule === 'step'
        ? stepWork(p, lr)
        : p.schedule === 'exponential'
          ? exponentialWork(p, lr)
          : cosineWork(p, lr);
    const horizon =
      p.schedule === 'cosine'
        ? p.tMax
        : Math.max(p.epoch + 5, p.schedule === 'step' ? p.stepSize * 5 : 20);
    const values: number[] = [];
    for (let e = 0; e <= horizon; e++) values.push(scheduledLr(o, e));
    const title = `Learning rate per epoch (${p.schedule} schedule)`;
    return {
      stem,
      solution: `${work}\n\nTo 3 significant figures: \\(\\eta_{${p.epoch}} \\approx ${texScientific(lr, 3)}\\).`,
      answer: { type: 'numeric', value: lr, decimals: 0, sigFigs: 3, distractors },
      figure: {
        svg: lineChartSvg(
          [
            {
              title,
              xLabel: 'epoch',
              yLabel: 'learning rate',
              yMax: p.lr0,
              series: [{ values, label: 'η', color: '#1f77b4' }],
            },
          ],
          title,
        ),
        alt: `Learning rate against epoch from 0 to ${horizon}, starting at ${formatDecimal(p.lr0, 4)} and following the ${p.schedule} schedule described in the question.`,
      },
    };
  },
  fixtures: [
    {
      id: 'T-step-lr',
      params: {
        schedule: 'step',
        lr0: 0.1,
        gamma: 0.5,
        stepSize: 10,
        tMax: 1,
        lrMin: 0,
        epoch: 25,
      },
      note: '⌊25/10⌋ = 2 decays: 0.1·0.5² = 0.025',
    },
  ],
});
