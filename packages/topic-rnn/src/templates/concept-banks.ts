import { conceptTemplate, type ConceptBank } from '../bank.js';

/**
 * Statement banks for the concept questions. Seed questions keep their wording and options (seed
 * 003: RNN property, vanishing-gradient consequence, encoder/decoder); the seed's options are the
 * first entries of each bank so that their fixtures pin indices 0..4.
 */

export const hiddenStateBank: ConceptBank = {
  key: 'hidden-state',
  title: 'What an RNN hidden state carries',
  objective:
    'Explain the central property of RNNs: a hidden state carried across time steps with shared weights.',
  tags: ['rnn', 'hidden-state'],
  singleStems: [
    'Which option identifies the central computational property that RNNs possess relative to feedforward networks?',
    'What distinguishes a recurrent neural network from a feedforward network?',
    'Which statement about a vanilla RNN, \\(h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)\\), is correct?',
  ],
  multipleStems: [
    'Which of the following statements about recurrent neural networks are true? Select all that apply.',
    'Select every correct statement about the hidden state of a vanilla RNN, \\(h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)\\).',
    'Which statements correctly describe how an RNN differs from a feedforward network? Select all that apply.',
  ],
  truths: [
    {
      text: 'They maintain a hidden state that carries information across time steps.',
      feedback: "The hidden state is fed back at every step: it is the network's memory.",
    },
    {
      text: 'The hidden state \\(h_t\\) summarizes the inputs \\(x_1, \\dots, x_t\\) seen so far and is fed into the next step.',
      feedback: 'Each step combines the new input with the previous state.',
    },
    {
      text: 'The same weights \\(W_{xh}\\) and \\(W_{hh}\\) are reused at every time step, so one network handles sequences of any length.',
      feedback: 'Weight sharing across time is what lets an RNN run over any number of steps.',
    },
    {
      text: "Inputs received at earlier time steps can change the RNN's response to the current input.",
      feedback: 'They reach the current step through the hidden state.',
    },
    {
      text: 'The recurrence puts a cycle in the computational graph; for training it is unrolled over time and backpropagated (BPTT).',
      feedback: 'Backpropagation through time is ordinary backpropagation on the unrolled graph.',
    },
  ],
  falsehoods: [
    {
      text: 'They compute gradients without backpropagation.',
      misconception: 'rnn-no-backprop',
      feedback:
        'RNNs are trained with backpropagation through time, i.e. backpropagation on the unrolled graph.',
    },
    {
      text: 'They use residual connections to improve training.',
      misconception: 'residual-connections',
      feedback:
        'Residual connections belong to ResNets and transformers; they are not what makes a network recurrent.',
    },
    {
      text: 'They perform parallel computation across all tokens simultaneously.',
      misconception: 'rnn-parallel-over-tokens',
      feedback:
        'That describes transformers; an RNN must process tokens one after another because \\(h_t\\) needs \\(h_{t-1}\\).',
    },
    {
      text: 'They require no activation functions to compute transitions.',
      misconception: 'rnn-no-activation',
      feedback:
        'The transition uses a nonlinearity such as tanh; without it the recurrence would be linear.',
    },
    {
      text: 'The hidden state is reset to zero before every time step, so each output depends only on the current input.',
      misconception: 'state-reset-each-step',
      feedback:
        'The state is reset only at the start of a sequence; within it, \\(h_{t-1}\\) carries the past forward.',
    },
    {
      text: 'Each time step has its own weight matrices, so the number of parameters grows with the sequence length.',
      misconception: 'weights-per-time-step',
      feedback:
        'The weights are shared across time steps; the parameter count does not depend on the sequence length.',
    },
    {
      text: 'The hidden state stores the entire input sequence exactly, so a vanilla RNN never forgets anything.',
      misconception: 'perfect-memory',
      feedback:
        'A fixed-size vector can only summarize; information from far back fades, and vanishing gradients make long dependencies hard to learn.',
    },
  ],
  summary:
    'An RNN applies the same cell at every step and passes a hidden state forward: that state is its memory of the sequence so far.',
  fixtures: [
    {
      id: 'S003-mc-rnn-property',
      kind: 'single',
      params: { phrasing: 0, correct: [0], wrong: [0, 1, 2, 3] },
      note: 'seed 003 quiz: correct E (hidden state), distractors A–D',
    },
  ],
};

export const transformerParallelBank: ConceptBank = {
  key: 'transformer-parallelism',
  title: 'Why transformers parallelize over tokens',
  objective:
    'Explain why self-attention processes all tokens in parallel while an RNN is sequential.',
  tags: ['transformer', 'attention', 'rnn'],
  singleStems: [
    'Why can a transformer process the tokens of a training sequence in parallel while an RNN cannot?',
    'Which statement explains why transformers parallelize over tokens better than RNNs?',
  ],
  multipleStems: [
    'Which of the following statements about parallelism in transformers and RNNs are true? Select all that apply.',
    'Select every correct statement comparing how RNNs and transformers process the tokens of a sequence.',
  ],
  truths: [
    {
      text: "Self-attention computes every token's output from the whole input with matrix products, so no position waits for the previous position's result.",
      feedback: 'There is no recurrence between positions inside a layer.',
    },
    {
      text: "An RNN's hidden state \\(h_t\\) depends on \\(h_{t-1}\\), so its time steps must be computed one after another.",
      feedback: 'The recurrence is a chain of dependencies along time.',
    },
    {
      text: 'With teacher forcing and a causal mask, a transformer decoder handles all target positions of a training sequence in one pass.',
      feedback: 'The mask keeps it autoregressive while the computation stays parallel.',
    },
    {
      text: 'The attention scores of all pairs of tokens come from a single matrix product \\(QK^\\top\\).',
      feedback: 'One product gives the whole n × n score matrix.',
    },
  ],
  falsehoods: [
    {
      text: 'Transformers have fewer parameters than RNNs, which is what makes them parallel.',
      misconception: 'parallel-from-fewer-parameters',
      feedback:
        'Parallelism comes from the absence of a step-to-step dependency, not from the parameter count (transformers are usually larger).',
    },
    {
      text: 'A transformer still processes tokens one at a time; it only skips the hidden-state update.',
      misconception: 'sequential-transformer',
      feedback:
        'Within a layer all positions are computed together; nothing is processed token by token during training.',
    },
    {
      text: 'Self-attention only looks at the previous token, so the tokens are independent of each other.',
      misconception: 'attention-only-previous-token',
      feedback:
        'Each token attends to all tokens (or all earlier ones with a causal mask), not just the previous one.',
    },
    {
      text: 'Transformers need no positional information because attention already knows the order of the tokens.',
      misconception: 'attention-knows-order',
      feedback:
        'Attention by itself ignores order (it is permutation-equivariant); positional encodings supply it.',
    },
    {
      text: 'The cost of self-attention grows only linearly with the sequence length.',
      misconception: 'linear-attention-cost',
      feedback:
        'Self-attention compares all pairs of tokens, so its cost grows quadratically with the length.',
    },
    {
      text: 'At inference time a transformer language model generates its whole output in one pass, never token by token.',
      misconception: 'parallel-generation',
      feedback:
        'Autoregressive generation still produces one token at a time; the parallelism is over tokens that are already known.',
    },
  ],
  summary:
    'The sequential bottleneck of an RNN is \\(h_t = f(h_{t-1}, x_t)\\); self-attention replaces it by matrix products over all positions at once.',
};

export const encoderDecoderBank: ConceptBank = {
  key: 'encoder-decoder',
  title: 'Encoder and decoder roles',
  objective: 'Describe the roles of the encoder and the decoder in a transformer.',
  tags: ['transformer', 'encoder-decoder'],
  singleStems: [
    'In the context of the Transformer model, what are the primary roles of the "Encoder" and the "Decoder"?',
    'Which statement correctly describes the encoder and the decoder of a sequence-to-sequence transformer?',
  ],
  multipleStems: [
    'Which of the following statements about the transformer encoder and decoder are true? Select all that apply.',
    'Select every correct statement about encoder–decoder transformers.',
  ],
  truths: [
    {
      text: 'Encoders process the input sequence into continuous representations, and Decoders generate the output sequence one element at a time.',
      feedback:
        'The encoder maps the input to representations z; given z the decoder generates the output symbol by symbol.',
    },
    {
      text: "The decoder attends to the encoder's output through cross-attention while it generates each output token.",
      feedback: 'Cross-attention is how the input reaches the decoder.',
    },
    {
      text: 'Encoder-only models (such as BERT) suit classification; decoder-only models (such as GPT) suit generation.',
      feedback:
        'Representations are useful for classification; autoregressive decoding is useful for generation.',
    },
    {
      text: "The decoder's self-attention is masked so that a position cannot attend to later output positions.",
      feedback: 'The causal mask keeps generation autoregressive.',
    },
  ],
  falsehoods: [
    {
      text: 'Encoders are used for text generation, while Decoders are used for text classification.',
      misconception: 'encoder-decoder-roles-swapped',
      feedback:
        'The roles are the other way round: encoders build representations (classification), decoders generate.',
    },
    {
      text: 'Both Encoders and Decoders are used solely for understanding the input sequence without generating output.',
      misconception: 'decoder-does-not-generate',
      feedback: 'The decoder generates the output sequence.',
    },
    {
      text: 'Both Encoders and Decoders function identically to map inputs to continuous representations.',
      misconception: 'encoder-decoder-identical',
      feedback:
        'They differ: the decoder is masked, attends to the encoder output and produces output tokens.',
    },
    {
      text: 'The Encoder compresses the input into a single fixed-length vector without attention, while the Decoder uses that single vector to reproduce the input sequence exactly for reconstruction tasks.',
      misconception: 'autoencoder-bottleneck',
      feedback:
        'That describes an autoencoder; a transformer encoder keeps one representation per token and the decoder attends to all of them.',
    },
    {
      text: "The decoder reads the input sequence directly and ignores the encoder's output.",
      misconception: 'decoder-ignores-encoder',
      feedback:
        'The decoder receives the input only through cross-attention to the encoder output.',
    },
    {
      text: 'The encoder uses a causal mask so that each input token sees only earlier input tokens.',
      misconception: 'causal-encoder',
      feedback:
        'The encoder attends over the whole input in both directions; the causal mask belongs to the decoder.',
    },
  ],
  summary:
    'Encoder: input sequence → a sequence of continuous representations z. Decoder: given z, generate the output one element at a time.',
  fixtures: [
    {
      id: 'S003-mc-encoder-decoder',
      kind: 'single',
      params: { phrasing: 0, correct: [0], wrong: [0, 1, 2, 3] },
      note: 'seed 003 quiz: correct B, distractors A, C, D, E',
    },
  ],
};

export const lstmStatesBank: ConceptBank = {
  key: 'lstm-states',
  title: 'LSTM cell state vs hidden state',
  objective:
    "Distinguish the LSTM's cell state (long-term memory) from its hidden state (working output).",
  tags: ['lstm', 'cell-state'],
  singleStems: [
    'Which statement about the cell state \\(c_t\\) and the hidden state \\(h_t\\) of an LSTM is correct?',
    'How do the cell state and the hidden state of an LSTM differ?',
  ],
  multipleStems: [
    "Which of the following statements about an LSTM's cell state and hidden state are true? Select all that apply.",
    'Select every correct statement about the LSTM update \\(c_t = f_t \\odot c_{t-1} + i_t \\odot g_t\\), \\(h_t = o_t \\odot \\tanh(c_t)\\).',
  ],
  truths: [
    {
      text: 'The cell state is the long-term memory: it is copied from step to step and changed only by elementwise gating, not multiplied by a weight matrix.',
      feedback: 'A vanilla RNN, in contrast, multiplies its memory by \\(W_{hh}\\) at every step.',
    },
    {
      text: 'The hidden state \\(h_t = o_t \\odot \\tanh(c_t)\\) is the short-term, working output passed to the next layer and the next step.',
      feedback: 'The output gate decides how much of the cell state is read out.',
    },
    {
      text: 'Because the cell state is updated additively, gradients flowing along it vanish much more slowly than in a vanilla RNN.',
      feedback:
        'With \\(f_t \\approx 1\\) the path through \\(c\\) passes gradients almost unchanged.',
    },
    {
      text: 'The forget gate \\(f_t\\) decides how much of \\(c_{t-1}\\) is kept.',
      feedback: 'It multiplies the previous cell state elementwise.',
    },
  ],
  falsehoods: [
    {
      text: "The cell state is multiplied by \\(W_{hh}\\) at every step, like a vanilla RNN's hidden state.",
      misconception: 'cell-state-through-weights',
      feedback:
        'The cell state is only gated elementwise (forget, add); no weight matrix acts on it.',
    },
    {
      text: 'The hidden state and the cell state always hold the same values.',
      misconception: 'lstm-states-identical',
      feedback:
        'They differ: \\(h_t = o_t \\odot \\tanh(c_t)\\) is a gated, squashed read-out of \\(c_t\\).',
    },
    {
      text: 'The output gate decides how much of the previous cell state is forgotten.',
      misconception: 'output-gate-forgets',
      feedback:
        "Forgetting is the forget gate's job; the output gate controls the read-out into \\(h_t\\).",
    },
    {
      text: 'The cell state is what the layer outputs, while the hidden state stays internal.',
      misconception: 'lstm-states-roles-swapped',
      feedback:
        'It is the other way round: \\(h_t\\) is the output, \\(c_t\\) the internal memory.',
    },
    {
      text: 'An LSTM has no hidden state, only a cell state.',
      misconception: 'lstm-no-hidden-state',
      feedback: 'An LSTM carries both \\(h_t\\) and \\(c_t\\) from step to step.',
    },
    {
      text: 'The cell state is reset to zero at every time step.',
      misconception: 'cell-state-reset',
      feedback: 'The cell state persists across steps; that is what makes it long-term memory.',
    },
  ],
  summary:
    'Cell state: long-term memory on an additive, gated path. Hidden state: the short-term working output \\(o_t \\odot \\tanh(c_t)\\).',
};

export const gruGatesBank: ConceptBank = {
  key: 'gru-gates',
  title: 'GRU reset and update gates',
  objective: 'Explain the roles of the reset and update gates of a GRU.',
  tags: ['gru', 'gates'],
  singleStems: [
    'A GRU updates its state as \\(h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\). Which statement about its gates is correct?',
    'What do the reset gate \\(r_t\\) and the update gate \\(z_t\\) of a GRU do (convention \\(h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\))?',
  ],
  multipleStems: [
    'A GRU updates its state as \\(h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\). Which of the following statements are true? Select all that apply.',
    'Select every correct statement about the gates of a GRU with \\(h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t\\).',
  ],
  truths: [
    {
      text: 'The reset gate \\(r_t\\) decides how much of the past state is used to compute the candidate \\(\\tilde h_t\\).',
      plain:
        'The reset gate rₜ decides how much of the past state is used to compute the candidate h̃ₜ.',
      feedback: 'It multiplies the recurrent term inside the candidate.',
    },
    {
      text: 'The update gate \\(z_t\\) sets the blend between the old state and the candidate; with \\(z_t\\) close to 1 the old state is kept.',
      feedback: 'In this convention \\(z_t\\) weights \\(h_{t-1}\\).',
    },
    {
      text: 'A GRU has no separate cell state: its hidden state is both the long-term memory and the current output.',
      feedback: "It merges the LSTM's cell and hidden states.",
    },
    {
      text: "A GRU has three gate groups against the LSTM's four, so it has fewer parameters for the same sizes.",
      feedback: 'Reset, update and candidate: 3 blocks of weights versus 4.',
    },
  ],
  falsehoods: [
    {
      text: 'The update gate decides how much of the past state is used inside the candidate.',
      misconception: 'update-gate-as-reset',
      feedback: 'That is the reset gate; the update gate blends old state and candidate.',
    },
    {
      text: 'With \\(z_t\\) close to 1 the GRU replaces its state by the candidate.',
      misconception: 'swapped-update-convention',
      feedback:
        'In this convention \\(z_t \\approx 1\\) keeps \\(h_{t-1}\\); the candidate enters with weight \\(1 - z_t\\).',
    },
    {
      text: 'A GRU keeps a separate cell state, like an LSTM.',
      misconception: 'gru-cell-state',
      feedback: 'A GRU has only the hidden state.',
    },
    {
      text: 'The reset gate sets the hidden state to zero at the start of every sequence.',
      misconception: 'reset-gate-zeroes-state',
      feedback:
        'The reset gate acts at every step, inside the candidate; initializing \\(h_0\\) is a separate matter.',
    },
    {
      text: 'A GRU has more gate groups, and so more parameters, than an LSTM of the same size.',
      misconception: 'gru-more-gates',
      feedback: 'A GRU has 3 gate groups, an LSTM 4.',
    },
    {
      text: 'The gates use tanh so that they can take negative values.',
      misconception: 'tanh-gates',
      feedback: 'Gates use the sigmoid, so their values lie in (0, 1) and act as soft switches.',
    },
  ],
  summary:
    'Reset gate: how much past enters the candidate. Update gate: how much of the old state survives versus the candidate.',
};

export const vanishingGradientBank: ConceptBank = {
  key: 'vanishing-gradient',
  title: 'Consequences of vanishing gradients',
  objective:
    'Name the direct consequence of vanishing gradients for early layers and early time steps.',
  tags: ['vanishing-gradient', 'bptt'],
  singleStems: [
    "When training a neural network, the vanishing gradient problem is encountered. What is a primary and direct consequence of this phenomenon on the network's parameters?",
    'Which of the following is a direct consequence of vanishing gradients in a deep network or in an RNN trained on long sequences?',
    'Gradients shrink by a factor below 1 at every layer (or time step) of backpropagation. What happens to the parameters?',
  ],
  multipleStems: [
    'Which of the following statements about vanishing gradients are true? Select all that apply.',
    'Select every correct statement about what vanishing gradients do to training.',
    'Gradients shrink by a factor below 1 at every layer (or time step) of backpropagation. Which of the following statements are true? Select all that apply.',
  ],
  truths: [
    {
      text: 'The parameters in the initial layers of the network (those closer to the input) are not being updated.',
      feedback: 'Their gradients are products of many factors below 1, so they are close to 0.',
    },
    {
      text: 'In an RNN, early time steps have almost no influence on the gradient, so long-range dependencies are hard to learn.',
      feedback: 'Backpropagation through time multiplies one factor per step.',
    },
    {
      text: 'Only the top layers (near the output) train well, so making the network deeper brings no benefit.',
      feedback: 'The bottom layers barely change.',
    },
    {
      text: 'Raising the learning rate does not help reliably, because the gradients of the early layers are essentially zero.',
      feedback: 'No choice of learning rate makes a near-zero gradient informative.',
    },
  ],
  falsehoods: [
    {
      text: "Values get out of range resulting in 'NaN' (Not a Number) values.",
      misconception: 'exploding-symptom',
      feedback: 'Overflow to inf/NaN is a symptom of exploding gradients, not vanishing ones.',
    },
    {
      text: 'The model quickly memorizes the training data, leading to a low training error but a very high test error (overfitting).',
      misconception: 'vanishing-means-overfitting',
      feedback: 'Vanishing gradients slow or stop learning; they do not cause memorization.',
    },
    {
      text: 'All parameters within a single layer tend to converge to the same value, preventing the layer from learning diverse features.',
      misconception: 'symmetry-problem',
      feedback:
        'That is the symmetry problem of identical (e.g. all-zero) initialization, not vanishing gradients.',
    },
    {
      text: "The network's parameters are updated in a high-variance, chaotic manner, causing the optimization process to oscillate and never settle in a good local minimum.",
      misconception: 'chaotic-updates',
      feedback:
        'Oscillation comes from too large steps (a high learning rate or exploding gradients); vanishing gradients make updates tiny.',
    },
    {
      text: 'The last layers stop learning while the first layers keep learning.',
      misconception: 'vanishing-at-output',
      feedback:
        'It is the other way round: gradients shrink on their way back, so the layers near the input suffer.',
    },
    {
      text: 'Gradient clipping by norm solves the vanishing gradient problem.',
      misconception: 'clipping-fixes-vanishing',
      feedback: 'Clipping only caps large gradients (exploding); it cannot enlarge small ones.',
    },
  ],
  summary:
    'Vanishing gradients: a product of many factors below 1 (e.g. \\(0.8^{100} \\approx 2 \\times 10^{-10}\\)) leaves the layers near the input, or the early time steps, without a learning signal.',
  fixtures: [
    {
      id: 'S003-mc-vanishing-gradient',
      kind: 'single',
      params: { phrasing: 0, correct: [0], wrong: [0, 1, 2, 3] },
      note: 'seed 003 quiz: correct C, distractors A, B, D, E',
    },
  ],
};

export const attentionBank: ConceptBank = {
  key: 'attention',
  title: 'How scaled dot-product attention works',
  objective:
    'Explain the √d scaling, the row-wise softmax and the weighted average of values in attention.',
  tags: ['attention', 'transformer'],
  singleStems: [
    'Which statement about scaled dot-product attention, \\(\\mathrm{softmax}(QK^\\top/\\sqrt{d})V\\), is correct?',
    'In a transformer layer, which statement about self-attention is correct?',
  ],
  multipleStems: [
    'Which of the following statements about scaled dot-product attention, \\(\\mathrm{softmax}(QK^\\top/\\sqrt{d})V\\), are true? Select all that apply.',
    'Select every correct statement about self-attention in a transformer layer.',
  ],
  truths: [
    {
      text: 'Dividing by \\(\\sqrt{d}\\) keeps the dot products from growing with the dimension, so the softmax does not saturate and its gradients do not vanish.',
      feedback: 'A sum of d products has a spread that grows like √d; the scaling undoes that.',
    },
    {
      text: 'Each row of the attention-weight matrix sums to 1: every query spreads its attention over the keys.',
      feedback: 'The softmax runs along each row, one distribution per query.',
    },
    {
      text: 'Each output row is a weighted average of the value vectors, weighted by query–key similarity.',
      feedback: 'Output row i is the sum over j of P_ij v_j.',
    },
    {
      text: 'In self-attention, the queries, keys and values are all linear projections of the same input sequence.',
      feedback: 'Cross-attention takes keys and values from another sequence instead.',
    },
  ],
  falsehoods: [
    {
      text: 'The softmax is taken over the queries, so each column of the weight matrix sums to 1.',
      misconception: 'softmax-over-queries',
      feedback: 'The softmax runs over the keys: each row (one query) sums to 1.',
    },
    {
      text: 'Dividing by \\(\\sqrt{d}\\) is what makes the attention weights sum to 1.',
      misconception: 'scaling-normalizes-weights',
      feedback:
        'The softmax already makes each row sum to 1; the scaling only shrinks the scores before it.',
    },
    {
      text: 'The output of attention is the score matrix \\(QK^\\top\\) itself.',
      misconception: 'scores-as-output',
      feedback: 'The scores only set the weights; the output mixes the value vectors, softmax(·)V.',
    },
    {
      text: 'An attention weight becomes negative when a key is dissimilar to the query.',
      misconception: 'negative-attention-weights',
      feedback: 'Softmax outputs are always positive; dissimilar keys just get weights close to 0.',
    },
    {
      text: 'Each token can attend only to its immediate neighbours.',
      misconception: 'local-attention-only',
      feedback:
        'Every query scores every key of the sequence (all earlier ones under a causal mask).',
    },
    {
      text: 'The keys and the values must be the same vectors.',
      misconception: 'keys-equal-values',
      feedback:
        'Keys and values come from separate learned projections and can differ in dimension.',
    },
  ],
  summary:
    'Attention: similarity scores \\(QK^\\top/\\sqrt{d}\\), a softmax along each row, then a weighted average of the values.',
};

export const CONCEPT_BANKS: readonly ConceptBank[] = [
  hiddenStateBank,
  vanishingGradientBank,
  lstmStatesBank,
  gruGatesBank,
  transformerParallelBank,
  encoderDecoderBank,
  attentionBank,
];

export const conceptHiddenState = conceptTemplate(hiddenStateBank);
export const conceptVanishingGradient = conceptTemplate(vanishingGradientBank);
export const conceptLstmStates = conceptTemplate(lstmStatesBank);
export const conceptGruGates = conceptTemplate(gruGatesBank);
export const conceptTransformerParallelism = conceptTemplate(transformerParallelBank);
export const conceptEncoderDecoder = conceptTemplate(encoderDecoderBank);
export const conceptAttention = conceptTemplate(attentionBank);
