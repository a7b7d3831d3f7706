import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { GATE_GROUPS, recurrentShapes, type RecurrentCell } from '@dlexam/math';
import { assertSingleChoicePossible, labelledRow, withPlainFeedback } from '../shared.js';

export type RecurrentShapesParams = {
  cell: RecurrentCell;
  inputSize: number;
  hiddenSize: number;
  layers: number;
  bidirectional: boolean;
  batch: number;
  seqLen: number;
  batchFirst: boolean;
  /** Numeric kinds: last dim of output, first dim of h_n, rows of weight_ih_l0, or columns of weight_ih_l1. */
  ask: 'output-features' | 'hn-first-dim' | 'weight-ih-rows' | 'layer2-input';
};

const TORCH: Record<RecurrentCell, string> = { rnn: 'nn.RNN', lstm: 'nn.LSTM', gru: 'nn.GRU' };

type Words = { N: number; H: number; cNote: string };

const ASKS: Record<RecurrentShapesParams['ask'], readonly string[]> = {
  'output-features': [
    'What is the size of the last dimension of `output`?',
    'How many features does `output` have per time step and sequence?',
  ],
  'hn-first-dim': [
    'What is the size of the first dimension of `h_n`?',
    '`h_n` has shape (?, {{N}}, {{H}}). What is the first dimension?',
  ],
  'weight-ih-rows': [
    'How many rows does the input-to-hidden weight matrix of the first layer, `weight_ih_l0`, have?',
    'What is the first dimension of `weight_ih_l0`?',
  ],
  'layer2-input': [
    'How many columns does `weight_ih_l1` (the input weights of the second layer) have?',
    'What is the input size seen by the second layer, i.e. the second dimension of `weight_ih_l1`?',
  ],
};
const TABLE_ASKS: readonly string[] = [
  'Give the shapes of `output` and `h_n`{{cNote}}, in PyTorch order.',
  'Fill in every dimension of the returned tensors `output` and `h_n`{{cNote}}.',
];

type ShapeAnswer = { value: number; distractors: NumericDistractor[] };

/** The sizes a shape question is about: I, H, L, N, T, the directions D and the gate groups G. */
type ShapeDims = { I: number; H: number; L: number; N: number; T: number; D: number; G: number };

/** A size of a returned tensor (`output`, `h_n`) and its modelled mistakes. */
function returnedTensorAnswer(
  ask: 'output-features' | 'hn-first-dim',
  { I, H, L, N, T, D, G }: ShapeDims,
): ShapeAnswer {
  switch (ask) {
    case 'output-features':
      return {
        value: D * H,
        distractors: [
          {
            value: H,
            misconception: 'forgot-directions-in-output',
            feedback:
              'A bidirectional layer concatenates both directions: the output has 2H features.',
          },
          {
            value: G * H,
            misconception: 'gate-rows-as-output',
            feedback: 'G·H is the number of rows of the stacked gate weights, not the output size.',
          },
          {
            value: D * L * H,
            misconception: 'layers-in-output',
            feedback: '`output` comes from the top layer only; layers do not multiply its size.',
          },
          {
            value: I,
            misconception: 'input-size-as-output',
            feedback: 'The output size is set by hidden_size, not by input_size.',
          },
          {
            value: 2 * D * H,
            misconception: 'doubled-output',
            feedback: 'Each direction contributes H features, no more.',
          },
        ],
      };
    case 'hn-first-dim':
      return {
        value: D * L,
        distractors: [
          {
            value: L,
            misconception: 'forgot-directions-in-hn',
            feedback: 'Each direction of each layer has its own final state: D·L.',
          },
          {
            value: T,
            misconception: 'time-as-hn-dim',
            feedback: 'h_n holds only the last time step, one per layer and direction.',
          },
          {
            value: N,
            misconception: 'batch-first-hn',
            feedback: 'batch_first does not apply to h_n; its first dimension is D·L.',
          },
          {
            value: D,
            misconception: 'forgot-layers-in-hn',
            feedback: 'Every stacked layer keeps a final state: multiply by the number of layers.',
          },
          {
            value: D * L + 1,
            misconception: 'counted-input-layer',
            feedback: 'Only the recurrent layers have states.',
          },
        ],
      };
  }
}

/** A size of an input weight matrix (`weight_ih_l0`, `weight_ih_l1`) and its modelled mistakes. */
function inputWeightAnswer(
  ask: 'weight-ih-rows' | 'layer2-input',
  { I, H, D, G }: ShapeDims,
): ShapeAnswer {
  switch (ask) {
    case 'weight-ih-rows':
      return {
        value: G * H,
        distractors: [
          {
            value: H,
            misconception: 'forgot-gate-stacking',
            feedback: 'PyTorch stacks the gate groups: the matrix has G·H rows.',
          },
          {
            value: G * I,
            misconception: 'gates-times-input',
            feedback: 'Rows correspond to (gate, hidden unit) pairs: G·H.',
          },
          {
            value: D * G * H,
            misconception: 'directions-in-weights',
            feedback:
              'Each direction has its own matrix (weight_ih_l0_reverse); directions are not stacked.',
          },
          {
            value: I,
            misconception: 'input-rows',
            feedback: 'input_size is the number of columns, not rows.',
          },
        ],
      };
    case 'layer2-input':
      return {
        value: D * H,
        distractors: [
          {
            value: I,
            misconception: 'stacked-layers-use-input-size',
            feedback: "Layer 2 reads layer 1's output, not the network input.",
          },
          {
            value: H,
            misconception: 'stacked-input-not-doubled',
            feedback: 'With two directions, layer 2 reads both concatenated: 2H features.',
          },
          {
            value: G * H,
            misconception: 'gate-rows-as-columns',
            feedback: 'G·H is the row count; the columns are the input features of the layer.',
          },
          {
            value: D * H + I,
            misconception: 'added-input-size',
            feedback:
              'Only the previous layer output enters layer 2; there is no skip from the input.',
          },
        ],
      };
  }
}

/** The asked dimension and its modelled mistakes (numeric and single-choice kinds). */
function shapeAnswer(p: RecurrentShapesParams): ShapeAnswer {
  const { inputSize: I, hiddenSize: H, layers: L, batch: N, seqLen: T } = p;
  const D = p.bidirectional ? 2 : 1;
  const G = GATE_GROUPS[p.cell];
  const dims = { I, H, L, N, T, D, G };
  return p.ask === 'output-features' || p.ask === 'hn-first-dim'
    ? returnedTensorAnswer(p.ask, dims)
    : inputWeightAnswer(p.ask, dims);
}

export const recurrentShapesTemplate = withPlainFeedback(
  defineTemplate<RecurrentShapesParams>({
    id: 'rnn.recurrent-shapes',
    topic: 'rnn',
    title: 'Tensor shapes of RNN, LSTM and GRU layers',
    objective:
      'Give the output, final-state and weight shapes of stacked and bidirectional PyTorch recurrent layers.',
    difficulty: 2,
    tags: ['rnn', 'lstm', 'gru', 'shapes'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      cell: param.choice('cell type', ['rnn', 'lstm', 'gru']),
      // Validity: every size is only multiplied or shown, up to 4096; layers up to 8. A hidden
      // size of 1 or a single step is allowed (modelled distractors that coincide are dropped).
      inputSize: param.int('input features I', [1, 64], { min: 1, max: 4096 }),
      hiddenSize: param.int('hidden size H', [2, 64], { min: 1, max: 4096 }),
      layers: param.int('stacked layers L', [1, 3], { min: 1, max: 8 }),
      bidirectional: param.choice('bidirectional', [false, true]),
      batch: param.int('batch size N', [1, 32], { min: 1, max: 4096 }),
      seqLen: param.int('sequence length T', [2, 50], { min: 1, max: 4096 }),
      batchFirst: param.choice('batch_first', [false, true]),
      ask: param.choice('asked dimension (numeric kinds)', [
        'output-features',
        'hn-first-dim',
        'weight-ih-rows',
        'layer2-input',
      ]),
    },
    constraints: [
      {
        description: 'the second layer exists when its weights are asked',
        check: (p) => p.ask !== 'layer2-input' || p.layers >= 2,
        params: ['ask', 'layers'],
      },
    ],
    build(p, ctx) {
      const s = recurrentShapes(p);
      const { inputSize: I, hiddenSize: H, layers: L, batch: N, seqLen: T } = p;
      const D = p.bidirectional ? 2 : 1;
      const G = GATE_GROUPS[p.cell];
      const a = ctx.kind === 'table' ? undefined : shapeAnswer(p);
      if (a) assertSingleChoicePossible(ctx.kind, a.value, a.distractors, 0);
      const call = `${TORCH[p.cell]}(input_size=${I}, hidden_size=${H}, num_layers=${L}, bidirectional=${p.bidirectional ? 'True' : 'False'}, batch_first=${p.batchFirst ? 'True' : 'False'})`;
      const returns = p.cell === 'lstm' ? '`output, (h_n, c_n)`' : '`output, h_n`';
      const inputShape = `(${s.input.join(', ')})`;
      const layout = p.batchFirst ? 'batch, time, features' : 'time, batch, features';
      const stem = [
        ctx.rng.choice([
          `A PyTorch layer \`${call}\` is applied to an input of shape \\(${inputShape}\\) (${layout}) and returns ${returns}.`,
          `An input tensor of shape \\(${inputShape}\\) (${layout}) goes through \`${call}\`, which returns ${returns}.`,
          `You run \`${returns.slice(1, -1)} = rnn(x)\` with \`rnn = ${call}\` and \`x\` of shape \\(${inputShape}\\) (${layout}).`,
        ]),
        ctx.render(ctx.rng.choice(ctx.kind === 'table' ? TABLE_ASKS : ASKS[p.ask]), {
          N,
          H,
          cNote: p.cell === 'lstm' ? ' (`c_n` has the shape of `h_n`)' : '',
        } satisfies Words),
      ].join('\n\n');
      const shape = (x: number[]) => `(${x.join(', ')})`;
      const solution = [
        `\`output\` holds the top layer's hidden state at every step, both directions concatenated: \\(${shape(s.output)}\\) (last dimension \\(D \\cdot H = ${D} \\cdot ${H}\\)).`,
        `\`h_n\` holds the final hidden state of every layer and direction: \\(${shape(s.hN)}\\) (first dimension \\(D \\cdot L = ${D} \\cdot ${L}\\); \`batch_first\` does not apply to it).${p.cell === 'lstm' ? ' `c_n` has the same shape.' : ''}`,
        `\`weight_ih_l0\` stacks the ${G} gate ${G === 1 ? 'group' : 'groups'}: \\(${shape(s.weightIh[0]!)}\\)${L > 1 ? `; \`weight_ih_l1\` is \\(${shape(s.weightIh[1]!)}\\) because layer 2 reads the ${D * H}-feature output of layer 1` : ''}.`,
      ].join('\n\n');

      if (ctx.kind === 'table') {
        const header = ['tensor', 'dim 1', 'dim 2', 'dim 3'];
        const rows = [labelledRow('`output`', s.output, 0), labelledRow('`h_n`', s.hN, 0)];
        return { stem, solution, answer: { type: 'table', header, rows } };
      }
      return {
        stem,
        solution,
        answer: { type: 'numeric', value: a!.value, decimals: 0, distractors: a!.distractors },
      };
    },
  }),
);
