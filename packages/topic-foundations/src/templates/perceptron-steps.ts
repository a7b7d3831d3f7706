import {
  askedValue,
  GenerationError,
  defineTemplate,
  type NumericDistractor,
  param,
} from '@dlexam/generator';
import {
  LOGIC_INPUTS,
  LOGIC_TRUTH_TABLES,
  formatDecimal,
  perceptronUpdate,
  trainPerceptron,
  type LogicFunction,
  type PerceptronRun,
  type PerceptronStepRecord,
} from '@dlexam/math';

export type PerceptronStepsParams = {
  fn: string;
  /** Initial w1, w2, b. */
  init: number[];
  eta: number;
  /** Number of examples presented (steps of the rule). */
  steps: number;
  ask: string;
};

const SEPARABLE: LogicFunction[] = ['AND', 'OR', 'NAND', 'NOR'];

const CONVENTION =
  'The perceptron outputs \\(\\hat{y} = 1\\) if \\(w_1 x_1 + w_2 x_2 + b > 0\\) and \\(\\hat{y} = 0\\) otherwise (so an activation of exactly 0 gives 0). After each example it applies \\(w \\leftarrow w + \\eta (y - \\hat{y}) x\\) and \\(b \\leftarrow b + \\eta (y - \\hat{y})\\) (the bias is a weight on a constant input 1).';

const num = (x: number) => formatDecimal(x, 2);

/**
 * Weights, bias and η are counted in hundredths (pins have at most 2 decimals). The rule does not
 * care about the unit (ŷ depends on the sign of w·x + b, every update is η(y − ŷ)x), and whole
 * hundredths add up exactly, where 0.1 + 0.2 − 0.3 would be 5.6·10⁻¹⁷ > 0 in floating point and
 * flip a prediction. Drawn values (halves) come out identical.
 */
const UNIT = 100;
const toUnits = (x: number) => Math.round(x * UNIT);
const fromUnits = (x: number) => x / UNIT;

/** The run of the rule on a logic function from the params' start, in the params' units. */
function trainInUnits(p: PerceptronStepsParams, maxEpochs: number): PerceptronRun {
  const r = trainPerceptron(LOGIC_INPUTS, LOGIC_TRUTH_TABLES[p.fn as LogicFunction], {
    w0: p.init.slice(0, 2).map(toUnits),
    b0: toUnits(p.init[2]!),
    eta: toUnits(p.eta),
    maxEpochs,
  });
  return {
    ...r,
    w: r.w.map(fromUnits),
    b: fromUnits(r.b),
    steps: r.steps.map((s) => ({ ...s, w: s.w.map(fromUnits), b: fromUnits(s.b) })),
  };
}

/** Passes over the data an updates-to-converge question may take: its solution lists every step. */
const MAX_EPOCHS = 50;

/** The four inputs in the unit square: filled circles for label 1, hollow for label 0. */
export function truthTableSvg(ys: readonly number[]): { svg: string; alt: string } {
  const key = ys.join(',');
  let fig = truthTableFigures.get(key);
  if (!fig) {
    fig = drawTruthTable(ys);
    if (truthTableFigures.size > 256) truthTableFigures.clear();
    truthTableFigures.set(key, fig);
  }
  return { svg: fig.svg, alt: fig.alt };
}

/** Drawings by label list (a few logic functions). */
const truthTableFigures = new Map<string, { svg: string; alt: string }>();

function drawTruthTable(ys: readonly number[]): { svg: string; alt: string } {
  const X = (v: number) => 60 + v * 140;
  const Y = (v: number) => 200 - v * 140;
  const parts = [
    '<line x1="40" y1="200" x2="240" y2="200" stroke="#333"/>',
    '<line x1="60" y1="220" x2="60" y2="20" stroke="#333"/>',
    '<text x="232" y="218" font-size="14" font-family="sans-serif">x1</text>',
    '<text x="30" y="30" font-size="14" font-family="sans-serif">x2</text>',
  ];
  LOGIC_INPUTS.forEach((x, i) => {
    const fill = ys[i] === 1 ? '#222' : '#fff';
    parts.push(
      `<circle cx="${X(x[0]!)}" cy="${Y(x[1]!)}" r="9" fill="${fill}" stroke="#222" stroke-width="2"/>`,
    );
    parts.push(
      `<text x="${X(x[0]!) + 14}" y="${Y(x[1]!) - 10}" font-size="13" font-family="sans-serif">(${x[0]}, ${x[1]}) → ${ys[i]}</text>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="240" viewBox="0 0 300 240">${parts.join('')}</svg>`;
  const desc = LOGIC_INPUTS.map((x, i) => `(${x[0]}, ${x[1]}) has label ${ys[i]}`).join(', ');
  return {
    svg,
    alt: `The four inputs in the unit square, filled for label 1 and hollow for label 0: ${desc}.`,
  };
}

type AskedWeight = 'w1' | 'w2' | 'b';

/**
 * The run's steps, continued through the asked one. A weight question asked past convergence (a
 * pinned long run): a clean pass changes nothing, so every later step predicts its label and keeps
 * the final weights.
 */
function stepsThroughAsked(
  p: PerceptronStepsParams,
  run: PerceptronRun,
  ys: readonly number[],
): PerceptronStepRecord[] {
  const steps = [...run.steps];
  if (p.ask !== 'updates-to-converge')
    for (let k = steps.length; k <= p.steps; k++)
      steps.push({
        ...steps[k - 1]!,
        example: k % 4,
        epoch: Math.floor(k / 4) + 1,
        yhat: ys[k % 4] === 1 ? 1 : 0,
        updated: false,
      });
  return steps;
}

/** One solution line per presented step (all of them for an updates-to-converge question). */
function traceLines(
  p: PerceptronStepsParams,
  steps: readonly PerceptronStepRecord[],
  ys: readonly number[],
): string[] {
  return steps.slice(0, p.ask === 'updates-to-converge' ? steps.length : p.steps).map((s, k) => {
    const x = LOGIC_INPUTS[s.example]!;
    return `- step ${k + 1}: \\(x = (${x[0]}, ${x[1]})\\), \\(y = ${ys[s.example]}\\), \\(\\hat{y} = ${s.yhat}\\)${s.updated ? ` → update to \\(w = (${num(s.w[0]!)}, ${num(s.w[1]!)})\\), \\(b = ${num(s.b)}\\)` : ' → no change'}`;
  });
}

/** Wrong counts of updates to convergence: steps, passes, passes with mistakes, off by one. */
function updateCountDistractors(run: PerceptronRun): NumericDistractor[] {
  const epochsWithMistakes = run.epochs - 1;
  return [
    {
      value: run.steps.length,
      misconception: 'counted-steps',
      feedback:
        'Count only the steps where the prediction was wrong; correct predictions change nothing.',
    },
    {
      value: run.epochs,
      misconception: 'counted-epochs',
      feedback: 'That is the number of passes over the data, not the number of updates.',
    },
    {
      value: epochsWithMistakes,
      misconception: 'counted-epochs-with-mistakes',
      feedback: 'That counts passes with mistakes, not the individual updates.',
    },
    {
      value: run.updates + 1,
      misconception: 'off-by-one',
      feedback: 'Trace each step carefully: an activation of exactly 0 predicts 0.',
    },
    {
      value: Math.max(run.updates - 1, 0),
      misconception: 'off-by-one-low',
      feedback: 'Trace each step carefully: an activation of exactly 0 predicts 0.',
    },
  ];
}

/** Reads the asked weight (or the bias) from a weight vector and a bias. */
function askedOf(key: AskedWeight) {
  return (w: readonly number[], bb: number) => (key === 'w1' ? w[0]! : key === 'w2' ? w[1]! : bb);
}

/**
 * Misconception: step(0) = 1 changes which examples count as mistakes. Weights and bias after the
 * asked steps, in hundredths (see UNIT).
 */
function runStepAtZeroIsOne(
  p: PerceptronStepsParams,
  ys: readonly number[],
): { w: number[]; b: number } {
  const [w1, w2, b] = p.init as [number, number, number];
  const eta = toUnits(p.eta);
  let wS = [toUnits(w1), toUnits(w2)];
  let bS = toUnits(b);
  for (let k = 0; k < p.steps; k++) {
    const i = k % 4;
    const x = LOGIC_INPUTS[i]!;
    const yhat = wS[0]! * x[0]! + wS[1]! * x[1]! + bS >= 0 ? 1 : 0;
    const e = ys[i]! - yhat;
    wS = [wS[0]! + eta * e * x[0]!, wS[1]! + eta * e * x[1]!];
    bS += eta * e;
  }
  return { w: wS, b: bS };
}

/** Misconception: bias not updated. Weights after the asked steps, in hundredths (see UNIT). */
function runBiasNotUpdated(p: PerceptronStepsParams, ys: readonly number[]): number[] {
  const [w1, w2, b] = p.init as [number, number, number];
  const eta = toUnits(p.eta);
  let wN = [toUnits(w1), toUnits(w2)];
  for (let k = 0; k < p.steps; k++) {
    const u = perceptronUpdate(wN, toUnits(b), LOGIC_INPUTS[k % 4]!, ys[k % 4]!, eta);
    wN = u.w;
  }
  return wN;
}

/** Wrong values of the asked weight (or bias): misconceptions' runs, miscounted steps, slips. */
function weightDistractors(
  p: PerceptronStepsParams,
  steps: readonly PerceptronStepRecord[],
  ys: readonly number[],
  value: number,
): NumericDistractor[] {
  const [w1, w2, b] = p.init as [number, number, number];
  const key = p.ask as AskedWeight;
  const pick = askedOf(key);
  // The misconceptions' runs, in hundredths too (see UNIT).
  const wS = runStepAtZeroIsOne(p, ys);
  const wN = runBiasNotUpdated(p, ys);
  return [
    {
      value: pick(wS.w.map(fromUnits), fromUnits(wS.b)),
      misconception: 'step-at-zero-is-one',
      feedback: 'Here step(0) = 0: an activation of exactly 0 predicts 0.',
    },
    {
      value: key === 'b' ? b : pick(wN.map(fromUnits), b),
      misconception: 'bias-not-updated',
      feedback: 'The bias is updated too, as a weight on a constant input 1.',
    },
    {
      value: p.steps > 1 ? pick(steps[p.steps - 2]!.w, steps[p.steps - 2]!.b) : pick([w1, w2], b),
      misconception: 'one-step-short',
      feedback:
        'Count the steps again: the question asks for the values after the last listed step.',
    },
    {
      value: pick(
        steps[Math.min(p.steps, steps.length - 1)]!.w,
        steps[Math.min(p.steps, steps.length - 1)]!.b,
      ),
      misconception: 'one-step-too-far',
      feedback: 'You applied one step too many.',
    },
    {
      value: -value,
      misconception: 'sign-of-error',
      feedback: 'The update uses (y − ŷ), not (ŷ − y).',
    },
    {
      value: value + p.eta,
      misconception: 'arithmetic',
      feedback: 'Recompute each update: only mistakes change the weights, by ±η·x.',
    },
    {
      value: value - p.eta,
      misconception: 'arithmetic',
      feedback: 'Recompute each update: only mistakes change the weights, by ±η·x.',
    },
    {
      value: pick([w1, w2], b),
      misconception: 'no-update',
      feedback: 'At least one of these steps is a mistake, and a mistake changes the weights.',
    },
    {
      value: value + 2 * p.eta,
      misconception: 'double-update',
      feedback: 'Each mistake changes a weight by η·x only once.',
    },
    {
      value: value - 2 * p.eta,
      misconception: 'double-update',
      feedback: 'Each mistake changes a weight by η·x only once.',
    },
  ];
}

/** Seed 003: perceptron learning rule steps on a logic function's truth table. */
export const perceptronSteps = defineTemplate<PerceptronStepsParams>({
  id: 'foundations.perceptron-steps',
  topic: 'foundations',
  title: 'Perceptron learning rule',
  objective:
    'Apply the perceptron learning rule step by step and follow it to convergence on a logic function.',
  difficulty: 2,
  tags: ['perceptron', 'logic'],
  kinds: ['numeric', 'single'],
  params: {
    fn: param.choice('logic function learned', SEPARABLE),
    init: param.numberVector('initial w1, w2, b', [3, 3], [-1, 1], 0.5, {
      length: [3, 3],
      min: -10,
      max: 10,
      decimals: 2,
    }),
    eta: param.choice('learning rate η', [0.5, 1], {
      min: 0,
      minExclusive: true,
      max: 10,
      decimals: 2,
    }),
    // The solution traces every step.
    steps: param.int('examples presented before the question', [1, 8], { min: 1, max: 64 }),
    ask: param.choice('what is asked', ['w1', 'w2', 'b', 'updates-to-converge']),
  },
  constraints: [
    {
      description: 'at least one update happens within the asked steps',
      // The first p.steps steps are the same in any run of at least that many steps.
      check: (p) =>
        trainInUnits(p, Math.ceil(p.steps / 4))
          .steps.slice(0, p.steps)
          .some((s) => s.updated),
      prefer: true,
      params: ['fn', 'init', 'eta', 'steps'],
    },
    {
      description: `an updates-to-converge question converges within ${MAX_EPOCHS} passes (its solution lists every step)`,
      check: (p) => p.ask !== 'updates-to-converge' || trainInUnits(p, MAX_EPOCHS).converged,
      params: ['fn', 'init', 'eta', 'ask'],
    },
  ],
  /**
   * Trivial: no update within the asked steps changes the asked weight (or bias), so the answer is
   * its initial value, printed in the stem.
   */
  trivial(p, v) {
    if (p.ask === 'updates-to-converge') return null;
    const k = p.ask === 'w1' ? 0 : p.ask === 'w2' ? 1 : 2;
    return askedValue(v) === p.init[k]
      ? `${p.ask === 'b' ? 'b' : p.ask} is still its initial value after the asked steps`
      : null;
  },
  /**
   * Effort: 4 operations per presented example (activation, prediction, and the update when it is
   * wrong) over the asked steps, or over the whole run to convergence; plus 1.
   */
  effort(p) {
    if (p.ask !== 'updates-to-converge') return 4 * p.steps + 1;
    return 4 * trainInUnits(p, MAX_EPOCHS).steps.length + 1;
  },
  build(p, ctx) {
    const ys = LOGIC_TRUTH_TABLES[p.fn as LogicFunction];
    const [w1, w2, b] = p.init as [number, number, number];
    // A weight question needs the first steps + 1 steps only; a run with fewer epochs has the
    // same first steps (it stops early exactly when the full run does).
    const run = trainInUnits(
      p,
      p.ask === 'updates-to-converge' ? MAX_EPOCHS : Math.ceil((p.steps + 1) / 4),
    );
    const table = `\n\\[\\begin{array}{cc|c} x_1 & x_2 & y \\\\ \\hline ${LOGIC_INPUTS.map((x, i) => `${x[0]} & ${x[1]} & ${ys[i]}`).join(' \\\\ ')} \\end{array}\\]`;
    const start = `\\(w_1 = ${num(w1)}\\), \\(w_2 = ${num(w2)}\\), \\(b = ${num(b)}\\), learning rate \\(\\eta = ${num(p.eta)}\\)`;
    const intro = ctx.rng.choice([
      `A perceptron learns the ${p.fn} function from its truth table ${table}`,
      `We train a single perceptron on the ${p.fn} truth table ${table}`,
    ]);
    const order =
      'The examples are presented in the table’s order (top to bottom), cycling back to the top.';
    const steps = stepsThroughAsked(p, run, ys);
    const trace = traceLines(p, steps, ys);
    if (p.ask === 'updates-to-converge') {
      if (!run.converged)
        throw new GenerationError(`the run did not converge within ${MAX_EPOCHS} epochs`);
      return {
        figure: truthTableSvg(ys),
        stem: `${intro} Initial values: ${start}. ${CONVENTION} ${order} Training stops after a full pass over the four examples without a mistake. How many updates (mistakes) are made in total?`,
        solution: `${trace.join('\n')}\n\nThe last pass has no mistake, so training stops after ${run.epochs} passes with ${run.updates} updates. Final \\(w = (${num(run.w[0]!)}, ${num(run.w[1]!)})\\), \\(b = ${num(run.b)}\\), which classifies all four rows of ${p.fn} correctly.`,
        answer: {
          type: 'numeric',
          value: run.updates,
          decimals: 0,
          distractors: updateCountDistractors(run),
        },
      };
    }
    const after = steps[p.steps - 1]!;
    const key = p.ask as AskedWeight;
    const pick = askedOf(key);
    const value = pick(after.w, after.b);
    const distractors = weightDistractors(p, steps, ys, value);
    const sym = key === 'w1' ? 'w_1' : key === 'w2' ? 'w_2' : 'b';
    return {
      figure: truthTableSvg(ys),
      stem: `${intro} Initial values: ${start}. ${CONVENTION} ${order} What is \\(${sym}\\) after the first ${p.steps} ${p.steps === 1 ? 'example has' : 'examples have'} been presented?`,
      solution: `${trace.join('\n')}\n\nSo \\(${sym} = ${num(value)}\\).`,
      answer: { type: 'numeric', value, decimals: 2, distractors },
    };
  },
  fixtures: [
    {
      id: 'S003-perceptron',
      params: { fn: 'AND', init: [0, 0, 0], eta: 1, steps: 4, ask: 'updates-to-converge' },
    },
    {
      id: 'S003-perceptron-or',
      params: { fn: 'OR', init: [0, 0, 0], eta: 1, steps: 4, ask: 'updates-to-converge' },
    },
  ],
});

/** Whether the run on a logic function converges (used by the separability template's solution). */
export function logicConverges(fn: LogicFunction): boolean {
  return trainPerceptron(LOGIC_INPUTS, LOGIC_TRUTH_TABLES[fn], {
    w0: [0, 0],
    b0: 0,
    eta: 1,
    maxEpochs: 100,
  }).converged;
}
