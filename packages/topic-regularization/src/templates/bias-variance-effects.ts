import { defineTemplate, param, type OptionSpec, type TableCellSpec } from '@dlexam/generator';

/**
 * Seed 001's bias/variance effect table: what a change generally does to bias and variance
 * (regularizing ↑/↓, bigger layers ↓/↑, dropout ↑/↓, more data no change/↓), with a bank of
 * further operations. Asked as a table of choice cells, or for one operation as single choice.
 */

export type Effect = 'increases' | 'decreases' | 'no change';
export const EFFECTS: readonly Effect[] = ['increases', 'decreases', 'no change'];

export interface Operation {
  text: string;
  bias: Effect;
  variance: Effect;
  /** Why, one sentence. */
  why: string;
}

/** Indices 0–3 are seed 001's rows, in its order. */
export const OPERATIONS: readonly Operation[] = [
  {
    text: 'Regularizing the weights',
    bias: 'increases',
    variance: 'decreases',
    why: 'A weight penalty restricts the functions the model can fit: a little more bias, less variance.',
  },
  {
    text: 'Increasing the size of the layers (more hidden units per layer)',
    bias: 'decreases',
    variance: 'increases',
    why: 'More hidden units add capacity: the model can fit more (lower bias) and also memorise more (higher variance).',
  },
  {
    text: 'Using dropout to train a deep neural network',
    bias: 'increases',
    variance: 'decreases',
    why: 'Dropout is a regularizer: it prevents co-adaptation, trading a little bias for less variance.',
  },
  {
    text: 'Getting more training data (from the same distribution as before)',
    bias: 'no change',
    variance: 'decreases',
    why: 'More data does not change the model family (bias stays), but the fit depends less on the particular sample (variance falls).',
  },
  {
    text: 'Increasing the L2 regularization strength \\(\\lambda\\)',
    bias: 'increases',
    variance: 'decreases',
    why: 'A larger λ shrinks the weights more strongly: more bias, less variance.',
  },
  {
    text: 'Decreasing the L2 regularization strength \\(\\lambda\\)',
    bias: 'decreases',
    variance: 'increases',
    why: 'A smaller λ lets the weights grow: less bias, more variance.',
  },
  {
    text: 'Adding more hidden layers',
    bias: 'decreases',
    variance: 'increases',
    why: 'Depth adds capacity: lower bias, higher variance.',
  },
  {
    text: 'Using a smaller network (fewer hidden units)',
    bias: 'increases',
    variance: 'decreases',
    why: 'Less capacity: the model fits less (more bias) but is less sensitive to the sample (less variance).',
  },
  {
    text: 'Stopping training earlier (early stopping)',
    bias: 'increases',
    variance: 'decreases',
    why: 'Early stopping keeps the weights closer to their initial values, acting like a regularizer.',
  },
  {
    text: 'Removing the dropout layers',
    bias: 'decreases',
    variance: 'increases',
    why: 'Removing a regularizer lowers bias and raises variance.',
  },
  {
    text: 'Training on a smaller subset of the training data (same distribution)',
    bias: 'no change',
    variance: 'increases',
    why: 'The model family is unchanged (bias stays), but fewer samples make the fit more sample-dependent (variance rises).',
  },
  {
    text: 'Adding many more input features (e.g. polynomial features)',
    bias: 'decreases',
    variance: 'increases',
    why: 'More features give a richer hypothesis space: lower bias, higher variance.',
  },
  {
    text: 'Removing most input features',
    bias: 'increases',
    variance: 'decreases',
    why: 'A poorer hypothesis space raises bias and lowers variance.',
  },
  {
    text: 'Increasing the dropout probability \\(p\\)',
    bias: 'increases',
    variance: 'decreases',
    why: 'Stronger dropout is stronger regularization.',
  },
];

const ARROW: Record<Effect, string> = { increases: '↑', decreases: '↓', 'no change': 'no change' };

type BiasVarianceEffectsParams = { ops: number[] };

const distinct = (xs: number[]) => new Set(xs).size === xs.length;

/** Indices of distinct operations of the bank: `drawn` of them, `fewest` to `most` when pinned. */
const operationIndices = (description: string, drawn: number, fewest: number, most: number) =>
  param.intVector(description, [drawn, drawn], [0, OPERATIONS.length - 1], {
    integer: true,
    min: 0,
    max: OPERATIONS.length - 1,
    length: [fewest, most],
  });

export const biasVarianceEffects = defineTemplate<BiasVarianceEffectsParams>({
  id: 'regularization.bias-variance-effects',
  topic: 'regularization',
  title: 'Effect of changes on bias and variance (table)',
  objective:
    'State whether regularization, capacity, dropout and data size increase, decrease or leave unchanged the bias and the variance of a model.',
  difficulty: 2,
  tags: ['bias-variance', 'regularization', 'table', 'seed-001'],
  kinds: ['table'],
  params: {
    // A table of any number of the bank's operations, each once.
    ops: operationIndices(
      'the four operations in the table (indices into the bank)',
      4,
      1,
      OPERATIONS.length,
    ),
  },
  constraints: [
    { description: 'distinct operations', check: (p) => distinct(p.ops), params: ['ops'] },
    // An operation and its exact opposite (λ up and λ down) would give away each other's answer.
    {
      description: 'not both directions of λ',
      check: (p) => !(p.ops.includes(4) && p.ops.includes(5)),
      prefer: true,
      params: ['ops'],
    },
  ],
  sample(rng) {
    for (;;) {
      const ops = rng.sample(
        OPERATIONS.map((_, i) => i),
        4,
      );
      if (!(ops.includes(4) && ops.includes(5))) return { ops };
    }
  },
  build(p, ctx) {
    const stem = [
      ctx.rng.choice([
        'Explain what effect each of the following operations generally has on the bias and on the variance of your model.',
        'For each change below, state how it generally affects the bias and the variance of a trained neural network.',
        'A model is modified in one of the ways listed below. What does each change generally do to its bias and to its variance?',
      ]),
      "Choose 'increases', 'decreases' or 'no change' in each cell.",
    ].join('\n\n');
    const rows: TableCellSpec[][] = p.ops.map((i) => {
      const op = OPERATIONS[i]!;
      return [
        { type: 'text', text: op.text },
        { type: 'choice', options: [...EFFECTS], correct: EFFECTS.indexOf(op.bias) },
        { type: 'choice', options: [...EFFECTS], correct: EFFECTS.indexOf(op.variance) },
      ];
    });
    const solution = [
      'Capacity-reducing changes and regularizers raise bias and lower variance; capacity-adding changes do the opposite; the amount of data affects variance only.',
      p.ops
        .map((i) => {
          const op = OPERATIONS[i]!;
          return `- ${op.text}: bias ${ARROW[op.bias]}, variance ${ARROW[op.variance]}. ${op.why}`;
        })
        .join('\n'),
    ].join('\n\n');
    return {
      stem,
      solution,
      answer: { type: 'table', header: ['Operation', 'Bias', 'Variance'], rows },
    };
  },
  fixtures: [{ id: 'S001-bias-variance-table', kind: 'table', params: { ops: [0, 1, 2, 3] } }],
});

const PAIRS: readonly [Effect, Effect][] = [
  ['increases', 'decreases'],
  ['decreases', 'increases'],
  ['no change', 'decreases'],
  ['no change', 'increases'],
  ['increases', 'increases'],
  ['decreases', 'decreases'],
];

const pairText = ([b, v]: [Effect, Effect]) =>
  `Bias ${b === 'no change' ? 'does not change' : b}, variance ${v === 'no change' ? 'does not change' : v}`;

type BiasVarianceEffectParams = { op: number };

export const biasVarianceEffect = defineTemplate<BiasVarianceEffectParams>({
  id: 'regularization.bias-variance-effect',
  topic: 'regularization',
  title: 'Effect of one change on bias and variance',
  objective:
    'State how one change (regularization, capacity, dropout, data size) generally moves bias and variance.',
  difficulty: 1,
  tags: ['bias-variance', 'regularization'],
  kinds: ['single'],
  params: {
    op: param.int('the operation asked about (index into the bank)', [0, OPERATIONS.length - 1], {
      min: 0,
      max: OPERATIONS.length - 1,
    }),
  },
  build(p, ctx) {
    const op = OPERATIONS[p.op]!;
    const stem = ctx.rng.choice([
      `What effect does the following change generally have on the bias and the variance of a model? ${op.text}.`,
      `Change: ${op.text}. How does this generally affect bias and variance?`,
      `You apply this change to a neural network: ${op.text}. Which statement about bias and variance holds in general?`,
    ]);
    const right = PAIRS.find(([b, v]) => b === op.bias && v === op.variance)!;
    const wrong = ctx.rng.sample(
      PAIRS.filter((x) => x !== right),
      3,
    );
    const feedbackFor = ([b, v]: [Effect, Effect]): { misconception: string; feedback: string } => {
      if (b === op.variance && v === op.bias && b !== v)
        return {
          misconception: 'swapped-bias-variance',
          feedback: `This swaps the two effects. ${op.why}`,
        };
      if (b === v)
        return {
          misconception: 'bias-variance-move-together',
          feedback: `These changes trade one error source against the other rather than moving both the same way. ${op.why}`,
        };
      if (b !== op.bias && v === op.variance)
        return {
          misconception: 'wrong-bias-effect',
          feedback: `The variance part is right, but bias ${op.bias === 'no change' ? 'does not change' : op.bias}. ${op.why}`,
        };
      return {
        misconception: 'wrong-variance-effect',
        feedback: `Variance ${op.variance === 'no change' ? 'does not change' : op.variance} here. ${op.why}`,
      };
    };
    const options: OptionSpec[] = [
      { text: pairText(right), correct: true, feedback: `Correct. ${op.why}` },
      ...wrong.map((w) => ({ text: pairText(w), correct: false, ...feedbackFor(w) })),
    ];
    return {
      stem,
      solution: `${pairText(right)}. ${op.why}\n\nRule of thumb: regularizers and capacity cuts raise bias and lower variance; added capacity does the opposite; more data lowers variance only.`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    { id: 'S001-bias-variance-table-regularizing', params: { op: 0 } },
    { id: 'S001-bias-variance-table-more-data', params: { op: 3 } },
  ],
});

type BiasVarianceEffectMatchingParams = { ops: number[] };

const effectClass = (i: number) => `${OPERATIONS[i]!.bias}/${OPERATIONS[i]!.variance}`;
/** The distinct effect classes (in bank order) and the operations of each, computed once. */
const CLASSES = [...new Set(OPERATIONS.map((_, i) => effectClass(i)))];
const OPS_OF_CLASS = new Map(
  CLASSES.map((c) => [c, OPERATIONS.map((_, i) => i).filter((i) => effectClass(i) === c)]),
);

export const biasVarianceEffectMatching = defineTemplate<BiasVarianceEffectMatchingParams>({
  id: 'regularization.bias-variance-effect-matching',
  topic: 'regularization',
  title: 'Match changes to their effect on bias and variance',
  objective:
    'Match capacity, regularization and data-size changes to their effect on bias and variance.',
  difficulty: 2,
  tags: ['bias-variance', 'regularization', 'matching', 'seed-001'],
  kinds: ['matching'],
  params: {
    // Two or more prompts, at most one per effect the bank holds (each answer used once).
    ops: operationIndices(
      'three operations with different effects (indices into the bank)',
      3,
      2,
      CLASSES.length,
    ),
  },
  constraints: [
    {
      description: 'the operations have different effects',
      check: (p) => new Set(p.ops.map(effectClass)).size === p.ops.length,
      params: ['ops'],
    },
  ],
  sample(rng) {
    const picked = rng.sample(CLASSES, 3);
    return { ops: picked.map((c) => rng.choice(OPS_OF_CLASS.get(c)!)) };
  },
  build(p, ctx) {
    const pairs = p.ops.map((i) => ({
      prompt: OPERATIONS[i]!.text,
      answer: pairText([OPERATIONS[i]!.bias, OPERATIONS[i]!.variance]),
    }));
    const used = new Set(pairs.map((x) => x.answer));
    const distractors = PAIRS.map(pairText)
      .filter((t) => !used.has(t))
      .slice(0, 3);
    const stem = ctx.rng.choice([
      'Match each change to the effect it generally has on the bias and the variance of a neural network. Some effects are not used.',
      'For each operation, pick how it generally moves bias and variance. Not every effect is used.',
    ]);
    const solution = p.ops
      .map(
        (i) =>
          `- ${OPERATIONS[i]!.text}: ${pairText([OPERATIONS[i]!.bias, OPERATIONS[i]!.variance])}. ${OPERATIONS[i]!.why}`,
      )
      .join('\n');
    return { stem, solution, answer: { type: 'matching', pairs, distractors } };
  },
  fixtures: [
    {
      id: 'S001-bias-variance-table-matching',
      params: { ops: [0, 1, 3] },
      note: 'seed 001 rows regularizing, bigger layers, more data',
    },
  ],
});
