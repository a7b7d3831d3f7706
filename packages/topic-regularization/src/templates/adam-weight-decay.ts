import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { adamWeightDecayStep, formatDecimal, penaltySign } from '@dlexam/math';

/**
 * Weight decay under Adam (seed 004's AdamW note): the first Adam step on one weight with the decay
 * added to the gradient (`torch.optim.Adam(weight_decay=λ)`, an L2 penalty (λ/2)‖w‖²) versus
 * decoupled weight decay (`torch.optim.AdamW`). From zero moments the Adam step is ≈ lr·sign(g'),
 * so the L2 term is normalised away, while AdamW shrinks the weight by lr·λ·w regardless.
 */

export type AdamWeightDecayParams = {
  w: number;
  g: number;
  lr: number;
  lambda: number;
  mode: string;
};

const DECIMALS = 5;
/**
 * Exact for every valid pin: w (3 decimals) times 1 − lr·λ (8) has at most 11 decimals, and
 * |w·(1 − lr·λ)| ≤ 100·9 keeps them within a double's 15 significant digits.
 */
const dec = (x: number) => formatDecimal(x, 11);
const paren = (x: number) => (x < 0 ? `(${dec(x)})` : dec(x));
/** g + λw without binary noise (at most 7 decimals), so that a pinned g = −λw gives sign 0. */
const effGrad = (p: AdamWeightDecayParams) => Number((p.g + p.lambda * p.w).toFixed(10));
/**
 * The working writes the first Adam step as lr·sign(g'); the exact step lr·g'/(|g'| + ε) differs
 * by lr·ε/(|g'| + ε), kept ≤ 10⁻⁶ (invisible at 5 decimals) by |g'| ≥ lr/100 (or g' = 0).
 */
const epsNegligible = (lr: number, x: number) => x === 0 || Math.abs(x) >= lr / 100;

/**
 * The worked step of the asked optimizer, ending with what the other one gives (`other`), as
 * solution paragraphs.
 */
function adamWorking(p: AdamWeightDecayParams, value: number, other: number): string[] {
  const gEff = effGrad(p);
  const common = `From \\(m = v = 0\\): \\(m_1 = (1-\\beta_1)\\,g'\\), \\(v_1 = (1-\\beta_2)\\,g'^2\\); bias correction gives \\(\\hat m = g'\\), \\(\\hat v = g'^2\\), so the Adam step is \\(\\text{lr}\\cdot\\frac{g'}{|g'| + \\epsilon} \\approx \\text{lr}\\cdot\\operatorname{sign}(g')\\).`;
  return p.mode === 'decoupled'
    ? [
        common,
        `AdamW uses \\(g' = g = ${dec(p.g)}\\). Decay first: \\(w \\leftarrow ${dec(p.w)}\\,(1 - ${dec(p.lr)} \\cdot ${dec(p.lambda)}) = ${dec(p.w * (1 - p.lr * p.lambda))}\\).`,
        `Adam step: \\(${dec(p.w * (1 - p.lr * p.lambda))} - ${dec(p.lr)} \\cdot ${paren(penaltySign(p.g))} = ${formatDecimal(value, DECIMALS)}\\).`,
        `With L2 in the gradient instead, the decay would be divided by \\(\\sqrt{\\hat v}\\) along with \\(g\\) and the result would be ${formatDecimal(other, DECIMALS)}: decoupling keeps the decay independent of the gradient scale.`,
      ]
    : [
        common,
        `Here \\(g' = g + \\lambda w = ${paren(p.g)} + ${dec(p.lambda)} \\cdot ${paren(p.w)} = ${dec(gEff)}\\).`,
        `Step: \\(w \\leftarrow ${dec(p.w)} - ${dec(p.lr)} \\cdot ${paren(penaltySign(gEff))} = ${formatDecimal(value, DECIMALS)}\\).`,
        `The decay only changed \\(g'\\) before normalisation, so it barely affects the step; AdamW would give ${formatDecimal(other, DECIMALS)}.`,
      ];
}

export const adamWeightDecay = defineTemplate<AdamWeightDecayParams>({
  id: 'regularization.adam-weight-decay',
  topic: 'regularization',
  title: 'Adam: L2 in the gradient vs decoupled weight decay (AdamW)',
  objective:
    'Compute a first Adam step with an L2 term in the gradient and with decoupled weight decay, and explain why they differ.',
  difficulty: 3,
  tags: ['adam', 'adamw', 'weight-decay', 'l2', 'seed-004'],
  kinds: ['numeric', 'single'],
  params: {
    w: param.number('the weight before the step', [-2, 2], 0.1, {
      min: -100,
      max: 100,
      decimals: 3,
    }),
    g: param.number('gradient of the data loss ∂J/∂w', [-1, 1], 0.1, {
      min: -100,
      max: 100,
      decimals: 4,
    }),
    // Adam's learning rates are far below 1 (PyTorch's default 0.001).
    lr: param.choice('learning rate', [0.01, 0.05, 0.1], {
      min: 0,
      minExclusive: true,
      max: 1,
      decimals: 4,
    }),
    lambda: param.choice('weight-decay coefficient λ', [0.01, 0.1, 0.2], {
      min: 0,
      max: 10,
      decimals: 4,
    }),
    mode: param.choice('Adam with weight_decay (L2 in the gradient) or AdamW (decoupled)', [
      'l2-in-gradient',
      'decoupled',
    ]),
  },
  constraints: [
    {
      description:
        'the gradients Adam normalises (g, and g + λw) are 0 or at least lr/100 in size, so ε = 10⁻⁸ does not show at 5 decimals',
      check: (p) => epsNegligible(p.lr, p.g) && epsNegligible(p.lr, effGrad(p)),
      params: ['g', 'w', 'lr', 'lambda'],
    },
    {
      description: 'w and g are non-zero',
      check: (p) => p.w !== 0 && p.g !== 0,
      prefer: true,
      params: ['w', 'g'],
    },
    // Keeps ε irrelevant at 5 decimals and gives the decay a visible effect.
    {
      description: '|g + λw| ≥ 0.001',
      check: (p) => Math.abs(p.g + p.lambda * p.w) >= 0.001,
      prefer: true,
      params: ['g', 'w', 'lambda'],
    },
  ],
  build(p, ctx) {
    const state = { m: [0], v: [0], t: 0 };
    const run = (mode: 'l2-in-gradient' | 'decoupled') =>
      adamWeightDecayStep([p.w], [p.g], state, { lr: p.lr, weightDecay: p.lambda, mode });
    const res = run(p.mode as 'l2-in-gradient' | 'decoupled');
    const other = run(p.mode === 'decoupled' ? 'l2-in-gradient' : 'decoupled');
    const value = res.w[0]!;
    const data = { w: dec(p.w), g: dec(p.g), lr: dec(p.lr), lambda: dec(p.lambda) };
    const optimizer =
      p.mode === 'decoupled'
        ? ctx.render(
            '`torch.optim.AdamW(lr={{lr}}, weight_decay={{lambda}})`: decoupled weight decay, \\(w \\leftarrow w - \\text{lr}\\cdot\\lambda\\, w\\), applied to the weight before the Adam update, which uses the gradient \\(g\\) alone',
            data,
          )
        : ctx.render(
            "`torch.optim.Adam(lr={{lr}}, weight_decay={{lambda}})`: the decay is added to the gradient, \\(g' = g + \\lambda w\\) (an L2 penalty \\(\\frac{\\lambda}{2} w^2\\)), and Adam uses \\(g'\\)",
            data,
          );
    const stem = [
      ctx.render(
        ctx.rng.choice([
          'A weight \\(w = {{w}}\\) has gradient \\(g = \\frac{\\partial J}{\\partial w} = {{g}}\\) of the data loss \\(J\\).',
          'One parameter of a network currently equals \\(w = {{w}}\\); backpropagation gives \\(\\frac{\\partial J}{\\partial w} = {{g}}\\).',
          'Consider a single weight \\(w = {{w}}\\) whose data-loss gradient is \\(g = {{g}}\\).',
        ]),
        data,
      ),
      `It is trained with ${optimizer}.`,
      'Adam uses \\(\\beta_1 = 0.9\\), \\(\\beta_2 = 0.999\\), \\(\\epsilon = 10^{-8}\\) (added to \\(\\sqrt{\\hat v}\\)), bias-corrected moments, and starts from \\(m = v = 0\\).',
      ctx.rng.choice([
        `What is \\(w\\) after the first optimizer step? Round to ${DECIMALS} decimals.`,
        `Compute the weight after one step. Round to ${DECIMALS} decimals.`,
      ]),
    ].join('\n\n');
    const adamStep = (x: number) => p.lr * penaltySign(x); // first step from zero moments: lr·g/|g|
    const d: NumericDistractor[] = [];
    const add = (v: number, misconception: string, feedback: string) =>
      d.push({ value: v, misconception, feedback });
    // The other optimizer's answer and the step without the decay, worded for the asked one.
    const decoupled = p.mode === 'decoupled';
    add(
      other.w[0]!,
      decoupled ? 'adamw-as-l2' : 'l2-as-decoupled',
      decoupled
        ? 'That is Adam with λw added to the gradient; AdamW applies the decay directly to the weight.'
        : 'That is AdamW; with L2 in the gradient the decay passes through Adam’s normalisation.',
    );
    add(
      p.w - adamStep(p.g),
      'forgot-decay',
      decoupled
        ? 'AdamW also shrinks the weight by lr·λ·w.'
        : 'The gradient Adam sees is g + λw, not g.',
    );
    if (decoupled) {
      add(
        p.w * (1 - p.lambda) - adamStep(p.g),
        'decay-without-lr',
        'PyTorch’s AdamW multiplies the weight by 1 − lr·λ, not 1 − λ.',
      );
      add(
        p.w - p.lr * (p.g + p.lambda * p.w),
        'sgd-step',
        'That is a plain SGD step; Adam normalises the gradient by √v̂.',
      );
    } else {
      add(
        p.w - p.lr * (p.g + p.lambda * p.w),
        'sgd-step',
        'That is a plain SGD step; Adam divides m̂ by √v̂.',
      );
      add(
        p.w - adamStep(p.g) - p.lr * p.lambda * p.w,
        'decay-not-normalised',
        'The λw term is inside the gradient, so Adam normalises it together with g.',
      );
      add(
        p.w - 2 * p.lr * p.lambda * p.w - adamStep(p.g),
        'extra-factor-2',
        'PyTorch adds λw (not 2λw) to the gradient.',
      );
    }
    const working = adamWorking(p, value, other.w[0]!);
    return {
      stem,
      solution: working.join('\n\n'),
      answer: { type: 'numeric', value, decimals: DECIMALS, distractors: d },
    };
  },
  fixtures: [
    {
      id: 'S004-adamw',
      params: { w: 1.5, g: 0.2, lr: 0.1, lambda: 0.1, mode: 'decoupled' },
      note: 'seed 004: "L2 is not effective in combination with Adam -> weight decay"',
    },
    {
      id: 'S004-adam-l2',
      params: { w: 1.5, g: 0.2, lr: 0.1, lambda: 0.1, mode: 'l2-in-gradient' },
    },
  ],
});
