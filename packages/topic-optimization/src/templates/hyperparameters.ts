import { defineBankTemplate, type BankParams } from '../bank.js';

/**
 * Hyperparameters vs learned parameters (seed 002): a fully connected network with batch norm and
 * dropout; hyperparameters are chosen before training, parameters are learned by gradient descent.
 */
export type HyperparametersParams = BankParams;

const SETTING =
  'You are tasked with training a fully connected neural network with batch normalization and dropout, using mini-batch gradient descent.';

export const hyperparameters = defineBankTemplate<HyperparametersParams>({
  id: 'optimization.hyperparameters',
  title: 'Hyperparameters vs parameters',
  objective:
    'Distinguish hyperparameters (chosen before training) from parameters and statistics learned or computed during training.',
  difficulty: 1,
  tags: ['hyperparameters', 'batch-norm', 'seed-002'],
  mode: 'multiple',
  scenarios: {
    hyper: {
      stems: [
        `${SETTING} Which of the following are hyperparameters?`,
        `${SETTING} Select every quantity that is a hyperparameter (set by you, not learned by gradient descent).`,
        `${SETTING} Which of these must be chosen before training rather than learned from the data?`,
      ],
      trueStatements: [
        {
          text: 'Loss function \\(L\\)',
          feedback:
            'The loss is a design choice made before training; gradient descent does not learn it.',
        },
        {
          text: 'Dropout probability \\(p\\)',
          feedback: 'p is fixed by you (or tuned on validation data), never updated by gradients.',
        },
        {
          text: 'Batch size \\(B\\)',
          feedback: 'The batch size is a training setting chosen beforehand.',
        },
        {
          text: 'Learning rate \\(\\alpha\\)',
          feedback: 'The step size is chosen (or scheduled) by you.',
        },
        {
          text: 'Number of hidden layers and units per layer',
          feedback: 'The architecture is fixed before training.',
        },
        {
          text: 'Number of training epochs',
          feedback:
            'How long to train is a choice (or set by early stopping), not a learned weight.',
        },
        {
          text: 'Weight-decay (L2) coefficient \\(\\lambda\\)',
          feedback: 'The regularization strength is tuned, not learned by gradient descent.',
        },
        {
          text: 'Momentum coefficient \\(\\beta\\) of the optimizer',
          feedback: 'Optimizer settings are hyperparameters.',
        },
        {
          text: "Batch normalization's \\(\\varepsilon\\) and running-average momentum",
          feedback: 'These constants are fixed settings of the layer.',
        },
      ],
      falseStatements: [
        {
          text: "Batch Normalization's \\(\\gamma\\) and \\(\\beta\\)",
          misconception: 'bn-affine-is-hyperparameter',
          feedback:
            'γ and β are trainable parameters, learned by gradient descent like the weights.',
        },
        {
          text: 'The weight matrices \\(W^{[l]}\\) of the hidden layers',
          misconception: 'weights-are-hyperparameters',
          feedback: 'Weights are the parameters that training learns.',
        },
        {
          text: 'The bias vectors \\(b^{[l]}\\)',
          misconception: 'biases-are-hyperparameters',
          feedback: 'Biases are learned parameters.',
        },
        {
          text: "Batch normalization's running mean and running variance",
          misconception: 'running-stats-are-hyperparameters',
          feedback:
            'They are statistics computed from the data during training (buffers), not chosen by you.',
        },
        {
          text: 'The dropout mask sampled at each training step',
          misconception: 'mask-is-hyperparameter',
          feedback: 'The mask is random per step; only its probability p is a hyperparameter.',
        },
        {
          text: 'The gradients \\(\\partial L/\\partial W\\) at the current step',
          misconception: 'gradients-are-hyperparameters',
          feedback: 'Gradients are computed from the data and parameters at each step.',
        },
      ],
      explanation:
        'A hyperparameter is fixed before (or outside) gradient-based training — architecture, loss, optimizer and regularization settings. Anything updated by backpropagation (weights, biases, γ, β) is a parameter, and anything computed from the data during training (running statistics, masks, gradients) is neither.',
    },
  },
  fixtures: [
    {
      id: 'S002-mc-hyperparameters',
      params: { scenario: 'hyper', trueIdx: [0, 1, 2], falseIdx: [0] },
      note: 'seed 002: (a) loss, (b) dropout p, (d) batch size are hyperparameters; (c) γ, β are learned',
    },
  ],
});
