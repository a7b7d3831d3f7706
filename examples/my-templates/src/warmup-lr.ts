import { defineTemplate } from '@dlexam/generator';
import { formatInt, texNumber } from '@dlexam/math';

type P = { lrMax: number; warmup: number; frac: number };

export const warmupLr = defineTemplate<P>({
  id: 'myclass.warmup-lr',
  topic: 'optimization',
  title: 'Learning rate during linear warm-up',
  objective: 'Compute the learning rate of a step inside a linear warm-up.',
  difficulty: 1,
  tags: ['learning-rate', 'schedule', 'warm-up'],
  kinds: ['numeric'],
  params: {
    lrMax: { type: 'enum', values: [0.001, 0.003, 0.01, 0.1], description: 'peak learning rate' },
    warmup: { type: 'enum', values: [500, 1000, 2000, 4000], description: 'warm-up steps' },
    frac: {
      type: 'number',
      min: 0.05,
      max: 0.95,
      step: 0.05,
      description: 'fraction of the warm-up done',
    },
  },
  constraints: [
    {
      description: 'not half-way (then done and remaining coincide)',
      check: (p) => p.frac !== 0.5,
    },
  ],
  build(p, ctx) {
    const step = Math.round(p.frac * p.warmup);
    const lr = (p.lrMax * step) / p.warmup;
    const data = {
      lrMax: texNumber(p.lrMax),
      warmup: formatInt(p.warmup),
      step: formatInt(step),
    };
    const stems = [
      'The learning rate rises linearly from 0 to \\({{lrMax}}\\) over the first {{warmup}} steps, \\(\\eta_t = \\eta_{\\max}\\, t / T\\). What is \\(\\eta_t\\) at step \\(t = {{step}}\\)? Give 3 significant figures.',
      'A linear warm-up of {{warmup}} steps takes the learning rate from 0 to its peak \\({{lrMax}}\\) (\\(\\eta_t = \\eta_{\\max}\\, t/T\\)). Which learning rate is used at step {{step}}? Answer to 3 significant figures.',
    ];
    return {
      stem: ctx.render(stems[ctx.rng.int(0, stems.length - 1)]!, data),
      solution: ctx.render('\\(\\eta_t = {{lrMax}} \\times {{step}} / {{warmup}}\\).', data),
      answer: {
        type: 'numeric',
        value: lr,
        decimals: 6,
        sigFigs: 3,
        distractors: [
          {
            value: p.lrMax,
            misconception: 'ignored-warmup',
            feedback: 'During warm-up the rate has not reached its peak yet.',
          },
          {
            value: (p.lrMax * (p.warmup - step)) / p.warmup,
            misconception: 'remaining-fraction',
            feedback: 'The rate grows with the steps done, t/T, not with those remaining.',
          },
        ],
      },
    };
  },
  verify(v, p) {
    if (v.answer.kind !== 'numeric') throw new Error(`unexpected kind ${v.answer.kind}`);
    const expected = p.lrMax * p.frac;
    if (Math.abs(v.answer.numeric.value - expected) > Math.abs(expected) * 0.005)
      throw new Error(`key ${v.answer.numeric.value}, expected ${expected}`);
  },
});
