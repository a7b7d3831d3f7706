import { defineTemplate, type OptionSpec, type TableCellSpec, param } from '@dlexam/generator';
import { formatInt } from '@dlexam/math';

export type GradShapesParams = {
  /** Index l of the earlier layer (the later one is l + 1). */
  l: number;
  nl: number;
  nk: number;
  ask: string;
};

const QUANTITIES = ['dh', 'da', 'da-next', 'dW', 'db-next'] as const;

/** Seed 004: shapes of ∂L/∂h, ∂L/∂a and ∂L/∂W in an MLP with column-vector activations. */
export const gradShapes = defineTemplate<GradShapesParams>({
  id: 'foundations.grad-shapes',
  topic: 'foundations',
  title: 'Gradient shapes in an MLP',
  objective:
    'State the shapes of gradients with respect to activations, pre-activations, weights and biases of an MLP layer.',
  difficulty: 1,
  tags: ['backprop', 'shapes', 'mlp'],
  kinds: ['single', 'table'],
  params: {
    l: param.int('index of the earlier layer', [1, 4], { min: 1, max: 64 }),
    nl: param.int('units in layer l', [2, 128], { min: 1, max: 4096 }),
    nk: param.int('units in layer l + 1', [2, 128], { min: 1, max: 4096 }),
    ask: param.choice('gradient asked for in single choice', QUANTITIES),
  },
  constraints: [
    {
      description: 'the two layers have different widths',
      check: (p) => p.nl !== p.nk,
      prefer: true,
      params: ['nl', 'nk'],
    },
    {
      description: 'a layer has more than one unit (else every gradient is 1 × 1)',
      check: (p) => p.nl > 1 || p.nk > 1,
      params: ['nl', 'nk'],
    },
  ],
  build(p, ctx) {
    const { l, nl, nk } = p;
    const k = l + 1;
    const rows: Record<
      (typeof QUANTITIES)[number],
      { tex: string; shape: [number, number]; why: string }
    > = {
      dh: {
        tex: `\\frac{\\partial L}{\\partial h_{${l}}}`,
        shape: [nl, 1],
        why: `\\(h_{${l}}\\) has ${formatInt(nl)} entries`,
      },
      da: {
        tex: `\\frac{\\partial L}{\\partial a_{${l}}}`,
        shape: [nl, 1],
        why: `\\(a_{${l}}\\) has ${formatInt(nl)} entries`,
      },
      'da-next': {
        tex: `\\frac{\\partial L}{\\partial a_{${k}}}`,
        shape: [nk, 1],
        why: `\\(a_{${k}}\\) has ${formatInt(nk)} entries`,
      },
      dW: {
        tex: `\\frac{\\partial L}{\\partial W_{${k}}}`,
        shape: [nk, nl],
        why: `\\(W_{${k}}\\) maps ${formatInt(nl)} to ${formatInt(nk)} units`,
      },
      'db-next': {
        tex: `\\frac{\\partial L}{\\partial b_{${k}}}`,
        shape: [nk, 1],
        why: `\\(b_{${k}}\\) has ${formatInt(nk)} entries`,
      },
    };
    const conv = `Activations are column vectors; layer ${k} computes \\(a_{${k}} = W_{${k}} h_{${l}} + b_{${k}}\\) and \\(h_{${k}} = \\varphi(a_{${k}})\\), where \\(a\\) is the pre-activation and \\(h\\) the activation. The loss \\(L\\) is a scalar.`;
    const intro = ctx.rng.choice([
      `In an MLP, layer ${l} has ${formatInt(nl)} units and layer ${k} has ${formatInt(nk)} units. ${conv}`,
      `A fully connected network has ${formatInt(nl)} neurons in layer ${l} and ${formatInt(nk)} neurons in layer ${k}. ${conv}`,
    ]);
    const shapeTex = (s: readonly number[]) =>
      `\\(${formatInt(s[0]!)} \\times ${formatInt(s[1]!)}\\)`;
    const solution = `The gradient of a scalar with respect to a tensor has the tensor's shape.\n${QUANTITIES.map(
      (q) => `- \\(${rows[q].tex}\\): ${shapeTex(rows[q].shape)}, because ${rows[q].why}.`,
    ).join('\n')}`;
    if (ctx.kind === 'table') {
      const tableRows: TableCellSpec[][] = QUANTITIES.slice(0, 4).map((q) => [
        { type: 'text', text: `\\(${rows[q].tex}\\)` },
        { type: 'numeric', value: rows[q].shape[0], decimals: 0 },
        { type: 'numeric', value: rows[q].shape[1], decimals: 0 },
      ]);
      return {
        stem: `${intro} Give the shape (rows × columns) of each gradient.`,
        solution,
        answer: { type: 'table', header: ['gradient', 'rows', 'columns'], rows: tableRows },
      };
    }
    const q = rows[p.ask as (typeof QUANTITIES)[number]];
    const cands: [number[], string, string][] = [
      [
        [q.shape[1], q.shape[0]],
        'transposed',
        'That is the transposed shape; a gradient has the shape of its variable.',
      ],
      [[nl, 1], 'layer-l-vector', `That is the shape of a layer-${l} vector.`],
      [[nk, 1], 'layer-k-vector', `That is the shape of a layer-${k} vector.`],
      [[nk, nl], 'weight-shape', `That is the shape of W_${k}.`],
      [[nl, nk], 'weight-transposed', `That is the shape of W_${k}ᵀ.`],
      [[1, 1], 'scalar', 'Only L is a scalar.'],
    ];
    const options: OptionSpec[] = [
      { text: shapeTex(q.shape), correct: true, feedback: `Correct: ${q.why}.` },
    ];
    for (const [s, mis, fb] of ctx.rng.shuffle(cands)) {
      if (options.length === 4) break;
      if (!options.some((o) => o.text === shapeTex(s)))
        options.push({ text: shapeTex(s), correct: false, misconception: mis, feedback: fb });
    }
    return {
      stem: `${intro} What is the shape of \\(${q.tex}\\)?`,
      solution,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    { id: 'S004-grad-shapes', kind: 'table', params: { l: 2, nl: 16, nk: 10, ask: 'dW' } },
  ],
});
