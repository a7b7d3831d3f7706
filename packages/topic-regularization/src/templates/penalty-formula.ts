import { defineTemplate, param, type OptionSpec } from '@dlexam/generator';
import { richTextToPlain } from '@dlexam/types';
import {
  HALF_LAMBDA_IS_L2,
  PENALTY_GRADIENT_TEX,
  PENALTY_PARAM,
  penaltyForm,
  type PenaltyForm,
} from './penalty-params.js';

/**
 * Symbolic L1/L2 questions of seed 001 (S001-l1-grad, S001-l1-l2-update): the gradient of the
 * penalized cost and one gradient-descent step, as choice questions whose options are formulas.
 * Symbols vary (J/α or L/η); the L2 penalty is λ‖w‖² (the seed's form) or (λ/2)‖w‖².
 */

export type PenaltyFormulaParams = {
  penalty: string;
  ask: string;
  convention: string;
  symbols: string;
  form: string;
};

interface Sym {
  J: string;
  a: string;
  aPlain: string;
}
/** The penalty of each form, as the stem writes it. */
const PENALTY_TEX: Record<PenaltyForm, string> = {
  l1: '\\lambda \\sum_i |w_i|',
  lambda: '\\lambda \\|w\\|^2, \\qquad \\|w\\|^2 = \\sum_i w_i^2',
  'half-lambda': '\\frac{\\lambda}{2} \\|w\\|^2, \\qquad \\|w\\|^2 = \\sum_i w_i^2',
};

const SYMBOLS: Record<string, Sym> = {
  'J-alpha': { J: 'J', a: '\\alpha', aPlain: 'α' },
  'L-eta': { J: 'L', a: '\\eta', aPlain: 'η' },
};

interface Formula {
  tex: string;
  misconception?: string;
  feedback: string;
}

/** The right formula and the wrong ones, each with its feedback. */
type FormulaSet = { correct: Formula; wrong: Formula[] };

/** The TeX pieces every formula is built from, in the variant's symbols. */
interface Terms {
  /** ∂J/∂wᵢ (or ∂L/∂wᵢ). */
  dJ: string;
  /** sign(wᵢ). */
  sg: string;
  /** The learning rate α (or η). */
  a: string;
  /** The L2 penalty is (λ/2)‖w‖² rather than λ‖w‖². */
  half: boolean;
}

/** The gradient of the L1-penalized cost. */
function l1Gradient({ dJ, sg }: Terms): FormulaSet {
  return {
    correct: {
      tex: `${dJ} + \\lambda\\,${sg}`,
      feedback: 'Correct: the derivative of |wᵢ| is sign(wᵢ).',
    },
    wrong: [
      {
        tex: `${dJ} + \\lambda\\,|w_i|`,
        misconception: 'kept-absolute-value',
        feedback: 'You kept |wᵢ| instead of differentiating it; d|w|/dw = sign(w).',
      },
      {
        tex: `${dJ} + \\lambda`,
        misconception: 'l1-derivative-constant',
        feedback: 'The derivative of |wᵢ| is ±1 depending on the sign of wᵢ, not always +1.',
      },
      {
        tex: `${dJ} + 2\\lambda w_i`,
        misconception: 'l2-derivative-for-l1',
        feedback: 'That is the derivative of the L2 penalty λwᵢ², not of λ|wᵢ|.',
      },
      {
        tex: `${dJ} - \\lambda\\,${sg}`,
        misconception: 'penalty-sign-flipped',
        feedback: 'The penalty is added to the cost, so its derivative is added too.',
      },
      {
        tex: `\\lambda\\,${sg}`,
        misconception: 'dropped-loss-gradient',
        feedback:
          'The gradient of the penalized cost still contains the gradient of the original cost.',
      },
    ],
  };
}

/** The gradient of the L2-penalized cost. */
function l2Gradient({ dJ, sg, half }: Terms): FormulaSet {
  const k = half ? '\\lambda' : '2\\lambda';
  return {
    correct: {
      tex: `${dJ} + ${k} w_i`,
      feedback: half ? 'Correct: d/dwᵢ of (λ/2)wᵢ² is λwᵢ.' : 'Correct: d/dwᵢ of λwᵢ² is 2λwᵢ.',
    },
    wrong: [
      half
        ? {
            tex: `${dJ} + 2\\lambda w_i`,
            misconception: 'extra-factor-2',
            feedback:
              'With the (λ/2) convention the 2 from the square cancels the 1/2: the term is λwᵢ.',
          }
        : {
            tex: `${dJ} + \\lambda w_i`,
            misconception: 'missing-factor-2',
            feedback:
              'You dropped the factor 2 from differentiating wᵢ²; with penalty λ‖w‖² the term is 2λwᵢ.',
          },
      {
        tex: `${dJ} + \\lambda\\,${sg}`,
        misconception: 'l1-derivative-for-l2',
        feedback: 'λ·sign(wᵢ) is the derivative of the L1 penalty, not of the squared L2 norm.',
      },
      {
        tex: `${dJ} + ${k}`,
        misconception: 'dropped-weight-factor',
        feedback: 'The derivative of wᵢ² is proportional to wᵢ; the factor wᵢ is missing.',
      },
      {
        tex: `${dJ} + \\lambda w_i^2`,
        misconception: 'did-not-differentiate-penalty',
        feedback: 'You copied the penalty term instead of differentiating it.',
      },
      {
        tex: `${dJ} - ${k} w_i`,
        misconception: 'penalty-sign-flipped',
        feedback: 'The penalty is added to the cost, so its derivative is added too.',
      },
    ],
  };
}

/** One gradient-descent step with the L1 penalty. */
function l1Update({ dJ, sg, a }: Terms): FormulaSet {
  return {
    correct: {
      tex: `w_i - ${a}\\lambda\\,${sg} - ${a}${dJ}`,
      feedback: 'Correct: step against the gradient ∂J/∂wᵢ + λ·sign(wᵢ).',
    },
    wrong: [
      {
        tex: `w_i + ${a}\\lambda\\,${sg} - ${a}${dJ}`,
        misconception: 'penalty-sign-flipped',
        feedback:
          'The penalty gradient is subtracted like the loss gradient; adding it pushes weights away from 0.',
      },
      {
        tex: `w_i - \\lambda\\,${sg} - ${a}${dJ}`,
        misconception: 'forgot-learning-rate-on-penalty',
        feedback: 'The learning rate multiplies the whole gradient, the penalty part included.',
      },
      {
        tex: `w_i - ${a}\\lambda\\,|w_i| - ${a}${dJ}`,
        misconception: 'kept-absolute-value',
        feedback: 'The derivative of |wᵢ| is sign(wᵢ), not |wᵢ|.',
      },
      {
        tex: `w_i - 2${a}\\lambda w_i - ${a}${dJ}`,
        misconception: 'l2-update-for-l1',
        feedback: 'That is the L2 (weight decay) update, not the L1 one.',
      },
      {
        tex: `w_i - ${a}\\lambda\\,${sg} + ${a}${dJ}`,
        misconception: 'gradient-ascent',
        feedback: 'Gradient descent subtracts the loss gradient.',
      },
    ],
  };
}

/** One gradient-descent step with the L2 penalty (weight decay), expanded or factored. */
function l2Update({ dJ, sg, a, half }: Terms, form: string): FormulaSet {
  const k = half ? '' : '2';
  const correctTex =
    form === 'factored'
      ? `(1 - ${k}${a}\\lambda)\\,w_i - ${a}${dJ}`
      : `w_i - ${k}${a}\\lambda w_i - ${a}${dJ}`;
  return {
    correct: {
      tex: correctTex,
      feedback: half
        ? 'Correct: the gradient of (λ/2)‖w‖² is λw.'
        : 'Correct: the gradient of λ‖w‖² is 2λw, so the step subtracts 2αλwᵢ.',
    },
    wrong: [
      half
        ? {
            tex: `w_i - 2${a}\\lambda w_i - ${a}${dJ}`,
            misconception: 'extra-factor-2',
            feedback: 'With the (λ/2) convention the gradient of the penalty is λwᵢ, not 2λwᵢ.',
          }
        : {
            tex: `w_i - ${a}\\lambda w_i - ${a}${dJ}`,
            misconception: 'missing-factor-2',
            feedback: 'You dropped the factor 2: the gradient of λwᵢ² is 2λwᵢ.',
          },
      {
        tex: `w_i + ${k}${a}\\lambda w_i - ${a}${dJ}`,
        misconception: 'penalty-sign-flipped',
        feedback: 'Weight decay shrinks the weight; adding the term would grow it.',
      },
      {
        tex: `w_i - ${k}\\lambda w_i - ${a}${dJ}`,
        misconception: 'forgot-learning-rate-on-penalty',
        feedback: 'The learning rate multiplies the penalty gradient as well.',
      },
      {
        tex: `w_i - ${a}\\lambda\\,${sg} - ${a}${dJ}`,
        misconception: 'l1-update-for-l2',
        feedback: 'That is the L1 update; the L2 penalty gives a term proportional to wᵢ.',
      },
      {
        tex: `w_i - ${k}${a}\\lambda w_i^2 - ${a}${dJ}`,
        misconception: 'did-not-differentiate-penalty',
        feedback: 'You used the penalty itself instead of its derivative.',
      },
    ],
  };
}

function formulas(p: PenaltyFormulaParams, s: Sym): FormulaSet {
  const dJ = `\\frac{\\partial ${s.J}}{\\partial w_i}`;
  const sg = '\\operatorname{sign}(w_i)';
  const a = s.a;
  const half = p.convention === 'half-lambda';
  const terms: Terms = { dJ, sg, a, half };
  if (p.penalty === 'l1' && p.ask === 'gradient') return l1Gradient(terms);
  if (p.penalty === 'l2' && p.ask === 'gradient') return l2Gradient(terms);
  if (p.penalty === 'l1') return l1Update(terms);
  return l2Update(terms, p.form);
}

// The generic TeX→plain fallback writes (∂ J)/(∂ wᵢ); the usual compact form reads better.
// The formulas come from a small fixed set, so each option is converted once.
/** How the solution derives each form's term of the gradient. */
const DERIVATION: Record<PenaltyForm, string> = {
  l1: '\\(\\frac{d}{dw}|w| = \\operatorname{sign}(w)\\) for \\(w \\neq 0\\), and we take \\(\\operatorname{sign}(0) = 0\\).',
  lambda: '\\(\\frac{d}{dw_i}\\,\\lambda w_i^2 = 2\\lambda w_i\\).',
  'half-lambda':
    '\\(\\frac{d}{dw_i}\\,\\frac{\\lambda}{2} w_i^2 = \\lambda w_i\\): the 1/2 cancels the 2.',
};

const optionCache = new Map<string, { text: string; plain: string }>();
function option(tex: string): { text: string; plain: string } {
  let o = optionCache.get(tex);
  if (!o) {
    const text = `\\(${tex}\\)`;
    o = { text, plain: richTextToPlain(text).replace(/\(∂ ([JL])\)\/\(∂ wᵢ\)/g, '∂$1/∂wᵢ') };
    optionCache.set(tex, o);
  }
  return o;
}

export const penaltyFormula = defineTemplate<PenaltyFormulaParams>({
  id: 'regularization.penalty-formula',
  topic: 'regularization',
  title: 'L1/L2 penalty: gradient and update rule',
  objective:
    'Derive the gradient of an L1- or L2-penalized cost and the resulting gradient-descent update.',
  difficulty: 2,
  tags: ['l1', 'l2', 'weight-decay', 'gradient', 'seed-001'],
  kinds: ['single'],
  params: {
    penalty: PENALTY_PARAM,
    ask: param.choice('ask for ∂/∂wᵢ of the penalized cost or for one GD step', [
      'gradient',
      'update',
    ]),
    convention: param.choice('L2 penalty λ‖w‖² or (λ/2)‖w‖² (L1: always lambda)', [
      'lambda',
      'half-lambda',
    ]),
    symbols: param.choice('cost and learning-rate symbols', ['J-alpha', 'L-eta']),
    form: param.choice('how the correct L2 update is written', ['expanded', 'factored']),
  },
  constraints: [
    HALF_LAMBDA_IS_L2,
    {
      description: 'the factored form only applies to the L2 update',
      check: (p) => (p.penalty === 'l2' && p.ask === 'update') || p.form === 'expanded',
    },
  ],
  build(p, ctx) {
    const s = SYMBOLS[p.symbols]!;
    const cost = `${s.J}_{\\text{reg}}(w) = ${s.J}(w) + ${PENALTY_TEX[penaltyForm(p)]}`;
    const signNote =
      p.penalty === 'l1'
        ? ' Use \\(\\operatorname{sign}(0) = 0\\) (the subgradient frameworks use at 0).'
        : '';
    const intro = ctx.rng.choice([
      `A network is trained on the regularized cost \\[${cost}\\]`,
      `Consider a cost \\(${s.J}(w)\\) with an added ${p.penalty === 'l1' ? 'L1' : 'L2'} penalty: \\[${cost}\\]`,
      `Weight regularization adds a penalty to the cost \\(${s.J}\\): \\[${cost}\\]`,
    ]);
    const question =
      p.ask === 'gradient'
        ? ctx.rng.choice([
            `What is \\(\\frac{\\partial ${s.J}_{\\text{reg}}}{\\partial w_i}\\)?${signNote}`,
            `Which expression is the partial derivative of \\(${s.J}_{\\text{reg}}\\) with respect to one weight \\(w_i\\)?${signNote}`,
          ])
        : ctx.rng.choice([
            `Which expression is the new value of \\(w_i\\) after one gradient-descent step on \\(${s.J}_{\\text{reg}}\\) with learning rate \\(${s.a}\\)?${signNote}`,
            `One step of gradient descent with learning rate \\(${s.a}\\) is taken on \\(${s.J}_{\\text{reg}}\\). What is the updated weight \\(w_i\\)?${signNote}`,
          ]);
    const { correct, wrong } = formulas(p, s);
    const picked = ctx.rng.sample(wrong, 3);
    const options: OptionSpec[] = [
      { ...option(correct.tex), correct: true, feedback: correct.feedback },
      ...picked.map((f) => ({
        ...option(f.tex),
        correct: false,
        misconception: f.misconception!,
        feedback: f.feedback,
      })),
    ];
    const dJ = `\\frac{\\partial ${s.J}}{\\partial w_i}`;
    const form = penaltyForm(p);
    const lines = [
      `Only the \\(i\\)-th term of the penalty depends on \\(w_i\\): ${DERIVATION[form]}`,
      `\\[\\frac{\\partial ${s.J}_{\\text{reg}}}{\\partial w_i} = ${dJ} + ${PENALTY_GRADIENT_TEX[form]}\\]`,
    ];
    if (p.ask === 'update')
      lines.push(
        `Gradient descent subtracts \\(${s.a}\\) times this gradient: \\[w_i \\leftarrow w_i - ${s.a}\\Big(${dJ} + ${PENALTY_GRADIENT_TEX[form]}\\Big) = ${correct.tex}\\]`,
      );
    return {
      stem: `${intro}\n\n${question}`,
      solution: lines.join('\n\n'),
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S001-l1-grad',
      params: {
        penalty: 'l1',
        ask: 'gradient',
        convention: 'lambda',
        symbols: 'J-alpha',
        form: 'expanded',
      },
    },
    {
      id: 'S001-l1-l2-update',
      params: {
        penalty: 'l1',
        ask: 'update',
        convention: 'lambda',
        symbols: 'J-alpha',
        form: 'expanded',
      },
    },
    {
      id: 'S001-l1-l2-update-l2',
      params: {
        penalty: 'l2',
        ask: 'update',
        convention: 'lambda',
        symbols: 'J-alpha',
        form: 'expanded',
      },
    },
  ],
});
