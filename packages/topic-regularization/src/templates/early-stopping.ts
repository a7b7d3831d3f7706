import { defineTemplate, param, type NumericDistractor, type Rng } from '@dlexam/generator';
import {
  bestValidationEpoch,
  earlyStopping,
  type EarlyStoppingResult,
  formatDecimal,
  formatFixed,
  formatInt,
} from '@dlexam/math';
import { lineChartSvg } from '../svg.js';

/**
 * Early stopping read off a training/validation loss curve (drawn as an SVG from the variant's own
 * numbers and listed in the stem): the checkpoint with the lowest validation loss, the epoch at
 * which patience runs out, or the epoch whose weights are restored.
 */

type EarlyStoppingParams = { train: number[]; val: number[]; patience: number; ask: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A noisy U-shaped validation curve and a decreasing training curve, in hundredths. */
function drawCurves(rng: Rng): { train: number[]; val: number[] } {
  const n = rng.int(8, 12);
  const m = rng.int(3, n - 2);
  const v0 = rng.int(120, 250) / 100;
  const vmin = rng.int(30, 80) / 100;
  const rise = rng.int(3, 12) / 100;
  const val = Array.from({ length: n }, (_, i) => {
    const e = i + 1;
    const base = e <= m ? vmin + (v0 - vmin) * ((m - e) / (m - 1)) ** 1.5 : vmin + rise * (e - m);
    return round2(base + rng.int(-3, 3) / 100);
  });
  const t0 = v0 - rng.int(0, 20) / 100;
  const tmin = rng.int(2, 20) / 100;
  const k = rng.int(25, 50) / 100;
  const train: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = round2(tmin + (t0 - tmin) * Math.exp(-k * i));
    train.push(i && t >= train[i - 1]! ? round2(train[i - 1]! - 0.01) : t);
  }
  return { train, val };
}

/** The table's header and epoch row, up to the training losses (fixed for each epoch count). */
const tableHeads = new Map<number, string>();
function tableHead(n: number): string {
  let h = tableHeads.get(n);
  if (h === undefined) {
    h = `\\[\\begin{array}{l|${'c'.repeat(n)}} \\text{epoch} & ${Array.from({ length: n }, (_, i) => formatInt(i + 1)).join(' & ')} \\\\ \\hline \\text{train loss} & `;
    if (tableHeads.size < 64) tableHeads.set(n, h);
  }
  return h;
}

const uniqueMin = (v: number[]) => {
  const min = Math.min(...v);
  return v.filter((x) => x === min).length === 1;
};
const nonIncreasing = (v: number[]) => v.every((t, i) => i === 0 || t <= v[i - 1]!);

/** A loss per epoch: at most 64 epochs (one table column each), 3 decimals, up to 1000. */
const LOSSES = { min: 0, max: 1000, decimals: 3, length: [2, 64] as [number, number] };
/** Decimals the table shows: 2 (every draw) unless a pinned loss has a third. */
const lossDecimals = (p: EarlyStoppingParams) =>
  [...p.train, ...p.val].some((x) => Math.round(x * 1000) % 10 !== 0) ? 3 : 2;

type AddDistractor = (v: number, misconception: string, feedback: string) => void;

/** The mistakes when the checkpoint to deploy is asked (the lowest validation loss). */
function bestCheckpointMistakes(p: EarlyStoppingParams, best: number, add: AddDistractor) {
  const n = p.val.length;
  const trainBest = bestValidationEpoch(p.train);
  const firstRise = p.val.findIndex((v, i) => i > 0 && v > p.val[i - 1]!); // 0-based index of the first uptick
  add(
    trainBest,
    'lowest-training-loss',
    'The training loss always keeps falling; choose by the validation loss, which measures generalization.',
  );
  add(
    n,
    'last-epoch',
    'The last epoch is the most overfit one; the validation loss is lowest earlier.',
  );
  add(best - 1, 'zero-based-epochs', 'Epochs are numbered from 1 here.');
  add(
    best + 1,
    'epoch-after-minimum',
    'The first epoch with a higher validation loss is already past the best point.',
  );
  if (firstRise > 0)
    add(
      firstRise,
      'first-local-minimum',
      'The first uptick of the validation loss is noise; a later epoch reaches a lower value.',
    );
}

/** The mistakes when the epoch at which patience runs out is asked. */
function stopEpochMistakes(
  p: EarlyStoppingParams,
  es: EarlyStoppingResult,
  best: number,
  add: AddDistractor,
) {
  const n = p.val.length;
  const stopAt = es.stopEpoch;
  add(
    es.bestEpoch,
    'confused-stop-with-best',
    `Epoch ${es.bestEpoch} is the best epoch; training continues ${p.patience} more ${p.patience === 1 ? 'epoch' : 'epochs'} before patience runs out.`,
  );
  add(
    stopAt + 1,
    'off-by-one-patience',
    `Training stops at the epoch where the count of epochs without improvement reaches ${p.patience}, not one epoch later.`,
  );
  add(
    stopAt - 1,
    'off-by-one-patience',
    `Training stops only once ${p.patience === 1 ? 'an epoch has' : `${p.patience} consecutive epochs have`} failed to improve, which happens one epoch later.`,
  );
  add(
    n,
    'no-early-stop',
    'Patience runs out before the last epoch, so training does not reach it.',
  );
  add(
    best + p.patience,
    'used-global-minimum',
    'During training only past epochs are known; stop when patience first runs out.',
  );
}

/** The mistakes when the epoch whose weights are restored is asked. */
function restoredEpochMistakes(
  p: EarlyStoppingParams,
  es: EarlyStoppingResult,
  best: number,
  add: AddDistractor,
) {
  const n = p.val.length;
  const trainBest = bestValidationEpoch(p.train);
  const stopAt = es.stopEpoch;
  add(
    stopAt,
    'kept-last-weights',
    'Restoring the best weights means going back to the best epoch, not keeping the weights of the stopping epoch.',
  );
  add(
    best,
    'used-future-epochs',
    'Epochs after training stopped were never run, so their losses cannot be used.',
  );
  add(
    n,
    'last-epoch',
    'Training stops before the last epoch, and the restored weights are the best ones seen.',
  );
  add(es.bestEpoch - 1, 'zero-based-epochs', 'Epochs are numbered from 1 here.');
  add(
    trainBest,
    'lowest-training-loss',
    'Early stopping monitors the validation loss, not the training loss.',
  );
}

/** The worked solution with patience: the best loss and the wait, epoch by epoch up to the stop. */
function patienceWorking(
  p: EarlyStoppingParams,
  es: EarlyStoppingResult,
  valText: string[],
): string {
  const n = p.val.length;
  const stopAt = es.stopEpoch;
  const trace: string[] = [];
  let bestSoFar = p.val[0]!;
  let wait = 0;
  trace.push(`- epoch 1: ${valText[0]}, best so far`);
  for (let i = 1; i < stopAt; i++) {
    const v = p.val[i]!;
    if (v < bestSoFar) {
      bestSoFar = v;
      wait = 0;
      trace.push(`- epoch ${i + 1}: ${valText[i]}, new best`);
    } else {
      wait++;
      trace.push(`- epoch ${i + 1}: ${valText[i]}, no improvement (${wait} of ${p.patience})`);
    }
  }
  return [
    'Track the best validation loss and the number of epochs since it improved:',
    trace.join('\n'),
    es.stoppedEarly
      ? `Patience runs out at epoch ${stopAt}, so training stops there; the best weights seen are from epoch ${es.bestEpoch}.`
      : `Patience never runs out before the last epoch ${n}; the best weights are from epoch ${es.bestEpoch}.`,
  ].join('\n\n');
}

/** The line chart of both losses, with an alt text that lists the validation losses. */
function lossFigure(p: EarlyStoppingParams, digits: number, valText: string[]) {
  const n = p.val.length;
  return {
    svg: lineChartSvg({
      series: [
        { name: 'training', values: p.train, color: '#1f77b4' },
        { name: 'validation', values: p.val, color: '#d62728', dashed: true },
      ],
      xLabel: 'epoch',
      yLabel: 'loss',
    }),
    alt: `Line chart of loss against epoch 1 to ${n}. Training loss ${nonIncreasing(p.train) ? 'falls' : 'goes'} from ${formatDecimal(p.train[0]!, digits)} to ${formatDecimal(p.train[n - 1]!, digits)}. Validation loss by epoch: ${valText.join(', ')}.`,
  };
}

export const earlyStoppingTemplate = defineTemplate<EarlyStoppingParams>({
  id: 'regularization.early-stopping',
  topic: 'regularization',
  title: 'Early stopping from a validation curve',
  objective:
    'Pick the checkpoint with the lowest validation loss, and find when early stopping with patience halts training and which weights it restores.',
  difficulty: 2,
  tags: ['early-stopping', 'validation', 'overfitting', 'figure'],
  kinds: ['numeric', 'single'],
  params: {
    train: param.numberVector('training loss per epoch', [8, 12], [0, 3], 0.01, LOSSES),
    val: param.numberVector('validation loss per epoch', [8, 12], [0, 3], 0.01, LOSSES),
    // Longer than the run is allowed: training then never stops early.
    patience: param.int('early-stopping patience in epochs', [1, 4], { min: 1, max: 64 }),
    ask: param.choice('what is asked', ['best-checkpoint', 'stop-epoch', 'restored-epoch']),
  },
  constraints: [
    {
      description: 'one training and one validation loss per epoch',
      check: (p) => p.train.length === p.val.length,
    },
    // With patience, ties are settled by the stated rule (strictly lower improves); the best
    // checkpoint alone has no such rule.
    {
      description: 'the lowest validation loss is unique when the best checkpoint is asked',
      check: (p) => p.ask !== 'best-checkpoint' || uniqueMin(p.val),
      params: ['val', 'ask'],
    },
    {
      description: 'the lowest validation loss is unique',
      check: (p) => uniqueMin(p.val),
      prefer: true,
      params: ['val'],
    },
    {
      description: 'the training loss never increases',
      check: (p) => nonIncreasing(p.train),
      prefer: true,
      params: ['train'],
    },
  ],
  sample(rng) {
    for (;;) {
      const curves = drawCurves(rng);
      if (
        uniqueMin(curves.val) &&
        curves.val.every((v) => v > 0 && v <= 3) &&
        curves.train.every((t) => t > 0 && t <= 3)
      )
        return {
          ...curves,
          patience: rng.int(1, 4),
          ask: rng.choice(['best-checkpoint', 'stop-epoch', 'restored-epoch']),
        };
    }
  },
  build(p, ctx) {
    const n = p.val.length;
    const best = bestValidationEpoch(p.val);
    const es = earlyStopping(p.val, p.patience);
    // Each validation loss is written in the table, the trace and the figure's alt text.
    const digits = lossDecimals(p);
    const valText = p.val.map((x) => formatFixed(x, digits));
    const table = `${tableHead(n)}${p.train.map((x) => formatFixed(x, digits)).join(' & ')} \\\\ \\text{validation loss} & ${valText.join(' & ')} \\end{array}\\]`;
    const intro = ctx.rng.choice([
      `A network is trained for ${n} epochs. The figure and the table show the training and validation loss after each epoch.`,
      `The training and validation losses of a model over ${n} epochs are plotted below and listed in the table.`,
      `You log the loss on the training set and on a held-out validation set after every epoch (${n} epochs):`,
    ]);
    const patienceRule = `Early stopping monitors the validation loss with patience ${p.patience}: an epoch counts as an improvement only if its validation loss is strictly lower than the best so far, and training stops right after ${p.patience === 1 ? 'the first epoch' : `${p.patience} consecutive epochs`} without improvement.`;
    let value: number;
    let question: string;
    let working: string;
    const d: NumericDistractor[] = [];
    const add = (v: number, misconception: string, feedback: string) =>
      d.push({ value: v, misconception, feedback });
    if (p.ask === 'best-checkpoint') {
      value = best;
      question = ctx.rng.choice([
        'You saved a checkpoint after every epoch and trained all epochs. Which epoch’s checkpoint should you deploy?',
        'Which epoch gives the model that should generalize best, judged by the curves?',
      ]);
      working =
        best === n
          ? `The validation loss is lowest at the last epoch, ${best} (${valText[best - 1]}): the model has not started to overfit yet.`
          : nonIncreasing(p.train)
            ? `The validation loss is lowest at epoch ${best} (${valText[best - 1]}); after that the model starts to overfit (training loss keeps falling while validation loss rises).`
            : `The validation loss is lowest at epoch ${best} (${valText[best - 1]}); every later epoch has a higher validation loss, a sign of overfitting.`;
      bestCheckpointMistakes(p, best, add);
    } else {
      const stopAt = es.stopEpoch;
      if (p.ask === 'stop-epoch') {
        value = stopAt;
        question = ctx.rng.choice([
          'After which epoch does training stop?',
          'At the end of which epoch does early stopping halt training?',
        ]);
        stopEpochMistakes(p, es, best, add);
      } else {
        value = es.bestEpoch;
        question = ctx.rng.choice([
          'With the option to restore the best weights, the weights of which epoch does the final model use?',
          'Early stopping restores the best weights seen before stopping. Which epoch are they from?',
        ]);
        restoredEpochMistakes(p, es, best, add);
      }
      working = patienceWorking(p, es, valText);
    }
    const stem = [
      intro,
      table,
      ...(p.ask === 'best-checkpoint' ? [] : [patienceRule]),
      question,
    ].join('\n\n');
    const figure = lossFigure(p, digits, valText);
    return {
      stem,
      solution: `${working}\n\nAnswer: epoch ${value}.`,
      answer: {
        type: 'numeric',
        value,
        decimals: 0,
        distractors: d.filter((x) => x.value >= 1 && x.value <= n),
      },
      figure,
    };
  },
  fixtures: [
    {
      id: 'S001-early-stopping',
      params: {
        train: [1.9, 1.2, 0.85, 0.62, 0.48, 0.39, 0.33, 0.29, 0.26, 0.24],
        val: [1.95, 1.3, 0.98, 0.81, 0.74, 0.72, 0.75, 0.79, 0.86, 0.93],
        patience: 2,
        ask: 'stop-epoch',
      },
      note: 'seed 001 "Implement early stopping" / "Validation loss increasing after a certain point": stop after epoch 8, restore epoch 6',
    },
  ],
});
