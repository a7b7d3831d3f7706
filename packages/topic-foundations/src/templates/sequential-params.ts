import { defineTemplate, intIn, listOf, record, param } from '@dlexam/generator';
import { batchNormParams, formatInt, linearParams } from '@dlexam/math';
import type { Json } from '@dlexam/types';

/** One entry of an nn.Sequential listing. */
export type SeqLayer =
  | { type: 'linear'; in: number; out: number; bias: boolean }
  | { type: 'batchnorm'; features: number }
  | { type: 'act'; name: 'ReLU' | 'Tanh' | 'Sigmoid' }
  | { type: 'dropout'; p: number };

export type SequentialParamsParams = {
  layers: SeqLayer[] & Json;
};

const WIDTHS = [4, 8, 10, 16, 20, 32, 50, 64, 100, 128];

/** Renders a layer as PyTorch source. */
export function seqLayerSource(l: SeqLayer): string {
  switch (l.type) {
    case 'linear':
      return `nn.Linear(${l.in}, ${l.out}, bias=${l.bias ? 'True' : 'False'})`;
    case 'batchnorm':
      return `nn.BatchNorm1d(${l.features})`;
    case 'act':
      return `nn.${l.name}()`;
    case 'dropout':
      return `nn.Dropout(p=${l.p === 0.5 ? '0.5' : l.p === 0.2 ? '0.2' : '0.1'})`;
  }
}

/** Why the listing is not a valid chain of layers, or null. */
export function seqProblem(layers: readonly SeqLayer[]): string | null {
  if (!Array.isArray(layers) || layers.length < 2) return 'need at least two layers';
  let width: number | null = null;
  let linears = 0;
  for (const l of layers) {
    if (l.type === 'linear') {
      if (![l.in, l.out].every((n) => Number.isInteger(n) && n >= 1 && n <= 1024))
        return 'linear sizes must be 1–1024';
      if (width !== null && l.in !== width)
        return `Linear expects ${l.in} features but receives ${width}`;
      width = l.out;
      linears++;
    } else if (l.type === 'batchnorm') {
      if (width === null || l.features !== width)
        return 'BatchNorm1d features must equal the preceding width';
    } else if (l.type === 'dropout') {
      if (![0.1, 0.2, 0.5].includes(l.p)) return 'dropout p must be 0.1, 0.2 or 0.5';
    } else if (!['ReLU', 'Tanh', 'Sigmoid'].includes(l.name)) return 'unknown activation';
  }
  if (linears < 2) return 'need at least two Linear layers';
  return layers[0]!.type === 'linear' ? null : 'the first layer must be Linear';
}

/** Trainable parameters of the listing (BatchNorm: γ and β; running stats are buffers). */
export function seqTrainable(layers: readonly SeqLayer[]): number {
  let n = 0;
  for (const l of layers) {
    if (l.type === 'linear') n += linearParams(l.in, l.out, l.bias);
    else if (l.type === 'batchnorm') n += batchNormParams(l.features).trainable;
  }
  return n;
}

/** Seed 002: trainable parameters of an nn.Sequential with Linear (bias on/off), BatchNorm, Dropout. */
export const sequentialParams = defineTemplate<SequentialParamsParams>({
  id: 'foundations.sequential-params',
  topic: 'foundations',
  title: 'Trainable parameters of an nn.Sequential',
  objective:
    'Count trainable parameters of a PyTorch model listing, including BatchNorm and bias=False layers.',
  difficulty: 2,
  tags: ['mlp', 'parameters', 'batchnorm', 'pytorch'],
  kinds: ['numeric', 'single'],
  params: {
    layers: param.json(
      'the nn.Sequential layers in order',
      [
        { type: 'linear', in: 100, out: 10, bias: false },
        { type: 'act', name: 'ReLU' },
        { type: 'batchnorm', features: 10 },
        { type: 'linear', in: 10, out: 1, bias: true },
      ],
      listOf(
        {
          oneOf: [
            record({
              type: { const: 'linear' },
              in: intIn(1, 1024),
              out: intIn(1, 1024),
              bias: { type: 'boolean' },
            }),
            record({ type: { const: 'batchnorm' }, features: intIn(1, 1024) }),
            record({ type: { const: 'act' }, name: { enum: ['ReLU', 'Tanh', 'Sigmoid'] } }),
            record({ type: { const: 'dropout' }, p: { enum: [0.1, 0.2, 0.5] } }),
          ],
        },
        2,
        16,
      ),
    ),
  },
  constraints: [
    { description: 'the layers form a valid chain', check: (p) => seqProblem(p.layers) === null },
  ],
  sample(rng) {
    const layers: SeqLayer[] = [];
    let width = rng.choice([16, 20, 32, 64, 100, 128, 784]);
    const linears = rng.int(2, 3);
    let hasBn = false;
    for (let i = 0; i < linears; i++) {
      const last = i === linears - 1;
      const out = last
        ? rng.choice([1, 2, 3, 10])
        : rng.choice(WIDTHS.filter((w) => w < width || width <= 16));
      layers.push({ type: 'linear', in: width, out, bias: rng.bool(0.7) });
      width = out;
      if (!last) {
        const act: SeqLayer = {
          type: 'act',
          name: rng.choice(['ReLU', 'Tanh', 'Sigmoid'] as const),
        };
        const bn: boolean = rng.bool(0.75) || (!hasBn && i === linears - 2);
        const bnLayer: SeqLayer = { type: 'batchnorm', features: width };
        if (bn && rng.bool()) layers.push(bnLayer, act);
        else if (bn) layers.push(act, bnLayer);
        else layers.push(act);
        hasBn ||= bn;
        if (rng.bool(0.3)) layers.push({ type: 'dropout', p: rng.choice([0.1, 0.2, 0.5]) });
      }
    }
    return { layers: layers };
  },
  build(p, ctx) {
    const L = p.layers as SeqLayer[];
    const total = seqTrainable(L);
    const first = L[0] as Extract<SeqLayer, { type: 'linear' }>;
    const lastLin = [...L].reverse().find((l) => l.type === 'linear') as Extract<
      SeqLayer,
      { type: 'linear' }
    >;
    const code = [
      '```',
      'F = nn.Sequential(',
      ...L.map((l, i) => `    ${seqLayerSource(l)}${i < L.length - 1 ? ',' : ''}`),
      ')',
      '```',
    ].join('\n');
    const intro = ctx.rng.choice([
      `Suppose a network \\(F : \\mathbb{R}^{N \\times ${first.in}} \\to \\mathbb{R}^{N \\times ${lastLin.out}}\\) is defined in PyTorch as`,
      `A PyTorch model takes a batch of \\(N\\) vectors with ${formatInt(first.in)} features and is built as follows:`,
      `Consider this PyTorch model (inputs have ${formatInt(first.in)} features):`,
    ]);
    const ask = ctx.rng.choice([
      'How many trainable parameters does \\(F\\) have? (BatchNorm1d uses its default affine=True; running statistics are not trainable.)',
      'How many parameters are updated by gradient descent (i.e. returned by `F.parameters()` with requires_grad)? BatchNorm1d has its default affine=True.',
    ]);
    const bnCount = L.filter((l) => l.type === 'batchnorm').reduce(
      (s, l) => s + (l as { features: number }).features,
      0,
    );
    const noBias = L.filter((l) => l.type === 'linear' && !l.bias).reduce(
      (s, l) => s + (l as { out: number }).out,
      0,
    );
    const lines = L.map((l) => {
      if (l.type === 'linear')
        return `- \`${seqLayerSource(l)}\`: \\(${formatInt(l.in)} \\cdot ${formatInt(l.out)}${l.bias ? ` + ${formatInt(l.out)}` : ''} = ${formatInt(linearParams(l.in, l.out, l.bias))}\\)`;
      if (l.type === 'batchnorm')
        return `- \`${seqLayerSource(l)}\`: \\(\\gamma\\) and \\(\\beta\\), \\(2 \\cdot ${formatInt(l.features)} = ${formatInt(2 * l.features)}\\)`;
      return `- \`${seqLayerSource(l)}\`: 0`;
    });
    return {
      stem: `${intro}\n\n${code}\n\n${ask}`,
      solution: `Linear layers have \\(n_{in} n_{out}\\) weights plus \\(n_{out}\\) biases when bias=True. BatchNorm1d(F) learns a scale \\(\\gamma\\) and a shift \\(\\beta\\) per feature (2F); its running mean and variance are buffers. Activations and dropout have no parameters.\n${lines.join('\n')}\n\nTotal: \\(${formatInt(total)}\\).`,
      answer: {
        type: 'numeric',
        value: total,
        decimals: 0,
        distractors: [
          {
            value: total + 2 * bnCount,
            misconception: 'bn-running-stats-trainable',
            feedback:
              'BatchNorm’s running mean and variance are buffers, not trainable parameters.',
          },
          {
            value: total - 2 * bnCount,
            misconception: 'bn-no-params',
            feedback: 'BatchNorm learns γ and β per feature.',
          },
          {
            value: total + noBias,
            misconception: 'ignored-bias-false',
            feedback: 'A layer with bias=False has no bias vector.',
          },
          {
            value: total - bnCount,
            misconception: 'bn-one-param',
            feedback: 'BatchNorm has two trainable vectors, γ and β, not one.',
          },
          {
            value: L.reduce((s, l) => s + (l.type === 'linear' ? l.in * l.out : 0), 0),
            misconception: 'weights-only',
            feedback:
              'You counted only the weight matrices; biases and BatchNorm’s γ, β are trainable too.',
          },
        ],
      },
    };
  },
  fixtures: [
    {
      id: 'S002-sequential-params',
      note: 'The seed writes nn.BatchNorm(10); the PyTorch class is nn.BatchNorm1d.',
      params: {
        layers: [
          { type: 'linear', in: 100, out: 10, bias: false },
          { type: 'act', name: 'ReLU' },
          { type: 'batchnorm', features: 10 },
          { type: 'linear', in: 10, out: 1, bias: true },
        ],
      },
    },
  ],
});
