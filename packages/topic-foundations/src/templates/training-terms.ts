import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { listIndexParam } from '../list-index-param.js';

export type TrainingTermsParams = {
  /** Index of the term whose description is given. */
  term: number;
  /** Indices of the other terms shown as options. */
  others: number[];
};

/** Terms of the training loop, each with descriptions a stem can give. */
export const TERMS: { name: string; descriptions: string[] }[] = [
  {
    name: 'Backpropagation',
    descriptions: [
      'the process by which the gradients with respect to the neural network’s parameters are computed, once the loss value is already computed',
      'applying the chain rule backwards through the computational graph, from the loss to every weight',
    ],
  },
  {
    name: 'Forward pass',
    descriptions: [
      'evaluating the network on an input, layer by layer, to produce the prediction and the loss',
      'computing every intermediate activation from the input to the output',
    ],
  },
  {
    name: 'Gradient vanishing',
    descriptions: [
      'the gradients reaching the layers near the input become so small that those layers barely update',
      'products of many derivatives smaller than 1 shrink the gradient towards 0 in early layers',
    ],
  },
  {
    name: 'Learning rate adjustment',
    descriptions: [
      'changing the step size of gradient descent during training, e.g. decaying it every few epochs',
    ],
  },
  {
    name: 'Activation',
    descriptions: ['the element-wise non-linear function applied to a layer’s pre-activations'],
  },
  {
    name: 'Gradient descent step',
    descriptions: [
      'moving the parameters a small step against the gradient of the loss: \\(w \\leftarrow w - \\eta \\nabla_w L\\)',
    ],
  },
  {
    name: 'Epoch',
    descriptions: ['one full pass of the training algorithm over the whole training set'],
  },
  {
    name: 'Mini-batch',
    descriptions: [
      'the small random subset of training examples used to estimate the gradient for one update',
    ],
  },
  {
    name: 'Loss function',
    descriptions: [
      'the scalar that measures how far the predictions are from the targets and is minimized during training',
    ],
  },
  {
    name: 'Gradient exploding',
    descriptions: [
      'products of many derivatives larger than 1 make the gradients grow until values overflow to NaN',
    ],
  },
];

/** Seed 003: which term names a step of training (backpropagation vs forward pass, …). */
export const trainingTerms = defineTemplate<TrainingTermsParams>({
  id: 'foundations.training-terms',
  topic: 'foundations',
  title: 'Terms of neural-network training',
  objective:
    'Name backpropagation, the forward pass, vanishing gradients and other steps of training from their description.',
  difficulty: 1,
  tags: ['backprop', 'concepts'],
  kinds: ['single'],
  params: {
    term: listIndexParam('the term described', TERMS),
    others: param.intVector('other terms shown as options', [3, 4], [0, TERMS.length - 1], {
      min: 0,
      max: TERMS.length - 1,
      length: [1, Math.min(7, TERMS.length - 1)],
    }),
  },
  constraints: [
    {
      description: 'options are distinct',
      check: (p) => new Set([p.term, ...p.others]).size === p.others.length + 1,
    },
  ],
  sample(rng) {
    const [term, ...others] = rng.sample(
      TERMS.map((_, i) => i),
      4,
    ) as [number, ...number[]];
    return { term, others };
  },
  build(p, ctx) {
    const d = ctx.rng.choice(TERMS[p.term]!.descriptions);
    const stem = ctx.rng.choice([
      `Which of the following specifically refers to ${d}?`,
      `What is the name for ${d}?`,
      `Which term describes ${d}?`,
    ]);
    const options: OptionSpec[] = [
      {
        text: TERMS[p.term]!.name,
        correct: true,
        feedback: `Correct: ${TERMS[p.term]!.name} is ${d}.`,
      },
      ...p.others.map((i) => ({
        text: TERMS[i]!.name,
        correct: false,
        misconception: `confused-with-${TERMS[i]!.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        feedback: `${TERMS[i]!.name} is ${TERMS[i]!.descriptions[0]}.`,
      })),
    ];
    return {
      stem,
      solution: `${TERMS[p.term]!.name} is ${d}.\n${[p.term, ...p.others].map((i) => `- ${TERMS[i]!.name}: ${TERMS[i]!.descriptions[0]}.`).join('\n')}`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S003-mc-backprop',
      params: { term: 0, others: [1, 2, 3, 4] },
      note: 'Seed 003: A forward pass, B gradient vanishing, C backpropagation (correct), D learning rate adjustment, E activation.',
    },
  ],
});
