import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { shapeText } from '../shared.js';

export type NumpyShapesParams = {
  /** A is (p, q), B is (r, q), C is (r, p). */
  p: number;
  q: number;
  r: number;
  axis: number;
  keepdims: boolean;
  ask: string;
};

/** Shape of np.sum(M, axis, keepdims) for a 2-D M. */
export function reducedShape(
  shape: readonly [number, number],
  axis: number,
  keepdims: boolean,
): number[] {
  if (axis !== 0 && axis !== 1) throw new RangeError(`axis ${axis} is not 0 or 1`);
  if (keepdims) return axis === 0 ? [1, shape[1]] : [shape[0], 1];
  return [shape[1 - axis]!];
}

const DIMS = [10, 20, 25, 30, 40, 50, 60, 64, 80, 100, 128];

/** Seed 001: shape reasoning for sum(exp((B·Aᵀ) ⊙ C), axis, keepdims) in NumPy. */
export const numpyShapes = defineTemplate<NumpyShapesParams>({
  id: 'foundations.numpy-shapes',
  topic: 'foundations',
  title: 'NumPy shape reasoning',
  objective:
    'Track array shapes through a matrix product, an elementwise product and an axis reduction.',
  difficulty: 2,
  tags: ['shapes', 'numpy'],
  kinds: ['single'],
  params: {
    p: param.int('rows of A (= columns of C)', [2, 128], { min: 1, max: 4096 }),
    q: param.int('columns of A and of B', [2, 128], { min: 1, max: 4096 }),
    r: param.int('rows of B and of C', [2, 128], { min: 1, max: 4096 }),
    axis: param.choice('axis of the sum', [0, 1], { integer: true, min: 0, max: 1 }),
    keepdims: param.choice('keepdims of the sum', [false, true]),
    ask: param.choice('shape of the final result or of the matrix product', ['final', 'product']),
  },
  constraints: [
    {
      description: 'p, q, r are distinct',
      check: (x) => new Set([x.p, x.q, x.r]).size === 3,
      prefer: true,
      params: ['p', 'q', 'r'],
    },
    {
      description: 'the product question needs p, q, r not all equal (else its shapes coincide)',
      check: (x) => x.ask !== 'product' || new Set([x.p, x.q, x.r]).size > 1,
      params: ['p', 'q', 'r', 'ask'],
    },
  ],
  sample(rng) {
    const [p, q, r] = rng.sample(DIMS, 3) as [number, number, number];
    return {
      p,
      q,
      r,
      axis: rng.choice([0, 1]),
      keepdims: rng.bool(0.3),
      ask: rng.bool(0.7) ? 'final' : 'product',
    };
  },
  build(x, ctx) {
    const { p, q, r, axis, keepdims } = x;
    const prod: [number, number] = [r, p];
    const code = [
      '```',
      'import numpy as np',
      `A = np.zeros((${p}, ${q}))`,
      `B = np.zeros((${r}, ${q}))`,
      `C = np.zeros((${r}, ${p}))`,
      'S = np.dot(B, A.T)        # step 1',
      'E = np.exp(S * C)         # steps 2 and 3: elementwise',
      `out = np.sum(E, axis=${axis}${keepdims ? ', keepdims=True' : ''})`,
      '```',
    ].join('\n');
    const intro = ctx.rng.choice([
      'Consider the following NumPy code.',
      'A function receives three NumPy arrays and computes:',
      'Trace the array shapes in this snippet.',
    ]);
    const final = reducedShape(prod, axis, keepdims);
    const solution = `\`np.dot(B, A.T)\` multiplies \\((${r}, ${q})\\) by \\((${q}, ${p})\\), giving \\((${r}, ${p})\\), the shape of C, so the elementwise product and \`np.exp\` keep \\((${r}, ${p})\\). Summing over axis ${axis} removes the ${axis === 0 ? 'rows' : 'columns'}${keepdims ? ' but keepdims=True keeps that axis with length 1' : ''}: the result is \`${shapeText(final)}\`.`;
    let correct: number[];
    let cands: [number[], string, string][];
    let ask: string;
    if (x.ask === 'product') {
      correct = [r, p];
      ask = 'What is the shape of `S`?';
      cands = [
        [
          [p, r],
          'transposed-product',
          'That would be np.dot(A, B.T): the order of the factors matters.',
        ],
        [
          [r, q],
          'shape-of-B',
          'That is the shape of B; the inner dimension q disappears in the product.',
        ],
        [
          [q, q],
          'inner-dims',
          'A matrix product keeps the outer dimensions (rows of B, columns of Aᵀ), not the inner ones.',
        ],
        [[p, q], 'shape-of-A', 'That is the shape of A.'],
      ];
    } else {
      correct = final;
      ask = `What is \`out.shape\`?`;
      cands = [
        [
          reducedShape(prod, 1 - axis, keepdims),
          'wrong-axis',
          `axis=${axis} sums over the ${axis === 0 ? 'rows (down each column)' : 'columns (along each row)'}; you removed the other axis.`,
        ],
        [
          reducedShape(prod, axis, !keepdims),
          keepdims ? 'ignored-keepdims' : 'kept-dims',
          keepdims
            ? 'keepdims=True keeps the summed axis with length 1.'
            : 'Without keepdims the summed axis is dropped: the result is 1-D.',
        ],
        [[r, p], 'no-reduction', 'np.sum with an axis reduces that axis.'],
        [[p, r], 'transposed-product', 'The product B·Aᵀ is (r, p), not (p, r).'],
        [
          reducedShape([p, r], axis, keepdims),
          'transposed-then-reduced',
          'B·Aᵀ has shape (r, p); you reduced its transpose.',
        ],
        [[1], 'scalar', 'Only np.sum without an axis reduces to a single number.'],
      ];
    }
    const options: OptionSpec[] = [
      { text: `\`${shapeText(correct)}\``, correct: true, feedback: 'Correct.' },
    ];
    for (const [s, mis, fb] of cands) {
      if (options.length === 4) break;
      const text = `\`${shapeText(s)}\``;
      if (!options.some((o) => o.text === text))
        options.push({ text, correct: false, misconception: mis, feedback: fb });
    }
    return { stem: `${intro}\n\n${code}\n\n${ask}`, solution, answer: { type: 'choice', options } };
  },
  fixtures: [
    {
      id: 'S001-numpy-shapes',
      params: { p: 50, q: 100, r: 40, axis: 0, keepdims: false, ask: 'final' },
    },
    {
      id: 'S001-numpy-shapes-product',
      params: { p: 50, q: 100, r: 40, axis: 0, keepdims: false, ask: 'product' },
    },
  ],
});
