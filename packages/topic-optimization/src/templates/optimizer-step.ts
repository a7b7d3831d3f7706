import {
  defineTemplate,
  param,
  type NumericDistractor,
  type Rng,
  type TableCellSpec,
  type ValidDomain,
} from '@dlexam/generator';
import {
  adagradStep,
  adamStep,
  adamwStep,
  formatDecimal,
  momentumStep,
  nesterovStep,
  rmspropStep,
  sgdStep,
  texVector,
  type MomentumConvention,
  type Vector,
} from '@dlexam/math';
import { STATEFUL_OPTIMIZERS } from './stateful-optimizers.js';

/**
 * One update of a named optimizer on a small parameter vector, from a given optimizer state. The
 * stem always writes out the exact rule (PyTorch's form), so conventions are never guessed; the
 * distractors are the classic slips: no bias correction, ε inside the root, the other momentum
 * convention, a sign error, a stale state.
 */
export const STEP_OPTIMIZERS = ['sgd', ...STATEFUL_OPTIMIZERS] as const;
export type StepOptimizer = (typeof STEP_OPTIMIZERS)[number];

export type OptimizerStepParams = {
  optimizer: StepOptimizer;
  /** Momentum only. */
  convention: MomentumConvention;
  theta: number[];
  grad: number[];
  /** Velocity (momentum, Nesterov), squared-gradient state (AdaGrad, RMSProp) or m (Adam/AdamW); zeros when unused. */
  state1: number[];
  /** v of Adam/AdamW; zeros otherwise. */
  state2: number[];
  /** Step index t of Adam/AdamW (state1/state2 are the moments after step t − 1). */
  t: number;
  lr: number;
  /** ρ/β of momentum and Nesterov, ρ of RMSProp, β₁ of Adam. */
  beta1: number;
  /** β₂ of Adam. */
  beta2: number;
  /** ε = 10^epsExp (AdaGrad, RMSProp, Adam). */
  epsExp: number;
  /** Weight decay λ (SGD's coupled L2, AdamW's decoupled decay); 0 otherwise. */
  weightDecay: number;
  /** 1-based coordinate asked for (numeric kinds). */
  coord: number;
};

const NAMES: Record<StepOptimizer, string> = {
  sgd: 'SGD with weight decay',
  momentum: 'SGD with momentum',
  nesterov: 'SGD with Nesterov momentum',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
};

function rule(p: OptimizerStepParams): string {
  switch (p.optimizer) {
    case 'sgd':
      return "\\[g' = g + \\lambda\\,\\theta, \\qquad \\theta \\leftarrow \\theta - \\alpha\\, g'\\]\n(PyTorch `SGD(weight_decay=λ)`: the L2 term is added to the gradient.)";
    case 'momentum':
      return p.convention === 'pytorch'
        ? '\\[v \\leftarrow \\rho\\, v + g, \\qquad \\theta \\leftarrow \\theta - \\alpha\\, v\\]\n(PyTorch `SGD(momentum=ρ, dampening=0)`.)'
        : '\\[v \\leftarrow \\beta\\, v + (1-\\beta)\\, g, \\qquad \\theta \\leftarrow \\theta - \\alpha\\, v\\]\n(velocity as an exponential moving average of gradients.)';
    case 'nesterov':
      return '\\[v \\leftarrow \\mu\\, v + g, \\qquad \\theta \\leftarrow \\theta - \\alpha\\,(g + \\mu\\, v)\\]\n(PyTorch `SGD(momentum=μ, nesterov=True)`, using the NEW \\(v\\) in the step.)';
    case 'adagrad':
      return '\\[s \\leftarrow s + g^2, \\qquad \\theta \\leftarrow \\theta - \\alpha\\, \\frac{g}{\\sqrt{s} + \\varepsilon}\\]\n(element-wise; ε is added outside the square root, as PyTorch does.)';
    case 'rmsprop':
      return '\\[s \\leftarrow \\rho\\, s + (1-\\rho)\\, g^2, \\qquad \\theta \\leftarrow \\theta - \\alpha\\, \\frac{g}{\\sqrt{s} + \\varepsilon}\\]\n(element-wise; ε is added outside the square root, as PyTorch does.)';
    case 'adam':
    case 'adamw':
      return (
        (p.optimizer === 'adamw'
          ? '\\[\\theta \\leftarrow \\theta - \\alpha\\lambda\\,\\theta \\quad\\text{(decoupled weight decay, applied first)}\\]\n'
          : '') +
        '\\[m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g, \\quad v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g^2, \\quad \\hat m_t = \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat v_t = \\frac{v_t}{1-\\beta_2^t}, \\quad \\theta \\leftarrow \\theta - \\alpha\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\varepsilon}\\]\n' +
        `(element-wise; ε outside the square root, as PyTorch \`${p.optimizer === 'adam' ? 'Adam' : 'AdamW'}\` does.)`
      );
  }
}

export interface StepResult {
  theta: Vector;
  /** New optimizer state, named as in the stem. */
  state: { name: string; value: Vector }[];
}

/**
 * What a step needs besides the params: the gradient (negated for the sign slip), ε, whether the
 * slip puts ε inside the square root, and the slip's name.
 */
interface StepInputs {
  g: number[];
  eps: number;
  inside: boolean;
  mistake: string | undefined;
}

/** The correct step (and, with `mistake`, the step a named slip produces). */
export function optimizerStepResult(p: OptimizerStepParams, mistake?: string): StepResult {
  const eps = 10 ** p.epsExp;
  const inside = mistake === 'eps-inside-sqrt';
  const g = mistake === 'sign-error' ? p.grad.map((x) => -x) : p.grad;
  const inputs: StepInputs = { g, eps, inside, mistake };
  switch (p.optimizer) {
    case 'sgd':
      return sgdResult(p, inputs);
    case 'momentum':
      return momentumResult(p, inputs);
    case 'nesterov':
      return nesterovResult(p, inputs);
    case 'adagrad':
      return adagradResult(p, inputs);
    case 'rmsprop':
      return rmspropResult(p, inputs);
    case 'adam':
    case 'adamw':
      return adamResult(p, inputs);
  }
}

/** SGD with coupled L2 weight decay. */
function sgdResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, mistake } = s;
  const lam =
    mistake === 'forgot-weight-decay'
      ? 0
      : mistake === 'decay-sign'
        ? -p.weightDecay
        : p.weightDecay;
  const lr = mistake === 'forgot-learning-rate' ? 1 : p.lr;
  const gd = g.map((gi, i) => gi + lam * p.theta[i]!);
  return { theta: sgdStep(p.theta, gd, lr), state: [] };
}

/** Heavy-ball momentum in either convention. */
function momentumResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, mistake } = s;
  const conv =
    mistake === 'wrong-convention'
      ? p.convention === 'pytorch'
        ? 'ema'
        : 'pytorch'
      : p.convention;
  const r = momentumStep(p.theta, p.state1, g, {
    lr: p.lr,
    momentum: p.beta1,
    convention: conv,
  });
  if (mistake === 'stale-velocity')
    return { theta: p.theta.map((x, i) => x - p.lr * p.state1[i]!), state: [] };
  if (mistake === 'ignored-momentum') return { theta: sgdStep(p.theta, g, p.lr), state: [] };
  return { theta: r.x, state: [{ name: 'v', value: r.v }] };
}

/** Nesterov momentum (PyTorch form, the new velocity in the step). */
function nesterovResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, mistake } = s;
  const r = nesterovStep(p.theta, p.state1, g, { lr: p.lr, momentum: p.beta1 });
  if (mistake === 'no-look-ahead')
    return { theta: p.theta.map((x, i) => x - p.lr * r.v[i]!), state: [] };
  if (mistake === 'old-velocity-look-ahead')
    return {
      theta: p.theta.map((x, i) => x - p.lr * (g[i]! + p.beta1 * p.state1[i]!)),
      state: [],
    };
  if (mistake === 'ignored-momentum') return { theta: sgdStep(p.theta, g, p.lr), state: [] };
  return { theta: r.x, state: [{ name: 'v', value: r.v }] };
}

/** AdaGrad: accumulate g², divide by its root. */
function adagradResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, eps, inside, mistake } = s;
  const s0 = mistake === 'no-accumulation' ? p.state1.map(() => 0) : p.state1;
  const r = adagradStep(p.theta, s0, g, { lr: p.lr, eps, epsInsideSqrt: inside });
  if (mistake === 'no-square-root')
    return { theta: p.theta.map((x, i) => x - (p.lr * g[i]!) / (r.s[i]! + eps)), state: [] };
  return { theta: r.x, state: [{ name: 's', value: r.s }] };
}

/** RMSProp: a running average of g². */
function rmspropResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, eps, inside, mistake } = s;
  if (mistake === 'forgot-one-minus-rho') {
    const s = p.state1.map((si, i) => p.beta1 * si + g[i]! ** 2);
    return {
      theta: p.theta.map((x, i) => x - (p.lr * g[i]!) / (Math.sqrt(s[i]!) + eps)),
      state: [],
    };
  }
  const r = rmspropStep(p.theta, p.state1, g, {
    lr: p.lr,
    eps,
    decay: p.beta1,
    epsInsideSqrt: inside,
  });
  if (mistake === 'stale-state')
    return {
      theta: p.theta.map((x, i) => x - (p.lr * g[i]!) / (Math.sqrt(p.state1[i]!) + eps)),
      state: [],
    };
  return { theta: r.x, state: [{ name: 's', value: r.s }] };
}

/** Adam, or AdamW with its decoupled weight decay. */
function adamResult(p: OptimizerStepParams, s: StepInputs): StepResult {
  const { g, eps, inside, mistake } = s;
  const t = mistake === 'wrong-step-index' ? p.t + 1 : p.t;
  const o = {
    lr: p.lr,
    beta1: p.beta1,
    beta2: p.beta2,
    eps,
    epsInsideSqrt: inside,
    biasCorrection: mistake !== 'no-bias-correction',
  };
  let r;
  if (p.optimizer === 'adam') r = adamStep(p.theta, p.state1, p.state2, g, t, o);
  else if (mistake === 'decay-not-scaled-by-lr') {
    r = adamStep(
      p.theta.map((x) => x * (1 - p.weightDecay)),
      p.state1,
      p.state2,
      g,
      t,
      o,
    );
  } else
    // Spelled out, not spread: a spread plus added keys is a slow object build in V8.
    r = adamwStep(p.theta, p.state1, p.state2, g, t, {
      lr: o.lr,
      beta1: o.beta1,
      beta2: o.beta2,
      eps: o.eps,
      epsInsideSqrt: o.epsInsideSqrt,
      biasCorrection: o.biasCorrection,
      weightDecay: mistake === 'forgot-weight-decay' ? 0 : p.weightDecay,
      coupled: mistake === 'coupled-l2',
    });
  if (mistake === 'no-square-root') {
    const base =
      p.optimizer === 'adamw' ? p.theta.map((x) => x * (1 - p.lr * p.weightDecay)) : p.theta;
    return {
      theta: base.map((x, i) => x - (p.lr * r.mHat[i]!) / (r.vHat[i]! + eps)),
      state: [],
    };
  }
  return {
    theta: r.x,
    state: [
      { name: 'm_t', value: r.m },
      { name: 'v_t', value: r.v },
    ],
  };
}

const MISTAKES: Record<StepOptimizer, [string, string][]> = {
  sgd: [
    [
      'forgot-weight-decay',
      'You left out the weight-decay term λθ that PyTorch adds to the gradient.',
    ],
    ['sign-error', 'You moved along the gradient instead of against it.'],
    [
      'decay-sign',
      'You subtracted λθ from the gradient; weight decay adds it (pulling θ toward 0).',
    ],
    ['forgot-learning-rate', 'You subtracted the whole gradient without scaling by α.'],
  ],
  momentum: [
    [
      'wrong-convention',
      'You used the other momentum convention; the stem states which form to use.',
    ],
    [
      'stale-velocity',
      'You stepped with the old velocity; update v first, then step with the new v.',
    ],
    ['ignored-momentum', 'You ignored the velocity and took a plain gradient step.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
  ],
  nesterov: [
    ['no-look-ahead', 'You took a classical momentum step θ − αv; Nesterov steps with g + μv.'],
    ['old-velocity-look-ahead', 'You used the old velocity in g + μv; PyTorch uses the updated v.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
    // g + μ·v_old is the new v, so the slip above always equals no-look-ahead: without this
    // third distinct value every single-choice Nesterov draw was rejected and redrawn.
    ['ignored-momentum', 'You ignored the velocity and took a plain gradient step.'],
  ],
  adagrad: [
    [
      'no-accumulation',
      'You used only the current g² instead of adding it to the accumulated sum s.',
    ],
    ['eps-inside-sqrt', 'You put ε inside the square root; the stated rule adds it to √s.'],
    ['no-square-root', 'You divided by s instead of √s.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
  ],
  rmsprop: [
    ['forgot-one-minus-rho', 'You added the full g² to ρs; the average weights it by (1 − ρ).'],
    ['stale-state', 'You divided by the old s; update s with the current g² first.'],
    ['eps-inside-sqrt', 'You put ε inside the square root; the stated rule adds it to √s.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
  ],
  adam: [
    ['no-bias-correction', 'You skipped the bias correction m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).'],
    ['wrong-step-index', 'You bias-corrected with t + 1 instead of the current step t.'],
    ['eps-inside-sqrt', 'You put ε inside the square root; the stated rule adds it to √v̂.'],
    ['no-square-root', 'You divided by v̂ instead of √v̂.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
  ],
  adamw: [
    [
      'coupled-l2',
      'You added λθ to the gradient (L2 as in Adam); AdamW decays θ directly, outside the adaptive step.',
    ],
    ['forgot-weight-decay', 'You left out the decoupled weight decay θ ← θ − αλθ.'],
    [
      'decay-not-scaled-by-lr',
      'You decayed θ by λθ; AdamW scales the decay by the learning rate: αλθ.',
    ],
    ['no-bias-correction', 'You skipped the bias correction of m and v.'],
    ['sign-error', 'You moved along the gradient instead of against it.'],
  ],
};

const PHRASINGS = [0, 1, 2] as const;

const stepped = (rng: Rng, min: number, max: number, step: number) => rng.stepped(min, max, step);

/** Validity of θ, g and the optimizer states: 1–8 coordinates within ±100, to 4 decimals. */
const VECTOR_VALID: ValidDomain = { length: [1, 8], min: -100, max: 100, decimals: 4 };
/** Validity of a decay rate (ρ, β, μ, β₁, β₂): 0 ≤ β < 1, to 4 decimals. */
const DECAY_VALID: ValidDomain = { min: 0, max: 1, maxExclusive: true, decimals: 4 };

export const optimizerStep = defineTemplate<OptimizerStepParams>({
  id: 'optimization.optimizer-step',
  topic: 'optimization',
  title: 'One optimizer step',
  objective:
    'Apply one update of SGD (weight decay), momentum, Nesterov, AdaGrad, RMSProp, Adam (with bias correction at step t) or AdamW to a parameter vector.',
  difficulty: 2,
  tags: ['optimizers', 'adam', 'momentum', 'rmsprop'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    optimizer: param.choice('the optimizer', STEP_OPTIMIZERS),
    convention: param.choice('momentum form (momentum only)', ['pytorch', 'ema']),
    theta: param.numberVector('current parameters θ', [2, 3], [-2, 2], 0.5, VECTOR_VALID),
    grad: param.numberVector('gradient g at θ', [2, 3], [-2, 2], 0.1, VECTOR_VALID),
    state1: param.numberVector(
      'v (momentum), s (AdaGrad/RMSProp) or m_{t−1} (Adam)',
      [2, 3],
      [-1, 4],
      0.01,
      VECTOR_VALID,
    ),
    state2: param.numberVector('v_{t−1} (Adam), zeros otherwise', [2, 3], [0, 1], 0.01, {
      length: [1, 8],
      min: 0,
      max: 100,
      decimals: 4,
    }),
    t: param.int('Adam step index t', [1, 5], { min: 1, max: 10000 }),
    lr: param.choice('learning rate α', [0.01, 0.05, 0.1, 0.2, 0.5], {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 4,
    }),
    beta1: param.choice('ρ / β / μ / β₁', [0.5, 0.8, 0.9, 0.99], DECAY_VALID),
    beta2: param.choice('β₂ (Adam)', [0.99, 0.999], DECAY_VALID),
    epsExp: param.choice('ε = 10^epsExp', [-8, -2], { integer: true, min: -12, max: -1 }),
    weightDecay: param.choice('weight decay λ (SGD, AdamW)', [0, 0.01, 0.1, 0.5], {
      min: 0,
      max: 10,
      decimals: 4,
    }),
    coord: param.int('coordinate asked for (1-based)', [1, 3], { min: 1, max: 8 }),
  },
  constraints: [
    {
      description: 'all vectors have the length of θ',
      check: (p) => [p.grad, p.state1, p.state2].every((v) => v.length === p.theta.length),
      params: ['theta', 'grad', 'state1', 'state2'],
    },
    {
      description: 'the asked coordinate exists',
      check: (p) => p.coord <= p.theta.length,
      params: ['coord', 'theta'],
    },
    {
      description: 'no zero gradient entry',
      check: (p) => p.grad.every((g) => g !== 0),
      prefer: true,
      params: ['grad'],
    },
    {
      description: 'squared-gradient states are non-negative',
      check: (p) => !['adagrad', 'rmsprop'].includes(p.optimizer) || p.state1.every((s) => s >= 0),
      params: ['optimizer', 'state1'],
    },
    {
      description: 'Adam moments are zero at t = 1',
      check: (p) =>
        !['adam', 'adamw'].includes(p.optimizer) ||
        p.t > 1 ||
        [...p.state1, ...p.state2].every((s) => s === 0),
      params: ['optimizer', 't', 'state1', 'state2'],
    },
    {
      description: 'unused state is zero and weight decay is used only by SGD and AdamW',
      check: (p) =>
        (['adam', 'adamw'].includes(p.optimizer) || p.state2.every((s) => s === 0)) &&
        (p.optimizer !== 'sgd' || p.state1.every((s) => s === 0)) &&
        (['sgd', 'adamw'].includes(p.optimizer) || p.weightDecay === 0),
      params: ['optimizer', 'state1', 'state2', 'weightDecay'],
    },
    {
      description: 'SGD and AdamW draws use a positive weight decay',
      check: (p) => !['sgd', 'adamw'].includes(p.optimizer) || p.weightDecay > 0,
      prefer: true,
      params: ['optimizer', 'weightDecay'],
    },
    {
      description: 'Adam-family β₁ below β₂',
      check: (p) => !['adam', 'adamw'].includes(p.optimizer) || p.beta1 < p.beta2,
      prefer: true,
      params: ['optimizer', 'beta1', 'beta2'],
    },
  ],
  sample(rng) {
    const optimizer = rng.choice(STEP_OPTIMIZERS);
    const n = rng.int(2, 3);
    const vec = (min: number, max: number, step: number) =>
      Array.from({ length: n }, () => stepped(rng, min, max, step));
    const zeros = Array.from({ length: n }, () => 0);
    const adam = optimizer === 'adam' || optimizer === 'adamw';
    const t = adam ? rng.int(1, 5) : 1;
    let grad = vec(-2, 2, 0.1);
    grad = grad.map((g) => (g === 0 ? 0.5 : g));
    let state1 = zeros;
    let state2 = zeros;
    if (optimizer === 'momentum' || optimizer === 'nesterov') state1 = vec(-1, 1, 0.1);
    else if (optimizer === 'adagrad') state1 = vec(0, 4, 0.1);
    else if (optimizer === 'rmsprop') state1 = vec(0, 1, 0.01);
    else if (adam && t > 1) {
      state1 = vec(-1, 1, 0.05);
      state2 = vec(0, 1, 0.01);
    }
    return {
      optimizer,
      convention: rng.choice(['pytorch', 'ema'] as const),
      theta: vec(-2, 2, 0.5),
      grad,
      state1,
      state2,
      t,
      lr: rng.choice([0.01, 0.05, 0.1, 0.2, 0.5]),
      beta1: adam ? rng.choice([0.8, 0.9]) : rng.choice([0.5, 0.8, 0.9, 0.99]),
      beta2: rng.choice([0.99, 0.999]),
      epsExp: rng.choice([-8, -2]),
      weightDecay: optimizer === 'sgd' || optimizer === 'adamw' ? rng.choice([0.01, 0.1, 0.5]) : 0,
      coord: rng.int(1, n),
    };
  },
  build(p, ctx) {
    const res = optimizerStepResult(p);
    const i = p.coord - 1;
    const d4 = (x: number) => formatDecimal(x, 4); // the `{{dec x 4}}` text, without a render
    const vec = (v: Vector) => texVector(v, { row: true });
    const adam = p.optimizer === 'adam' || p.optimizer === 'adamw';
    const given: string[] = [
      `\\(\\theta = ${vec(p.theta)}\\)`,
      `\\(g = ${vec(p.grad)}\\)`,
      `\\(\\alpha = ${p.lr}\\)`,
    ];
    if (p.optimizer === 'sgd') given.push(`\\(\\lambda = ${p.weightDecay}\\)`);
    if (p.optimizer === 'momentum')
      given.push(
        `\\(${p.convention === 'pytorch' ? '\\rho' : '\\beta'} = ${p.beta1}\\)`,
        `current velocity \\(v = ${vec(p.state1)}\\)`,
      );
    if (p.optimizer === 'nesterov')
      given.push(`\\(\\mu = ${p.beta1}\\)`, `current velocity \\(v = ${vec(p.state1)}\\)`);
    if (p.optimizer === 'adagrad')
      given.push(`\\(\\varepsilon = 10^{${p.epsExp}}\\)`, `accumulated \\(s = ${vec(p.state1)}\\)`);
    if (p.optimizer === 'rmsprop')
      given.push(
        `\\(\\rho = ${p.beta1}\\)`,
        `\\(\\varepsilon = 10^{${p.epsExp}}\\)`,
        `current \\(s = ${vec(p.state1)}\\)`,
      );
    if (adam) {
      given.push(
        `\\(\\beta_1 = ${p.beta1}\\)`,
        `\\(\\beta_2 = ${p.beta2}\\)`,
        `\\(\\varepsilon = 10^{${p.epsExp}}\\)`,
      );
      if (p.optimizer === 'adamw') given.push(`\\(\\lambda = ${p.weightDecay}\\)`);
      given.push(
        `this is step \\(t = ${p.t}\\) with \\(m_{${p.t - 1}} = ${vec(p.state1)}\\) and \\(v_{${p.t - 1}} = ${vec(p.state2)}\\)${p.t === 1 ? ' (the moments start at zero)' : ''}`,
      );
    }
    const ask =
      ctx.kind === 'table'
        ? `Fill in the table: for every coordinate, the new ${res.state.length ? `state (${res.state.map((s) => s.name).join(', ')}) and the ` : ''}new parameter value. Round to 4 decimals.`
        : `What is the new value of \\(\\theta_${p.coord}\\) after this step? Round to 4 decimals.`;
    // Draw the phrasing first (the same draw as choosing among the three), then build only that one.
    const phrasing = ctx.rng.choice(PHRASINGS);
    const stem =
      phrasing === 0
        ? `One step of ${NAMES[p.optimizer]} uses the update\n${rule(p)}\n\nGiven ${given.join(', ')}. ${ask}`
        : phrasing === 1
          ? `A parameter vector is trained with ${NAMES[p.optimizer]}:\n${rule(p)}\n\nThe values before the step are ${given.join(', ')}. ${ask}`
          : `Apply ${NAMES[p.optimizer]} once. Its update rule (element-wise):\n${rule(p)}\n\nKnown: ${given.join('; ')}. ${ask}`;
    const bullets = [
      ...res.state.map(
        (s) => `- New \\(${s.name}\\): \\(${vec(s.value.map((x) => Number(d4(x))))}\\)`,
      ),
      `- New \\(\\theta\\): \\(${vec(res.theta.map((x) => Number(d4(x))))}\\)`,
    ];
    const paragraphs = [
      'Apply the rule coordinate by coordinate (values rounded to 4 decimals):',
      bullets.join('\n'),
    ];
    if (adam) {
      const mt = res.state[0]!.value[i]!;
      const vt = res.state[1]!.value[i]!;
      paragraphs.push(
        `For coordinate ${p.coord}: \\(m_${p.t} = ${d4(mt)}\\), \\(v_${p.t} = ${d4(vt)}\\), \\(\\hat m = ${d4(mt)}/(1-${p.beta1}^{${p.t}}) = ${d4(mt / (1 - p.beta1 ** p.t))}\\), \\(\\hat v = ${d4(vt)}/(1-${p.beta2}^{${p.t}}) = ${d4(vt / (1 - p.beta2 ** p.t))}\\)${p.optimizer === 'adamw' ? `, and the decay first scales \\(\\theta_${p.coord}\\) by \\(1 - ${p.lr}\\cdot${p.weightDecay}\\)` : ''}.`,
      );
    }
    paragraphs.push(`So \\(\\theta_${p.coord} = ${d4(res.theta[i]!)}\\).`);
    const solution = paragraphs.join('\n\n');
    if (ctx.kind === 'table') {
      const header = ['coordinate', ...res.state.map((s) => `new ${s.name}`), 'new θ'];
      const rows: TableCellSpec[][] = p.theta.map((_, k) => [
        { type: 'text', text: String(k + 1) },
        ...res.state.map((s): TableCellSpec => ({
          type: 'numeric',
          value: s.value[k]!,
          decimals: 4,
        })),
        { type: 'numeric', value: res.theta[k]!, decimals: 4 },
      ]);
      return { stem, solution, answer: { type: 'table', header, rows } };
    }
    const distractors: NumericDistractor[] = MISTAKES[p.optimizer]
      .filter(([m]) => !(m === 'wrong-convention' && p.optimizer !== 'momentum'))
      .map(([m, feedback]) => ({
        value: optimizerStepResult(p, m).theta[i]!,
        misconception: m,
        feedback,
      }));
    return {
      stem,
      solution,
      answer: { type: 'numeric', value: res.theta[i]!, decimals: 4, distractors },
    };
  },
  fixtures: [
    {
      id: 'T-adam-first-step',
      params: {
        optimizer: 'adam',
        convention: 'pytorch',
        theta: [1, -0.5],
        grad: [0.2, -1],
        state1: [0, 0],
        state2: [0, 0],
        t: 1,
        lr: 0.1,
        beta1: 0.9,
        beta2: 0.999,
        epsExp: -8,
        weightDecay: 0,
        coord: 1,
      },
      note: 'first Adam step moves every coordinate by ≈ α against the gradient sign: θ₁ = 0.9',
    },
  ],
});
