import {
  askedValue,
  defineTemplate,
  param,
  type BuildContext,
  type NumericDistractor,
} from '@dlexam/generator';
import {
  dropoutKeepProbability,
  dropoutTestOutput,
  expectedDropoutOutput,
  expectedDroppedUnits,
  formatDecimal,
  invertedDropoutScale,
} from '@dlexam/math';

/**
 * Dropout arithmetic: expected dropped/kept units, the inverted-dropout scale 1/(1−p), the value
 * of a kept unit during training, the expected training output and the test-time output, for
 * inverted dropout (PyTorch, Keras) and for the original "plain" dropout that rescales at test time.
 * p is always the probability of DROPPING a unit, as in `torch.nn.Dropout(p)`.
 */

export type DropoutArithmeticParams = {
  n: number;
  p: number;
  a: number;
  inverted: boolean;
  ask: string;
};

export const DROPOUT_ASKS = [
  'dropped',
  'kept',
  'scale',
  'kept-value',
  'expected-train',
  'test-output',
] as const;

const dec = (x: number) => formatDecimal(x, 4);

const P_VALUES = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8];
const wholeDrops = (n: number, p: number) => Math.abs(n * p - Math.round(n * p)) < 1e-9;
/** Every (n, p) with n·p whole, and every (inverted, ask) pair the constraints allow. */
const N_P: [number, number][] = [];
for (let n = 10; n <= 200; n++) for (const p of P_VALUES) if (wholeDrops(n, p)) N_P.push([n, p]);
const SCHEMES: [boolean, string][] = [true, false].flatMap((inverted) =>
  DROPOUT_ASKS.filter((ask) => ask !== 'scale' || inverted).map((ask): [boolean, string] => [
    inverted,
    ask,
  ]),
);

type DropoutData = { n: number; p: string; keep: string; a: string };
type AddDistractor = (v: number, misconception: string, feedback: string) => void;
/** What the question steps read: the parameters, the keep probability 1 − p, the stem data. */
interface AskStep {
  p: DropoutArithmeticParams;
  keep: number;
  data: DropoutData;
  ctx: BuildContext;
  /** Appends a distractor. */
  add: AddDistractor;
}
/** The asked value, the decimals it is asked to, its question and its worked step. */
interface AskedPart {
  value: number;
  decimals: number;
  question: string;
  working: string;
}
/** The asks the count-and-scale step answers; the others are about one unit's activation. */
const COUNT_ASKS: readonly string[] = ['dropped', 'kept', 'scale'];

/** The mistakes both count questions share: the variance for the mean, and half the units. */
function addCountMistakes({ p, keep, add }: AskStep, variance: string, half: string) {
  add(p.n * p.p * keep, 'variance-for-mean', variance);
  add(p.n / 2, 'assumed-half', half);
}

/** The count questions (dropped, kept) and the inverted-dropout scale. */
function countPart(step: AskStep): AskedPart {
  const { p, keep, data, ctx, add } = step;
  let value: number;
  let decimals = 4;
  let question: string;
  let working: string;
  switch (p.ask) {
    case 'dropped':
      value = expectedDroppedUnits(p.n, p.p);
      // A pinned n·p may be fractional: then the expected count is asked to 2 decimals.
      decimals = wholeDrops(p.n, p.p) ? 0 : 2;
      question = ctx.render(
        `What is the expected number of units dropped in one training step?${decimals ? ' Round to 2 decimals.' : ''}`,
        data,
      );
      working = ctx.render(
        'Each unit is dropped with probability \\(p\\), so by linearity of expectation \\(E[\\#\\text{dropped}] = n p = {{n}} \\cdot {{p}}\\).',
        data,
      );
      add(
        p.n * keep,
        'p-as-keep-probability',
        'n(1 − p) is the expected number KEPT; p is the drop probability.',
      );
      addCountMistakes(
        step,
        'np(1 − p) is the variance of the number dropped, not its mean.',
        'Dropout does not drop half the units unless p = 0.5.',
      );
      add(
        (p.n * p.p) / keep,
        'scaled-count',
        'The 1/(1 − p) scale applies to activations, not to the count of dropped units.',
      );
      break;
    case 'kept':
      value = p.n * keep;
      decimals = wholeDrops(p.n, p.p) ? 0 : 2;
      question = ctx.render(
        `What is the expected number of units that stay active in one training step?${decimals ? ' Round to 2 decimals.' : ''}`,
        data,
      );
      working = ctx.render(
        'A unit is kept with probability \\(1 - p = {{keep}}\\), so \\(E[\\#\\text{kept}] = n(1 - p) = {{n}} \\cdot {{keep}}\\).',
        data,
      );
      add(
        p.n * p.p,
        'p-as-keep-probability',
        'np is the expected number DROPPED; a unit is kept with probability 1 − p.',
      );
      addCountMistakes(
        step,
        'np(1 − p) is the variance of the count, not its mean.',
        'Dropout keeps half the units only when p = 0.5.',
      );
      add(p.n, 'no-units-dropped', 'Dropout is active during training, so some units are dropped.');
      break;
    default: // 'scale', the other ask of the count step
      value = invertedDropoutScale(p.p);
      question =
        'By what factor are the kept activations multiplied during training? Round to 4 decimals.';
      working = ctx.render(
        'Inverted dropout divides by the keep probability: \\(\\frac{1}{1 - p} = \\frac{1}{ {{keep}} }\\), so the expected activation is unchanged.',
        data,
      );
      add(
        1 / p.p,
        'p-as-keep-probability',
        'Dividing by p treats p as the keep probability; here p is the drop probability.',
      );
      add(
        keep,
        'multiplied-by-keep',
        'Multiplying by 1 − p shrinks the activations; inverted dropout divides by it.',
      );
      add(
        p.p,
        'multiplied-by-p',
        'The scale compensates for the dropped fraction: it is 1/(1 − p), not p.',
      );
      add(1 + p.p, 'added-p', '1 + p only approximates 1/(1 − p) for very small p.');
  }
  return { value, decimals, question, working };
}

/** The questions about one unit's activation (a kept unit, the training expectation, the test-time output). */
function unitPart({ p, keep, data, ctx, add }: AskStep): AskedPart {
  let value: number;
  const decimals = 4;
  let question: string;
  let working: string;
  switch (p.ask) {
    case 'kept-value':
      value = p.inverted ? p.a / keep : p.a;
      question = ctx.render(
        'One unit has activation {{a}} before dropout. If it is kept in a training step, what value does it pass on? Round to 4 decimals.',
        data,
      );
      working = p.inverted
        ? ctx.render(
            'A kept unit is scaled by \\(\\frac{1}{1 - p}\\): \\(\\frac{ {{a}} }{ {{keep}} }\\).',
            data,
          )
        : ctx.render('Plain dropout passes kept units on unchanged: {{a}}.', data);
      schemeMistakes(p, keep, add);
      add(0, 'kept-means-zeroed', 'Only dropped units are set to 0.');
      break;
    case 'expected-train':
      value = expectedDropoutOutput(p.a, p.p, p.inverted);
      question = ctx.render(
        'One unit has activation {{a}} before dropout. What is the expected value of its output during training (over the random dropout mask)? Round to 4 decimals.',
        data,
      );
      working = p.inverted
        ? ctx.render('\\(E = (1 - p) \\cdot \\frac{a}{1 - p} + p \\cdot 0 = a = {{a}}\\).', data)
        : ctx.render('\\(E = (1 - p) \\cdot a + p \\cdot 0 = {{keep}} \\cdot {{a}}\\).', data);
      schemeMistakes(p, keep, add);
      add(
        p.a * p.p,
        'p-as-keep-probability',
        'p is the drop probability; the unit survives with probability 1 − p.',
      );
      add(
        0,
        'kept-means-zeroed',
        'The output is 0 only when the unit is dropped, which happens with probability p.',
      );
      break;
    default:
      value = dropoutTestOutput(p.a, p.p, p.inverted);
      question = ctx.render(
        'At test time, a unit has activation {{a}} before the dropout layer. What value does the dropout layer output? Round to 4 decimals.',
        data,
      );
      working = p.inverted
        ? ctx.render(
            'Dropout is off at test time and inverted dropout already did the scaling during training, so the output is {{a}}.',
            data,
          )
        : ctx.render(
            'Dropout is off at test time; plain dropout multiplies by \\(1 - p\\) so the output matches the training expectation: \\({{keep}} \\cdot {{a}}\\).',
            data,
          );
      schemeMistakes(p, keep, add);
      add(
        p.a * p.p,
        'p-as-keep-probability',
        'p is the drop probability; the matching factor is 1 − p.',
      );
      add(0, 'dropout-at-test', 'Dropout is switched off at test time: no unit is dropped.');
  }
  return { value, decimals, question, working };
}

/** The mistakes that depend on the scheme (inverted or plain) in the questions about one unit. */
function schemeMistakes(p: DropoutArithmeticParams, keep: number, add: AddDistractor) {
  switch (p.ask) {
    case 'kept-value':
      if (p.inverted) {
        add(
          p.a,
          'forgot-inverted-scaling',
          'Inverted dropout rescales the kept units during training.',
        );
        add(
          p.a * keep,
          'multiplied-by-keep',
          'Inverted dropout divides by 1 − p; it does not multiply.',
        );
        add(p.a / p.p, 'p-as-keep-probability', 'Dividing by p treats p as the keep probability.');
      } else {
        add(
          p.a / keep,
          'assumed-inverted',
          'Scaling by 1/(1 − p) is inverted dropout; this layer uses plain dropout.',
        );
        add(
          p.a * keep,
          'test-scaling-during-training',
          'The multiplication by 1 − p happens at test time in plain dropout, not for kept units in training.',
        );
        add(p.a * p.p, 'multiplied-by-p', 'A kept unit is not scaled by p.');
      }
      break;
    case 'expected-train':
      if (p.inverted) {
        add(
          p.a * keep,
          'forgot-inverted-scaling',
          'With inverted dropout the 1/(1 − p) scale cancels the keep probability, so the expectation is a.',
        );
        add(
          p.a / keep,
          'scaled-expectation-twice',
          'This is the value of a KEPT unit; the expectation also weighs the dropped case (output 0).',
        );
      } else {
        add(
          p.a,
          'assumed-inverted',
          'Plain dropout does not rescale during training, so the expectation is (1 − p)a.',
        );
        add(p.a / keep, 'scaled-expectation-twice', 'Plain dropout does not divide by 1 − p.');
      }
      break;
    default:
      if (p.inverted) {
        add(
          p.a * keep,
          'scaled-at-test',
          'Inverted dropout needs no test-time scaling; that is what the training-time 1/(1 − p) is for.',
        );
        add(p.a / keep, 'scaled-at-test', 'The 1/(1 − p) scale is applied during training only.');
      } else {
        add(
          p.a,
          'no-test-scaling',
          'Plain dropout must multiply by 1 − p at test time to match the training expectation.',
        );
        add(
          p.a / keep,
          'assumed-inverted',
          'Dividing by 1 − p is inverted dropout’s training-time scaling.',
        );
      }
  }
}

export const dropoutArithmetic = defineTemplate<DropoutArithmeticParams>({
  id: 'regularization.dropout-arithmetic',
  topic: 'regularization',
  title: 'Dropout: expectations and inverted-dropout scaling',
  objective:
    'Compute expected dropped units, the inverted-dropout scale 1/(1−p), training outputs and test-time behaviour of dropout.',
  difficulty: 2,
  tags: ['dropout', 'expectation'],
  kinds: ['numeric', 'single'],
  params: {
    n: param.int('number of units in the layer', [10, 200], { min: 1, max: 100000 }),
    p: param.choice('drop probability p', P_VALUES, {
      min: 0,
      max: 1,
      maxExclusive: true,
      decimals: 4,
    }),
    a: param.number('activation of one unit before dropout', [0.2, 5], 0.1, {
      min: -1000,
      max: 1000,
      decimals: 4,
    }),
    inverted: param.choice(
      'inverted dropout (scale kept units by 1/(1−p) while training) or plain dropout',
      [true, false],
    ),
    ask: param.choice('what is asked', [...DROPOUT_ASKS]),
  },
  constraints: [
    {
      description: 'n·p is a whole number (an expected count without decimals)',
      check: (p) => wholeDrops(p.n, p.p),
      prefer: true,
      params: ['n', 'p'],
    },
    {
      description: 'the scale question is about inverted dropout',
      check: (p) => p.ask !== 'scale' || p.inverted,
      params: ['ask', 'inverted'],
    },
  ],
  // Uniform over the parameter sets the constraints allow (as rejection would give), drawn directly:
  // most (n, p) pairs have a fractional n·p.
  sample(rng) {
    const [n, p] = rng.choice(N_P);
    const a = rng.stepped(0.2, 5, 0.1);
    const [inverted, ask] = rng.choice(SCHEMES);
    return { n, p, a, inverted, ask };
  },
  /**
   * Trivial: the answer is the unit's activation printed in the stem (the expected output of
   * inverted dropout while training, or its test-time output), whatever its digits.
   */
  trivial(p, v) {
    const value = askedValue(v);
    return value !== undefined && Math.abs(value - p.a) < 1e-9
      ? 'the answer is the activation given in the stem'
      : null;
  },
  build(p, ctx) {
    const keep = dropoutKeepProbability(p.p);
    const data = { n: p.n, p: dec(p.p), keep: dec(keep), a: dec(p.a) };
    const scheme = p.inverted
      ? 'The layer uses inverted dropout: during training each kept activation is divided by the keep probability \\(1 - p\\), and at test time dropout is switched off with no further scaling.'
      : 'The layer uses the original (non-inverted) dropout: during training kept activations are passed on unchanged, and at test time dropout is switched off and activations are multiplied by the keep probability \\(1 - p\\).';
    const intro = ctx.render(
      ctx.rng.choice([
        'A hidden layer with {{n}} units is followed by dropout with drop probability \\(p = {{p}}\\) (each unit is dropped independently with probability \\(p\\), as in `torch.nn.Dropout(p)`).',
        'Dropout is applied to a layer of {{n}} units; every unit is zeroed independently with probability \\(p = {{p}}\\) (the drop probability).',
        'During training, each of the {{n}} units of a layer is dropped independently with probability \\(p = {{p}}\\).',
      ]),
      data,
    );
    const d: NumericDistractor[] = [];
    const add = (v: number, misconception: string, feedback: string) =>
      d.push({ value: v, misconception, feedback });
    const step = { p, keep, data, ctx, add };
    const { value, decimals, question, working } = COUNT_ASKS.includes(p.ask)
      ? countPart(step)
      : unitPart(step);
    const stem = [intro, scheme, question].join('\n\n');
    const solution = `${working}\n\nAnswer: ${formatDecimal(value, decimals)}.`;
    return { stem, solution, answer: { type: 'numeric', value, decimals, distractors: d } };
  },
  fixtures: [
    {
      id: 'S001-dropout-scale',
      params: { n: 100, p: 0.5, a: 2, inverted: true, ask: 'scale' },
      note: 'seed 001 dropout slide with p = 0.5',
    },
    {
      id: 'S001-dropout-test-time',
      params: { n: 100, p: 0.5, a: 2, inverted: true, ask: 'test-output' },
      note: 'seed 001: at test time all neurons are on, dropout disabled',
    },
  ],
});
