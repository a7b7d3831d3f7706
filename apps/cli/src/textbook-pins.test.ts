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

/** Rows of a table variant's numeric cells. */
function tableValues(v: Variant): number[][] {
  if (v.answer.kind !== 'table') throw new Error(`${v.templateId}: not a table`);
  return v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])));
}

const logistic = (a: number) => 1 / (1 + Math.exp(-a));

describe('issue 21 group 2: conventions and shapes typed in through the CLI', () => {
  it('CNN: the PyTorch docs non-square conv, an Inception 1×7 layer, a 2×3 max pool, a 1×2 average pool', async () => {
    // nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2)) on 50×100:
    // ⌊(50 + 8 − 3)/2⌋ + 1 = 28 by ⌊(100 + 4 − 5)/1⌋ + 1 = 100, 33 channels.
    const conv = await pinned(
      'cnn.conv-output-size',
      {
        op: 'conv',
        dims: '2d',
        h: 50,
        w: 100,
        k: 3,
        kw: 5,
        s: 2,
        sw: 1,
        padMode: 'per-side',
        p: 4,
        pw: 2,
        d: 1,
        cin: 16,
        filters: 33,
        axis: 'height',
      },
      'table',
    );
    const out = (n: number, k: number, s: number, pad: number) =>
      Math.floor((n + 2 * pad - k) / s) + 1;
    expect(tableValues(conv)).toEqual([[out(50, 3, 2, 4), out(100, 5, 1, 2), 33]]);
    expect(conv.stem).toContain('33 filters of size 3×5 (height × width)');
    // Inception-v3 1×7 convolution, 192 → 192 with bias: 1·7·192·192 + 192 = 258,240.
    const inception = await pinned('cnn.conv-params', {
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
    });
    expectNumeric(inception, 1 * 7 * 192 * 192 + 192);
    // A 2×3 max pool with stride (2, 3) on a 12×12 map: 6×4.
    const pool = await pinned(
      'cnn.conv-output-size',
      {
        op: 'maxpool',
        dims: '2d',
        h: 12,
        w: 12,
        k: 2,
        kw: 3,
        s: 2,
        sw: 3,
        padMode: 'valid',
        p: 0,
        pw: 0,
        d: 1,
        cin: 1,
        filters: 0,
        axis: 'width',
      },
      'single',
    );
    expectChoice(pool, `${out(12, 2, 2, 0)}×${out(12, 3, 3, 0)}`);
    // 1×2 average pooling, stride (1, 2), of [1 3 2 6; 5 7 0 4]: [2 4; 6 2].
    const avg = await pinned(
      'cnn.pooling',
      {
        x: [
          [
            [1, 3, 2, 6],
            [5, 7, 0, 4],
          ],
        ],
        mode: 'avg',
        k: 1,
        kw: 2,
        s: 1,
        sw: 2,
        row: 0,
        col: 1,
      },
      'table',
    );
    expect(tableValues(avg)).toEqual([
      [(1 + 3) / 2, (2 + 6) / 2],
      [(5 + 7) / 2, (0 + 4) / 2],
    ]);
  });

  it('RNN: a logistic-sigmoid and a ReLU RNN over two steps, a ReLU LSTM and a ReLU GRU', async () => {
    // h₁ = σ(−1), h₂ = σ(0.5·h₁ + 1).
    const sig = await pinned('rnn.rnn-step', {
      hiddenSize: 1,
      inputSize: 1,
      outputSize: 1,
      steps: 2,
      Wxh: [[1]],
      Whh: [[0.5]],
      bh: [0],
      Why: [[2]],
      by: [-1],
      xs: [[-1], [1]],
      h0: [0],
      ask: 'h',
      unit: 0,
      activation: 'sigmoid',
    });
    expectNumeric(sig, logistic(0.5 * logistic(-1) + 1));
    expect(sig.stem).toContain('logistic sigmoid');
    // ReLU RNN with weights off the 0.5 grid: a₁ = 0.3·2 − 0.1 = 0.5 → h₁ = 0.5;
    // a₂ = 0.7·0.5 + 0.3·(−1) − 0.1 = −0.05 → h₂ = 0; y₂ = 1.2·0 + 0.25 = 0.25.
    const relu = await pinned('rnn.rnn-step', {
      hiddenSize: 1,
      inputSize: 1,
      outputSize: 1,
      steps: 2,
      Wxh: [[0.3]],
      Whh: [[0.7]],
      bh: [-0.1],
      Why: [[1.2]],
      by: [0.25],
      xs: [[2], [-1]],
      h0: [0],
      ask: 'h',
      unit: 0,
      activation: 'relu',
    });
    expectNumeric(relu, Math.max(0, 0.7 * Math.max(0, 0.3 * 2 - 0.1) + 0.3 * -1 - 0.1));
    // Keras LSTM(activation='relu'), one unit: i = σ(1), f = σ(1.5), g = ReLU(0.5), o = σ(1.25),
    // c = f·1 + i·g, h = o·ReLU(c) = 0.920.
    const lstm = await pinned('rnn.lstm-step', {
      hiddenSize: 1,
      inputSize: 1,
      weights: {
        Wi: [[1]],
        Ui: [[0]],
        bi: [0],
        Wf: [[0.5]],
        Uf: [[0]],
        bf: [1],
        Wg: [[1]],
        Ug: [[-1]],
        bg: [0],
        Wo: [[1]],
        Uo: [[0.5]],
        bo: [0],
      },
      x: [1],
      hPrev: [0.5],
      cPrev: [1],
      ask: 'h',
      unit: 0,
      activation: 'relu',
    });
    expectNumeric(lstm, logistic(1.25) * (logistic(1.5) + logistic(1) * 0.5));
    // GRU with a ReLU candidate: r = σ(0), z = σ(0.75), ñ = ReLU(1 + 0.5·1) = 1.5,
    // h = z·0.5 + (1 − z)·1.5.
    const gru = await pinned('rnn.gru-step', {
      hiddenSize: 1,
      inputSize: 1,
      weights: {
        Wr: [[0.5]],
        Ur: [[-1]],
        br: [0],
        Wz: [[1]],
        Uz: [[0.5]],
        bz: [-0.5],
        Wn: [[1]],
        Un: [[1]],
        bin: [0],
        bhn: [0.5],
      },
      x: [1],
      hPrev: [0.5],
      ask: 'h',
      unit: 0,
      activation: 'relu',
    });
    const z = logistic(0.75);
    expectNumeric(gru, z * 0.5 + (1 - z) * 1.5);
  });

  it('foundations: expression graphs an instructor types — (x + y)·z, a sigmoid neuron, a scaled and shifted tanh', async () => {
    // f = (x + y)·z at (−2, 5, −4): ∂f/∂z = x + y = 3.
    const add = await pinned('foundations.expression-graph', {
      expr: 'f = (x + y) * z',
      values: { x: -2, y: 5, z: -4 },
      ask: 'z',
    });
    expectNumeric(add, -2 + 5);
    // σ(w0·x0 + w1·x1 + w2) at w = (2, −3, −3), x = (−1, −2): ∂f/∂w0 = σ(1)(1 − σ(1))·x0.
    const neuron = await pinned('foundations.expression-graph', {
      expr: 'σ(w0·x0 + w1·x1 + w2)',
      values: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 },
      ask: 'w0',
    });
    expectNumeric(neuron, logistic(1) * (1 - logistic(1)) * -1);
    // f = 2·tanh(w·x + b) + 1 at w = 0.5, x = 2, b = −0.5: f = 2·tanh(0.5) + 1.
    const tanh = await pinned('foundations.expression-graph', {
      expr: '2 * tanh(w * x + b) + 1',
      values: { w: 0.5, x: 2, b: -0.5 },
      ask: 'f',
    });
    expectNumeric(tanh, 2 * Math.tanh(0.5) + 1);
    // A typo is refused with one line naming what and where, exit code 2.
    const bad = await run([
      'preview',
      'foundations.expression-graph',
      '--params',
      JSON.stringify({ expr: '(x + y * z', values: { x: 1, y: 2, z: 3 }, ask: 'x' }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`expr "(x + y * z": expected ')' at the end`);
  });
});
