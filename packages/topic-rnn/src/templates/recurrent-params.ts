import { defineTemplate, param, type NumericDistractor } from '@dlexam/generator';
import { formatInt, GATE_GROUPS, recurrentParams, type RecurrentCell } from '@dlexam/math';
import { labelledRow, withPlainFeedback } from '../shared.js';

export type RecurrentParamsParams = {
  cell: RecurrentCell;
  inputSize: number;
  hiddenSize: number;
  layers: number;
  bidirectional: boolean;
  /** 'two': PyTorch (b_ih and b_hh per gate group); 'one': a single bias per gate group (Keras). */
  bias: 'two' | 'one';
};

const CELL_NAME: Record<RecurrentCell, { torch: string; name: string; gates: string }> = {
  rnn: { torch: 'nn.RNN', name: 'vanilla RNN (tanh)', gates: 'a single weight group' },
  lstm: {
    torch: 'nn.LSTM',
    name: 'LSTM',
    gates: 'four gate groups (input, forget, cell candidate, output)',
  },
  gru: { torch: 'nn.GRU', name: 'GRU', gates: 'three gate groups (reset, update, candidate)' },
};

/** The count under a modelled variation of the formula (distractors only). */
function variantCount(
  p: RecurrentParamsParams,
  v: {
    gates?: number;
    recurrentOnce?: boolean;
    noRecurrent?: boolean;
    biasVectors?: number;
    dirs?: number;
    stackedUsesInput?: boolean;
    stackedUndoubled?: boolean;
  },
): number {
  const g = v.gates ?? GATE_GROUPS[p.cell];
  const H = p.hiddenSize;
  const realDirs = p.bidirectional ? 2 : 1;
  const dirs = v.dirs ?? realDirs;
  const b = v.biasVectors ?? (p.bias === 'two' ? 2 : 1);
  let total = 0;
  for (let l = 0; l < p.layers; l++) {
    const input =
      l === 0 || v.stackedUsesInput ? p.inputSize : v.stackedUndoubled ? H : realDirs * H;
    const recurrent = v.noRecurrent ? 0 : v.recurrentOnce ? H * H : g * H * H;
    total += dirs * (g * H * input + recurrent + b * g * H);
  }
  return total;
}

/** The worked count: the per-direction formula, one line per layer, and the total. */
function paramSolution(
  p: RecurrentParamsParams,
  perLayer: readonly { input: number; total: number }[],
  value: number,
): string {
  const g = GATE_GROUPS[p.cell];
  const H = p.hiddenSize;
  const D = p.bidirectional ? 2 : 1;
  const b = p.bias === 'two' ? 2 : 1;
  const lines = perLayer.map(
    (r, l) =>
      `- layer ${l + 1} (input ${r.input}): \\(${D > 1 ? '2 \\cdot ' : ''}${g > 1 ? `${g} \\cdot ` : ''}${H} \\cdot (${r.input} + ${H} + ${b}) = ${formatInt(r.total)}\\)`,
  );
  const solution = [
    `Per direction, each of the ${g} gate ${g === 1 ? 'group' : 'groups'} has an input matrix (\\(H \\times\\) input), a recurrent matrix (\\(H \\times H\\)) and ${b === 2 ? 'two bias vectors' : 'one bias vector'} of length \\(H\\): \\(${g === 1 ? '' : `${g} \\cdot `}H \\cdot (\\text{input} + H + ${b})\\).${D > 1 ? ' A bidirectional layer has two such sets.' : ''}`,
    ['Per layer:', ...lines].join('\n'),
    `Total: \\(${formatInt(value)}\\).`,
  ].join('\n\n');
  return solution;
}

/**
 * Wrong counts: the other bias convention, one recurrent matrix, no gates, no recurrent weights, no
 * biases; one direction only; stacked layers fed the network input or one direction's output.
 */
function countDistractors(p: RecurrentParamsParams): NumericDistractor[] {
  const g = GATE_GROUPS[p.cell];
  const H = p.hiddenSize;
  const D = p.bidirectional ? 2 : 1;
  const c = CELL_NAME[p.cell];
  const distractors: NumericDistractor[] = [
    {
      value: variantCount(p, { biasVectors: p.bias === 'two' ? 1 : 2 }),
      misconception: p.bias === 'two' ? 'one-bias-convention' : 'two-bias-convention',
      feedback:
        p.bias === 'two'
          ? 'You counted one bias vector per gate group (Keras); this question uses two (PyTorch b_ih and b_hh).'
          : 'You counted two bias vectors per gate group (PyTorch); this question uses one.',
    },
    {
      value: variantCount(p, { recurrentOnce: true }),
      misconception: 'recurrent-weights-counted-once',
      feedback: 'You counted one H×H recurrent matrix; every gate group has its own.',
    },
    {
      value: variantCount(p, { gates: 1 }),
      misconception: 'forgot-gates',
      feedback: `You counted a single weight group; this ${c.name} cell has ${g}.`,
    },
    {
      value: variantCount(p, { noRecurrent: true }),
      misconception: 'forgot-recurrent-weights',
      feedback: 'You left out the recurrent (hidden-to-hidden) weights.',
    },
    {
      value: variantCount(p, { biasVectors: 0 }),
      misconception: 'forgot-biases',
      feedback: 'You left out the biases.',
    },
  ];
  if (p.bidirectional)
    distractors.splice(1, 0, {
      value: variantCount(p, { dirs: 1 }),
      misconception: 'bidirectional-not-doubled',
      feedback:
        'A bidirectional layer has a separate set of weights for each direction: double the count.',
    });
  if (p.layers > 1) {
    distractors.splice(1, 0, {
      value: variantCount(p, { stackedUsesInput: true }),
      misconception: 'stacked-layers-use-input-size',
      feedback: `Layers 2 onward take the previous layer's output (${D * H} features), not the network input (${p.inputSize}).`,
    });
    if (p.bidirectional)
      distractors.push({
        value: variantCount(p, { stackedUndoubled: true }),
        misconception: 'stacked-input-not-doubled',
        feedback: `The next layer receives both directions concatenated: ${2 * H} features, not ${H}.`,
      });
  }
  return distractors;
}

const CONVENTION = {
  two: 'Count biases as PyTorch does: two bias vectors (\\(b_{ih}\\) and \\(b_{hh}\\)) per gate group.',
  one: 'Count one bias vector per gate group (as Keras does for SimpleRNN and LSTM, and for GRU with `reset_after=False`).',
};

type Words = {
  torch: string;
  name: string;
  article: string;
  gates: string;
  I: number;
  H: number;
  L: number;
  /** "layer" or "layers" for L (precomputed: a helper would leave the plain-source fast path). */
  layerWord: string;
  biPy: string;
  dirWord: string;
};

const INTROS: readonly string[] = [
  'A recurrent network is built as `{{torch}}(input_size={{I}}, hidden_size={{H}}, num_layers={{L}}, bidirectional={{biPy}})`: {{article}} {{name}} with {{gates}}.',
  'Consider a {{L}}-layer {{dirWord}} {{name}} layer stack with input size {{I}} and hidden size {{H}} per direction; each cell has {{gates}}.',
  'An encoder uses {{L}} stacked {{dirWord}} {{name}} {{layerWord}} (hidden size {{H}}, input features {{I}}); each cell has {{gates}}.',
];
const ASKS = {
  numeric: [
    'How many trainable parameters does it have?',
    'What is its total number of learnable parameters?',
  ],
  table: [
    'For each layer, give the number of input-to-hidden weights, hidden-to-hidden (recurrent) weights, biases and the layer total (both directions together).',
    'Fill in the parameter counts per layer (summed over directions).',
  ],
};

export const recurrentParamsTemplate = withPlainFeedback(
  defineTemplate<RecurrentParamsParams>({
    id: 'rnn.recurrent-params',
    topic: 'rnn',
    title: 'Parameters of RNN, LSTM and GRU layers',
    objective:
      'Count the parameters of stacked and bidirectional RNN, LSTM and GRU layers under a stated bias convention.',
    difficulty: 2,
    tags: ['rnn', 'lstm', 'gru', 'parameters'],
    kinds: ['numeric', 'single', 'table'],
    params: {
      cell: param.choice('cell type', ['rnn', 'lstm', 'gru']),
      // Validity: sizes that are only multiplied go up to 4096; layers up to 8 (the table kind
      // lists one row per layer).
      inputSize: param.int('input features I', [1, 300], { min: 1, max: 4096 }),
      hiddenSize: param.int('hidden size H (per direction)', [1, 256], { min: 1, max: 4096 }),
      layers: param.int('stacked layers L', [1, 3], { min: 1, max: 8 }),
      bidirectional: param.choice('bidirectional', [false, true]),
      bias: param.choice('bias vectors per gate group', ['two', 'one']),
    },
    build(p, ctx) {
      const g = GATE_GROUPS[p.cell];
      const H = p.hiddenSize;
      const D = p.bidirectional ? 2 : 1;
      const b = p.bias === 'two' ? 2 : 1;
      const value = recurrentParams({
        cell: p.cell,
        inputSize: p.inputSize,
        hiddenSize: H,
        layers: p.layers,
        bidirectional: p.bidirectional,
        bias: p.bias,
      });
      const c = CELL_NAME[p.cell];
      const data: Words = {
        torch: c.torch,
        name: c.name,
        // "an LSTM": the article follows the letter's sound, not the spelling.
        article: p.cell === 'lstm' ? 'an' : 'a',
        gates: c.gates,
        I: p.inputSize,
        H,
        L: p.layers,
        layerWord: p.layers === 1 ? 'layer' : 'layers',
        biPy: p.bidirectional ? 'True' : 'False',
        dirWord: p.bidirectional ? 'bidirectional' : 'unidirectional',
      };
      const stem = [
        ctx.render(ctx.rng.choice(INTROS), data),
        CONVENTION[p.bias] +
          (p.layers > 1
            ? ` Layer 2 onward receives the previous layer's output (${p.bidirectional ? 'both directions concatenated' : 'its hidden state'}).`
            : ''),
        ctx.rng.choice(ctx.kind === 'table' ? ASKS.table : ASKS.numeric),
      ].join('\n\n');

      const perLayer = Array.from({ length: p.layers }, (_, l) => {
        const input = l === 0 ? p.inputSize : D * H;
        const ih = D * g * H * input;
        const hh = D * g * H * H;
        const bias = D * b * g * H;
        return { input, ih, hh, bias, total: ih + hh + bias };
      });
      const solution = paramSolution(p, perLayer, value);

      if (ctx.kind === 'table') {
        const header = ['layer', 'input weights', 'recurrent weights', 'biases', 'layer total'];
        const rows = perLayer.map((r, l) =>
          labelledRow(String(l + 1), [r.ih, r.hh, r.bias, r.total], 0),
        );
        return { stem, solution, answer: { type: 'table', header, rows } };
      }

      const distractors = countDistractors(p);
      return { stem, solution, answer: { type: 'numeric', value, decimals: 0, distractors } };
    },
  }),
);
