import { defineBankTemplate } from '../bank.js';

/**
 * Regularization techniques (seed 002: "which are valid techniques to perform regularization?")
 * and the concepts of seed 004's notes: L1 vs L2, weight decay under Adam (AdamW), ensembles
 * (bagging vs boosting), dropout at test time, multi-task learning, noise injection.
 */

export const techniquesSelectAll = defineBankTemplate({
  id: 'regularization.techniques-select-all',
  title: 'Valid regularization techniques (select all)',
  objective: 'Recognise which training practices act as regularizers.',
  difficulty: 1,
  tags: ['regularization', 'seed-002'],
  mode: 'multiple',
  scenarios: {
    techniques: {
      stems: [
        'Which of the following are valid techniques to perform regularization?',
        'Select every technique that regularizes a neural network (reduces overfitting without changing the task).',
        'Which of these are regularization methods? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Data Augmentation',
          feedback:
            'Label-preserving transformations enlarge the training set and build in invariances.',
        },
        {
          text: 'Norm Penalties',
          feedback: 'L1/L2 penalties on the weights keep the parameters small.',
        },
        { text: 'Model Ensembling', feedback: 'Averaging several models reduces variance.' },
        {
          text: 'Dropout',
          feedback:
            'Randomly dropping units prevents co-adaptation; it approximates an ensemble of sub-networks.',
        },
        {
          text: 'Early stopping',
          feedback: 'Stopping at the lowest validation loss keeps the model from fitting noise.',
        },
        {
          text: 'Injecting noise into inputs or weights',
          feedback: 'Small random noise makes the model robust to perturbations.',
        },
        {
          text: 'Multi-task learning with shared parameters',
          feedback: 'Shared parameters must serve several tasks, so they stay generic.',
        },
        {
          text: 'Adversarial training',
          feedback: 'Training on adversarially perturbed inputs smooths the model around the data.',
        },
      ],
      falseStatements: [
        {
          text: 'Adding more hidden units to every layer',
          misconception: 'capacity-as-regularization',
          feedback: 'More capacity increases variance; it is the opposite of regularizing.',
        },
        {
          text: 'Training for many more epochs',
          misconception: 'train-longer-fixes-overfitting',
          feedback: 'Longer training fits the training set more closely and tends to overfit.',
        },
        {
          text: 'Evaluating on the training set instead of a validation set',
          misconception: 'evaluation-as-regularization',
          feedback:
            'Changing what you measure does not change the model; it only hides overfitting.',
        },
        {
          text: 'Removing the bias terms of every layer',
          misconception: 'removing-bias-regularizes',
          feedback:
            'Biases are few and usually not even penalized; removing them is not a regularization technique.',
        },
        {
          text: 'Increasing the learning rate until the loss diverges',
          misconception: 'instability-as-regularization',
          feedback: 'A diverging optimizer is broken training, not regularization.',
        },
      ],
      explanation:
        'Regularizers restrict the model (penalties, dropout, early stopping, noise, shared parameters) or enrich the data (augmentation), or average models (ensembles).',
    },
  },
  fixtures: [
    {
      id: 'S002-mc-regularization',
      params: { scenario: 'techniques', trueIdx: [0, 1, 2, 3], falseIdx: [] },
    },
  ],
});

export const regularizerConcepts = defineBankTemplate({
  id: 'regularization.regularizer-concepts',
  title: 'How regularizers work',
  objective:
    'Explain L1 vs L2 penalties, weight decay under Adam, dropout at test time, early stopping, ensembles (bagging, boosting), multi-task learning and noise injection.',
  difficulty: 2,
  tags: ['regularization', 'l1', 'l2', 'dropout', 'ensembles', 'adamw', 'seed-004'],
  mode: 'single',
  scenarios: {
    'l1-vs-l2': {
      stems: [
        'Which statement about L1 and L2 regularization is correct?',
        'Pick the true statement about L1 and L2 weight penalties.',
      ],
      trueStatements: [
        {
          text: 'L1 regularization tends to drive many weights to exactly 0, giving sparse weights.',
          feedback:
            'The L1 gradient λ·sign(w) has constant size, so small weights are pushed all the way to 0.',
        },
        {
          text: 'L2 regularization penalizes large weights most and rarely makes weights exactly 0.',
          feedback: 'Its gradient 2λw shrinks as the weight shrinks.',
        },
        {
          text: 'The gradient of the L2 penalty λ‖w‖² with respect to w is 2λw.',
          feedback: 'Differentiate λΣw² term by term.',
        },
        {
          text: 'Biases are usually left out of the weight penalty.',
          feedback: 'There are few of them and penalizing them does little to control variance.',
        },
      ],
      falseStatements: [
        {
          text: 'L2 regularization is the better choice when you want sparse weights.',
          misconception: 'l2-sparse',
          feedback: 'Sparsity comes from L1; L2 shrinks weights without zeroing them.',
        },
        {
          text: 'The gradient of the L1 penalty is proportional to the weight.',
          misconception: 'l1-gradient-proportional',
          feedback: 'The L1 gradient is λ·sign(w): its size does not depend on |w|.',
        },
        {
          text: 'The gradient of the L2 penalty λ‖w‖² is λw.',
          misconception: 'missing-factor-2',
          feedback:
            'The factor 2 from differentiating w² is missing (λw is the gradient of (λ/2)‖w‖²).',
        },
        {
          text: 'Biases must be penalized exactly like weights, otherwise the penalty has no effect.',
          misconception: 'penalty-on-bias',
          feedback: 'Biases are normally not penalized; the weight penalty alone regularizes.',
        },
        {
          text: 'A larger λ lowers the bias of the model.',
          misconception: 'regularization-lowers-bias',
          feedback: 'A larger λ increases bias and lowers variance.',
        },
      ],
      explanation:
        'L1: gradient λ·sign(w), sparse weights. L2: gradient 2λw (penalty λ‖w‖²), small but non-zero weights.',
    },
    'adam-weight-decay': {
      stems: [
        'Why was AdamW (Adam with decoupled weight decay) introduced?',
        'Which statement about L2 regularization and weight decay with the Adam optimizer is correct?',
      ],
      trueStatements: [
        {
          text: 'With Adam, an L2 term added to the gradient is divided by the adaptive denominator, so weights with large gradients are barely decayed; AdamW applies the decay to the weights directly instead.',
          feedback: 'Decoupling keeps the decay rate the same for every weight.',
        },
        {
          text: 'For plain SGD, an L2 penalty and weight decay give the same update (with matching coefficients), but for Adam they differ.',
          feedback: 'SGD scales every gradient entry by the same α; Adam rescales per coordinate.',
        },
        {
          text: 'AdamW shrinks each weight by the factor \\(1 - \\alpha\\lambda\\) every step, independently of the gradient history.',
          feedback: 'That is decoupled weight decay.',
        },
      ],
      falseStatements: [
        {
          text: 'Adam with an L2 term in the gradient and AdamW always produce identical updates.',
          misconception: 'adam-l2-equals-adamw',
          feedback:
            'They coincide only for optimizers that do not rescale gradients, like plain SGD.',
        },
        {
          text: 'AdamW removes the need for a learning rate.',
          misconception: 'adamw-no-lr',
          feedback:
            'AdamW still uses a learning rate; it only changes how weight decay is applied.',
        },
        {
          text: 'Weight decay makes the weights grow so that the model can fit the data better.',
          misconception: 'penalty-sign-flipped',
          feedback: 'Weight decay shrinks weights towards 0.',
        },
        {
          text: 'L2 regularization works better with Adam than with SGD, which is why AdamW drops it.',
          misconception: 'adam-l2-stronger',
          feedback:
            'It is the other way round: L2 is less effective under Adam because of the adaptive rescaling.',
        },
      ],
      explanation:
        'Adam rescales the gradient per coordinate, which also rescales an L2 term in the gradient; AdamW decouples the decay from that rescaling.',
    },
    'dropout-behaviour': {
      stems: [
        'Which statement about dropout is correct?',
        'What is true of dropout in a neural network?',
        'How does dropout behave during training and at test time?',
      ],
      trueStatements: [
        {
          text: 'Dropout is applied only during training; at test time all units are active.',
          feedback: 'During testing, dropout is disabled and every neuron is on.',
        },
        {
          text: 'With inverted dropout (drop probability p), kept activations are scaled by \\(\\frac{1}{1-p}\\) during training, so no scaling is needed at test time.',
          feedback: 'The scaling keeps the expected activation equal to the test-time activation.',
        },
        {
          text: 'Dropout can be viewed as a cheap approximation to training an ensemble of exponentially many sub-networks.',
          feedback: 'Each mask defines a sub-network; they share weights.',
        },
        {
          text: 'Dropout prevents units from relying too much on any single input or other unit.',
          feedback: 'Units must work with random subsets of their inputs.',
        },
      ],
      falseStatements: [
        {
          text: 'Dropout is applied at test time as well, to average many random networks.',
          misconception: 'dropout-at-test',
          feedback: 'Standard dropout is switched off at test time.',
        },
        {
          text: 'Dropout increases the capacity of the model.',
          misconception: 'dropout-adds-capacity',
          feedback: 'Dropout does not add capacity; it improves generalization.',
        },
        {
          text: 'With inverted dropout, activations are multiplied by \\(1-p\\) at test time.',
          misconception: 'scaled-at-test',
          feedback:
            'That is the original (non-inverted) scheme; inverted dropout scales during training instead.',
        },
        {
          text: 'The same units are dropped in every mini-batch.',
          misconception: 'fixed-dropout-mask',
          feedback: 'A new independent mask is drawn for every mini-batch (every forward pass).',
        },
        {
          text: 'Dropout lowers the bias of a model.',
          misconception: 'regularization-lowers-bias',
          feedback: 'Dropout is a regularizer: it raises bias slightly and lowers variance.',
        },
      ],
      explanation:
        'Dropout: random masks during training only; inverted dropout scales by 1/(1 − p) while training so test time needs no change.',
    },
    'early-stopping': {
      stems: [
        'Why does early stopping choose the epoch with the lowest validation loss?',
        'Which statement about early stopping is correct?',
        'A validation curve first falls and then rises while the training loss keeps falling. Which statement is correct?',
      ],
      trueStatements: [
        {
          text: 'After the validation minimum the model starts fitting noise in the training data: training loss keeps falling while validation loss rises.',
          feedback: 'The rising validation loss is the signature of overfitting.',
        },
        {
          text: 'Early stopping acts as a regularizer by limiting how far the weights move from their initial values.',
          feedback: 'Fewer steps keep the weights small, much like an L2 penalty.',
        },
        {
          text: 'A patience of several epochs prevents stopping at a small random uptick of a noisy validation curve.',
          feedback:
            'Training stops only after the validation loss has failed to improve for that many epochs.',
        },
        {
          text: 'With the best weights restored, the final model is the one from the epoch with the lowest validation loss seen.',
          feedback: 'Training runs a few epochs past the best one, then goes back to it.',
        },
      ],
      falseStatements: [
        {
          text: 'Training should stop at the epoch with the lowest training loss.',
          misconception: 'lowest-training-loss',
          feedback:
            'The training loss keeps falling as the model overfits; generalization is measured on validation data.',
        },
        {
          text: 'The stopping epoch should be chosen on the test set.',
          misconception: 'select-on-test-set',
          feedback:
            'Choosing on the test set leaks it into training decisions; use a validation set.',
        },
        {
          text: 'Early stopping lowers the bias of the model.',
          misconception: 'regularization-lowers-bias',
          feedback: 'Stopping earlier raises bias slightly and lowers variance.',
        },
        {
          text: 'A larger patience always gives a better final model.',
          misconception: 'more-patience-better',
          feedback:
            'Larger patience only costs more epochs; the best epoch is kept either way, and too much patience wastes compute.',
        },
      ],
      explanation:
        'Early stopping monitors the validation loss, stops after `patience` epochs without improvement, and keeps the best epoch’s weights.',
    },
    ensembles: {
      stems: [
        'Which statement about ensemble methods is correct?',
        'Pick the true statement about bagging, boosting and model ensembles.',
      ],
      trueStatements: [
        {
          text: 'Bagging trains each model on a dataset sampled with replacement from the original training set.',
          feedback: 'Bootstrap aggregating: k bootstrap samples, k models, then vote.',
        },
        {
          text: 'Boosting builds models one after another and gives more weight to the examples earlier models misclassified.',
          feedback: 'Each new model focuses on the remaining mistakes.',
        },
        {
          text: 'An ensemble helps most when its members make different, roughly independent errors.',
          feedback: 'Independent errors get outvoted.',
        },
        {
          text: 'Majority voting assumes the members are better than chance (above 50% accuracy for two classes).',
          feedback: 'Combining worse-than-chance voters makes the vote worse, not better.',
        },
      ],
      falseStatements: [
        {
          text: 'Bagging reweights the training examples that earlier models misclassified.',
          misconception: 'swapped-bagging-boosting',
          feedback: 'That describes boosting; bagging resamples the data with replacement.',
        },
        {
          text: 'Boosting trains all models independently on bootstrap samples.',
          misconception: 'swapped-bagging-boosting',
          feedback: 'That describes bagging; boosting is sequential.',
        },
        {
          text: 'An ensemble of identical models trained identically on the same data reduces variance a lot.',
          misconception: 'ensemble-without-diversity',
          feedback: 'Identical members make identical errors, so averaging changes nothing.',
        },
        {
          text: 'Ensembles reduce variance only if every member is less than 50% accurate.',
          misconception: 'ensemble-weak-members',
          feedback: 'Members need to be better than chance for a vote to help.',
        },
      ],
      explanation:
        'Bagging: bootstrap samples, parallel models. Boosting: sequential models on reweighted data. Both need diverse, better-than-chance members.',
    },
    'multi-task-and-noise': {
      stems: [
        'Which statement about multi-task learning and noise injection as regularizers is correct?',
        'Pick the true statement about regularizing by multi-task learning or by injecting noise.',
      ],
      trueStatements: [
        {
          text: 'In multi-task learning, shared parameters must serve several tasks, which pushes them towards generic features.',
          feedback: 'The shared part cannot memorise quirks of one task.',
        },
        {
          text: 'Multi-task learning effectively pools training data from all tasks for the shared layers.',
          feedback: 'More data for the shared parameters lowers their variance.',
        },
        {
          text: 'Adding small random noise to the inputs during training makes the model robust to small perturbations.',
          feedback: 'Noise injection is a form of regularization (and of data augmentation).',
        },
      ],
      falseStatements: [
        {
          text: 'Multi-task learning gives each task its own completely separate network.',
          misconception: 'multi-task-no-sharing',
          feedback:
            'Without shared parameters there is no regularizing effect; that is just several single-task models.',
        },
        {
          text: 'Noise injection should use noise so large that the inputs become unrecognisable.',
          misconception: 'stronger-is-better',
          feedback: 'The noisy inputs must still be solvable; small noise is the point.',
        },
        {
          text: 'Noise is injected at test time to make predictions more accurate.',
          misconception: 'noise-at-test',
          feedback: 'Noise is injected during training; test inputs are left clean.',
        },
        {
          text: 'Multi-task learning increases variance because the model must solve more problems.',
          misconception: 'multi-task-more-variance',
          feedback: 'Sharing parameters across tasks lowers variance of the shared part.',
        },
      ],
      explanation:
        'Multi-task learning regularizes through shared parameters and pooled data; noise injection through small training-time perturbations.',
    },
  },
  fixtures: [
    {
      id: 'S004-dropout-test-time',
      params: { scenario: 'dropout-behaviour', trueIdx: [0], falseIdx: [0, 1, 2] },
      note: 'seed 001/004 dropout notes: training only',
    },
  ],
});
