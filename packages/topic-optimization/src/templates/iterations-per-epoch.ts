import { defineTemplate, param } from '@dlexam/generator';
import { formatDecimal, iterationsPerEpoch } from '@dlexam/math';

/** Parameter updates per epoch and over a training run, from dataset size and batch size. */
export type IterationsPerEpochParams = {
  datasetSize: number;
  batchSize: number;
  epochs: number;
  dropLast: boolean;
  ask: 'per-epoch' | 'total';
};

const STEMS = [
  'A training set has {{n}} examples and is split into mini-batches of {{b}}; the optimizer makes one parameter update per mini-batch. {{last}} {{question}}',
  'You train with mini-batch gradient descent, batch size \\(B = {{b}}\\), on \\(N = {{n}}\\) training examples. {{last}} {{question}}',
  'Data: {{n}} training examples; batch size {{b}}; one parameter update per batch. {{last}} {{question}}',
];

export const iterationsPerEpochTemplate = defineTemplate<IterationsPerEpochParams>({
  id: 'optimization.iterations-per-epoch',
  topic: 'optimization',
  title: 'Iterations per epoch',
  objective:
    'Count the parameter updates per epoch and over training from the dataset size and the batch size.',
  difficulty: 1,
  tags: ['mini-batch', 'epochs', 'iterations'],
  kinds: ['numeric', 'single'],
  params: {
    datasetSize: param.int('number of training examples N', [100, 60000], {
      min: 1,
      max: 100_000_000,
    }),
    batchSize: param.choice('mini-batch size B', [8, 16, 32, 50, 64, 100, 128, 256, 512], {
      integer: true,
      min: 1,
      max: 100_000_000,
    }),
    epochs: param.int('number of epochs', [2, 50], { min: 1, max: 100_000 }),
    dropLast: param.choice('whether the last incomplete batch is dropped', [false, true]),
    ask: param.choice('updates per epoch or over all epochs', ['per-epoch', 'total']),
  },
  constraints: [
    {
      description: 'the batch size is at most the number of examples (B ≤ N)',
      check: (p) => p.batchSize <= p.datasetSize,
      params: ['datasetSize', 'batchSize'],
    },
    {
      description: 'N is not a multiple of B (so the last batch matters)',
      check: (p) => p.datasetSize % p.batchSize !== 0,
      prefer: true,
      params: ['datasetSize', 'batchSize'],
    },
    {
      description: 'at least 3 batches per epoch',
      check: (p) => p.datasetSize >= 3 * p.batchSize,
      prefer: true,
      params: ['datasetSize', 'batchSize'],
    },
  ],
  build(p, ctx) {
    const per = iterationsPerEpoch(p.datasetSize, p.batchSize, p.dropLast);
    const answer = p.ask === 'per-epoch' ? per : per * p.epochs;
    const other = iterationsPerEpoch(p.datasetSize, p.batchSize, !p.dropLast);
    const last = p.dropLast
      ? 'The last, incomplete batch is dropped (PyTorch `DataLoader(drop_last=True)`).'
      : 'The last, smaller batch is kept (PyTorch `DataLoader(drop_last=False)`, the default).';
    const question =
      p.ask === 'per-epoch'
        ? 'How many parameter updates (iterations) happen in one epoch?'
        : `How many parameter updates happen in total over ${p.epochs} epochs?`;
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      n: p.datasetSize,
      b: p.batchSize,
      last,
      question,
    });
    const scale = p.ask === 'per-epoch' ? 1 : p.epochs;
    const op = p.dropLast ? '\\lfloor' : '\\lceil';
    const cl = p.dropLast ? '\\rfloor' : '\\rceil';
    return {
      stem,
      solution:
        `One epoch is one pass over all ${p.datasetSize} examples: \\(${op} ${p.datasetSize}/${p.batchSize} ${cl} = ${per}\\) updates ` +
        `(${p.datasetSize}/${p.batchSize} = ${formatDecimal(p.datasetSize / p.batchSize, 3)}; the partial batch is ${p.dropLast ? 'dropped' : 'kept'}).` +
        (p.ask === 'total'
          ? `\n\nOver ${p.epochs} epochs: \\(${per} \\times ${p.epochs} = ${answer}\\).`
          : ''),
      answer: {
        type: 'numeric',
        value: answer,
        decimals: 0,
        distractors: [
          {
            value: other * scale,
            misconception: p.dropLast ? 'kept-last-batch' : 'dropped-last-batch',
            feedback: p.dropLast
              ? 'You counted the incomplete last batch, but it is dropped.'
              : 'You dropped the incomplete last batch, but it is kept and makes an update too.',
          },
          {
            value: p.ask === 'per-epoch' ? per * p.epochs : per,
            misconception: p.ask === 'per-epoch' ? 'multiplied-by-epochs' : 'forgot-epochs',
            feedback:
              p.ask === 'per-epoch'
                ? 'You multiplied by the number of epochs; the question asks for one epoch.'
                : 'You gave the updates of one epoch; multiply by the number of epochs.',
          },
          {
            value: p.datasetSize * scale,
            misconception: 'one-update-per-example',
            feedback:
              'You counted one update per example (stochastic gradient descent); here each update uses a whole mini-batch.',
          },
          {
            value: p.ask === 'per-epoch' ? 1 : p.epochs,
            misconception: 'batch-gradient-descent',
            feedback:
              'One update per epoch is full-batch gradient descent; mini-batches give one update per batch.',
          },
          {
            value: p.batchSize * scale,
            misconception: 'confused-batch-size-with-count',
            feedback: 'You used the batch size as the number of batches.',
          },
        ],
      },
    };
  },
  fixtures: [
    {
      id: 'T-iterations-1000-32',
      params: { datasetSize: 1000, batchSize: 32, epochs: 10, dropLast: false, ask: 'per-epoch' },
      note: '⌈1000/32⌉ = 32 (31 full batches + one of 8)',
    },
  ],
});
