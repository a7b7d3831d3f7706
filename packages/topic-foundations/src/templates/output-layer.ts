import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { listIndexParam } from '../list-index-param.js';

export type OutputLayerParams = {
  task: number;
  ask: string;
  /** Indices of wrong options (into ACTIVATIONS or LOSSES). */
  wrong: number[];
};

export const ACTIVATIONS = [
  'Softmax',
  'Sigmoid',
  'ReLU',
  'Tanh',
  'Step function',
  'Linear (identity, no activation)',
] as const;
export const LOSSES = [
  'Cross-entropy',
  'Binary cross-entropy',
  'Mean squared error',
  'Hinge loss',
  'Mean absolute error',
] as const;

/** Tasks with their right output activation and loss (indices), and the reason. */
export const TASKS: { text: string; act: number; loss: number; why: string }[] = [
  {
    text: 'a multi-class classification task where each input belongs to exactly one of \\(K\\) classes',
    act: 0,
    loss: 0,
    why: 'softmax gives a probability distribution over the K mutually exclusive classes, trained with cross-entropy',
  },
  {
    text: 'classifying handwritten digits 0–9 (one label per image)',
    act: 0,
    loss: 0,
    why: 'ten mutually exclusive classes call for a softmax output and cross-entropy',
  },
  {
    text: 'binary classification with a single output unit that should give \\(P(y = 1 \\mid x)\\)',
    act: 1,
    loss: 1,
    why: 'a sigmoid maps the logit to a probability in (0, 1), trained with binary cross-entropy',
  },
  {
    text: 'multi-label tagging, where each image may show any subset of 20 objects (one output unit per object)',
    act: 1,
    loss: 1,
    why: 'the labels are not exclusive, so each unit gets its own sigmoid and binary cross-entropy',
  },
  {
    text: 'predicting a house price, an unbounded real number (regression)',
    act: 5,
    loss: 2,
    why: 'regression uses a linear output and mean squared error',
  },
  {
    text: 'predicting tomorrow’s temperature in degrees (regression, positive or negative values)',
    act: 5,
    loss: 2,
    why: 'the target can be any real number: no squashing activation, MSE loss',
  },
  {
    text: 'ImageNet classification into 1000 mutually exclusive classes',
    act: 0,
    loss: 0,
    why: 'one label out of 1000 exclusive classes calls for a softmax output and cross-entropy',
  },
  {
    text: 'binary sentiment classification of reviews (positive or negative) with a single output unit',
    act: 1,
    loss: 1,
    why: 'one unit with a sigmoid gives P(positive), trained with binary cross-entropy',
  },
  {
    text: 'multi-label genre tagging, where a movie can belong to several of 12 genres at once (one output unit per genre)',
    act: 1,
    loss: 1,
    why: 'genres are not exclusive, so each unit gets its own sigmoid and binary cross-entropy',
  },
  {
    text: 'estimating a car’s fuel consumption from its specifications (regression on a real-valued target)',
    act: 5,
    loss: 2,
    why: 'a real-valued target calls for a linear output and mean squared error',
  },
];

const ACT_FEEDBACK: Record<number, string> = {
  0: 'Softmax forces the outputs to sum to 1: right for exactly one class among K.',
  1: 'A sigmoid squashes each output to (0, 1) independently: right for binary or multi-label outputs.',
  2: 'ReLU is a hidden-layer activation; its outputs are unbounded and not probabilities.',
  3: 'tanh outputs lie in (−1, 1): not probabilities and not an unbounded real value.',
  4: 'The step function has zero gradient almost everywhere, so it cannot be trained by backpropagation.',
  5: 'A linear output can take any real value: right for regression, not for probabilities.',
};
const LOSS_FEEDBACK: Record<number, string> = {
  0: 'Cross-entropy compares a predicted distribution over K classes with the true class.',
  1: 'Binary cross-entropy is the negative log-likelihood of a Bernoulli (0/1) label.',
  2: 'Mean squared error is the standard regression loss.',
  3: 'Hinge loss trains max-margin classifiers (SVMs), not probabilistic outputs.',
  4: 'Mean absolute error is a robust regression loss, not a classification loss.',
};

/** Seed 003: the right final layer (and loss) for a task. */
export const outputLayer = defineTemplate<OutputLayerParams>({
  id: 'foundations.output-layer',
  topic: 'foundations',
  title: 'Output layer and loss for a task',
  objective:
    'Choose the output activation and loss that match a task: softmax + CE, sigmoid + BCE, or linear + MSE.',
  difficulty: 1,
  tags: ['activations', 'loss', 'concepts'],
  kinds: ['single'],
  params: {
    task: listIndexParam('the task', TASKS),
    ask: param.choice('ask for the output activation or the loss', ['activation', 'loss']),
    // Any wrong entries of the longer list; the constraint keeps them within the asked one.
    wrong: param.intVector('indices of wrong options', [3, 5], [0, ACTIVATIONS.length - 1], {
      min: 0,
      max: Math.max(ACTIVATIONS.length, LOSSES.length) - 1,
      length: [1, Math.max(ACTIVATIONS.length, LOSSES.length) - 1],
    }),
  },
  constraints: [
    {
      description: 'wrong options are distinct, valid and exclude the answer',
      check: (p) => {
        const task = TASKS[p.task]!;
        const n = p.ask === 'activation' ? ACTIVATIONS.length : LOSSES.length;
        const right = p.ask === 'activation' ? task.act : task.loss;
        return (
          new Set(p.wrong).size === p.wrong.length && p.wrong.every((i) => i < n && i !== right)
        );
      },
    },
  ],
  sample(rng) {
    const task = rng.int(0, TASKS.length - 1);
    const ask = rng.choice(['activation', 'loss']);
    const n = ask === 'activation' ? ACTIVATIONS.length : LOSSES.length;
    const right = ask === 'activation' ? TASKS[task]!.act : TASKS[task]!.loss;
    const pool = Array.from({ length: n }, (_, i) => i).filter((i) => i !== right);
    return { task, ask, wrong: rng.sample(pool, 3) };
  },
  build(p, ctx) {
    const task = TASKS[p.task]!;
    const isAct = p.ask === 'activation';
    const names: readonly string[] = isAct ? ACTIVATIONS : LOSSES;
    const fb = isAct ? ACT_FEEDBACK : LOSS_FEEDBACK;
    const right = isAct ? task.act : task.loss;
    const stem = isAct
      ? ctx.rng.choice([
          `We want to design a neural network for ${task.text}. The final layer's activation should be:`,
          `Which output activation fits ${task.text}?`,
        ])
      : ctx.rng.choice([
          `Which training loss fits ${task.text}?`,
          `A network is trained for ${task.text}. Which loss function should it minimize?`,
        ]);
    const options: OptionSpec[] = [
      { text: names[right]!, correct: true, feedback: fb[right]! },
      ...p.wrong.map((i) => ({
        text: names[i]!,
        correct: false,
        misconception: `chose-${names[i]!.toLowerCase()
          .replace(/[^a-z]+/g, '-')
          .replace(/-$/, '')}`,
        feedback: fb[i]!,
      })),
    ];
    return {
      stem,
      solution: `For ${task.text}, ${task.why}: output activation ${ACTIVATIONS[task.act]}, loss ${LOSSES[task.loss]}.`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S003-mc-final-layer',
      params: { task: 0, ask: 'activation', wrong: [2, 1, 4, 3] },
      note: 'Seed 003: A ReLU, B Sigmoid, C Softmax (correct), D Step function, E Tanh.',
    },
  ],
});
