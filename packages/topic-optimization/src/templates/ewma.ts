import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import { ewma, formatDecimal, formatFixed, formatInt } from '@dlexam/math';

/**
 * Exponentially weighted averages with and without bias correction, step by step: a plain series
 * (temperatures), or Adam's first moment m_t of the gradients (β₁) and second moment v_t of their
 * squares (β₂), with m̂_t, v̂_t = · / (1 − β^t). Always from a zero start.
 */

export type EwmaContext = 'series' | 'adam-m' | 'adam-v';

export type EwmaParams = {
  context: EwmaContext;
  /** θ_1 … θ_T (series) or the gradients g_1 … g_T (adam-m, adam-v). */
  values: number[];
  beta: number;
  /** The step asked for (1-based). */
  t: number;
  corrected: boolean;
};

const DEC = 4;
const n = (x: number) => formatDecimal(x, 4);
const f = (x: number) => formatFixed(x, DEC);

/** The averaged inputs: the values, or their squares for Adam's second moment. */
const inputs = (p: EwmaParams) => (p.context === 'adam-v' ? p.values.map((g) => g * g) : p.values);

export function ewmaAnswer(p: EwmaParams): number {
  const tr = ewma(inputs(p).slice(0, p.t), p.beta);
  return (p.corrected ? tr.corrected : tr.v)[p.t - 1]!;
}

const SYM: Record<EwmaContext, { v: string; x: string; beta: string; name: string }> = {
  series: { v: 'v', x: '\\theta', beta: '\\beta', name: 'the daily temperatures' },
  'adam-m': { v: 'm', x: 'g', beta: '\\beta_1', name: 'the gradients' },
  'adam-v': { v: 'v', x: 'g', beta: '\\beta_2', name: 'the squared gradients' },
};

const STEMS: Record<EwmaContext, string[]> = {
  series: [
    'Daily temperatures \\(\\theta_1, \\theta_2, \\ldots\\) are {{values}}. They are smoothed with an exponentially weighted average \\(v_t = \\beta v_{t-1} + (1 - \\beta)\\,\\theta_t\\), \\(v_0 = 0\\), \\(\\beta = {{beta}}\\).{{correction}} What is {{target}}? Round to 4 decimals.',
    'An exponentially weighted moving average \\(v_t = \\beta v_{t-1} + (1-\\beta)\\theta_t\\) with \\(\\beta = {{beta}}\\) and \\(v_0 = 0\\) runs over the values {{values}}.{{correction}} Compute {{target}} (4 decimals).',
  ],
  'adam-m': [
    "Adam's first moment is \\(m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\,g_t\\) with \\(m_0 = 0\\) and \\(\\beta_1 = {{beta}}\\). A parameter receives the gradients \\(g_1, g_2, \\ldots\\) = {{values}}.{{correction}} What is {{target}}? Round to 4 decimals.",
    'A parameter trained with Adam (\\(\\beta_1 = {{beta}}\\), \\(m_0 = 0\\), \\(m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t\\)) sees the gradients {{values}}.{{correction}} Give {{target}} to 4 decimals.',
  ],
  'adam-v': [
    "Adam's second moment is \\(v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\,g_t^2\\) with \\(v_0 = 0\\) and \\(\\beta_2 = {{beta}}\\). A parameter receives the gradients \\(g_1, g_2, \\ldots\\) = {{values}}.{{correction}} What is {{target}}? Round to 4 decimals.",
    'A parameter trained with Adam (\\(\\beta_2 = {{beta}}\\), \\(v_0 = 0\\), \\(v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2\\)) sees the gradients {{values}}.{{correction}} Give {{target}} to 4 decimals.',
  ],
};

export const ewmaTemplate = defineTemplate<EwmaParams>({
  id: 'optimization.ewma',
  topic: 'optimization',
  title: 'Exponentially weighted averages and bias correction',
  objective:
    "Compute an exponentially weighted average step by step, with and without bias correction, as in Adam's m̂ and v̂.",
  difficulty: 2,
  tags: ['EWMA', 'bias correction', 'Adam', 'momentum'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    context: param.choice(
      "a plain series, Adam's first moment (gradients) or second moment (squared gradients)",
      ['series', 'adam-m', 'adam-v'],
    ),
    // The stem lists every value to 4 decimals.
    values: param.numberVector(
      'the series θ₁ … θ_T, or the gradients g₁ … g_T (1–64 steps)',
      [1, 64],
      [-1000, 1000],
      0.01,
      { length: [1, 64], min: -1000, max: 1000, decimals: 4 },
    ),
    beta: param.number('decay β (β₁ or β₂), 0 ≤ β < 1', [0, 0.999], 0.001, {
      min: 0,
      max: 1,
      maxExclusive: true,
      decimals: 4,
    }),
    t: param.int('the step asked for (1-based; the table lists steps 1 … t)', [1, 64], {
      min: 1,
      max: 64,
    }),
    corrected: param.choice('ask for the bias-corrected value v̂_t = v_t / (1 − β^t)', [
      true,
      false,
    ]),
  },
  constraints: [
    { description: 'the asked step t is within the series', check: (p) => p.t <= p.values.length },
  ],
  sample(rng) {
    // Draw preferences: 3–5 steps, round decays, small values; the last step asked.
    const context = rng.choice(['series', 'adam-m', 'adam-v'] as const);
    const T = rng.int(3, 5);
    const values =
      context === 'series'
        ? Array.from({ length: T }, () => rng.int(5, 30))
        : Array.from({ length: T }, () => rng.choice([-2, -1, -0.5, 0.5, 1, 1.5, 2, 3]));
    return {
      context,
      values,
      beta: context === 'adam-v' ? rng.choice([0.9, 0.99, 0.999]) : rng.choice([0.5, 0.8, 0.9]),
      t: rng.bool(0.8) ? T : rng.int(2, T),
      corrected: rng.bool(0.6),
    };
  },
  build(p, ctx) {
    const xs = inputs(p).slice(0, p.t);
    const tr = ewma(xs, p.beta);
    const s = SYM[p.context];
    const value = (p.corrected ? tr.corrected : tr.v)[p.t - 1]!;
    const target = p.corrected
      ? `the bias-corrected \\(\\hat ${s.v}_{${p.t}}\\)`
      : `\\(${s.v}_{${p.t}}\\) (without bias correction)`;
    const correction = p.corrected
      ? ` The bias-corrected value is \\(\\hat ${s.v}_t = ${s.v}_t / (1 - ${s.beta}^t)\\).`
      : '';
    const data = {
      values: p.values.map(n).join(', '),
      beta: n(p.beta),
      correction,
      target,
    };
    const steps = xs
      .map(
        (x, i) =>
          `- t = ${i + 1}: \\(${s.v}_${i + 1} = ${n(p.beta)} \\cdot ${f(i ? tr.v[i - 1]! : 0)} + ${n(1 - p.beta)} \\cdot ${p.context === 'adam-v' ? `${n(p.values[i]!)}^2` : n(x)} = ${f(tr.v[i]!)}\\), \\(\\hat ${s.v}_${i + 1} = ${f(tr.v[i]!)} / (1 - ${n(p.beta)}^{${i + 1}}) = ${f(tr.corrected[i]!)}\\)`,
      )
      .join('\n');
    const solution = `From \\(${s.v}_0 = 0\\), average ${s.name} step by step (the correction divides by \\(1 - ${s.beta}^t\\), which undoes the pull towards the zero start):\n\n${steps}\n\nSo \\(${s.v}_{${p.t}} \\approx ${f(tr.v[p.t - 1]!)}\\) and \\(\\hat ${s.v}_{${p.t}} \\approx ${f(tr.corrected[p.t - 1]!)}\\).`;
    if (ctx.kind === 'table') {
      const rows: TableCellSpec[][] = xs.map((_, i) => [
        { type: 'text', text: `t = ${i + 1}` },
        { type: 'numeric', value: tr.v[i]!, decimals: DEC },
        { type: 'numeric', value: tr.corrected[i]!, decimals: DEC },
      ]);
      return {
        stem: `${ctx.render(ctx.rng.choice(STEMS[p.context]), { ...data, target: `every \\(${s.v}_t\\) and \\(\\hat ${s.v}_t = ${s.v}_t / (1 - ${s.beta}^t)\\) for t = 1, …, ${formatInt(p.t)}`, correction: '' })}`,
        solution,
        answer: { type: 'table', header: ['Step', `${s.v}_t`, `corrected ${s.v}_t`], rows },
      };
    }
    const swapped = ewma(xs, 1 - p.beta);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const distractors: NumericDistractor[] = [
      p.corrected
        ? {
            value: tr.v[p.t - 1]!,
            misconception: 'no-bias-correction',
            feedback: `The question asks for the corrected value: divide by 1 − β^${p.t}.`,
          }
        : {
            value: tr.corrected[p.t - 1]!,
            misconception: 'applied-bias-correction',
            feedback: 'The question asks for the raw average, without dividing by 1 − β^t.',
          },
      {
        value: (p.corrected ? swapped.corrected : swapped.v)[p.t - 1]!,
        misconception: 'weights-swapped',
        feedback:
          'β weights the previous average and 1 − β the new value, not the other way round.',
      },
      {
        value: mean,
        misconception: 'simple-average',
        feedback:
          'An exponentially weighted average gives recent values more weight; it is not the plain mean.',
      },
      {
        value: tr.v[p.t - 1]! / (1 - p.beta),
        misconception: 'divided-by-one-minus-beta',
        feedback: `The bias correction divides by 1 − β^t (here t = ${p.t}), not by 1 − β.`,
      },
      {
        value:
          (p.corrected
            ? ewma(xs.slice(1), p.beta, xs[0]).corrected
            : ewma(xs.slice(1), p.beta, xs[0]).v)[p.t - 2] ?? xs[0]!,
        misconception: 'started-at-first-value',
        feedback: 'The average starts from 0 (v₀ = 0), not from the first value.',
      },
      ...(p.context === 'adam-v'
        ? [
            {
              value: (p.corrected
                ? ewma(p.values.slice(0, p.t), p.beta).corrected
                : ewma(p.values.slice(0, p.t), p.beta).v)[p.t - 1]!,
              misconception: 'forgot-square',
              feedback: 'The second moment averages the SQUARED gradients g_t².',
            },
          ]
        : []),
    ];
    if (ctx.kind === 'single') {
      const key = f(value);
      if (new Set(distractors.map((d) => f(d.value)).filter((x) => x !== key)).size < 3)
        throw new GenerationError(
          'fewer than 3 distinct EWMA distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    return {
      stem: ctx.render(ctx.rng.choice(STEMS[p.context]), data),
      solution,
      answer: { type: 'numeric', value, decimals: DEC, distractors },
    };
  },
  fixtures: [
    {
      id: 'optimization-ewma-temperatures',
      params: { context: 'series', values: [10, 20, 30], beta: 0.9, t: 3, corrected: true },
      note: 'v = 1, 2.9, 5.61; v̂₃ = 5.61 / 0.271 ≈ 20.7011',
    },
    {
      id: 'optimization-ewma-adam-v',
      params: { context: 'adam-v', values: [1, -2], beta: 0.999, t: 2, corrected: true },
      note: 'v₁ = 0.001, v₂ = 0.000999 + 0.004 = 0.004999; v̂₂ = 0.004999 / 0.001999 ≈ 2.5008',
    },
  ],
});
