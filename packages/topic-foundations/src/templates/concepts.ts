import { f, statementBankTemplate, t } from '../bank.js';

/** A bank's question as seed 002 asks it: its first truth among its first three falsehoods. */
const seed002Fixture = (id: string) => ({
  id,
  truths: [0],
  falsehoods: [0, 1, 2],
  note: 'Seed 002 options a, b, c (correct), d.',
});

/** Seed 002: what is true about the k-nearest-neighbour classifier. */
export const knnFacts = statementBankTemplate({
  id: 'foundations.knn-facts',
  title: 'k-nearest neighbours',
  objective:
    'Recognize true statements about the k-NN classifier: lazy training, costly prediction, k as a tuned hyperparameter.',
  difficulty: 1,
  tags: ['knn', 'concepts'],
  singleStems: [
    'What is true about the k-nearest-neighbour (KNN) classifier?',
    'Which statement about k-NN classification is correct?',
  ],
  multipleStems: [
    'Which statements about the k-nearest-neighbour classifier are true? Select all that apply.',
    'Select every correct statement about k-NN.',
  ],
  background:
    'k-NN stores the training set ("training" is memorization) and classifies a query by a majority vote of its k closest training points under a distance such as L1 or L2; k and the distance are hyperparameters chosen on validation data.',
  statements: [
    t(
      'We can tune the value of \\(k\\) for a given dataset, e.g. on a validation set.',
      'k is a hyperparameter chosen by validation or cross-validation.',
    ),
    t(
      'Training is essentially free (the data are stored), but prediction is expensive because every query is compared with the training points.',
      'Lazy learning: the cost moves to test time.',
    ),
    t(
      'It is a supervised method: the neighbours’ labels decide the prediction.',
      'k-NN needs labelled training data.',
    ),
    t(
      'With \\(k = 1\\) the training error is 0 (without duplicate points carrying different labels), but the classifier tends to overfit.',
      'Each training point is its own nearest neighbour.',
    ),
    t(
      'Increasing \\(k\\) generally smooths the decision boundary.',
      'Voting over more neighbours averages out noise.',
    ),
    t(
      'Features on very different scales should be normalized, because the distance is dominated by the largest-scale feature.',
      'Distances mix all features directly.',
    ),
    f(
      'The L1 distance typically produces a smooth decision boundary, while the L2 distance gives a sharp, angled one.',
      'l1-l2-swapped',
      'It is the other way round: L1 boundaries follow the coordinate axes and look angular; L2 boundaries are smoother.',
    ),
    f(
      'It needs to be trained for a long time, but testing is very fast.',
      'knn-training-cost-reversed',
      'Reversed: training only stores the data; testing compares each query with the training set.',
    ),
    f(
      'It is an unsupervised learning algorithm.',
      'knn-unsupervised',
      'k-NN classification uses labels; it is supervised (do not confuse it with k-means clustering).',
    ),
    f(
      'The best value of \\(k\\) is found by minimizing the error on the training set.',
      'tune-k-on-train',
      'On the training set \\(k = 1\\) always wins; tune k on validation data.',
    ),
    f(
      'k-NN learns a weight vector, like logistic regression.',
      'knn-parametric',
      'k-NN is non-parametric: it keeps the training points instead of learning weights.',
    ),
    f(
      'A larger \\(k\\) always gives a higher test accuracy.',
      'larger-k-always-better',
      'Too large a k underfits: with k = n every query gets the majority class.',
    ),
  ],
  fixtures: [seed002Fixture('S002-mc-knn')],
});

/** Seed 002: which loss each of linear, logistic and softmax regression uses. */
export const regressionLosses = statementBankTemplate({
  id: 'foundations.regression-losses',
  title: 'Losses of linear, logistic and softmax regression',
  objective:
    'Match linear regression to MSE, logistic regression to binary cross-entropy and softmax regression to cross-entropy.',
  difficulty: 1,
  tags: ['loss', 'concepts'],
  singleStems: [
    'Which statement is correct about the loss functions used in linear, logistic and softmax regression?',
    'Which pairing of models and training losses is the standard one?',
  ],
  multipleStems: [
    'Which statements about the standard training losses are correct? Select all that apply.',
    'Select every correct statement about the losses of linear, logistic and softmax regression.',
  ],
  background:
    'Linear regression predicts a real number and minimizes the mean squared error; logistic regression outputs a probability through a sigmoid and minimizes binary cross-entropy (the negative log-likelihood of a Bernoulli label); softmax regression outputs a distribution over K classes and minimizes the cross-entropy.',
  statements: [
    t(
      'Linear regression uses MSE, logistic regression uses binary cross-entropy (BCE), and softmax regression uses cross-entropy (CE).',
      'Each loss is the negative log-likelihood of the matching output distribution.',
    ),
    t(
      'Minimizing binary cross-entropy in logistic regression is maximum-likelihood estimation for Bernoulli labels.',
      'BCE is the negative log-likelihood.',
    ),
    t(
      'For softmax regression with one-hot labels, the cross-entropy reduces to \\(-\\log p_y\\), the negative log-probability of the true class.',
      'Only the true class term survives.',
    ),
    t(
      'Minimizing MSE in linear regression is maximum likelihood under Gaussian noise on the targets.',
      'The Gaussian log-likelihood is a negative squared error.',
    ),
    f(
      'Linear regression uses mean squared error (MSE), logistic regression uses cross-entropy (CE), and softmax regression uses mean absolute error (MAE).',
      'softmax-mae',
      'Softmax regression outputs class probabilities and is trained with cross-entropy, not MAE.',
    ),
    f(
      'Linear regression uses MSE, logistic regression uses hinge loss, and softmax regression uses CE.',
      'logistic-hinge',
      'The hinge loss trains SVMs; logistic regression minimizes binary cross-entropy.',
    ),
    f(
      'All three use cross-entropy.',
      'all-cross-entropy',
      'Linear regression predicts an unbounded real value; it uses MSE.',
    ),
    f(
      'Logistic regression uses MSE on the sigmoid output because its output is a real number.',
      'logistic-mse',
      'MSE on a sigmoid is non-convex in the weights and has vanishing gradients when confidently wrong; BCE is used.',
    ),
    f(
      'Softmax regression uses one binary cross-entropy per class on the raw logits, with no softmax.',
      'softmax-as-independent-bce',
      'That is multi-label classification; softmax regression normalizes over classes and uses CE.',
    ),
    f(
      'Linear regression uses cross-entropy because it is the most general loss.',
      'linear-ce',
      'Cross-entropy needs probabilities; linear regression outputs an unbounded real value.',
    ),
  ],
  fixtures: [seed002Fixture('S002-mc-regression-losses')],
});

/** Seeds 002, 003: activation functions — formulas, derivatives, ranges, properties. */
export const activationFacts = statementBankTemplate({
  id: 'foundations.activation-facts',
  title: 'Activation functions: formulas and properties',
  objective:
    'Recall the formulas, derivatives, ranges and gradient behaviour of sigmoid, tanh, ReLU and leaky ReLU.',
  difficulty: 1,
  tags: ['activations', 'concepts'],
  singleStems: [
    'Which statement about activation functions is correct?',
    'Which of the following is true?',
  ],
  multipleStems: [
    'Which statements about activation functions are true? Select all that apply.',
    'Select every correct statement about these activation functions.',
  ],
  background:
    'Sigmoid \\(\\sigma(z) = 1/(1 + e^{-z})\\) has range \\((0, 1)\\) and \\(\\sigma\\prime = \\sigma(1 - \\sigma) \\le 1/4\\); \\(\\tanh(z) = (e^{2z} - 1)/(e^{2z} + 1)\\) has range \\((-1, 1)\\), is zero-centred, and \\(\\tanh\\prime = 1 - \\tanh^2 \\le 1\\); both saturate for large \\(|z|\\). ReLU \\(\\max(0, z)\\) has gradient 1 for \\(z > 0\\) and 0 for \\(z < 0\\) (not differentiable at 0); leaky ReLU keeps a small slope \\(\\alpha\\) for \\(z < 0\\).',
  statements: [
    t(
      'The derivative of the sigmoid is \\(\\sigma(z)(1 - \\sigma(z))\\), which is at most \\(0.25\\).',
      'Maximum at z = 0: 0.5 · 0.5.',
    ),
    t(
      '\\(\\tanh(z) = \\frac{e^{2z} - 1}{e^{2z} + 1}\\) has range \\((-1, 1)\\) and is zero-centred.',
      'tanh(z) = 2σ(2z) − 1.',
    ),
    t(
      'The gradient of tanh approaches 0 when \\(z \\to \\pm\\infty\\) (saturation).',
      '1 − tanh² → 0.',
    ),
    t(
      'ReLU, \\(\\max(0, z)\\), is differentiable everywhere except at \\(z = 0\\), with gradient 1 for \\(z > 0\\).',
      'Its derivative is the step function.',
    ),
    t(
      'Leaky ReLU, \\(\\max(\\alpha z, z)\\) with small \\(\\alpha > 0\\), keeps a non-zero gradient for negative inputs, avoiding "dead" units.',
      'Slope α instead of 0 for z < 0.',
    ),
    t(
      'The derivative of tanh is \\(1 - \\tanh^2(z)\\), equal to 1 at \\(z = 0\\).',
      'tanh is steeper than the sigmoid at 0.',
    ),
    t(
      'The sigmoid output lies in \\((0, 1)\\), so it can be read as a probability for binary classification.',
      'That is why it is the usual binary output activation.',
    ),
    f(
      'The sigmoid is zero-centred with range \\((-1, 1)\\).',
      'sigmoid-tanh-ranges',
      'That describes tanh; the sigmoid has range (0, 1) and is centred at 0.5.',
    ),
    f(
      'ReLU saturates for large positive inputs, like the sigmoid.',
      'relu-saturates',
      'ReLU has gradient 1 for every positive input; it does not saturate there.',
    ),
    f(
      'The derivative of the sigmoid is \\(\\sigma(z)^2\\).',
      'sigmoid-derivative',
      'It is σ(z)(1 − σ(z)).',
    ),
    f(
      'ReLU is differentiable everywhere, including at 0.',
      'relu-differentiable-at-0',
      'ReLU has a kink at 0; frameworks pick a subgradient (PyTorch uses 0).',
    ),
    f(
      'tanh has range \\([0, \\infty)\\).',
      'tanh-range',
      'That is ReLU’s range; tanh lies in (−1, 1).',
    ),
    f(
      'Leaky ReLU has gradient 0 for negative inputs.',
      'leaky-relu-gradient',
      'That is plain ReLU; leaky ReLU has slope α there.',
    ),
    f(
      'The derivative of the sigmoid can be as large as 1, so deep sigmoid networks do not suffer from vanishing gradients.',
      'sigmoid-derivative-max',
      'σ′ ≤ 0.25, so products of many such factors shrink fast.',
    ),
  ],
});

/** Seed 002: why non-linear activations are needed; universal approximation. */
export const nonlinearity = statementBankTemplate({
  id: 'foundations.nonlinearity',
  title: 'Why non-linearity; universal approximation',
  objective:
    'Explain why stacked linear layers collapse to one linear map and what the universal approximation theorem does and does not claim.',
  difficulty: 2,
  tags: ['activations', 'universal-approximation', 'concepts'],
  singleStems: [
    'Which statement about non-linear activations and the expressiveness of neural networks is correct?',
    'Which of the following is true?',
  ],
  multipleStems: [
    'Which statements are true? Select all that apply.',
    'Select every correct statement about non-linearity and universal approximation.',
  ],
  background:
    'With a linear activation, \\(W_2(W_1 x + b_1) + b_2 = (W_2 W_1) x + (W_2 b_1 + b_2)\\): any stack of linear layers is a single linear layer. Non-linear activations let depth add expressiveness. The universal approximation theorem says one hidden layer with enough units can approximate any continuous function on a compact set arbitrarily well; it does not say how many units are needed or that gradient descent will find the weights.',
  statements: [
    t(
      'Without non-linear activations, a stack of linear layers is equivalent to a single linear layer.',
      'Compositions of affine maps are affine.',
    ),
    t(
      'A network with one hidden layer and a non-polynomial activation can approximate any continuous function on a compact set, given enough hidden units.',
      'This is the universal approximation theorem.',
    ),
    t(
      'The universal approximation theorem does not guarantee that training will find a good approximation, nor that the network is small.',
      'It is an existence result.',
    ),
    t(
      'A single perceptron cannot represent XOR, but an MLP with one hidden layer can.',
      'The hidden layer builds a non-linear feature space.',
    ),
    t(
      'Desirable activation properties include non-linearity, (almost everywhere) differentiability and non-vanishing gradients.',
      'These make gradient-based training work.',
    ),
    f(
      'Adding more linear layers (without activations) increases what the network can represent.',
      'depth-without-nonlinearity',
      'The product W₂W₁ is just another matrix: the function class stays linear.',
    ),
    f(
      'The universal approximation theorem guarantees that gradient descent finds the approximating weights efficiently.',
      'uat-learnability',
      'It only guarantees existence, not learnability or efficiency.',
    ),
    f(
      'Non-linear activations are needed only to keep activations bounded.',
      'nonlinearity-for-bounding',
      'ReLU is unbounded; non-linearity is needed for expressiveness.',
    ),
    f(
      'The universal approximation theorem requires at least two hidden layers.',
      'uat-two-layers',
      'One hidden layer suffices (with enough units).',
    ),
    f(
      'A linear activation lets an MLP represent XOR.',
      'linear-xor',
      'With linear activations the MLP is a linear model, which cannot represent XOR.',
    ),
  ],
});

/** Seed 004: the train / dev / test split. */
export const trainDevTest = statementBankTemplate({
  id: 'foundations.train-dev-test',
  title: 'Train, dev and test sets',
  objective:
    'State the role of the training, development (validation) and test sets and the rules for using them.',
  difficulty: 1,
  tags: ['data-split', 'concepts'],
  singleStems: [
    'Which statement about train / dev (validation) / test splits is correct?',
    'Which practice for splitting data is right?',
    'You split a labelled dataset into training, development (validation) and test sets. Which statement is correct?',
  ],
  multipleStems: [
    'Which statements about train / dev / test sets are true? Select all that apply.',
    'Select every sound practice or correct statement about splitting data into train, dev (validation) and test sets.',
  ],
  background:
    'The training set fits the parameters, the development (validation) set chooses hyperparameters and models, and the test set, used once at the end, gives an unbiased estimate of generalization. Dev and test should come from the same distribution as the data the model will face.',
  statements: [
    t(
      'Hyperparameters such as the learning rate or \\(k\\) in k-NN are chosen on the dev (validation) set, not on the test set.',
      'Tuning on the test set makes its estimate optimistic.',
    ),
    t(
      'The test set should be used only at the end, to estimate performance on unseen data.',
      'Reusing it for decisions leaks information.',
    ),
    t(
      'The dev and test sets should come from the same distribution as the data the model will see in deployment.',
      'Otherwise you optimize for the wrong target.',
    ),
    t(
      'With very large datasets, the dev and test sets can be a small percentage of the data (e.g. 98/1/1).',
      'They only need to be big enough for reliable estimates.',
    ),
    t(
      'Cross-validation rotates the validation fold through the training data when data are scarce.',
      'Every example is used for validation once.',
    ),
    f(
      'Hyperparameters should be tuned to maximize test-set accuracy.',
      'tune-on-test',
      'Then the test accuracy is no longer an unbiased estimate.',
    ),
    f(
      'The training error is a good estimate of the error on new data.',
      'train-error-generalizes',
      'The training error is optimistic, especially when the model overfits.',
    ),
    f(
      'The dev set and the test set may come from different distributions without any consequence.',
      'dev-test-mismatch',
      'Tuning on one distribution and testing on another gives misleading results.',
    ),
    f(
      'It is fine to train on the test set as long as you also report dev accuracy.',
      'train-on-test',
      'Training on test data invalidates it as a measure of generalization.',
    ),
    f(
      'A 70/30 train/test split is always required, whatever the dataset size.',
      'fixed-split-ratio',
      'Split ratios depend on the amount of data; big datasets need smaller dev/test shares.',
    ),
  ],
});

/** Seed 002: the roles of add, multiply and max gates in backpropagation. */
export const gateRoles = statementBankTemplate({
  id: 'foundations.gate-roles',
  title: 'Gradient roles of add, multiply and max gates',
  objective:
    'Describe how add (distributor), multiply (swap multiplier) and max (router) gates pass gradients backward.',
  difficulty: 1,
  tags: ['backprop', 'computational-graph', 'concepts'],
  singleStems: [
    'Which statement about how gates pass gradients in backpropagation is correct?',
    'In a computational graph, which of these is true during the backward pass?',
  ],
  multipleStems: [
    'Which statements about the backward pass through these gates are true? Select all that apply.',
    'Select every correct description of how a gate passes the upstream gradient to its inputs.',
  ],
  background:
    'For \\(z = x + y\\): \\(\\partial z/\\partial x = \\partial z/\\partial y = 1\\), so the add gate distributes the upstream gradient unchanged. For \\(z = xy\\): \\(\\partial z/\\partial x = y\\), so the multiply gate swaps the inputs. For \\(z = \\max(x, y)\\): the derivative is 1 for the larger input and 0 for the other, so the max gate routes the gradient. ReLU is \\(\\max(0, x)\\): it passes the gradient only where \\(x > 0\\).',
  statements: [
    t(
      'An add gate is a gradient distributor: each input receives the upstream gradient unchanged.',
      '∂(x + y)/∂x = 1.',
    ),
    t(
      'A multiply gate is a "swap multiplier": the gradient to \\(x\\) is the upstream gradient times \\(y\\), and vice versa.',
      '∂(xy)/∂x = y.',
    ),
    t(
      'A max gate is a gradient router: the larger input receives the full upstream gradient, the other receives 0.',
      'max is locally the identity on the winning input.',
    ),
    t(
      'A ReLU passes the upstream gradient where its input is positive and blocks it (0) where the input is negative.',
      'ReLU′ is the step function.',
    ),
    t(
      'When a variable feeds several gates, its gradients from each path are added.',
      'Multivariable chain rule.',
    ),
    f(
      'An add gate splits the upstream gradient equally between its inputs.',
      'add-splits',
      'Each input receives the full upstream gradient.',
    ),
    f(
      'A multiply gate passes each input its own value times the upstream gradient.',
      'mul-no-swap',
      'It passes the OTHER input’s value.',
    ),
    f(
      'A max gate passes the upstream gradient to both of its inputs.',
      'max-to-both',
      'Only the larger input receives it.',
    ),
    f(
      'A ReLU gate always passes the gradient unchanged, because its derivative is 1.',
      'relu-always-one',
      'Its derivative is 0 for negative inputs.',
    ),
    f(
      'When a variable feeds several gates, only the largest of its path gradients is kept.',
      'max-over-paths',
      'Path gradients add up.',
    ),
  ],
});
