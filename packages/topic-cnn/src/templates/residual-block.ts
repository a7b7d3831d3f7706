import {
  defineTemplate,
  GenerationError,
  param,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import { formatInt, residualBlock, type ResidualBlock, type ResidualKind } from '@dlexam/math';
import { stackSvg } from '../svg.js';

/**
 * Residual blocks: trainable parameters, multiply–accumulates, and the shapes through a basic
 * (3×3 → 3×3) or bottleneck (1×1 → 3×3 → 1×1) block with an identity or 1×1 projection shortcut.
 */

export type ResidualBlockParams = {
  block: ResidualKind;
  cin: number;
  /** Bottleneck width (bottleneck only). */
  mid: number;
  cout: number;
  /** Input height = width. */
  n: number;
  stride: number;
  batchNorm: boolean;
  ask: 'params' | 'macs';
};

const spec = (p: ResidualBlockParams) => ({
  kind: p.block,
  cin: p.cin,
  h: p.n,
  w: p.n,
  mid: p.mid,
  cout: p.cout,
  stride: p.stride,
  batchNorm: p.batchNorm,
});

/** The numeric answer. */
export function residualAnswer(p: ResidualBlockParams): number {
  const b = residualBlock(spec(p));
  return p.ask === 'params' ? b.params : b.macs;
}

const STAGES: [ResidualKind, number, number, number, number, number][] = [
  // kind, cin, mid, cout, n, stride (ResNet-18/34 and ResNet-50 stages)
  ['basic', 64, 0, 64, 56, 1],
  ['basic', 64, 0, 128, 56, 2],
  ['basic', 128, 0, 128, 28, 1],
  ['basic', 128, 0, 256, 28, 2],
  ['basic', 256, 0, 512, 14, 2],
  ['bottleneck', 64, 64, 256, 56, 1],
  ['bottleneck', 256, 64, 256, 56, 1],
  ['bottleneck', 256, 128, 512, 56, 2],
  ['bottleneck', 512, 128, 512, 28, 1],
  ['bottleneck', 512, 256, 1024, 28, 2],
  ['bottleneck', 1024, 256, 1024, 14, 1],
  ['bottleneck', 1024, 512, 2048, 14, 2],
];

function describeBlock(p: ResidualBlockParams, b: ResidualBlock): string {
  const conv = p.batchNorm
    ? 'Every convolution has no bias and is followed by batch norm (trainable γ and β per channel) and, except before the addition, ReLU.'
    : 'Every convolution has a bias; there is no batch norm.';
  const body =
    p.block === 'bottleneck'
      ? `a 1×1 convolution to ${formatInt(p.mid)} channels, a 3×3 convolution (${formatInt(p.mid)} → ${formatInt(p.mid)} channels, padding 1, stride ${formatInt(p.stride)}), and a 1×1 convolution to ${formatInt(p.cout)} channels`
      : `a 3×3 convolution to ${formatInt(p.cout)} channels (padding 1, stride ${formatInt(p.stride)}) and a second 3×3 convolution (${formatInt(p.cout)} → ${formatInt(p.cout)}, padding 1, stride 1)`;
  const shortcut = b.shortcut
    ? `The shortcut is a 1×1 projection convolution (${formatInt(p.cin)} → ${formatInt(p.cout)} channels, stride ${formatInt(p.stride)}${p.batchNorm ? ', followed by batch norm' : ''}), because the ${p.cin !== p.cout ? 'channel count' : 'spatial size'} changes.`
    : 'The shortcut is the identity (the shape is kept).';
  return `A residual ${p.block === 'bottleneck' ? 'bottleneck ' : ''}block takes a ${formatInt(p.n)} × ${formatInt(p.n)} × ${formatInt(p.cin)} input (height × width × channels). Its main path is ${body}. ${conv} ${shortcut}`;
}

const PARAM_ASK = [
  'How many trainable parameters does the block have (main path and shortcut)?',
  'Count the trainable parameters of the whole block, including the shortcut.',
];
const MAC_ASK = [
  'How many multiply–accumulate operations (MACs) do its convolutions perform on one input? Count k·k·C_in MACs per output value of each convolution (shortcut included); batch norm, ReLU and the addition are not counted.',
  'Count the multiply–accumulates of all the block’s convolutions, shortcut included, for one input (each output value of a k×k convolution costs k·k·C_in MACs; ignore batch norm, ReLU and the addition).',
];
const TABLE_ASK = [
  'Fill in, for every convolution of the block, its output height, width and channels and its trainable parameters (its batch norm included).',
  'Trace the shapes through the block: give each convolution’s output size (H × W × C) and its number of trainable parameters (with its batch norm, if any).',
];

/** The figure: the main path's convolutions and the shortcut, as a stack. */
function blockFigure(p: ResidualBlockParams, b: ResidualBlock) {
  return {
    svg: stackSvg(
      [
        { name: 'input', detail: `${p.n}×${p.n}×${p.cin}` },
        ...b.layers.map((l) => ({ name: l.name, detail: `${l.cin}→${l.cout}, s=${l.stride}` })),
        { name: '+ shortcut', detail: b.shortcut ? '1×1 projection' : 'identity' },
      ],
      'Residual block: main path and shortcut',
    ),
    alt: `Residual block: input ${p.n}×${p.n}×${p.cin}; ${b.layers.map((l) => `${l.name} from ${l.cin} to ${l.cout} channels, stride ${l.stride}`).join(', ')}; added to a ${b.shortcut ? '1×1 projection' : 'identity'} shortcut.`,
  };
}

/**
 * The mistakes of the numeric kinds (`all` is every convolution, shortcut included; `value` the
 * answer).
 */
function blockMistakes(
  p: ResidualBlockParams,
  b: ResidualBlock,
  all: ResidualBlock['layers'],
  value: number,
): NumericDistractor[] {
  const pick = (x: ResidualBlock) => (p.ask === 'params' ? x.params : x.macs);
  const alt = (over: Partial<ReturnType<typeof spec>>) =>
    pick(residualBlock({ ...spec(p), ...over }));
  const main = b.layers.reduce((s, l) => s + (p.ask === 'params' ? l.params : l.macs), 0);
  return [
    b.shortcut
      ? {
          value: main,
          misconception: 'forgot-projection',
          feedback: `The input and output shapes differ, so the shortcut is a 1×1 convolution with its own ${p.ask === 'params' ? 'parameters' : 'MACs'}.`,
        }
      : {
          value:
            value +
            (p.ask === 'params'
              ? p.cin * p.cout + (p.batchNorm ? 2 : 1) * p.cout
              : p.n * p.n * p.cin * p.cout),
          misconception: 'projection-on-identity',
          feedback: 'The shape is kept, so the shortcut is the identity: no parameters, no MACs.',
        },
    p.ask === 'params'
      ? p.batchNorm
        ? {
            value: all.reduce((s, l) => s + l.params - 2 * l.cout, 0),
            misconception: 'forgot-bn-params',
            feedback: 'Each batch norm has two trainable parameters per channel (γ and β).',
          }
        : {
            value: all.reduce((s, l) => s + l.params - l.cout, 0),
            misconception: 'forgot-bias',
            feedback: 'Without batch norm every convolution has one bias per output channel.',
          }
      : {
          value: alt({ stride: 1 }),
          misconception: 'ignored-stride',
          feedback:
            'The strided convolution shrinks the map, and every later convolution works on the smaller map.',
        },
    p.ask === 'params'
      ? {
          value: all.reduce((s, l) => s + l.cin * l.cout + (p.batchNorm ? 2 : 1) * l.cout, 0),
          misconception: 'kernel-size-ignored',
          feedback: 'A 3×3 convolution has 9 weights per input–output channel pair.',
        }
      : {
          value: 2 * value,
          misconception: 'flops-not-macs',
          feedback: 'One multiply–accumulate is counted once here (2 FLOPs would double it).',
        },
    p.ask === 'params'
      ? {
          value: alt({ batchNorm: !p.batchNorm }),
          misconception: p.batchNorm ? 'bias-with-bn' : 'bn-without-bn',
          feedback: p.batchNorm
            ? 'A convolution followed by batch norm has no bias (β plays its role): count γ and β instead.'
            : 'There is no batch norm here: each convolution has a bias, nothing more.',
        }
      : {
          value: b.params,
          misconception: 'params-not-macs',
          feedback: 'That is the parameter count; every weight is used once per output position.',
        },
    ...(p.block === 'bottleneck'
      ? [
          {
            value: alt({ mid: p.cout }),
            misconception: 'no-reduction',
            feedback: `The 1×1 convolution first reduces to ${formatInt(p.mid)} channels; the 3×3 convolution works on that width.`,
          },
        ]
      : []),
  ];
}

export const residualBlockTemplate = defineTemplate<ResidualBlockParams>({
  id: 'cnn.residual-block',
  topic: 'cnn',
  title: 'Residual and 1×1 bottleneck blocks',
  objective:
    'Count the parameters and multiply–accumulates of a residual (basic or bottleneck) block and follow the shapes through it and its shortcut.',
  difficulty: 3,
  tags: ['ResNet', 'residual connection', 'bottleneck', '1×1 convolution', 'FLOPs'],
  kinds: ['numeric', 'single', 'table'],
  params: {
    block: param.choice('basic (3×3 → 3×3) or bottleneck (1×1 → 3×3 → 1×1)', [
      'basic',
      'bottleneck',
    ]),
    cin: param.int('input channels', [1, 4096], { min: 1, max: 4096 }),
    mid: param.int('bottleneck width (bottleneck only)', [1, 4096], { min: 1, max: 4096 }),
    cout: param.int('output channels', [1, 4096], { min: 1, max: 4096 }),
    n: param.int('input height = width', [1, 1024], { min: 1, max: 1024 }),
    stride: param.int('stride of the first 3×3 convolution and of the projection', [1, 4], {
      min: 1,
      max: 4,
    }),
    batchNorm: param.choice(
      'batch norm after every convolution (convolutions without bias) or biases and no BN',
      [true, false],
    ),
    ask: param.choice('parameters or multiply–accumulates (numeric, single)', ['params', 'macs']),
  },
  constraints: [
    {
      // 4096 channels on a 1024 × 1024 map reach ~10¹⁷ MACs; the export gates (ten times Moodle's
      // 10⁻¹⁴ relative slack) grade whole numbers only below 5 × 10¹².
      description:
        'the parameter and MAC counts stay below 5 × 10¹² (whole numbers an LMS can grade exactly)',
      check: (p) => {
        const b = residualBlock(spec(p));
        return b.params < 5e12 && b.macs < 5e12;
      },
      params: ['cin', 'mid', 'cout', 'n', 'stride'],
    },
  ],
  sample(rng) {
    // Draw preferences: ResNet stages, or the same shapes scaled down (fewer channels, smaller maps).
    const [block, cin, mid, cout, n, stride] = rng.choice(STAGES);
    const scale = rng.choice([1, 1, 2, 4, 8]);
    const small = scale > 1;
    return {
      block,
      cin: cin / scale,
      mid: block === 'bottleneck' ? mid / scale : rng.choice([16, 32, 64]),
      cout: cout / scale,
      n: small ? rng.choice([8, 14, 16, 28]) : n,
      stride,
      batchNorm: rng.bool(0.8),
      ask: rng.choice(['params', 'macs'] as const),
    };
  },
  build(p, ctx) {
    const b = residualBlock(spec(p));
    const all = b.shortcut ? [...b.layers, b.shortcut] : b.layers;
    const head = describeBlock(p, b);
    const rows = all
      .map(
        (l) =>
          `- ${l.name}: ${formatInt(l.cin)} → ${formatInt(l.cout)}, output \\(${formatInt(l.h)} \\times ${formatInt(l.w)} \\times ${formatInt(l.cout)}\\); parameters \\(${formatInt(l.k)}^2 \\cdot ${formatInt(l.cin)} \\cdot ${formatInt(l.cout)} + ${p.batchNorm ? `2 \\cdot ${formatInt(l.cout)}` : formatInt(l.cout)} = ${formatInt(l.params)}\\); MACs \\(${formatInt(l.h)} \\cdot ${formatInt(l.w)} \\cdot ${formatInt(l.cout)} \\cdot ${formatInt(l.k * l.k)} \\cdot ${formatInt(l.cin)} = ${formatInt(l.macs)}\\)`,
      )
      .join('\n');
    const solution = `Each convolution has \\(k^2 C_{\\text{in}} C_{\\text{out}}\\) weights plus ${p.batchNorm ? '2 BN parameters (γ, β) per output channel (no bias)' : 'one bias per output channel'}; a 3×3 convolution with padding 1 and stride s, like a 1×1 one with stride s, maps n to \\(\\lfloor (n - 1)/s \\rfloor + 1\\).\n\n${rows}\n\n${b.shortcut ? '' : 'The identity shortcut has no parameters and no MACs. '}The output is \\(${formatInt(b.out.h)} \\times ${formatInt(b.out.w)} \\times ${formatInt(b.out.c)}\\): ${formatInt(b.params)} parameters and ${formatInt(b.macs)} MACs in total.`;
    const figure = blockFigure(p, b);
    if (ctx.kind === 'table') {
      const cells: TableCellSpec[][] = all.map((l) => [
        { type: 'text', text: `${l.name}, ${l.cin} → ${l.cout}` },
        { type: 'numeric', value: l.h, decimals: 0 },
        { type: 'numeric', value: l.w, decimals: 0 },
        { type: 'numeric', value: l.cout, decimals: 0 },
        { type: 'numeric', value: l.params, decimals: 0 },
      ]);
      return {
        stem: `${head}\n\n${ctx.render(ctx.rng.choice(TABLE_ASK), {})}`,
        solution,
        figure,
        answer: {
          type: 'table',
          header: ['Convolution', 'Height', 'Width', 'Channels', 'Parameters'],
          rows: cells,
        },
      };
    }
    const value = p.ask === 'params' ? b.params : b.macs;
    const distractors = blockMistakes(p, b, all, value);
    if (ctx.kind === 'single') {
      const shown = new Set(distractors.map((d) => d.value).filter((v) => v !== value));
      if (shown.size < 3)
        throw new GenerationError(
          'fewer than 3 distinct residual-block distractors; single choice needs 3 (the numeric kind keeps the question)',
        );
    }
    return {
      stem: `${head}\n\n${ctx.render(ctx.rng.choice(p.ask === 'params' ? PARAM_ASK : MAC_ASK), {})}`,
      solution,
      figure,
      answer: { type: 'numeric', value, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'cnn-resnet50-conv2-first-bottleneck',
      params: {
        block: 'bottleneck',
        cin: 64,
        mid: 64,
        cout: 256,
        n: 56,
        stride: 1,
        batchNorm: true,
        ask: 'params',
      },
      note: 'torchvision resnet50 layer1[0]: 4,224 + 36,992 + 16,896 + 16,896 (projection) = 75,008',
    },
    {
      id: 'cnn-resnet18-strided-basic-macs',
      params: {
        block: 'basic',
        cin: 64,
        mid: 64,
        cout: 128,
        n: 56,
        stride: 2,
        batchNorm: true,
        ask: 'macs',
      },
      note: '28·28·(9·64·128 + 9·128·128 + 64·128) = 784 · 229,376 = 179,830,784',
    },
  ],
});
