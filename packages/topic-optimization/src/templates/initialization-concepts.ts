import { defineBankTemplate, type BankParams } from '../bank.js';

/** Why weights are initialized randomly and at a careful scale (seeds 000 and 001). */
export type InitializationConceptsParams = BankParams;

export const initializationConcepts = defineBankTemplate<InitializationConceptsParams>({
  id: 'optimization.initialization-concepts',
  title: 'Initialization: symmetry and scale',
  objective:
    'Explain why weights must be initialized randomly (symmetry breaking) and at a scale that keeps activation variance constant.',
  difficulty: 1,
  tags: ['initialization', 'symmetry-breaking', 'seed-001'],
  mode: 'single',
  scenarios: {
    symmetry: {
      stems: [
        'Why are the weights of a neural network initialized randomly rather than all to the same value (for example 0)?',
        'A colleague initializes every weight of a fully connected network to the same constant. What goes wrong?',
        'Which statement about initializing all weights of a hidden layer to zero is correct?',
      ],
      trueStatements: [
        {
          text: 'All hidden units of a layer would compute the same output and receive the same gradient, so they would stay identical forever; random values break this symmetry.',
          feedback:
            'Identical units get identical updates, so the layer behaves like a single unit.',
        },
        {
          text: 'With identical initial weights every unit in a layer gets the same update, so the layer never learns different features.',
          feedback:
            'Gradient descent preserves the symmetry; only random initialization breaks it.',
        },
        {
          text: 'Symmetric initialization makes the extra units of a layer redundant: the network is no more expressive than one with a single unit per layer.',
          feedback: 'The units remain copies of each other throughout training.',
        },
      ],
      falseStatements: [
        {
          text: 'Zero initialization is fine because gradient descent will move each weight to a different value anyway.',
          misconception: 'gd-breaks-symmetry',
          feedback:
            'Identical units receive identical gradients, so gradient descent keeps them identical.',
        },
        {
          text: 'Random initialization is only needed to make training reproducible.',
          misconception: 'random-for-reproducibility',
          feedback: 'Randomness does not give reproducibility; its purpose is to break symmetry.',
        },
        {
          text: 'Biases must also be random, otherwise the units stay symmetric even with random weights.',
          misconception: 'biases-must-be-random',
          feedback:
            'Random weights already break symmetry; biases are usually initialized to zero.',
        },
        {
          text: 'Constant initialization only slows training down a little; the final accuracy is the same.',
          misconception: 'symmetry-only-slows',
          feedback: 'The symmetry is never broken, so capacity is lost for good, not just time.',
        },
        {
          text: 'Initializing to zero is ideal for ReLU networks because ReLU(0) = 0 keeps activations small.',
          misconception: 'zero-good-for-relu',
          feedback:
            'All-zero weights give zero activations and identical (often zero) gradients: nothing is learned.',
        },
      ],
      explanation:
        'Random initialization breaks the symmetry between the units of a layer; the scale of the random values is then chosen (Xavier, He) so that activations and gradients neither vanish nor explode.',
    },
    scale: {
      stems: [
        'What is the general goal of initialization schemes such as Xavier and He?',
        'Why does the variance of the initial weights matter in a deep network?',
        'Which statement about the scale of randomly initialized weights is correct?',
      ],
      trueStatements: [
        {
          text: 'To keep the variance of the activations (and of the gradients) about the same in every layer, so they neither vanish nor explode.',
          feedback: 'This is the stated goal: constant variance across layers.',
        },
        {
          text: 'If each layer multiplies the activation variance by a factor above 1, it grows exponentially with depth; below 1 it shrinks exponentially.',
          feedback:
            'The per-layer factor n·Var(w) (halved for ReLU) is raised to the number of layers.',
        },
        {
          text: "He initialization uses Var(w) = 2/n_in because ReLU zeroes half of its inputs, halving the signal's second moment.",
          feedback: "The factor 2 compensates ReLU's halving.",
        },
        {
          text: 'Xavier initialization was derived for tanh, using that tanh is approximately linear near 0.',
          feedback: 'Linear-regime analysis gives Var(w) ≈ 1/n (Glorot: 2/(n_in + n_out)).',
        },
      ],
      falseStatements: [
        {
          text: 'Weights should be as large as possible so that the gradients are large and training is fast.',
          misconception: 'large-init-fast',
          feedback:
            'Large weights make activations explode and saturate tanh/sigmoid units, so gradients vanish or explode.',
        },
        {
          text: 'The scale does not matter as long as the weights are random.',
          misconception: 'scale-irrelevant',
          feedback:
            'Randomness breaks symmetry, but the scale controls whether signals vanish or explode with depth.',
        },
        {
          text: 'He initialization is designed for tanh and Xavier for ReLU.',
          misconception: 'swapped-xavier-he',
          feedback: 'It is the other way round: Xavier for tanh (linear near 0), He for ReLU.',
        },
        {
          text: 'Initialization schemes aim to make all weights equal in magnitude.',
          misconception: 'equal-magnitude',
          feedback: 'They set the variance of a random distribution; the weights differ.',
        },
        {
          text: 'With batch normalization in every layer the network must be initialized with zeros.',
          misconception: 'bn-needs-zero-init',
          feedback:
            'Batch norm reduces sensitivity to the scale, but zero weights still leave the units symmetric.',
        },
      ],
      explanation:
        'For a unit with n inputs, Var(a) = n·Var(w)·Var(x) (zero-mean, independent terms); choosing Var(w) ∝ 1/n makes the factor 1 (He adds 2 for ReLU).',
    },
  },
  fixtures: [
    {
      id: 'T-symmetry-breaking',
      params: { scenario: 'symmetry', trueIdx: [0], falseIdx: [0, 1, 4] },
      note: 'seed 000 "Symmetry breaking?" and seed 001 initialization goals',
    },
  ],
});
