/**
 * Golden tests: one per seed row of SEED-EXERCISES.md this package reproduces, named by the row id.
 * Rows whose seed says "numeric instance of your choice … matches PyTorch" pin a fixed instance;
 * the expected values are recomputed here with plain loops over the PyTorch formulas.
 */
import { describe, expect, it } from 'vitest';
import { generateFixture, type AnyTemplate } from '@dlexam/generator';
import {
  attention,
  conceptEncoderDecoder,
  conceptHiddenState,
  conceptVanishingGradient,
  gradientProduct,
  gruStepTemplate,
  rnnStepTemplate,
} from './index.js';
import type { Template } from '@dlexam/generator';

const close = (a: number, b: number, decimals: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

/** The fixture's numeric key is `key`, and the reference value `x` rounds to it (3 decimals). */
function expectNumericKey(t: AnyTemplate, id: string, key: number, x: number): void {
  const v = generateFixture(t, id);
  if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
  expect(v.answer.numeric.value).toBe(key);
  close(v.answer.numeric.value, x, 3);
}

/** The cells after the label of each row of the fixture's table, as numbers (NaN for text). */
function tableRows(t: AnyTemplate, id: string): number[][] {
  const table = generateFixture(t, id, 'table');
  if (table.answer.kind !== 'table') throw new Error('table expected');
  return table.answer.rows.map((row) =>
    row.slice(1).map((c) => (c.type === 'numeric' ? c.answer.value : NaN)),
  );
}

describe('seed rows', () => {
  it('S000-rnn-step', () => {
    // nn.RNNCell(2, 2) with tanh, weight_ih = W_xh, weight_hh = W_hh, b_ih + b_hh = b_h, then a
    // Linear(2, 1): a = W_hh h0 + W_xh x + b_h = [1 − 1.5 + 0, 0.25 + 2 + 0.5] = [−0.5, 2.75].
    const h = [Math.tanh(-0.5), Math.tanh(2.75)];
    const y = 1 * h[0]! - 1 * h[1]! + 0.5; // ≈ −0.95398
    expectNumericKey(rnnStepTemplate, 'S000-rnn-step', -0.954, y);
    const cells = tableRows(rnnStepTemplate, 'S000-rnn-step')[0]!;
    [...h, y].forEach((x, i) => close(cells[i]!, x, 3));
    expect(cells).toEqual([-0.462, 0.992, -0.954]);
  });

  it('S003-gru', () => {
    // nn.GRUCell(1, 1) with weight_ih = [0.5, 1, 1], weight_hh = [−1, 0.5, 1], bias_ih = [0, −0.5, 0],
    // bias_hh = [0, 0, 0.5]; x = 1, h = 0.5. The seed's h_t = z·h_{t−1} + (1 − z)·h̃_t:
    const sig = (a: number) => 1 / (1 + Math.exp(-a));
    const r = sig(0.5 * 1 - 1 * 0.5 + 0); // σ(0) = 0.5
    const z = sig(1 * 1 + 0.5 * 0.5 - 0.5); // σ(0.75)
    const n = Math.tanh(1 * 1 + 0 + r * (1 * 0.5 + 0.5)); // tanh(1.5)
    const h = z * 0.5 + (1 - z) * n; // ≈ 0.62998
    expectNumericKey(gruStepTemplate, 'S003-gru', 0.63, h);
    const cells = tableRows(gruStepTemplate, 'S003-gru')[0]!;
    expect(cells).toEqual([0.5, 0.679, 0.905, 0.63]);
    [r, z, n, h].forEach((x, i) => close(cells[i]!, x, 3));
    // The swapped convention h = (1 − z)·h + z·h̃ is offered as a distractor with feedback.
    const mc = generateFixture(gruStepTemplate, 'S003-gru', 'single');
    const swapped = mc.choices.find((c) => c.misconception === 'swapped-update-convention');
    expect(swapped?.value).toBeCloseTo((1 - z) * 0.5 + z * n, 12);
  });

  it('S003-attention', () => {
    // softmax(QKᵀ/√d)V with d = 4 (√d = 2), written out as F.scaled_dot_product_attention does.
    // Query 1 = [1, 0, 1, 0]: dot products with the keys are [1, 1, 2], scaled [0.5, 0.5, 1].
    const e = [Math.exp(0.5), Math.exp(0.5), Math.exp(1)];
    const s = e[0]! + e[1]! + e[2]!;
    const w = e.map((x) => x / s);
    const out00 = w[0]! * 1 + w[1]! * 3 + w[2]! * 0; // 4·0.27406 ≈ 1.09624
    expectNumericKey(attention, 'S003-attention', 1.096, out00);
    const [row0, row1] = tableRows(attention, 'S003-attention') as [number[], number[]];
    [...w, out00, w[0]! * 2 + w[1]! * -1 + w[2]! * 1].forEach((x, i) => close(row0[i]!, x, 3));
    // Query 2 = [0, 2, 0, 1]: dot products [2, 3, 0], scaled [1, 1.5, 0].
    const e2 = [Math.exp(1), Math.exp(1.5), 1];
    const s2 = e2[0]! + e2[1]! + e2[2]!;
    e2.forEach((x, j) => close(row1[j]!, x / s2, 3));
  });

  it('S003-explode-vanish', () => {
    let up = 1;
    let down = 1;
    for (let t = 0; t < 100; t++) {
      up *= 1.5;
      down *= 0.8;
    }
    const explode = generateFixture(gradientProduct, 'S003-explode-vanish');
    const vanish = generateFixture(gradientProduct, 'S003-explode-vanish-0.8');
    if (explode.answer.kind !== 'numeric' || vanish.answer.kind !== 'numeric')
      throw new Error('numeric expected');
    expect(explode.answer.numeric).toMatchObject({ value: 4.07e17, sigFigs: 3 });
    expect(vanish.answer.numeric).toMatchObject({ value: 2.04e-10, sigFigs: 3 });
    expect(Math.abs(explode.answer.numeric.value - up) / up).toBeLessThan(0.005);
    expect(Math.abs(vanish.answer.numeric.value - down) / down).toBeLessThan(0.005);
    expect(explode.solution).toMatch(/exploding/);
    expect(vanish.solution).toMatch(/vanishing/);
  });

  /** A seed multiple-choice question: its stem, its correct option and its distractors, as in the seed. */
  function expectSeedQuestion(
    t: AnyTemplate,
    id: string,
    question: string,
    correct: string,
    wrong: string[],
  ) {
    const v = generateFixture(t, id);
    expect(v.kind).toBe('single');
    expect(v.stem).toBe(question);
    expect(v.choices.filter((c) => c.correct).map((c) => c.plain)).toEqual([correct]);
    expect(
      v.choices
        .filter((c) => !c.correct)
        .map((c) => c.plain)
        .sort(),
    ).toEqual([...wrong].sort());
    for (const c of v.choices.filter((x) => !x.correct))
      expect(c.misconception && c.feedback).toBeTruthy();
  }

  it('S003-mc-vanishing-gradient', () => {
    expectSeedQuestion(
      conceptVanishingGradient,
      'S003-mc-vanishing-gradient',
      "When training a neural network, the vanishing gradient problem is encountered. What is a primary and direct consequence of this phenomenon on the network's parameters?",
      'The parameters in the initial layers of the network (those closer to the input) are not being updated.',
      [
        "Values get out of range resulting in 'NaN' (Not a Number) values.",
        'The model quickly memorizes the training data, leading to a low training error but a very high test error (overfitting).',
        'All parameters within a single layer tend to converge to the same value, preventing the layer from learning diverse features.',
        "The network's parameters are updated in a high-variance, chaotic manner, causing the optimization process to oscillate and never settle in a good local minimum.",
      ],
    );
  });

  it('S003-mc-rnn-property', () => {
    expectSeedQuestion(
      conceptHiddenState,
      'S003-mc-rnn-property',
      'Which option identifies the central computational property that RNNs possess relative to feedforward networks?',
      'They maintain a hidden state that carries information across time steps.',
      [
        'They compute gradients without backpropagation.',
        'They use residual connections to improve training.',
        'They perform parallel computation across all tokens simultaneously.',
        'They require no activation functions to compute transitions.',
      ],
    );
  });

  it('S003-mc-encoder-decoder', () => {
    expectSeedQuestion(
      conceptEncoderDecoder,
      'S003-mc-encoder-decoder',
      'In the context of the Transformer model, what are the primary roles of the "Encoder" and the "Decoder"?',
      'Encoders process the input sequence into continuous representations, and Decoders generate the output sequence one element at a time.',
      [
        'Encoders are used for text generation, while Decoders are used for text classification.',
        'Both Encoders and Decoders are used solely for understanding the input sequence without generating output.',
        'Both Encoders and Decoders function identically to map inputs to continuous representations.',
        'The Encoder compresses the input into a single fixed-length vector without attention, while the Decoder uses that single vector to reproduce the input sequence exactly for reconstruction tasks.',
      ],
    );
  });
});
