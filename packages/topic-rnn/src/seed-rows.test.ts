/**
 * Golden tests: one per seed row of SEED-EXERCISES.md this package reproduces, named by the row id.
 * Rows whose seed says "numeric instance of your choice … matches PyTorch" pin a fixed instance;
 * the expected values are recomputed here with plain loops over the PyTorch formulas.
 */
import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { rnnStep } from './index.js';

const close = (a: number, b: number, decimals: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

describe('seed rows', () => {
  it('S000-rnn-step', () => {
    // nn.RNNCell(2, 2) with tanh, weight_ih = W_xh, weight_hh = W_hh, b_ih + b_hh = b_h, then a
    // Linear(2, 1): a = W_hh h0 + W_xh x + b_h = [1 − 1.5 + 0, 0.25 + 2 + 0.5] = [−0.5, 2.75].
    const h = [Math.tanh(-0.5), Math.tanh(2.75)];
    const y = 1 * h[0]! - 1 * h[1]! + 0.5; // ≈ −0.95398
    const v = generateFixture(rnnStep, 'S000-rnn-step');
    if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
    expect(v.answer.numeric.value).toBe(-0.954);
    close(v.answer.numeric.value, y, 3);
    const table = generateFixture(rnnStep, 'S000-rnn-step', 'table');
    if (table.answer.kind !== 'table') throw new Error('table expected');
    const cells = table.answer.rows[0]!.slice(1).map((c) => (c.type === 'numeric' ? c.answer.value : NaN));
    [...h, y].forEach((x, i) => close(cells[i]!, x, 3));
    expect(cells).toEqual([-0.462, 0.992, -0.954]);
  });
});
