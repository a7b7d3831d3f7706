import { describe, expect, it } from 'vitest';
import {
  LOGIC_INPUTS,
  LOGIC_TRUTH_TABLES,
  isLinearlySeparable,
  perceptronOutput,
  perceptronUpdate,
  trainPerceptron,
  type LogicFunction,
} from './perceptron.js';

/** Independent separability check: search a grid of weights and biases for a perfect classifier. */
function separableByGrid(ys: readonly number[]): boolean {
  const grid = [-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3];
  for (const w1 of grid)
    for (const w2 of grid)
      for (const b of grid)
        if (LOGIC_INPUTS.every((x, i) => (w1 * x[0]! + w2 * x[1]! + b > 0 ? 1 : 0) === ys[i]))
          return true;
  return false;
}

describe('perceptron', () => {
  it('uses step(0) = 0 and updates only on mistakes', () => {
    expect(perceptronOutput([0, 0], 0, [1, 1])).toBe(0);
    expect(perceptronOutput([1, 0], -0.5, [1, 0])).toBe(1);
    const u = perceptronUpdate([0, 0], 0, [1, 1], 1, 0.5);
    expect(u).toEqual({ yhat: 0, w: [0.5, 0.5], b: 0.5, updated: true });
    expect(perceptronUpdate([1, 1], 0, [1, 1], 1, 1).updated).toBe(false);
    expect(() => perceptronUpdate([0], 0, [1], -1, 1)).toThrow(/0 or 1/);
  });

  it('learns AND by hand: known trajectory from zero weights, eta 1', () => {
    const run = trainPerceptron(LOGIC_INPUTS, LOGIC_TRUTH_TABLES.AND, {
      w0: [0, 0],
      b0: 0,
      eta: 1,
      maxEpochs: 50,
    });
    // Epoch 1: (0,0) ok, (0,1) ok, (1,0) ok, (1,1) mistake → w = (1,1), b = 1.
    expect(run.steps[3]).toMatchObject({ example: 3, updated: true, w: [1, 1], b: 1 });
    expect(run.converged).toBe(true);
    for (let i = 0; i < 4; i++)
      expect(perceptronOutput(run.w, run.b, LOGIC_INPUTS[i]!)).toBe(LOGIC_TRUTH_TABLES.AND[i]);
  });

  it('converges exactly for the separable logic functions (vs a weight-grid search)', () => {
    for (const f of Object.keys(LOGIC_TRUTH_TABLES) as LogicFunction[]) {
      const ys = LOGIC_TRUTH_TABLES[f];
      expect(isLinearlySeparable(LOGIC_INPUTS, ys)).toBe(separableByGrid(ys));
    }
    expect(isLinearlySeparable(LOGIC_INPUTS, LOGIC_TRUTH_TABLES.XOR)).toBe(false);
    expect(isLinearlySeparable(LOGIC_INPUTS, LOGIC_TRUTH_TABLES.OR)).toBe(true);
    // All 16 two-input Boolean functions: exactly XOR and XNOR are not separable.
    let notSep = 0;
    for (let code = 0; code < 16; code++) {
      const ys = [0, 1, 2, 3].map((i) => (code >> i) & 1);
      const sep = isLinearlySeparable(LOGIC_INPUTS, ys);
      expect(sep).toBe(separableByGrid(ys));
      if (!sep) notSep++;
    }
    expect(notSep).toBe(2);
  });

  it('rejects bad options', () => {
    expect(() => trainPerceptron([], [], { w0: [], b0: 0, eta: 1, maxEpochs: 1 })).toThrow(
      /as many labels/,
    );
    expect(() => trainPerceptron([[1]], [1], { w0: [0], b0: 0, eta: 0, maxEpochs: 1 })).toThrow(
      /eta/,
    );
  });
});
