import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Variant } from '@dlexam/types';
import { main, type Io } from 'dlexam';

/**
 * Textbook-style exercises typed in through the CLI (`dlexam preview <id> --params '…' --json`),
 * each checked against a value worked out independently here (by hand in the comment, and by a
 * separate formula in the test), across every topic.
 */

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: mkdtempSync(join(tmpdir(), 'dlexam-pins-')),
    isTTY: false,
    secretSeed: () => 'secret0123',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function pinned(id: string, params: object, kind?: string): Promise<Variant> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: mkdtempSync(join(tmpdir(), 'dlexam-pins-')),
    isTTY: false,
    secretSeed: () => 'secret0123',
  };
  const argv = ['preview', id, '--params', JSON.stringify(params), '--json'];
  if (kind) argv.push('--kind', kind);
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`${id} refused its pinned params: ${stderr.trim()}`);
  return JSON.parse(stdout) as Variant;
}

/** The key of a numeric variant agrees with an exact reference at the precision it asks for. */
function expectNumeric(v: Variant, reference: number): void {
  if (v.answer.kind !== 'numeric') throw new Error(`${v.templateId}: not numeric`);
  const a = v.answer.numeric;
  const unit = a.sigFigs
    ? 10 ** (Math.floor(Math.log10(Math.abs(reference))) - a.sigFigs + 1)
    : 10 ** -a.decimals;
  expect(Math.abs(a.value - reference)).toBeLessThanOrEqual(unit / 2 + 1e-9 * Math.abs(reference));
  // and a student typing the exact value is graded right
  expect(Math.abs(a.value - reference)).toBeLessThanOrEqual(a.tolerance + unit / 2);
}

function expectChoice(v: Variant, text: string): void {
  if (v.answer.kind !== 'single') throw new Error(`${v.templateId}: not single choice`);
  expect(v.choices[v.answer.correct]!.plain).toBe(text);
}

const f1 = (p: number, r: number) => (2 * p * r) / (p + r);

describe('textbook exercises pinned through the CLI', () => {
  it('CNN: LeNet C1 output, a stride-2 same-style conv, AlexNet conv1 parameters, 3 stacked 3×3 fields', async () => {
    const common = { op: 'conv', dims: '2d', d: 1, cin: 1, filters: 0, axis: 'height' };
    // 32 − 5 + 1 = 28.
    expectNumeric(
      await pinned('cnn.conv-output-size', {
        ...common,
        h: 32,
        w: 32,
        k: 5,
        s: 1,
        padMode: 'valid',
        p: 0,
      }),
      Math.floor((32 - 5) / 1) + 1,
    );
    // ⌊(64 + 2 − 3)/2⌋ + 1 = 32.
    expectNumeric(
      await pinned('cnn.conv-output-size', {
        ...common,
        h: 64,
        w: 64,
        k: 3,
        s: 2,
        padMode: 'per-side',
        p: 1,
      }),
      Math.floor((64 + 2 - 3) / 2) + 1,
    );
    // 96 filters of 11 × 11 × 3 plus 96 biases = 34,944.
    expectNumeric(
      await pinned('cnn.conv-params', {
        layer: 'standard',
        k: 11,
        cin: 3,
        cout: 96,
        bias: true,
        symbolic: false,
      }),
      96 * (11 * 11 * 3 + 1),
    );
    // Three 3×3 convolutions see 7 × 7.
    const conv3 = { t: 'conv', k: 3, s: 1, d: 1 };
    expectNumeric(
      await pinned('cnn.receptive-field', { layers: [conv3, conv3, conv3] }),
      1 + 3 * 2,
    );
  });

  it('CNN: object detection — IoU in both formats, NMS, YOLO head and grid cell', async () => {
    // x overlap 80..200 = 120, y overlap 120..300 = 180: 21,600 / (30,000 + 26,600 − 21,600).
    expectNumeric(
      await pinned('cnn.iou', { format: 'corner', a: [50, 100, 200, 300], b: [80, 120, 220, 310] }),
      21_600 / 35_000,
    );
    // (10, 10, 8, 6) → (6, 7, 14, 13); (12, 11, 8, 6) → (8, 8, 16, 14): overlap 6 · 5 = 30, union 66.
    expectNumeric(
      await pinned('cnn.iou', { format: 'centre', a: [10, 10, 8, 6], b: [12, 11, 8, 6] }),
      30 / 66,
    );
    // A–B IoU 1444/1756 > 0.1 and A–D 400/2800 ≈ 0.143 > 0.1: only A and C stay.
    expectNumeric(
      await pinned(
        'cnn.nms',
        {
          boxes: [
            { box: [10, 10, 50, 50], score: 0.95 },
            { box: [12, 12, 52, 52], score: 0.9 },
            { box: [100, 100, 140, 140], score: 0.8 },
            { box: [30, 30, 70, 70], score: 0.7 },
          ],
          threshold: 0.1,
        },
        'numeric',
      ),
      2,
    );
    // YOLOv2 on VOC: 13 × 13 × 5 · (5 + 20) = 21,125.
    expectNumeric(
      await pinned('cnn.yolo-grid', { task: 'head-size', s: 13, b: 5, c: 20, style: 'anchors' }),
      13 * 13 * 125,
    );
    // 64-pixel cells: column ⌊300/64⌋ = 4, row ⌊150/64⌋ = 2.
    expectChoice(
      await pinned(
        'cnn.yolo-grid',
        { task: 'grid-cell', s: 7, width: 448, height: 448, cx: 300, cy: 150 },
        'single',
      ),
      'row 2, column 4',
    );
  });

  it('CNN: a ResNet-50 identity bottleneck', async () => {
    // 256·64 + 2·64, 9·64·64 + 2·64, 64·256 + 2·256 = 70,400.
    expectNumeric(
      await pinned('cnn.residual-block', {
        block: 'bottleneck',
        cin: 256,
        mid: 64,
        cout: 256,
        n: 56,
        stride: 1,
        batchNorm: true,
        ask: 'params',
      }),
      256 * 64 + 128 + 9 * 64 * 64 + 128 + 64 * 256 + 512,
    );
  });

  it('RNN: BPTT, word vectors, LSTM parameters, 1.5^100', async () => {
    // Linear, w = u = 1: h = 1, 2, 3; δ₃ = δ₂ = δ₁ = 3; ∂L/∂w = 3·2 + 3·1 + 3·0 = 9.
    expectNumeric(
      await pinned('rnn.bptt', {
        activation: 'identity',
        w: 1,
        u: 1,
        b: 0,
        h0: 0,
        xs: [1, 1, 1],
        y: 0,
        ask: 'dw',
      }),
      9,
    );
    // tanh, one step: ∂L/∂u = (tanh 0.5 − 1)(1 − tanh² 0.5) · 1 with u = 0.5, x = 1.
    const h = Math.tanh(0.5);
    expectNumeric(
      await pinned('rnn.bptt', {
        activation: 'tanh',
        w: 0.5,
        u: 0.5,
        b: 0,
        h0: 0,
        xs: [1],
        y: 1,
        ask: 'du',
      }),
      (h - 1) * (1 - h * h),
    );
    // 32 / (√14 · √77).
    expectNumeric(
      await pinned('rnn.word-vectors', { task: 'cosine', a: [1, 2, 3], b: [4, 5, 6] }),
      32 / Math.sqrt(14 * 77),
    );
    // Tied 50,000 × 512 table plus 50,000 output biases.
    expectNumeric(
      await pinned('rnn.word-vectors', { task: 'params', vocab: 50_000, dim: 512, output: 'tied' }),
      50_000 * 512 + 50_000,
    );
    // nn.LSTM(10, 20): 4 · (20·10 + 20·20 + 2·20) = 2,560.
    expectNumeric(
      await pinned('rnn.recurrent-params', {
        cell: 'lstm',
        inputSize: 10,
        hiddenSize: 20,
        layers: 1,
        bidirectional: false,
        bias: 'two',
      }),
      4 * (20 * 10 + 20 * 20 + 40),
    );
    expectNumeric(
      await pinned('rnn.gradient-product', { factor: 1.5, steps: 100, context: 'time-steps' }),
      1.5 ** 100,
    );
  });

  it('foundations: multi-class metrics, an MNIST MLP, softmax cross-entropy', async () => {
    const matrix = [
      [8, 2, 0],
      [1, 6, 3],
      [0, 0, 10],
    ];
    // Recalls 8/10, 6/10, 10/10: balanced accuracy 0.8.
    expectNumeric(
      await pinned('foundations.multiclass-metrics', {
        matrix,
        metric: 'balanced-accuracy',
        cls: 0,
        classes: 'digits',
      }),
      (0.8 + 0.6 + 1) / 3,
    );
    // Class 1: precision 6/8, recall 6/10.
    expectNumeric(
      await pinned('foundations.multiclass-metrics', {
        matrix,
        metric: 'f1',
        cls: 1,
        classes: 'digits',
      }),
      f1(6 / 8, 6 / 10),
    );
    // 784·100 + 100 + 100·10 + 10 = 79,510.
    expectNumeric(
      await pinned('foundations.mlp-params', { layers: [784, 100, 10], hidden: 'ReLU' }),
      79_510,
    );
    // −ln softmax(2, 1, 0.1)₀.
    const z = [2, 1, 0.1];
    const denom = z.reduce((s, x) => s + Math.exp(x), 0);
    expectNumeric(
      await pinned('foundations.softmax-ce', { logits: z, target: 0, ask: 'loss', j: 0 }),
      -Math.log(Math.exp(2) / denom),
    );
  });

  it('optimization and regularization: step decay, updates per epoch, inverted dropout, L2 cost, batch norm', async () => {
    // 0.1 · 0.1^⌊45/30⌋ = 0.01.
    expectNumeric(
      await pinned('optimization.lr-schedule', {
        schedule: 'step',
        lr0: 0.1,
        gamma: 0.1,
        stepSize: 30,
        tMax: 1,
        lrMin: 0,
        epoch: 45,
      }),
      0.01,
    );
    // ⌈1000/32⌉ = 32.
    expectNumeric(
      await pinned('optimization.iterations-per-epoch', {
        datasetSize: 1000,
        batchSize: 32,
        epochs: 10,
        dropLast: false,
        ask: 'per-epoch',
      }),
      Math.ceil(1000 / 32),
    );
    // 1/(1 − 0.5) = 2.
    expectNumeric(
      await pinned('regularization.dropout-arithmetic', {
        n: 100,
        p: 0.5,
        a: 1,
        inverted: true,
        ask: 'scale',
      }),
      2,
    );
    // 1.2 + 0.1 · (0.25 + 1) = 1.325 (the bias is not penalized).
    expectNumeric(
      await pinned('regularization.penalty-value', {
        penalty: 'l2',
        convention: 'lambda',
        w: [0.5, -1],
        b: 0.3,
        J: 1.2,
        lambda: 0.1,
      }),
      1.2 + 0.1 * (0.25 + 1),
    );
    // Feature 1 of (1, 3, 5): mean 3, biased variance 8/3; sample 1 → 2 · (−2/√(8/3 + 1e−5)) + 0.5.
    const v = await pinned('optimization.batchnorm-forward', {
      x: [
        [1, 2],
        [3, 4],
        [5, 9],
      ],
      gamma: [2, 1.5],
      beta: [0.5, -1],
      epsExp: -5,
      sample: 1,
      feature: 1,
    });
    expectNumeric(v, (2 * -2) / Math.sqrt(8 / 3 + 1e-5) + 0.5);
  });

  it('optimization: batch norm with γ = 1, β = 0, ε = 0; a bias-corrected EWMA; 20 Adam steps from (−5, −2)', async () => {
    // Feature 1 of (1, 3): μ = 2, σ = 1, so example 2 normalizes to (3 − 2)/1 = 1.
    expectNumeric(
      await pinned('optimization.norm-compare', {
        method: 'batch',
        x: [
          [1, 2],
          [3, 4],
        ],
        gamma: 1,
        beta: 0,
        eps: 0,
        row: 2,
        col: 1,
      }),
      1,
    );
    // β = 0.5 over 4, 8: v₁ = 2, v₂ = 1 + 4 = 5, v̂₂ = 5 / 0.75.
    expectNumeric(
      await pinned('optimization.ewma', {
        context: 'series',
        values: [4, 8],
        beta: 0.5,
        t: 2,
        corrected: true,
      }),
      5 / 0.75,
    );
    // Adam (α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e−8) on ½(x₁² + 10 x₂²), 20 steps, x₂ asked.
    let x = -2;
    let m = 0;
    let v = 0;
    for (let t = 1; t <= 20; t++) {
      const g = 10 * x;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      x -= (0.1 * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
    }
    expectNumeric(
      await pinned('optimization.adaptive-run', {
        optimizer: 'adam',
        x0: [-5, -2],
        curvature: [1, 10],
        lr: 0.1,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        steps: 20,
        coord: 2,
      }),
      x,
    );
  });

  it('issue 21: values off the draw grid and beyond the draw range — logits −2.85 over 10 classes, Xavier 256 → 256, a 30-step momentum run from (−5, −2)', async () => {
    // 10 classes, logits off the 0.1 grid: p₃ = e^{−2.85} / Σ e^{z}.
    const z = [1.25, -0.5, 0.3, -2.85, 0, 2.1, -1.05, 0.75, 3.2, -0.15];
    const Z = z.reduce((s, x) => s + Math.exp(x), 0);
    const soft = await pinned('foundations.softmax-ce', {
      logits: z,
      target: 8,
      ask: 'prob',
      j: 3,
    });
    expectNumeric(soft, Math.exp(-2.85) / Z);
    expect(soft.stem).toContain('-2.85');
    expect(soft.stem).toContain('classes \\(0, \\dots, 9\\)');
    expectNumeric(
      await pinned('foundations.softmax-ce', { logits: z, target: 8, ask: 'loss', j: 0 }),
      Math.log(Z) - 3.2,
    );
    // Xavier (normal) for a 256 → 256 layer: Var = 2/(256 + 256) = 1/256 = 0.00390625 → 0.00391.
    expectNumeric(
      await pinned('optimization.init-scale', {
        scheme: 'xavier',
        distribution: 'normal',
        quantity: 'variance',
        layer: 'linear',
        inSize: 256,
        outSize: 256,
        kernel: 1,
      }),
      1 / 256,
    );
    // He uniform bound for a 3×3 conv from 200 channels (not on the list of drawn sizes): √(6/1800).
    expectNumeric(
      await pinned('optimization.init-scale', {
        scheme: 'he',
        distribution: 'uniform',
        quantity: 'bound',
        layer: 'conv',
        inSize: 200,
        outSize: 37,
        kernel: 3,
      }),
      Math.sqrt(6 / 1800),
    );
    // PyTorch momentum (ρ = 0.9, α = 0.05) on ½(x₁² + 4x₂²) from (−5, −2), 30 steps, x₁.
    let x = -5;
    let buf = 0;
    for (let t = 0; t < 30; t++) {
      buf = 0.9 * buf + x;
      x -= 0.05 * buf;
    }
    expectNumeric(
      await pinned('optimization.momentum-steps', {
        x0: [-5, -2],
        curvature: [1, 4],
        lr: 0.05,
        rho: 0.9,
        steps: 30,
        convention: 'pytorch',
        coord: 1,
      }),
      x,
    );
  });

  it('issue 21: textbook-standard values drawn variants avoid — batch norm γ = 1, β = 0, ε = 0; an L1/L2 penalty with no negative weight', async () => {
    // Feature 2 of (2, 4, 9): μ = 5, σ² = 26/3; sample 3 → (9 − 5)/√(26/3) with γ = 1, β = 0, ε = 0.
    expectNumeric(
      await pinned('optimization.batchnorm-forward', {
        x: [
          [1, 2],
          [3, 4],
          [5, 9],
        ],
        gamma: [1, 1],
        beta: [0, 0],
        epsExp: -5,
        epsZero: true,
        sample: 3,
        feature: 2,
      }),
      4 / Math.sqrt(26 / 3),
    );
    // L1 cost with only positive weights and b = 0: 0.35 + 0.01 · (0.2 + 1.5 + 0.75).
    expectNumeric(
      await pinned('regularization.penalty-value', {
        penalty: 'l1',
        convention: 'lambda',
        w: [0.2, 1.5, 0.75],
        b: 0,
        J: 0.35,
        lambda: 0.01,
      }),
      0.35 + 0.01 * 2.45,
    );
    // One L2 step (λ‖w‖², α = 0.05, λ = 3: α·λ > 0.1) on w₂ = 0.25 with ∂J/∂w₂ = 0:
    // 0.25 − 0.05 · (0 + 2 · 3 · 0.25) = 0.175.
    expectNumeric(
      await pinned('regularization.penalized-step', {
        penalty: 'l2',
        convention: 'lambda',
        w: [1.5, 0.25],
        grad: [0.4, 0],
        b: 0,
        gradB: 0.2,
        alpha: 0.05,
        lambda: 3,
        ask: 1,
      }),
      0.175,
    );
  });

  it('issue 21: a pin is refused only by a validity rule, and the message names it', async () => {
    const refused = async (id: string, params: object) => {
      const r = await run(['preview', id, '--params', JSON.stringify(params)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      return r.stderr.trim();
    };
    expect(
      await refused('foundations.softmax-ce', {
        logits: Array(17).fill(1),
        target: 0,
        ask: 'loss',
        j: 0,
      }),
    ).toBe(
      'dlexam: params.logits: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1] is not allowed; logits must be a list of 2–16 numbers from -20 to 20 with at most 3 decimals',
    );
    expect(
      await refused('foundations.softmax-ce', { logits: [1, 2], target: 2, ask: 'loss', j: 0 }),
    ).toBe(
      'dlexam: its params break a validity rule of foundations.softmax-ce: target and j are class indices: below the number of logits',
    );
    expect(
      await refused('optimization.momentum-steps', {
        x0: [-5, -2],
        curvature: [1, 4],
        lr: 0.05,
        rho: 0.9,
        steps: 65,
        convention: 'pytorch',
        coord: 1,
      }),
    ).toBe('dlexam: params.steps: 65 is not allowed; steps must be an integer from 1 to 64');
    expect(
      await refused('optimization.batchnorm-forward', {
        x: [
          [1, 2],
          [1, 4],
        ],
        gamma: [1, 1],
        beta: [0, 0],
        epsExp: -5,
        epsZero: true,
        sample: 1,
        feature: 1,
      }),
    ).toBe(
      'dlexam: its params break a validity rule of optimization.batchnorm-forward: with ε = 0 the asked feature varies over the batch (else x̂ is 0/0)',
    );
  });

  it('issue 21: preview names the distractors a pin makes coincide with the key', async () => {
    const params = {
      scheme: 'he',
      distribution: 'normal',
      quantity: 'variance',
      layer: 'linear',
      inSize: 256,
      outSize: 256,
      kernel: 1,
    };
    const text = await run([
      'preview',
      'optimization.init-scale',
      '--params',
      JSON.stringify(params),
    ]);
    expect(text.code).toBe(0);
    // He with fan-in = fan-out: Var = 2/256, which "used the fan-out" gives too; Xavier's 2/512
    // equals LeCun's 1/256, already an option.
    expect(text.stdout).toContain(
      'Note: 2 modelled distractors were dropped with these params: used-xavier-for-he (0.00390625, same as used-one-over-fan-in); used-fan-out (0.0078125, accepted as the key)',
    );
    const json = JSON.parse(
      (
        await run([
          'preview',
          'optimization.init-scale',
          '--params',
          JSON.stringify(params),
          '--json',
        ])
      ).stdout,
    ) as { droppedDistractors: { misconception: string }[] };
    expect(json.droppedDistractors.map((d) => d.misconception)).toEqual([
      'used-xavier-for-he',
      'used-fan-out',
    ]);
  });

  it('issue 21: describe --json and describe tell validity from draw preferences', async () => {
    const r = await run(['describe', 'optimization.init-scale', '--json']);
    const schema = JSON.parse(r.stdout) as {
      properties: Record<string, Record<string, unknown>>;
      'x-constraints': string[];
      'x-draw-preferences': string[];
    };
    expect(schema.properties.inSize).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 65536,
      'x-validity': 'an integer from 1 to 65536',
      'x-draw': { enum: [3, 16, 32, 50, 64, 100, 128, 200, 256, 300, 400, 512, 784, 1000] },
    });
    expect(schema['x-draw-preferences']).toContain(
      'fan-in differs from fan-out (so using the wrong one shows)',
    );
    expect(schema['x-constraints']).toContain('a fully connected layer has kernel 1');
    expect(schema['x-constraints']).not.toContain(
      'fan-in differs from fan-out (so using the wrong one shows)',
    );
    const text = (await run(['describe', 'optimization.init-scale'])).stdout;
    expect(text).toContain('valid: an integer from 1 to 65536');
    expect(text).toContain('draws: one of 3, 16, 32');
    expect(text).toMatch(
      /Draw preferences \(random draws only; pinned values need not meet them\):\n {2}- a convolution has a kernel larger than 1×1 \(so forgetting k² shows\)\n {2}- fan-in differs from fan-out/,
    );
  });
});
