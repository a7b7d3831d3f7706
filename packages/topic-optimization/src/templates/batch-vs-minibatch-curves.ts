import { param } from '@dlexam/generator';
import { formatDecimal } from '@dlexam/math';
import { defineBankTemplate, type BankParams } from '../bank.js';
import { lineChartSvg, noiseSequence } from '../svg.js';

/**
 * Seed 002: two training-loss curves, one from full-batch gradient descent (smooth, decreasing
 * every iteration) and one from mini-batch / stochastic gradient descent (noisy). Which graph is
 * which, the decay rate and the noise are the variant's parameters, and the picture is drawn from them.
 */
export type BatchVsMinibatchCurvesParams = BankParams & {
  /** The graph showing full-batch gradient descent. */
  batchGraph: 'A' | 'B';
  /** Per-iteration decay rate of the smooth curve, in percent. */
  decayPct: number;
  /** Noise amplitude of the mini-batch curve, in percent of the starting loss. */
  noisePct: number;
  /** Seed of the mini-batch curve's noise. */
  noiseSeed: number;
  /** 'mini-batch' or 'stochastic' (batch size 1) for the noisy graph. */
  noisyKind: 'mini-batch' | 'stochastic';
};

const SCENARIO = {
  stems: [
    'Which of the following are true about the training loss curves below? One graph comes from batch gradient descent, the other from {{noisyName}} gradient descent, on the same model and data.',
    'The two training-loss curves shown were produced by batch gradient descent and by {{noisyName}} gradient descent. Select all statements that are true.',
    'Graphs A and B show the training loss per iteration of the same network trained with batch gradient descent and with {{noisyName}} gradient descent. Which statements are correct?',
  ],
  trueStatements: [
    {
      text: 'Graph {{batch}} is Batch Gradient Descent – accurate gradient estimates, resulting in a decrease in loss at every iteration.',
      feedback:
        'The full-batch gradient is exact, so with a suitable learning rate each step lowers the training loss.',
    },
    {
      text: 'Graph {{mini}} is {{NoisyName}} Gradient Descent – noisy gradient estimates, resulting in oscillations in the loss trajectory.',
      feedback:
        'A random subset of examples gives a noisy estimate of the gradient, so the loss goes up and down while trending down.',
    },
    {
      text: 'The oscillations in Graph {{mini}} come from estimating the gradient on a different random subset of the data at each iteration.',
      feedback:
        'Each {{noisyName}} gradient is an unbiased but noisy estimate of the full gradient.',
    },
    {
      text: 'Each iteration of Graph {{batch}} processes the whole training set, so it is more expensive than one iteration of Graph {{mini}}.',
      feedback:
        'Batch gradient descent computes the gradient over every example before a single update.',
    },
    {
      text: 'Using larger mini-batches for Graph {{mini}} would generally make its curve smoother.',
      feedback: 'Averaging over more examples reduces the variance of the gradient estimate.',
    },
  ],
  falseStatements: [
    {
      text: 'Graph {{batch}} is {{NoisyName}} Gradient Descent – gradient estimates using batch and {{noisyName}} are equivalent.',
      misconception: 'batch-equals-minibatch',
      feedback:
        'The estimates are not equivalent: a subset gives a noisy estimate, and the smooth graph is the full-batch one.',
    },
    {
      text: 'Graph {{mini}} is Batch Gradient Descent – considering more data points, so introduces more noise to gradient calculation.',
      misconception: 'more-data-more-noise',
      feedback:
        'Using more data points REDUCES the noise of the gradient estimate; the noisy graph uses fewer examples per step.',
    },
    {
      text: 'Graph {{batch}} is Stochastic Gradient Descent with batch size 1 – a single example gives the most accurate gradient.',
      misconception: 'single-example-accurate',
      feedback: 'A single example gives the noisiest gradient estimate, not the most accurate.',
    },
    {
      text: 'The ups and downs in Graph {{mini}} show that its training is diverging and must be stopped.',
      misconception: 'noise-is-divergence',
      feedback:
        'The loss still trends downward; the noise comes from gradient estimates, not divergence.',
    },
    {
      text: 'Graph {{mini}} uses larger batches than Graph {{batch}}.',
      misconception: 'noisy-means-larger-batch',
      feedback: 'The noisy curve uses SMALLER batches; the smooth one uses the whole dataset.',
    },
    {
      text: 'Both curves must pass through exactly the same loss values, because {{noisyName}} gradients are unbiased.',
      misconception: 'unbiased-means-identical',
      feedback:
        'Unbiased means correct on average, not identical at every step; the trajectories differ.',
    },
  ],
  explanation:
    'In this variant Graph {{batch}} decreases at every iteration (batch gradient descent) while Graph {{mini}} fluctuates by up to about {{noise}}% of the starting loss around a downward trend ({{noisyName}} gradient descent).',
};

/** The two curves, drawn from the parameters: smooth exponential decay and the same with noise. */
export function batchCurves(p: BatchVsMinibatchCurvesParams): {
  smooth: number[];
  noisy: number[];
} {
  const n = 40;
  const floor = 0.1;
  const r = 1 - p.decayPct / 100;
  const smooth = Array.from({ length: n }, (_, t) => floor + (1 - floor) * r ** t);
  const noise = noiseSequence(p.noiseSeed, n);
  const noisy = smooth.map((v, t) =>
    Math.max(0.02, v + (t === 0 ? 0 : (p.noisePct / 100) * noise[t]!)),
  );
  return { smooth, noisy };
}

export const batchVsMinibatchCurves = defineBankTemplate<BatchVsMinibatchCurvesParams>({
  id: 'optimization.batch-vs-minibatch-curves',
  title: 'Batch vs mini-batch loss curves',
  objective:
    'Tell batch from mini-batch (or stochastic) gradient descent by the smoothness of the training-loss curve, and explain why.',
  difficulty: 1,
  tags: ['gradient-descent', 'mini-batch', 'loss-curves', 'seed-002'],
  mode: 'multiple',
  scenarios: { curves: SCENARIO },
  extraParams: {
    batchGraph: param.choice('graph showing batch gradient descent', ['A', 'B']),
    // Any decay makes the smooth curve fall at every iteration; 100 % drops it to the floor at once.
    decayPct: param.int('per-iteration decay of the smooth curve (%)', [6, 15], {
      min: 0,
      minExclusive: true,
      max: 100,
      decimals: 2,
    }),
    // The stem states it as a whole percentage; past 50 % the noise hides the downward trend.
    noisePct: param.int('noise amplitude of the noisy curve (% of the initial loss)', [6, 15], {
      min: 1,
      max: 50,
    }),
    // The noise generator's seed · 2654435761 stays an exact integer up to here.
    noiseSeed: param.int('seed of the noise', [0, 999], { min: 0, max: 1_000_000 }),
    noisyKind: param.choice('the noisy run', ['mini-batch', 'stochastic']),
  },
  sampleExtra(rng) {
    return {
      batchGraph: rng.choice(['A', 'B'] as const),
      decayPct: rng.int(6, 15),
      noisePct: rng.int(6, 15),
      noiseSeed: rng.int(0, 999),
      noisyKind: rng.choice(['mini-batch', 'stochastic'] as const),
    };
  },
  constraints: [
    {
      // Every draw meets it; a pinned tiny noise on a steep decay could hide the oscillation.
      description: 'the noisy curve goes up at least once (its oscillation is visible)',
      check: (p) => batchCurves(p).noisy.some((x, i, a) => i > 0 && x > (a[i - 1] ?? Infinity)),
    },
  ],
  data(p) {
    const noisyName = p.noisyKind === 'mini-batch' ? 'mini-batch' : 'stochastic';
    return {
      batch: p.batchGraph,
      mini: p.batchGraph === 'A' ? 'B' : 'A',
      noisyName,
      NoisyName: p.noisyKind === 'mini-batch' ? 'Mini-Batch' : 'Stochastic',
      noise: formatDecimal(p.noisePct, 0),
    };
  },
  figure(p) {
    const { smooth, noisy } = batchCurves(p);
    const a = p.batchGraph === 'A' ? smooth : noisy;
    const b = p.batchGraph === 'A' ? noisy : smooth;
    const panel = (title: string, values: number[]) => ({
      title,
      xLabel: 'iteration',
      yLabel: 'training loss',
      yMax: 1.2,
      series: [{ values, label: title, color: '#1f77b4' }],
    });
    const desc = (smoothOne: boolean) =>
      smoothOne
        ? 'a smooth curve that decreases at every iteration'
        : 'a curve with the same downward trend but visible up-and-down oscillations';
    return {
      svg: lineChartSvg(
        [panel('Graph A', a), panel('Graph B', b)],
        'Training loss curves, Graph A and Graph B',
      ),
      alt: `Two training-loss plots over 40 iterations. Graph A shows ${desc(p.batchGraph === 'A')}. Graph B shows ${desc(p.batchGraph === 'B')}.`,
    };
  },
  fixtures: [
    {
      id: 'S002-mc-batch-curves',
      params: {
        scenario: 'curves',
        trueIdx: [0, 1],
        falseIdx: [0, 1],
        batchGraph: 'A',
        decayPct: 10,
        noisePct: 10,
        noiseSeed: 2,
        noisyKind: 'mini-batch',
      },
      note: 'seed 002: (b) and (c) true, (a) and (d) false',
    },
  ],
});
