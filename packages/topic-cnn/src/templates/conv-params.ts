import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type OptionSpec,
} from '@dlexam/generator';
import { conv2dParams, convOutputSize, formatInt } from '@dlexam/math';
import { distinctWrong, plainDims } from '../shared.js';

/**
 * Trainable parameters of one convolutional layer: standard, 1×1 (pointwise) or depthwise
 * (groups = channels), with or without bias (one bias per filter). Stride, padding and input size
 * are stated but do not change the count (weight sharing); one distractor models forgetting that.
 * `symbolic` variants ask for the formula (seed 000: (M²·C + 1)·C_out) with a numeric instance.
 * Kernels may be non-square (`kw` ≠ `k`: k_H·k_W weights per input channel); the width is drawn
 * on a stream of its own, so a seed that draws a square kernel reads exactly as before.
 */

export type ConvLayerKind = 'standard' | 'pointwise' | 'depthwise';
export type SymbolSet = 'M-C-Cout' | 'f-nc-nf' | 'k-Cin-Cout';

export type ConvParamsParams = {
  layer: ConvLayerKind;
  /** Kernel height (the size of a square kernel). */
  k: number;
  /** Kernel width (= k for a square kernel). */
  kw: number;
  cin: number;
  cout: number;
  bias: boolean;
  /** Input height = width (context: it does not change the count). */
  n: number;
  s: number;
  p: number;
  notation: 'filters' | 'tensor' | 'pytorch';
  symbolic: boolean;
  symbols: SymbolSet;
};

export function convLayerParams(p: ConvParamsParams): number {
  return conv2dParams({
    inChannels: p.cin,
    outChannels: p.cout,
    kernel: [p.k, p.kw],
    bias: p.bias,
    groups: p.layer === 'depthwise' ? p.cin : 1,
  });
}

const SYMBOLS: Record<
  SymbolSet,
  { k: string; c: string; o: string; kPlain: string; cPlain: string; oPlain: string }
> = {
  'M-C-Cout': { k: 'M', c: 'C', o: 'C_{\\text{out}}', kPlain: 'M', cPlain: 'C', oPlain: 'C_out' },
  'f-nc-nf': { k: 'f', c: 'n_c', o: 'n_f', kPlain: 'f', cPlain: 'n_c', oPlain: 'n_f' },
  'k-Cin-Cout': {
    k: 'k',
    c: 'C_{\\text{in}}',
    o: 'C_{\\text{out}}',
    kPlain: 'k',
    cPlain: 'C_in',
    oPlain: 'C_out',
  },
};

/** The formula options of a symbolic variant; the first is correct. */
function formulaOptions(p: ConvParamsParams): OptionSpec[] {
  const { k, c, o, kPlain, cPlain, oPlain } = SYMBOLS[p.symbols];
  const opt = (
    tex: string,
    plain: string,
    correct: boolean,
    misconception: string,
    feedback: string,
  ): OptionSpec =>
    correct
      ? { text: `\\(${tex}\\)`, plain, correct, feedback }
      : { text: `\\(${tex}\\)`, plain, correct, misconception, feedback };
  const right = p.bias
    ? opt(
        `(${k}^2 \\cdot ${c} + 1) \\cdot ${o}`,
        `(${kPlain}²·${cPlain} + 1)·${oPlain}`,
        true,
        '',
        'Correct.',
      )
    : opt(`${k}^2 \\cdot ${c} \\cdot ${o}`, `${kPlain}²·${cPlain}·${oPlain}`, true, '', 'Correct.');
  const wrong = [
    p.bias
      ? opt(
          `${k}^2 \\cdot ${c} \\cdot ${o}`,
          `${kPlain}²·${cPlain}·${oPlain}`,
          false,
          'forgot-bias',
          'This leaves out the one bias per filter.',
        )
      : opt(
          `(${k}^2 \\cdot ${c} + 1) \\cdot ${o}`,
          `(${kPlain}²·${cPlain} + 1)·${oPlain}`,
          false,
          'counted-absent-bias',
          'The layer has no bias, so nothing is added per filter.',
        ),
    opt(
      `(${k}^2 + 1) \\cdot ${c} \\cdot ${o}`,
      `(${kPlain}² + 1)·${cPlain}·${oPlain}`,
      false,
      'bias-per-input-channel',
      'A filter has one bias in total, not one per input channel.',
    ),
    opt(
      `(${k}^2 + 1) \\cdot ${o}`,
      `(${kPlain}² + 1)·${oPlain}`,
      false,
      'forgot-input-channels',
      'Each filter spans all input channels: it has k²·C weights, not k².',
    ),
    opt(
      `(${k} \\cdot ${c} + 1) \\cdot ${o}`,
      `(${kPlain}·${cPlain} + 1)·${oPlain}`,
      false,
      'kernel-not-squared',
      'A filter is k × k in space: its weight count has k², not k.',
    ),
    opt(
      `${k}^2 \\cdot ${c} + ${o}`,
      `${kPlain}²·${cPlain} + ${oPlain}`,
      false,
      'one-filter-only',
      'This counts the weights of a single filter; each of the filters has its own weights.',
    ),
  ];
  return [right, ...wrong];
}

/** Output positions of the stated layer (height × width), for the no-weight-sharing mistake. */
const positions = (p: ConvParamsParams): number =>
  convOutputSize(p.n, p.k, p.s, p.p) * convOutputSize(p.n, p.kw, p.s, p.p);

function distractors(p: ConvParamsParams, value: number): NumericDistractor[] {
  const k2 = p.k * p.kw;
  const square = p.k === p.kw;
  const d: NumericDistractor[] = [];
  const add = (v: number, misconception: string, feedback: string) =>
    d.push({ value: v, misconception, feedback });
  if (p.layer === 'depthwise') {
    add(
      k2 * p.cin * p.cout + (p.bias ? p.cout : 0),
      'depthwise-as-standard',
      'A depthwise filter sees only its own channel (groups = channels); you counted a full standard convolution.',
    );
    add(
      p.bias ? k2 * p.cin : value + p.cin,
      p.bias ? 'forgot-bias' : 'counted-absent-bias',
      p.bias ? 'You left out the biases (one per filter).' : 'The layer has no bias.',
    );
    add(
      k2 + (p.bias ? 1 : 0),
      'one-filter-only',
      'That is one channel’s filter; each of the channels has its own.',
    );
    add(
      value * positions(p),
      'no-weight-sharing',
      'Weights are shared across positions; the output size does not multiply the count.',
    );
    return d;
  }
  if (p.bias) add(k2 * p.cin * p.cout, 'forgot-bias', 'You left out the biases: one per filter.');
  else
    add(
      value + p.cout,
      'counted-absent-bias',
      'The layer has no bias, so nothing is added per filter.',
    );
  add(
    k2 * p.cin * p.cout + (p.bias ? p.cin * p.cout : 0),
    'bias-per-input-channel',
    'A filter has one bias in total, not one per input channel.',
  );
  add(
    (k2 + (p.bias ? 1 : 0)) * p.cout,
    'forgot-input-channels',
    'Each filter spans all input channels: it has k·k·C_in weights.',
  );
  if (square && p.k > 1)
    add(
      (p.k * p.cin + (p.bias ? 1 : 0)) * p.cout,
      'kernel-not-squared',
      'A filter is k × k in space: use k², not k.',
    );
  if (!square) {
    add(
      (p.k * p.k * p.cin + (p.bias ? 1 : 0)) * p.cout,
      'kernel-assumed-square',
      `The kernel is ${plainDims(p.k, p.kw)}, not square: a filter has k_H·k_W = ${formatInt(k2)} weights per input channel, not k_H².`,
    );
    add(
      ((p.k + p.kw) * p.cin + (p.bias ? 1 : 0)) * p.cout,
      'kernel-sides-added',
      'The kernel’s spatial size is height times width, not height plus width.',
    );
  }
  add(
    value * positions(p),
    'no-weight-sharing',
    'Weights are shared across positions; the output size does not multiply the count.',
  );
  add(
    k2 * p.cin + (p.bias ? 1 : 0),
    'one-filter-only',
    'That is a single filter; multiply by the number of filters.',
  );
  return d;
}

const STEMS = [
  '{{intro}} How many trainable parameters does the layer have{{biasAsk}}?',
  '{{intro}} Count the learnable parameters of this layer{{biasAsk}}.',
  '{{intro}} What is the total number of parameters (weights{{biasWord}}) of this layer?',
];

function intro(p: ConvParamsParams): string {
  const square = p.k === p.kw;
  const k = plainDims(p.k, p.kw) + (square ? '' : ' (height × width)');
  const ctxt = `It receives an input of size ${plainDims(p.n, p.n, p.cin)} (height × width × channels) and uses stride ${formatInt(p.s)} and zero padding ${formatInt(p.p)} on each side.`;
  const biasText = p.bias ? 'Every filter has one bias.' : 'The layer has no bias terms.';
  if (p.layer === 'depthwise')
    return `A depthwise convolution (groups = channels = ${formatInt(p.cin)}) applies one ${k} filter to each of the ${formatInt(p.cin)} input channels separately, giving ${formatInt(p.cout)} output channels. ${biasText} ${ctxt}`;
  if (p.notation === 'pytorch')
    return `A layer is defined as \`nn.Conv2d(in_channels=${p.cin}, out_channels=${p.cout}, kernel_size=${square ? p.k : `(${p.k}, ${p.kw})`}, stride=${p.s}, padding=${p.p}, bias=${p.bias ? 'True' : 'False'})\` and applied to an input of size ${plainDims(p.n, p.n)} with ${formatInt(p.cin)} channels.`;
  const name =
    p.layer === 'pointwise' ? 'A 1×1 (pointwise) convolutional layer' : 'A convolutional layer';
  if (p.notation === 'tensor')
    return `${name} has a filter tensor of shape ${plainDims(p.k, p.kw, p.cin, p.cout)} (${square ? 'k × k' : 'kernel height × kernel width'} × input channels × filters). ${biasText} ${ctxt}`;
  return `${name} has ${formatInt(p.cout)} filters, each of size ${plainDims(p.k, p.kw, p.cin)} (height × width × input channels). ${biasText} ${ctxt}`;
}

function solution(p: ConvParamsParams, value: number): string {
  const k2 = p.k * p.kw;
  const shape =
    p.k === p.kw
      ? ''
      : `The kernel is ${plainDims(p.k, p.kw)} (height × width): \\(k_H \\cdot k_W = ${formatInt(k2)}\\) positions per input channel. `;
  const grouping =
    p.layer === 'depthwise'
      ? `In a depthwise convolution each filter sees one input channel, so a filter has \\(${formatInt(p.k)} \\cdot ${formatInt(p.kw)} = ${formatInt(k2)}\\) weights`
      : `Each filter spans all input channels: \\(${formatInt(p.k)} \\cdot ${formatInt(p.kw)} \\cdot ${formatInt(p.cin)} = ${formatInt(k2 * p.cin)}\\) weights`;
  const perFilter = p.layer === 'depthwise' ? k2 : k2 * p.cin;
  const biasPart = p.bias ? ', plus one bias' : ' and no bias';
  const total = `\\[ ${p.bias ? `(${formatInt(perFilter)} + 1)` : formatInt(perFilter)} \\cdot ${formatInt(p.cout)} = ${formatInt(value)} \\]`;
  const sharing = `Stride, padding and input size do not change the count: the same weights are shared by every position (the output is ${formatInt(convOutputSize(p.n, p.k, p.s, p.p))} × ${formatInt(convOutputSize(p.n, p.kw, p.s, p.p))} positions, all using the same filters).`;
  return `${shape}${grouping}${biasPart}. There are ${formatInt(p.cout)} filters (one per output channel):\n\n${total}\n\n${sharing}`;
}

function symbolicStem(p: ConvParamsParams): string {
  const { k, c, o } = SYMBOLS[p.symbols];
  const bias = p.bias ? 'Each filter has one bias.' : 'The layer has no bias.';
  return `A convolutional layer has a filter tensor of dimensionality \\(${k} \\times ${k} \\times ${c} \\times ${o}\\): \\(${o}\\) filters, each \\(${k} \\times ${k}\\) in space over \\(${c}\\) input channels. ${bias} Which expression gives the number of trainable parameters? (For example, with \\(${k} = ${formatInt(p.k)}\\), \\(${c} = ${formatInt(p.cin)}\\), \\(${o} = ${formatInt(p.cout)}\\) it gives ${formatInt(convLayerParams(p))}.)`;
}

export const convParamsTemplate = defineTemplate<ConvParamsParams>({
  id: 'cnn.conv-params',
  topic: 'cnn',
  title: 'Parameters of a convolutional layer',
  objective: 'Count the weights and biases of a standard, 1×1 or depthwise convolutional layer.',
  difficulty: 1,
  tags: ['convolution', 'parameters', 'weight sharing'],
  kinds: ['numeric', 'single'],
  params: {
    layer: param.choice('layer type', ['standard', 'pointwise', 'depthwise']),
    k: param.int('kernel height (the size k of a square k×k kernel)', [1, 11], { min: 1, max: 32 }),
    kw: param.int('kernel width (= k for a square kernel)', [1, 11], { min: 1, max: 32 }),
    cin: param.int('input channels', [1, 512], { min: 1, max: 4096 }),
    cout: param.int('number of filters (output channels)', [1, 512], { min: 1, max: 4096 }),
    bias: param.choice('one bias per filter, or none', [true, false]),
    n: param.int('input height = width (context only)', [8, 256], { min: 1, max: 4096 }),
    s: param.int('stride (context only)', [1, 4], { min: 1, max: 1000 }),
    p: param.int('padding per side (context only)', [0, 5], { min: 0, max: 1000 }),
    notation: param.choice('how the stem describes the layer', ['filters', 'tensor', 'pytorch']),
    symbolic: param.choice('single choice asks for the formula instead of the number', [
      false,
      true,
    ]),
    symbols: param.choice('symbols of a symbolic variant', ['M-C-Cout', 'f-nc-nf', 'k-Cin-Cout']),
  },
  constraints: [
    {
      description: 'a pointwise layer has k = kw = 1, other layers a kernel larger than 1×1',
      check: (p) => (p.layer === 'pointwise') === (p.k === 1 && p.kw === 1),
    },
    {
      description: 'symbolic variants have a square kernel (k = kw)',
      check: (p) => !p.symbolic || p.k === p.kw,
    },
    {
      description: 'a depthwise layer has as many filters as input channels',
      check: (p) => p.layer !== 'depthwise' || p.cout === p.cin,
    },
    {
      description: 'depthwise layers are described in words',
      check: (p) => p.layer !== 'depthwise' || p.notation === 'filters',
    },
    {
      description:
        'symbolic variants are standard layers with k, C_in, C_out ≥ 2 (so the formulas differ at the instance)',
      check: (p) => !p.symbolic || (p.layer === 'standard' && p.cin >= 2 && p.cout >= 2),
    },
    {
      description: 'non-symbolic variants use the default symbols',
      check: (p) => p.symbolic || p.symbols === 'M-C-Cout',
    },
    {
      description: 'the kernel fits the padded input',
      check: (p) => Math.max(p.k, p.kw) <= p.n + 2 * p.p,
    },
  ],
  // A pinned or narrowed height's kernel/stride/padding is the width's too unless that is set.
  follows: { kw: 'k' },
  sample(rng) {
    const layer = rng.choice([
      'standard',
      'standard',
      'standard',
      'pointwise',
      'depthwise',
    ] as const);
    const k = layer === 'pointwise' ? 1 : rng.choice([2, 3, 3, 3, 5, 5, 7, 9, 11]);
    const cin = rng.choice([1, 3, 3, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256]);
    const cout =
      layer === 'depthwise'
        ? cin
        : rng.choice([4, 6, 8, 10, 12, 16, 20, 32, 48, 64, 96, 128, 256, 384, 512]);
    const symbolic = layer === 'standard' && cin >= 2 && rng.bool(0.25);
    // The kernel width on a stream of its own (keyed by the draw so far): square draws are unchanged.
    const axes = rng.child(`kw-${layer}-${k}-${cin}-${cout}-${symbolic}`);
    const kw =
      layer !== 'pointwise' && !symbolic && axes.bool(0.25)
        ? axes.choice([1, 2, 3, 3, 5, 5, 7].filter((x) => x !== k))
        : k;
    return {
      layer,
      k,
      kw,
      cin,
      cout,
      bias: rng.bool(0.8),
      n: rng.choice([16, 28, 32, 56, 64, 112, 128, 224, 227, 256]),
      s: rng.choice([1, 1, 2, 2, 3, 4]),
      p: layer === 'pointwise' ? 0 : rng.int(0, Math.min(5, Math.floor(k / 2))),
      notation:
        layer === 'depthwise' ? 'filters' : rng.choice(['filters', 'tensor', 'pytorch'] as const),
      symbolic,
      symbols: symbolic ? rng.choice(['M-C-Cout', 'f-nc-nf', 'k-Cin-Cout'] as const) : 'M-C-Cout',
    };
  },
  build(p, ctx) {
    const value = convLayerParams(p);
    if (p.symbolic && ctx.kind === 'single') {
      const [right, ...wrong] = formulaOptions(p);
      const picked = distinctWrong(
        right!.plain!,
        wrong.map((w) => ({
          text: w.plain!,
          misconception: w.misconception!,
          feedback: w.feedback,
        })),
        4,
      );
      const options = [right!, ...wrong.filter((w) => picked.some((x) => x.text === w.plain))];
      const { k, c, o } = SYMBOLS[p.symbols];
      return {
        stem: symbolicStem(p),
        solution: `Each of the \\(${o}\\) filters has \\(${k} \\cdot ${k} \\cdot ${c} = ${k}^2 ${c}\\) weights${p.bias ? ' and one bias' : ''}, so the layer has ${options[0]!.text} parameters.\n\n${solution(p, value)}`,
        answer: { type: 'choice', options },
      };
    }
    const biasAsk = p.bias ? ', biases included' : '';
    const stem = ctx.render(ctx.rng.choice(STEMS), {
      intro: intro(p),
      biasAsk,
      biasWord: p.bias ? ' and biases' : '',
    });
    const ds = distractors(p, value).filter((d) => d.value !== value && d.value > 0);
    if (ctx.kind === 'single' && new Set(ds.map((d) => d.value)).size < 3)
      throw new GenerationError(
        'fewer than 3 distinct parameter-count distractors; single choice needs 3 (the numeric kind keeps the question)',
      );
    return {
      stem,
      solution: solution(p, value),
      answer: { type: 'numeric', value, decimals: 0, distractors: ds },
    };
  },
  fixtures: [
    {
      id: 'S002-conv-params',
      params: {
        layer: 'standard',
        k: 7,
        kw: 7,
        cin: 8,
        cout: 16,
        bias: true,
        n: 32,
        s: 3,
        p: 2,
        notation: 'filters',
        symbolic: false,
        symbols: 'M-C-Cout',
      },
      note: '16 filters 7×7×8, padding 2, stride 3: 16·(7·7·8 + 1) = 6288',
    },
    {
      id: 'S003-alexnet-params',
      params: {
        layer: 'standard',
        k: 11,
        kw: 11,
        cin: 3,
        cout: 96,
        bias: true,
        n: 227,
        s: 4,
        p: 0,
        notation: 'filters',
        symbolic: false,
        symbols: 'M-C-Cout',
      },
      note: 'AlexNet conv1: 96 filters 11×11×3, stride 4: 34944 (≈ 35k)',
    },
    {
      id: 'S000-conv-params',
      params: {
        layer: 'standard',
        k: 3,
        kw: 3,
        cin: 16,
        cout: 32,
        bias: true,
        n: 64,
        s: 1,
        p: 1,
        notation: 'tensor',
        symbolic: true,
        symbols: 'M-C-Cout',
      },
      kind: 'single',
      note: 'M×M×C×C_out filter tensor: (M²·C + 1)·C_out; the numeric instance M=3, C=16, C_out=32 gives 4640',
    },
    {
      id: 'nonsquare-inception-1x7',
      params: {
        layer: 'standard',
        k: 1,
        kw: 7,
        cin: 192,
        cout: 192,
        bias: true,
        n: 17,
        s: 1,
        p: 0,
        notation: 'pytorch',
        symbolic: false,
        symbols: 'M-C-Cout',
      },
      kind: 'numeric',
      note: 'an Inception-v3-style factorized 1×7 convolution, 192 → 192 channels with bias: 1·7·192·192 + 192 = 258,240',
    },
  ],
});
