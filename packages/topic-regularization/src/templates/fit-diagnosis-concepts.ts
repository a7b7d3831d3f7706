import { defineBankTemplate, type Statement } from '../bank.js';

/**
 * Seed 000's five multiple-choice questions (bias–variance tradeoff, learning rate too high, small
 * dataset, reducing overfitting, fixing underfitting), each with a bank of further statements.
 * Index 0 of each true list and indices 0–2 of each false list are the seed's own options.
 */

export const OVERFITTING_REMEDIES: Statement[] = [
  {
    text: 'Applying regularization techniques like dropout or L2 regularization.',
    feedback: 'Dropout and weight penalties constrain the model, which lowers variance.',
  },
  {
    text: 'Collecting more training data from the same distribution.',
    feedback: 'More data makes it harder to memorise the training set, so variance drops.',
  },
  {
    text: 'Using data augmentation that keeps the labels unchanged.',
    feedback: 'Augmentation enlarges the effective training set and builds in invariances.',
  },
  {
    text: 'Stopping training at the epoch with the lowest validation loss (early stopping).',
    feedback: 'Early stopping halts before the model starts fitting noise in the training set.',
  },
  {
    text: 'Reducing the size of the model (fewer layers or hidden units).',
    feedback: 'A smaller model has less capacity to memorise, which lowers variance.',
  },
  {
    text: 'Increasing the L2 regularization strength \\(\\lambda\\).',
    feedback:
      'A larger \\(\\lambda\\) pulls the weights towards 0, giving a smoother, lower-variance model.',
  },
  {
    text: 'Averaging the predictions of several independently trained models (ensembling).',
    feedback: 'Ensembles average out the errors of individual models, which reduces variance.',
  },
];

export const OVERFITTING_NON_REMEDIES: Statement[] = [
  {
    text: 'Increasing the number of epochs.',
    misconception: 'train-longer-fixes-overfitting',
    feedback:
      'Training longer lets the model fit the training set even more closely, which worsens overfitting.',
  },
  {
    text: 'Decreasing the size of the training data.',
    misconception: 'less-data-less-overfitting',
    feedback: 'Less data makes memorisation easier, so variance rises.',
  },
  {
    text: 'Increasing the size of the model (more layers and parameters).',
    misconception: 'bigger-model-fixes-overfitting',
    feedback:
      'More capacity lowers bias but raises variance, the opposite of what an overfitting model needs.',
  },
  {
    text: 'Removing the dropout layers.',
    misconception: 'remove-regularization-for-overfitting',
    feedback: 'Dropout is a regularizer; removing it increases variance.',
  },
  {
    text: 'Decreasing the weight-decay coefficient to 0.',
    misconception: 'remove-regularization-for-overfitting',
    feedback: 'Turning off weight decay removes a regularizer, which increases variance.',
  },
  {
    text: 'Training until the training loss reaches exactly 0.',
    misconception: 'train-longer-fixes-overfitting',
    feedback: 'Driving the training loss to 0 is the definition of memorising the training set.',
  },
];

export const UNDERFITTING_REMEDIES: Statement[] = [
  {
    text: 'Increasing the number of layers or neurons in the model.',
    feedback: 'More capacity lets the model represent more complex functions, which lowers bias.',
  },
  {
    text: 'Training for more epochs.',
    feedback:
      'An underfit model has not yet fitted the training data; training longer reduces the training error.',
  },
  {
    text: 'Reducing the amount of regularization (smaller \\(\\lambda\\), lower dropout rate).',
    feedback: 'Regularization raises bias; an underfitting model needs less of it.',
  },
  {
    text: 'Using a more expressive architecture (e.g. a non-linear model instead of a linear one).',
    feedback: 'A richer model family can fit the patterns the current one misses.',
  },
  {
    text: 'Adding more informative input features.',
    feedback: 'Better features make the target easier to fit, lowering bias.',
  },
];

export const UNDERFITTING_NON_REMEDIES: Statement[] = [
  {
    text: 'Decreasing the learning rate.',
    misconception: 'smaller-lr-fixes-underfitting',
    feedback:
      'A smaller learning rate slows training down; it does not add the capacity an underfit model lacks.',
  },
  {
    text: 'Decreasing the size of the training dataset.',
    misconception: 'less-data-fixes-underfitting',
    feedback: 'Less data does not make the model more expressive; it mainly raises variance.',
  },
  {
    text: 'Adding more regularization to the model.',
    misconception: 'regularize-underfitting',
    feedback: 'Regularization increases bias, which makes underfitting worse.',
  },
  {
    text: 'Collecting more training data from the same distribution.',
    misconception: 'more-data-fixes-bias',
    feedback:
      'More data reduces variance, but it does not help a model that cannot even fit the data it has (high bias).',
  },
  {
    text: 'Increasing the dropout probability.',
    misconception: 'regularize-underfitting',
    feedback: 'A higher dropout probability is stronger regularization, which raises bias further.',
  },
  {
    text: 'Stopping training earlier.',
    misconception: 'early-stop-underfitting',
    feedback: 'Stopping earlier leaves the training error even higher.',
  },
];

export const fitDiagnosisConcepts = defineBankTemplate({
  id: 'regularization.fit-diagnosis-concepts',
  title: 'Bias, variance, overfitting and underfitting',
  objective:
    'Recognise the bias–variance tradeoff, the effect of the learning rate and dataset size, and the remedies for over- and underfitting.',
  difficulty: 1,
  tags: ['bias-variance', 'overfitting', 'underfitting', 'learning-rate', 'seed-000'],
  mode: 'single',
  scenarios: {
    'bias-variance': {
      stems: [
        'Which of the following is the best description of the bias-variance tradeoff in machine learning?',
        'Which statement best describes bias and variance of a learned model?',
        'Pick the most accurate description of the bias–variance tradeoff.',
      ],
      trueStatements: [
        {
          text: "Bias is the error introduced by approximating a real-world problem, while variance is the model's sensitivity to the specific training data used.",
          feedback:
            'Bias is systematic error from the model’s assumptions; variance is how much the fit changes with the training sample.',
        },
        {
          text: 'A model with too little capacity tends to have high bias, and a model with too much capacity for the data tends to have high variance.',
          feedback: 'Capacity trades one error source against the other.',
        },
        {
          text: 'High variance shows up as a low training error with a much higher dev error; high bias shows up as a high training error.',
          feedback: 'That is how the two are diagnosed from train/dev errors.',
        },
      ],
      falseStatements: [
        {
          text: "Bias refers to the model's ability to generalize to new data, while variance refers to the model's error on the training data.",
          misconception: 'swapped-bias-variance',
          feedback:
            'This swaps the roles: the training error reflects bias, the gap to new data reflects variance.',
        },
        {
          text: 'High bias leads to overfitting, while high variance leads to underfitting.',
          misconception: 'swapped-over-underfitting',
          feedback:
            'It is the other way round: high bias is underfitting, high variance is overfitting.',
        },
        {
          text: 'Bias and variance are unrelated concepts in deep learning.',
          misconception: 'bias-variance-unrelated',
          feedback:
            'They are the two components of the generalization error and are traded against each other through capacity and regularization.',
        },
        {
          text: 'Regularization lowers both bias and variance at the same time.',
          misconception: 'regularization-lowers-bias',
          feedback: 'Regularization lowers variance at the cost of (usually a little) more bias.',
        },
        {
          text: 'A model with zero training error necessarily has low variance.',
          misconception: 'zero-train-error-low-variance',
          feedback: 'Zero training error with a high dev error is the typical high-variance case.',
        },
      ],
      explanation:
        'Underfitting = high bias (the model cannot fit even the training data); overfitting = high variance (it fits the training data but not new data).',
    },
    'learning-rate-too-high': {
      stems: [
        'What could happen if the learning rate is set too high during the training of a neural network?',
        'A network is trained with gradient descent and a learning rate that is far too large. What is the most likely outcome?',
        'Which statement describes the effect of an overly large learning rate?',
      ],
      trueStatements: [
        {
          text: 'The model may overshoot the optimal solution, resulting in unstable training.',
          feedback:
            'Steps larger than the curvature allows jump across the minimum, so the loss oscillates or diverges.',
        },
        {
          text: 'The loss may oscillate or even diverge to very large values (or NaN).',
          feedback:
            'Each step overshoots further than the last when the step size exceeds the stable range.',
        },
        {
          text: 'The parameter updates can jump back and forth across a valley of the loss instead of descending into it.',
          feedback:
            'Overshooting across a narrow valley is the classic symptom of a too-large step.',
        },
      ],
      falseStatements: [
        {
          text: 'The model will converge too slowly and may not reach the optimal solution.',
          misconception: 'high-lr-slow',
          feedback: 'Slow convergence is the symptom of a learning rate that is too small.',
        },
        {
          text: 'The model will converge to a local minimum but may take a long time to do so.',
          misconception: 'high-lr-slow',
          feedback: 'A long time to converge points to a small learning rate, not a large one.',
        },
        {
          text: 'The model will train successfully but may have higher bias.',
          misconception: 'lr-controls-bias',
          feedback:
            'The learning rate does not change the model class; a too-large one mainly makes training unstable.',
        },
        {
          text: 'The training loss decreases smoothly at every step.',
          misconception: 'high-lr-smooth',
          feedback: 'Smooth monotone descent is what a well-chosen (or small) learning rate gives.',
        },
      ],
      explanation:
        'Too large a learning rate overshoots and destabilises training; too small a rate converges slowly.',
    },
    'small-dataset': {
      stems: [
        'Which of the following is true about training with a small dataset?',
        'A large network is trained on only a few hundred examples. Which statement is true?',
        'What is the main risk of training a high-capacity model on a small dataset?',
      ],
      trueStatements: [
        {
          text: 'A small dataset may result in overfitting, as the model can memorize the data rather than generalize.',
          feedback: 'With few examples a flexible model can fit each one, noise included.',
        },
        {
          text: 'With few examples, the dev error can be much higher than the training error.',
          feedback: 'A large train/dev gap is the signature of high variance.',
        },
        {
          text: 'Data augmentation, regularization or transfer learning can make up for part of the missing data.',
          feedback: 'All of them reduce the variance that a small dataset causes.',
        },
      ],
      falseStatements: [
        {
          text: "A small dataset always leads to high variance in the model's predictions.",
          misconception: 'always-high-variance',
          feedback:
            '"Always" is too strong: a simple or well-regularized model can still generalize from little data.',
        },
        {
          text: 'A small dataset can cause underfitting as the model fails to learn complex patterns.',
          misconception: 'small-data-underfits',
          feedback:
            'Small data makes fitting the training set easier, not harder; the risk is overfitting.',
        },
        {
          text: 'Training with a small dataset results in lower training time but improves test accuracy.',
          misconception: 'small-data-better-test',
          feedback:
            'Training is faster, but test accuracy usually suffers because the model generalizes worse.',
        },
        {
          text: 'A small dataset lowers the variance of the learned model.',
          misconception: 'small-data-low-variance',
          feedback:
            'Fewer samples make the fit depend more on the particular sample drawn, so variance rises.',
        },
      ],
      explanation:
        'A small training set makes memorisation easy: training error is low, dev error high (high variance).',
    },
    'reduce-overfitting': {
      stems: [
        'Which of the following adjustments can help reduce overfitting in a deep neural network?',
        'Your network reaches 1% training error but 20% dev error. Which change is most likely to help?',
        'Which change is a remedy for overfitting?',
      ],
      trueStatements: OVERFITTING_REMEDIES,
      falseStatements: OVERFITTING_NON_REMEDIES,
      explanation:
        'Overfitting is high variance; remedies restrict the model (regularization, early stopping, smaller model) or give it more (or augmented) data.',
    },
    underfitting: {
      stems: [
        'If a neural network is underfitting the training data, which of the following actions is most likely to help?',
        'Training and dev error are both high and close to each other. Which change is most likely to help?',
        'Which change is a remedy for underfitting (high bias)?',
      ],
      trueStatements: UNDERFITTING_REMEDIES,
      falseStatements: UNDERFITTING_NON_REMEDIES,
      explanation:
        'Underfitting is high bias; remedies give the model more capacity, more training or less regularization.',
    },
  },
  fixtures: [
    {
      id: 'S000-mc-bias-variance',
      params: { scenario: 'bias-variance', trueIdx: [0], falseIdx: [0, 1, 2] },
    },
    {
      id: 'S000-mc-learning-rate',
      params: { scenario: 'learning-rate-too-high', trueIdx: [0], falseIdx: [0, 1, 2] },
    },
    {
      id: 'S000-mc-small-dataset',
      params: { scenario: 'small-dataset', trueIdx: [0], falseIdx: [0, 1, 2] },
    },
    {
      id: 'S000-mc-overfitting',
      params: { scenario: 'reduce-overfitting', trueIdx: [0], falseIdx: [0, 1, 2] },
    },
    {
      id: 'S000-mc-underfitting',
      params: { scenario: 'underfitting', trueIdx: [0], falseIdx: [0, 1, 2] },
    },
  ],
});

export const remediesSelectAll = defineBankTemplate({
  id: 'regularization.remedies-select-all',
  title: 'Remedies for overfitting and underfitting (select all)',
  objective:
    'Select every change that helps an overfitting (high-variance) or underfitting (high-bias) model.',
  difficulty: 2,
  tags: ['bias-variance', 'overfitting', 'underfitting', 'remedies'],
  mode: 'multiple',
  scenarios: {
    overfitting: {
      stems: [
        'A network has 2% training error and 17% dev error. Select every change that is likely to reduce the gap.',
        'Select all adjustments that help reduce overfitting in a deep neural network.',
        'Your model overfits (low training error, much higher validation error). Which of these changes help? Select all that apply.',
      ],
      trueStatements: OVERFITTING_REMEDIES,
      falseStatements: OVERFITTING_NON_REMEDIES,
      explanation:
        'Overfitting is high variance: restrict the model or give it more (or augmented) data.',
    },
    underfitting: {
      stems: [
        'A network has 21% training error and 22% dev error, while humans reach 2%. Select every change that is likely to help.',
        'Select all actions that help a model that underfits its training data.',
        'Your model underfits (high training error, dev error close to it). Which of these changes help? Select all that apply.',
      ],
      trueStatements: UNDERFITTING_REMEDIES,
      falseStatements: UNDERFITTING_NON_REMEDIES,
      explanation:
        'Underfitting is high bias: give the model more capacity, more training or less regularization; more data alone does not help.',
    },
  },
  fixtures: [
    {
      id: 'S001-remedies-overfitting',
      params: { scenario: 'overfitting', trueIdx: [0, 2, 3], falseIdx: [2] },
      note: 'seed 001 "Combatting Overfitting" list',
    },
  ],
});
