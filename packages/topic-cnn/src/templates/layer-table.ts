import {
  defineTemplate,
  intIn,
  param,
  record,
  GenerationError,
  type NumericDistractor,
  type TableCellSpec,
} from '@dlexam/generator';
import {
  conv2dParams,
  convOutputSize,
  formatInt,
  linearParams,
  poolOutputSize,
} from '@dlexam/math';
import type { Json } from '@dlexam/types';
import { isIntIn, isListOf, jsonRecord } from '../json-checks.js';
import { plainDims } from '../shared.js';
import { stackSvg } from '../svg.js';

/**
 * The layer table of seed 001: an architecture INPUT → CONV-k-n → POOL-k → … → FC-n; fill the
 * activation shape, number of weights and number of biases per row. Table kind: shape split into
 * three numeric cells (height, width, channels; an FC row has "–" for height and width and its
 * units under channels), then weights and biases — one numeric cell per blank. Numeric/single
 * kinds ask the network's total trainable parameters.
 */

export type ArchLayer =
  | { t: 'conv'; k: number; n: number; s: number; p: number }
  | { t: 'pool'; k: number }
  | { t: 'fc'; n: number };

export type LayerTableParams = {
  inSize: number;
  inC: number;
  layers: ArchLayer[];
};

export interface LayerRow {
  label: string;
  /** [H, W, C]; an FC row is [1, 1, units]. */
  shape: [number, number, number];
  weights: number;
  biases: number;
  fc: boolean;
}

export function layerLabel(l: ArchLayer): string {
  if (l.t === 'pool') return `POOL-${l.k}`;
  if (l.t === 'fc') return `FC-${l.n}`;
  const extra = [l.s > 1 ? `stride ${l.s}` : '', l.p > 0 ? `pad ${l.p}` : '']
    .filter(Boolean)
    .join(', ');
  return `CONV-${l.k}-${l.n}${extra ? ` (${extra})` : ''}`;
}

/** Every row after INPUT, through the math core. Throws RangeError when a layer does not fit. */
export function layerRows(p: LayerTableParams): LayerRow[] {
  let [h, w, c] = [p.inSize, p.inSize, p.inC];
  return p.layers.map((l) => {
    if (l.t === 'conv') {
      h = convOutputSize(h, l.k, l.s, l.p);
      w = convOutputSize(w, l.k, l.s, l.p);
      const weights = conv2dParams({ inChannels: c, outChannels: l.n, kernel: l.k, bias: false });
      c = l.n;
      return { label: layerLabel(l), shape: [h, w, c], weights, biases: l.n, fc: false };
    }
    if (l.t === 'pool') {
      h = poolOutputSize(h, l.k);
      w = poolOutputSize(w, l.k);
      return { label: layerLabel(l), shape: [h, w, c], weights: 0, biases: 0, fc: false };
    }
    const inFeatures = h * w * c;
    [h, w, c] = [1, 1, l.n];
    return {
      label: layerLabel(l),
      shape: [1, 1, l.n],
      weights: linearParams(inFeatures, l.n, false),
      biases: l.n,
      fc: true,
    };
  });
}

const validLayer = (l: Json): boolean => {
  const o = jsonRecord(l);
  if (!o) return false;
  if (o.t === 'conv')
    return (
      isIntIn(o.k, 1, 11) &&
      isIntIn(o.n, 1, 512) &&
      isIntIn(o.s, 1, 4) &&
      isIntIn(o.p, 0, 5) &&
      Object.keys(o).length === 5
    );
  if (o.t === 'pool') return isIntIn(o.k, 2, 4) && Object.keys(o).length === 2;
  if (o.t === 'fc') return isIntIn(o.n, 1, 1000) && Object.keys(o).length === 2;
  return false;
};

function fits(p: LayerTableParams): boolean {
  try {
    return layerRows(p).every((r) => r.shape[0] >= 1);
  } catch {
    return false;
  }
}

const CONVENTIONS =
  'Notation: CONV-k-n is a convolutional layer with n filters of size k×k (stride 1 and no padding unless stated in brackets; padding is per side); POOL-k is k×k max pooling with stride k (sizes round down); FC-n is a fully connected layer with n outputs applied to the flattened input. Every CONV and FC layer has one bias per filter or output unit.';

const STEMS = [
  'Consider the network below. {{conv}} {{ask}}',
  'A small CNN for {{classes}}-class image classification has the layers below. {{conv}} {{ask}}',
  'The table lists the layers of a convolutional network, starting from an input of size {{input}} (height × width × channels). {{conv}} {{ask}}',
];

function architectureLine(p: LayerTableParams): string {
  return ['INPUT ' + plainDims(p.inSize, p.inSize, p.inC), ...p.layers.map(layerLabel)].join(' → ');
}

function totalDistractors(
  p: LayerTableParams,
  rows: LayerRow[],
  total: number,
): NumericDistractor[] {
  const weights = rows.reduce((s, r) => s + r.weights, 0);
  const convOnly = rows.filter((r) => !r.fc).reduce((s, r) => s + r.weights + r.biases, 0);
  // FC fed with the shape before the last pooling layer (pooling forgotten before flattening).
  let beforePool = total;
  const lastFc = p.layers.length - 1;
  if (p.layers[lastFc]?.t === 'fc' && p.layers[lastFc - 1]?.t === 'pool') {
    const pre = rows[lastFc - 2]?.shape ?? [p.inSize, p.inSize, p.inC];
    const fc = rows[lastFc]!;
    beforePool = total - fc.weights + pre[0] * pre[1] * pre[2] * fc.shape[2];
  }
  // A bias per input channel of each filter (conv) instead of one per filter.
  let inC = p.inC;
  let biasPerInput = total;
  p.layers.forEach((l, i) => {
    if (l.t === 'conv') {
      biasPerInput += l.n * inC - l.n;
      inC = l.n;
    }
    void i;
  });
  return [
    {
      value: weights,
      misconception: 'forgot-bias',
      feedback: 'You left out the biases (one per filter and per FC unit).',
    },
    {
      value: convOnly,
      misconception: 'forgot-fc-layer',
      feedback: 'The fully connected layer has parameters too, usually most of them.',
    },
    {
      value: beforePool,
      misconception: 'flatten-before-pool',
      feedback:
        'The FC layer sees the output of the last pooling layer, not the convolution before it.',
    },
    {
      value: biasPerInput,
      misconception: 'bias-per-input-channel',
      feedback: 'A filter has one bias, not one per input channel.',
    },
  ];
}

export const layerTable = defineTemplate<LayerTableParams>({
  id: 'cnn.layer-table',
  topic: 'cnn',
  title: 'CNN layer table: shapes and parameters',
  objective:
    'Track activation shapes, weights and biases through a stack of convolution, pooling and fully connected layers.',
  difficulty: 2,
  tags: ['convolution', 'pooling', 'shapes', 'parameters'],
  kinds: ['table', 'numeric', 'single'],
  params: {
    // Up to 1024 × 1024 × 512 inputs: every count stays an exact integer.
    inSize: param.int('input height = width', [8, 256], { min: 1, max: 1024 }),
    inC: param.int('input channels', [1, 3], { min: 1, max: 512 }),
    layers: {
      type: 'json',
      description: 'layers: {t:"conv",k,n,s,p} | {t:"pool",k} | {t:"fc",n}; ends with one FC layer',
      schema: {
        type: 'array',
        minItems: 2,
        maxItems: 8,
        items: {
          oneOf: [
            record({
              t: { const: 'conv' },
              k: intIn(1, 11),
              n: intIn(1, 512),
              s: intIn(1, 4),
              p: intIn(0, 5),
            }),
            record({ t: { const: 'pool' }, k: intIn(2, 4) }),
            record({ t: { const: 'fc' }, n: intIn(1, 1000) }),
          ],
        },
      },
      example: [
        { t: 'conv', k: 9, n: 32, s: 1, p: 0 },
        { t: 'pool', k: 2 },
        { t: 'fc', n: 3 },
      ],
    },
  },
  constraints: [
    {
      description: '2–8 layers, each valid, exactly one FC layer and it is last',
      check: (p) =>
        isListOf(p.layers, 2, 8, validLayer) &&
        p.layers.filter((l) => l.t === 'fc').length === 1 &&
        p.layers[p.layers.length - 1]!.t === 'fc',
    },
    { description: 'every layer fits its input (sizes stay ≥ 1)', check: (p) => fits(p) },
  ],
  sample(rng) {
    for (;;) {
      const inSize = rng.choice([28, 32, 48, 64, 96, 128]);
      const inC = rng.choice([1, 3, 3]);
      const blocks = rng.int(2, 3);
      const layers: ArchLayer[] = [];
      let size = inSize;
      let ok = true;
      let filters = rng.choice([8, 16, 32]);
      for (let b = 0; b < blocks; b++) {
        const k = rng.choice([3, 3, 5, 5, 7, 9]);
        const padded = rng.bool(0.25);
        const p = padded ? (k - 1) / 2 : 0;
        const s = rng.bool(0.15) ? 2 : 1;
        layers.push({ t: 'conv', k, n: filters, s, p });
        if (k > size + 2 * p) ok = false;
        else size = Math.floor((size + 2 * p - k) / s) + 1;
        if (rng.bool(0.8)) {
          const pk = rng.bool(0.85) ? 2 : 3;
          layers.push({ t: 'pool', k: pk });
          if (size < pk) ok = false;
          else size = Math.floor(size / pk);
        }
        filters = Math.min(256, filters * rng.choice([1, 2, 2]));
      }
      layers.push({ t: 'fc', n: rng.choice([2, 3, 4, 5, 10]) });
      if (ok && size >= 2) return { inSize, inC, layers };
    }
  },
  build(p, ctx) {
    const rows = layerRows(p);
    const total = rows.reduce((s, r) => s + r.weights + r.biases, 0);
    const classes = (p.layers[p.layers.length - 1] as { n: number }).n;
    const ask =
      ctx.kind === 'table'
        ? 'Fill in, for every layer, the shape of its output (height, width, channels; for the FC layer only the number of units) and its numbers of weights and biases.'
        : 'How many trainable parameters (weights and biases) does the whole network have?';
    const stem =
      ctx.render(ctx.rng.choice(STEMS), {
        conv: CONVENTIONS,
        ask,
        classes: formatInt(classes),
        input: plainDims(p.inSize, p.inSize, p.inC),
      }) + `\n\n\`${architectureLine(p)}\``;

    let inShape: [number, number, number] = [p.inSize, p.inSize, p.inC];
    const lines: string[] = [];
    rows.forEach((r, i) => {
      const l = p.layers[i]!;
      const [h, w, c] = inShape;
      if (l.t === 'conv')
        lines.push(
          `- ${r.label}: \\(\\lfloor (${formatInt(h)} + ${formatInt(2 * l.p)} - ${formatInt(l.k)})/${formatInt(l.s)} \\rfloor + 1 = ${formatInt(r.shape[0])}\\), so \\(${plainDims(...r.shape).replace(/×/g, ' \\times ')}\\); weights \\(${formatInt(l.k)} \\cdot ${formatInt(l.k)} \\cdot ${formatInt(c)} \\cdot ${formatInt(l.n)} = ${formatInt(r.weights)}\\), biases ${formatInt(l.n)}.`,
        );
      else if (l.t === 'pool')
        lines.push(
          `- ${r.label}: \\(\\lfloor ${formatInt(h)}/${formatInt(l.k)} \\rfloor = ${formatInt(r.shape[0])}\\), channels unchanged: \\(${plainDims(...r.shape).replace(/×/g, ' \\times ')}\\); no parameters.`,
        );
      else
        lines.push(
          `- ${r.label}: flattens \\(${formatInt(h)} \\cdot ${formatInt(w)} \\cdot ${formatInt(c)} = ${formatInt(h * w * c)}\\) inputs; weights \\(${formatInt(h * w * c)} \\cdot ${formatInt(r.shape[2])} = ${formatInt(r.weights)}\\), biases ${formatInt(r.shape[2])}.`,
        );
      inShape = r.shape;
    });
    const solution = `Work down the table, each layer's input being the previous output:\n\n${lines.join('\n')}\n\nIn total the network has \\(${formatInt(total)}\\) trainable parameters.`;
    const figure = {
      svg: stackSvg(
        [
          { name: 'INPUT', detail: plainDims(p.inSize, p.inSize, p.inC) },
          ...rows.map((r) => ({ name: r.label.replace(/ \(.*\)$/, ''), detail: '?' })),
        ],
        'Layer stack of the network',
      ),
      alt: `Layer stack: ${architectureLine(p)}; the output shapes are unknown.`,
    };

    if (ctx.kind === 'table') {
      const num = (v: number): TableCellSpec => ({ type: 'numeric', value: v, decimals: 0 });
      const dash: TableCellSpec = { type: 'text', text: '–' };
      const tableRows: TableCellSpec[][] = [
        [
          { type: 'text', text: 'INPUT' },
          { type: 'text', text: formatInt(p.inSize) },
          { type: 'text', text: formatInt(p.inSize) },
          { type: 'text', text: formatInt(p.inC) },
          { type: 'text', text: '0' },
          { type: 'text', text: '0' },
        ],
        ...rows.map((r): TableCellSpec[] => [
          { type: 'text', text: r.label },
          r.fc ? dash : num(r.shape[0]),
          r.fc ? dash : num(r.shape[1]),
          num(r.shape[2]),
          num(r.weights),
          num(r.biases),
        ]),
      ];
      return {
        stem,
        solution,
        figure,
        answer: {
          type: 'table',
          header: ['Layer', 'Height', 'Width', 'Channels / units', 'Weights', 'Biases'],
          rows: tableRows,
        },
      };
    }
    const distractors = totalDistractors(p, rows, total);
    if (
      ctx.kind === 'single' &&
      new Set(distractors.map((d) => d.value).filter((v) => v !== total)).size < 3
    )
      throw new GenerationError(
        'fewer than 3 distinct total-parameter distractors; single choice needs 3 (the numeric kind keeps the question)',
      );
    return {
      stem,
      solution,
      figure,
      answer: { type: 'numeric', value: total, decimals: 0, distractors },
    };
  },
  fixtures: [
    {
      id: 'S001-cnn-table',
      params: {
        inSize: 128,
        inC: 3,
        layers: [
          { t: 'conv', k: 9, n: 32, s: 1, p: 0 },
          { t: 'pool', k: 2 },
          { t: 'conv', k: 5, n: 64, s: 1, p: 0 },
          { t: 'pool', k: 2 },
          { t: 'conv', k: 5, n: 64, s: 1, p: 0 },
          { t: 'pool', k: 2 },
          { t: 'fc', n: 3 },
        ],
      },
      note: 'seed 001 layer table; total parameters 7808 + 51264 + 102464 + 27651 = 189187',
    },
  ],
});
