import { defineTemplate, type NumericDistractor, param } from '@dlexam/generator';
import { formatDecimal, matmul, mseGrad, texMatrix, transpose } from '@dlexam/math';

export type LinregGradNumericParams = {
  /** Data X with features as rows and examples as columns (F × m). */
  X: number[][];
  w: number[];
  b: number;
  y: number[];
  /** 'b' or the 1-based index of the weight asked for. */
  target: string;
};

/** Seed 001, numeric instance: ∂L/∂w = (2/m)(ŷ − y)Xᵀ and ∂L/∂b for MSE on a tiny batch. */
export const linregGradNumeric = defineTemplate<LinregGradNumericParams>({
  id: 'foundations.linreg-grad-numeric',
  topic: 'foundations',
  title: 'Batched linear regression gradient: numeric instance',
  objective: 'Compute ∂L/∂w = (2/m)(ŷ − y)Xᵀ and ∂L/∂b for the MSE of ŷ = wX + b on a small batch.',
  difficulty: 2,
  tags: ['linear-regression', 'gradient', 'mse'],
  kinds: ['numeric', 'single'],
  params: {
    X: param.intMatrix('X (F × m), one example per column', [2, 3], [2, 4], [-3, 3], {
      rows: [1, 8],
      cols: [1, 8],
      min: -100,
      max: 100,
      decimals: 2,
    }),
    // Entries with at most 2 decimals: the stem prints w, b and y to 2 decimals.
    w: param.intVector('weights w (1 × F)', [2, 3], [-2, 2], {
      length: [1, 8],
      min: -100,
      max: 100,
      decimals: 2,
    }),
    b: param.int('bias b', [-2, 2], { min: -100, max: 100, decimals: 2 }),
    y: param.intVector('targets y (1 × m)', [2, 4], [-4, 4], {
      length: [1, 8],
      min: -1000,
      max: 1000,
      decimals: 2,
    }),
    target: param.choice('which partial derivative is asked', ['1', '2', '3', 'b']),
  },
  constraints: [
    {
      description: 'shapes agree: w has a weight per row of X, y a target per column',
      check: (p) => p.w.length === p.X.length && p.y.length === p.X[0]!.length,
      params: ['X', 'w', 'y'],
    },
    {
      description: 'm is 2 or 4 (so 2/m is a short decimal)',
      check: (p) => [2, 4].includes(p.y.length),
      prefer: true,
      params: ['X', 'y'],
    },
    {
      description: 'the asked weight exists',
      check: (p) => p.target === 'b' || Number(p.target) <= p.w.length,
    },
  ],
  sample(rng) {
    const F = rng.int(2, 3);
    const m = rng.choice([2, 4]);
    return {
      X: rng.intMatrix(F, m, -3, 3),
      w: rng.intVector(F, -2, 2),
      b: rng.int(-2, 2),
      y: rng.intVector(m, -4, 4),
      target: rng.choice([...Array.from({ length: F }, (_, k) => String(k + 1)), 'b']),
    };
  },
  build(p, ctx) {
    const { X, w, b, y } = p;
    const m = y.length;
    const yhat = matmul([w], X)[0]!.map((v) => v + b);
    const dYhat = mseGrad(yhat, y); // (2/m)(ŷ − y)
    const dw = matmul([dYhat], transpose(X))[0]!;
    const db = dYhat.reduce((s, v) => s + v, 0);
    const isB = p.target === 'b';
    const k = isB ? -1 : Number(p.target) - 1;
    const value = isB ? db : dw[k]!;
    const row = (v: readonly number[]) =>
      `\\begin{bmatrix}${v.map((x) => formatDecimal(x, 2)).join(' & ')}\\end{bmatrix}`;
    const sym = isB ? 'b' : `w_{${k + 1}}`;
    const stem = `${ctx.rng.choice(['Batched linear regression computes', 'A linear model predicts'])} \\(\\hat{y} = wX + b\\) for a batch of \\(m = ${m}\\) examples stored as the columns of \\(X = ${texMatrix(X)}\\), with \\(w = ${row(w)}\\), \\(b = ${b}\\) and targets \\(y = ${row(y)}\\). The loss is \\(L = \\frac{1}{m}\\sum_{i=1}^{m}(y_i - \\hat{y}_i)^2\\). What is \\(\\frac{\\partial L}{\\partial ${sym}}\\)? Round to 1 decimal.`;
    const distractors: NumericDistractor[] = [
      {
        value: -value,
        misconception: 'sign-flipped',
        feedback: 'd/dŷ (y − ŷ)² = 2(ŷ − y): the sign is flipped.',
      },
      {
        value: value / 2,
        misconception: 'missing-factor-2',
        feedback: 'The derivative of the square brings down a factor 2.',
      },
      {
        value: value * m,
        misconception: 'dropped-mean',
        feedback: 'The loss is a mean over m examples: keep the 1/m.',
      },
      {
        value: isB ? dYhat[0]! : dYhat.reduce((s, v, i) => s + v * X[(k + 1) % X.length]![i]!, 0),
        misconception: isB ? 'not-summed' : 'wrong-feature',
        feedback: isB
          ? 'b is shared by all examples: sum the gradient over the batch.'
          : 'Pair each residual with the feature of the asked weight (row k of X).',
      },
      {
        value: value + 1,
        misconception: 'arithmetic',
        feedback: 'Recompute ŷ − y for each example first.',
      },
      {
        value: value - 1,
        misconception: 'arithmetic',
        feedback: 'Recompute ŷ − y for each example first.',
      },
    ];
    return {
      stem,
      solution: `\\(\\hat{y} = wX + b = ${row(yhat)}\\), so \\(\\frac{\\partial L}{\\partial \\hat{y}} = \\frac{2}{m}(\\hat{y} - y) = ${row(dYhat)}\\). Then \\(\\frac{\\partial L}{\\partial w} = \\frac{2}{m}(\\hat{y} - y)X^{T} = ${row(dw)}\\) and \\(\\frac{\\partial L}{\\partial b} = \\sum_i \\frac{2}{m}(\\hat{y}_i - y_i) = ${formatDecimal(db, 2)}\\). The answer is \\(${formatDecimal(value, 2)}\\).`,
      answer: { type: 'numeric', value, decimals: 1, distractors },
    };
  },
  fixtures: [
    {
      id: 'S001-linreg-shapes-numeric',
      note: 'Numeric instance of seed 001: X = [[1, 2], [0, -1]], w = (1, 1), b = 0, y = (0, 0): ŷ = (1, 1), ∂L/∂ŷ = (1, 1), ∂L/∂w₁ = 3.',
      params: {
        X: [
          [1, 2],
          [0, -1],
        ],
        w: [1, 1],
        b: 0,
        y: [0, 0],
        target: '1',
      },
    },
  ],
});
