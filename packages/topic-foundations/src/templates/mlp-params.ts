import { defineTemplate, param } from '@dlexam/generator';
import { formatInt, linearParams } from '@dlexam/math';

export type MlpParamsParams = {
  /** Layer widths: input features, hidden sizes…, output units. */
  layers: number[];
  hidden: string;
};

const SIZES = [2, 3, 4, 5, 8, 10, 16, 20, 32, 50, 64, 100, 128, 256, 300, 512, 784, 1024];
const OUT_SIZES = [1, 2, 3, 4, 5, 10];

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

const ordinal = (i: number) => ['first', 'second', 'third', 'fourth'][i] ?? `${i + 1}th`;

/** Seed 003: learnable parameters of an MLP from its layer sizes (each layer: n_in·n_out + n_out). */
export const mlpParams = defineTemplate<MlpParamsParams>({
  id: 'foundations.mlp-params',
  topic: 'foundations',
  title: 'Learnable parameters of an MLP',
  objective: 'Count the weights and biases of a fully connected network from its layer sizes.',
  difficulty: 1,
  tags: ['mlp', 'parameters'],
  kinds: ['numeric', 'single'],
  params: {
    // At least one hidden layer (the stems describe them); widths are only multiplied.
    layers: param.intVector('input size, hidden sizes, output size', [3, 5], [1, 1024], {
      min: 1,
      max: 4096,
      length: [3, 8],
    }),
    hidden: param.choice('hidden activation (does not change the count)', [
      'sigmoid',
      'ReLU',
      'tanh',
    ]),
  },
  constraints: [
    {
      description: 'at least one input feature and one hidden unit per layer',
      check: (p) => p.layers.every((n) => n >= 1),
    },
  ],
  sample(rng) {
    const hiddenCount = rng.int(1, 3);
    const input = rng.choice(SIZES.filter((s) => s <= 784));
    const hidden = Array.from({ length: hiddenCount }, () =>
      rng.choice(SIZES.filter((s) => s >= 4)),
    );
    return {
      layers: [input, ...hidden, rng.choice(OUT_SIZES)],
      hidden: rng.choice(['sigmoid', 'ReLU', 'tanh']),
    };
  },
  build(p, ctx) {
    const L = p.layers;
    const hiddenSizes = L.slice(1, -1);
    const out = L[L.length - 1]!;
    const nIn = L[0]!;
    const per = L.slice(1).map((n, i) => linearParams(L[i]!, n));
    const total = per.reduce((a, b) => a + b, 0);
    const weights = L.slice(1).reduce((s, n, i) => s + L[i]! * n, 0);
    const outAct = out === 1 ? 'a sigmoid' : 'a softmax';
    const task = out === 1 ? 'binary classification' : `${formatInt(out)}-class classification`;
    const hiddenText = () =>
      hiddenSizes.map((h, i) => `\\(h_{${i + 1}}\\) has ${formatInt(h)} units`).join(', ');
    // Only the chosen stem is built (the same draw as choosing among the three strings).
    const stems = [
      () =>
        `Consider a multilayer perceptron with ${hiddenSizes.length} hidden ${hiddenSizes.length === 1 ? 'layer' : 'layers'} and one output layer. All hidden activations are ${p.hidden}; the output layer uses ${outAct}. ${capitalize(hiddenText())}. The data have ${formatInt(nIn)} input features and the task is ${task} with ${formatInt(out)} output ${out === 1 ? 'unit' : 'units'}. Every layer is fully connected with a bias per unit. How many learnable parameters does the network have in total?`,
      () =>
        `A fully connected network maps \\(${formatInt(nIn)}\\) inputs through hidden layers of sizes ${hiddenSizes.map((n) => formatInt(n)).join(', ')} (${p.hidden}) to ${formatInt(out)} ${out === 1 ? 'output' : 'outputs'} (${outAct}). Each layer has a weight matrix and a bias vector. Count all trainable parameters.`,
      () =>
        `An MLP has layer widths \\(${L.map((n) => formatInt(n)).join(' \\to ')}\\) (input first). Hidden layers use ${p.hidden}, the output uses ${outAct}, and every linear layer has biases. What is the total number of learnable parameters?`,
    ];
    const lines = L.slice(1).map(
      (n, i) =>
        `- ${i === L.length - 2 ? 'output layer' : `${ordinal(i)} hidden layer`}: \\(${formatInt(L[i]!)} \\cdot ${formatInt(n)} + ${formatInt(n)} = ${formatInt(per[i]!)}\\)`,
    );
    return {
      stem: stems[ctx.rng.choice([0, 1, 2])]!(),
      solution: `A linear layer from \\(n_{in}\\) to \\(n_{out}\\) units has \\(n_{in} n_{out}\\) weights and \\(n_{out}\\) biases; activations have no parameters.\n${lines.join('\n')}\n\nTotal: \\(${per.map((n) => formatInt(n)).join(' + ')} = ${formatInt(total)}\\).`,
      answer: {
        type: 'numeric',
        value: total,
        decimals: 0,
        distractors: [
          {
            value: weights,
            misconception: 'forgot-bias',
            feedback: 'You counted only the weights; every unit also has a bias.',
          },
          {
            value: total - per[per.length - 1]!,
            misconception: 'forgot-output-layer',
            feedback: 'You left out the output layer, which has weights and biases too.',
          },
          {
            value: weights + L.slice(0, -1).reduce((a, b) => a + b, 0),
            misconception: 'bias-per-input',
            feedback:
              'You gave each layer one bias per input unit; there is one bias per output unit of the layer.',
          },
          {
            value: total + nIn,
            misconception: 'input-bias',
            feedback: 'The input layer is not a layer of neurons: it has no biases.',
          },
          {
            value: L.reduce((a, b) => a + b, 0),
            misconception: 'counted-units',
            feedback: 'You counted units, not parameters.',
          },
        ],
      },
    };
  },
  fixtures: [{ id: 'S003-mlp-params', params: { layers: [2, 1024, 512, 3], hidden: 'sigmoid' } }],
});
