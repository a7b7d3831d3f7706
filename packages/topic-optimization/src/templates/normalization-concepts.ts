import { defineBankTemplate, type BankParams } from '../bank.js';

/** Batch normalization: trainable parameters, train vs test behaviour, contrast with layer norm. */
export type NormalizationConceptsParams = BankParams;

export const normalizationConcepts = defineBankTemplate<NormalizationConceptsParams>({
  id: 'optimization.normalization-concepts',
  title: 'Batch norm and layer norm concepts',
  objective:
    'Know which batch-norm quantities are learned, how it behaves at training and test time, and how layer norm differs.',
  difficulty: 2,
  tags: ['batch-norm', 'layer-norm', 'normalization', 'seed-002'],
  mode: 'single',
  scenarios: {
    trainable: {
      stems: [
        'A `BatchNorm1d(F)` layer stores several vectors of length F. Which of them are trainable parameters, updated by gradient descent?',
        'In a batch normalization layer, which quantities are learned by backpropagation?',
        'Which statement about the numbers stored in a batch-normalization layer is correct?',
      ],
      trueStatements: [
        {
          text: 'Only the scale \\(\\gamma\\) and shift \\(\\beta\\) (2F numbers); the running mean and variance are buffers updated by averaging, not by gradients.',
          feedback:
            'PyTorch lists γ and β in parameters() and running_mean/running_var as buffers.',
        },
        {
          text: 'The running mean and running variance are statistics accumulated from the mini-batches, not trainable parameters.',
          feedback:
            'They are updated with a momentum average during training and used at test time.',
        },
        {
          text: '\\(\\gamma\\) and \\(\\beta\\) let the network undo the normalization if that helps, e.g. \\(\\gamma = \\sqrt{\\sigma^2+\\varepsilon}\\), \\(\\beta = \\mu\\) restores the input.',
          feedback: "The learned affine map keeps the layer's representational power.",
        },
      ],
      falseStatements: [
        {
          text: 'The running mean and running variance are trainable parameters, updated by gradient descent together with \\(\\gamma\\) and \\(\\beta\\).',
          misconception: 'running-stats-trainable',
          feedback:
            'They are buffers, updated by a moving average of batch statistics, not by gradients.',
        },
        {
          text: 'The batch mean and variance of the current mini-batch are learned parameters.',
          misconception: 'batch-stats-learned',
          feedback: 'They are computed from the data in every forward pass.',
        },
        {
          text: 'A batch-norm layer has no trainable parameters; it only normalizes.',
          misconception: 'bn-no-parameters',
          feedback: 'With affine=True (the default) γ and β are trainable: 2F parameters.',
        },
        {
          text: '\\(\\varepsilon\\) is learned so that the denominator never becomes zero.',
          misconception: 'epsilon-learned',
          feedback: 'ε is a fixed hyperparameter (10⁻⁵ by default).',
        },
        {
          text: 'Batch norm has 4F trainable parameters: \\(\\gamma\\), \\(\\beta\\), the running mean and the running variance.',
          misconception: 'counted-buffers',
          feedback: 'Only γ and β are trainable (2F); the running statistics are buffers.',
        },
      ],
      explanation:
        'Trainable: γ and β. Buffers: running mean and running variance. Fixed settings: ε and the momentum of the running averages.',
    },
    trainTest: {
      stems: [
        'How does a batch-normalization layer behave differently at training time and at test time?',
        'Which statement about batch normalization during training versus inference is correct?',
        'After training, a network with batch normalization is put in evaluation mode (`model.eval()`). What changes in its batch-norm layers?',
      ],
      trueStatements: [
        {
          text: 'During training it normalizes with the statistics of the current mini-batch; at test time it uses the running averages collected during training.',
          feedback: 'So a test prediction does not depend on the other examples in its batch.',
        },
        {
          text: 'At test time the output for an example is deterministic and independent of the rest of the batch, because fixed running statistics replace the batch statistics.',
          feedback: 'Evaluation mode uses running_mean and running_var.',
        },
        {
          text: 'The running mean and variance are updated during training (a momentum average of batch statistics) and frozen at test time.',
          feedback: 'They aggregate statistics from training for use at inference.',
        },
      ],
      falseStatements: [
        {
          text: 'At test time it computes the mean and variance of the test batch, exactly as in training.',
          misconception: 'test-uses-batch-stats',
          feedback: 'In evaluation mode the layer uses the stored running statistics.',
        },
        {
          text: 'Batch normalization is removed at test time because it is only a training trick.',
          misconception: 'bn-removed-at-test',
          feedback: 'It stays, as a fixed affine map with the running statistics and learned γ, β.',
        },
        {
          text: 'At test time \\(\\gamma\\) and \\(\\beta\\) are reset to 1 and 0.',
          misconception: 'affine-reset',
          feedback: 'The learned γ and β are kept and used.',
        },
        {
          text: 'During training it normalizes with statistics computed over the whole training set.',
          misconception: 'train-uses-dataset-stats',
          feedback:
            "Training uses the current mini-batch's statistics; whole-dataset statistics are what input normalization uses.",
        },
        {
          text: 'The two modes give identical outputs, so forgetting `model.eval()` is harmless.',
          misconception: 'modes-identical',
          feedback:
            'Batch statistics differ from running statistics; forgetting eval mode changes and destabilizes predictions.',
        },
      ],
      explanation:
        'Training mode: batch mean and biased batch variance, plus an update of the running statistics. Evaluation mode: the running statistics, no update.',
    },
    layerNorm: {
      stems: [
        'How does layer normalization differ from batch normalization?',
        'Which statement correctly contrasts layer norm with batch norm?',
        'Transformers and RNNs usually use layer normalization instead of batch normalization. Which statement about the difference is correct?',
      ],
      trueStatements: [
        {
          text: 'Layer norm computes the mean and variance over the features of each single example; batch norm computes them per feature over the examples of the mini-batch.',
          feedback: 'The two normalize along different axes of the (batch × features) input.',
        },
        {
          text: 'Layer norm behaves the same in training and at test time and works with a batch of one, since it never uses statistics across examples.',
          feedback: 'No running statistics are needed.',
        },
        {
          text: 'Layer norm suits variable-length sequences because its statistics do not depend on the other sequences in the batch.',
          feedback: 'That is why RNNs and Transformers use it.',
        },
      ],
      falseStatements: [
        {
          text: 'Layer norm normalizes each feature over the mini-batch, exactly like batch norm but applied to every layer.',
          misconception: 'layernorm-is-batchnorm',
          feedback: 'That is batch norm; layer norm normalizes over the features of one example.',
        },
        {
          text: 'Layer norm needs running averages for test time, just like batch norm.',
          misconception: 'layernorm-running-stats',
          feedback: 'Layer norm uses only the current example, so it needs no running statistics.',
        },
        {
          text: 'Layer norm has no learnable scale and shift.',
          misconception: 'layernorm-no-affine',
          feedback: 'Like batch norm it has a learnable γ and β per feature by default.',
        },
        {
          text: 'Layer norm only works with large batches because its statistics are noisy otherwise.',
          misconception: 'layernorm-needs-large-batch',
          feedback:
            'It is batch-size independent; batch norm is the one that suffers from small batches.',
        },
      ],
      explanation:
        'For an input X of shape (batch, features): batch norm normalizes each column over the rows; layer norm normalizes each row over the columns.',
    },
  },
  fixtures: [
    {
      id: 'T-bn-trainable',
      params: { scenario: 'trainable', trueIdx: [0], falseIdx: [0, 2, 4] },
      note: 'seed 002: γ and β are learned, running statistics are aggregated for test time',
    },
  ],
});
