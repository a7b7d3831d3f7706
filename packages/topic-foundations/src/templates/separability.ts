import { GenerationError, defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { LOGIC_INPUTS, isLinearlySeparable } from '@dlexam/math';

export type LinearSeparabilityParams = {
  /** Indices into BOOLEAN_FUNCTIONS of the options shown. */
  fns: number[];
};

/** Two-input Boolean functions with their outputs on (0,0), (0,1), (1,0), (1,1). */
export const BOOLEAN_FUNCTIONS: { name: string; tex: string; ys: number[] }[] = [
  { name: 'AND', tex: 'x_1 \\wedge x_2', ys: [0, 0, 0, 1] },
  { name: 'OR', tex: 'x_1 \\vee x_2', ys: [0, 1, 1, 1] },
  { name: 'NAND', tex: '\\neg(x_1 \\wedge x_2)', ys: [1, 1, 1, 0] },
  { name: 'NOR', tex: '\\neg(x_1 \\vee x_2)', ys: [1, 0, 0, 0] },
  { name: 'XOR', tex: 'x_1 \\oplus x_2', ys: [0, 1, 1, 0] },
  { name: 'XNOR', tex: '\\neg(x_1 \\oplus x_2)', ys: [1, 0, 0, 1] },
  { name: 'x₁ AND NOT x₂', tex: 'x_1 \\wedge \\neg x_2', ys: [0, 0, 1, 0] },
  { name: 'NOT x₁ AND x₂', tex: '\\neg x_1 \\wedge x_2', ys: [0, 1, 0, 0] },
  { name: 'x₁ OR NOT x₂', tex: 'x_1 \\vee \\neg x_2', ys: [1, 0, 1, 1] },
  { name: 'NOT x₁ OR x₂ (implication)', tex: 'x_1 \\Rightarrow x_2', ys: [1, 1, 0, 1] },
  { name: 'NOT x₁', tex: '\\neg x_1', ys: [1, 1, 0, 0] },
];

// Decided once, on first use (not at import: every command would pay for it), by running the
// perceptron (a non-separable function runs the full epoch cap). Per function: option text,
// feedback, solution line; and the two index pools.
interface Tables {
  separable: boolean[];
  optionText: string[];
  feedback: string[];
  solutionLine: string[];
  sep: number[];
  non: number[];
}
let cached: Tables | undefined;
function tables(): Tables {
  if (cached) return cached;
  const flags = BOOLEAN_FUNCTIONS.map((fn) => isLinearlySeparable(LOGIC_INPUTS, fn.ys));
  const all = BOOLEAN_FUNCTIONS.map((_, i) => i);
  cached = {
    separable: flags,
    optionText: BOOLEAN_FUNCTIONS.map((fn) => `${fn.name}: \\(${fn.tex}\\)`),
    feedback: BOOLEAN_FUNCTIONS.map((fn, i) =>
      flags[i]
        ? `${fn.name} is linearly separable: one line splits its 1s from its 0s, so the perceptron rule converges.`
        : `${fn.name} is not linearly separable: its 1s sit on opposite corners of the square, so no line separates them (Minsky & Papert).`,
    ),
    solutionLine: BOOLEAN_FUNCTIONS.map(
      (fn, i) =>
        `- ${fn.name} (outputs ${fn.ys.join(', ')} on (0,0), (0,1), (1,0), (1,1)): ${flags[i] ? 'separable' : 'not separable'}`,
    ),
    sep: all.filter((i) => flags[i]),
    non: all.filter((i) => !flags[i]),
  };
  return cached;
}
const separable = (i: number) => tables().separable[i]!;
const optionText = (i: number) => tables().optionText[i]!;

/** Seed 003: which logic functions a single perceptron can learn (XOR cannot). */
export const linearSeparability = defineTemplate<LinearSeparabilityParams>({
  id: 'foundations.linear-separability',
  topic: 'foundations',
  title: 'Linearly separable logic functions',
  objective:
    'Decide which two-input logic functions a single perceptron can represent (XOR and XNOR cannot).',
  difficulty: 1,
  tags: ['perceptron', 'logic', 'linear-separability'],
  kinds: ['single', 'multiple'],
  params: {
    // Four: a stem speaks of "three of these functions … the fourth".
    fns: param.intVector('functions shown', [4, 4], [0, BOOLEAN_FUNCTIONS.length - 1], {
      min: 0,
      max: BOOLEAN_FUNCTIONS.length - 1,
      length: [4, 4],
    }),
  },
  constraints: [
    { description: 'functions are distinct', check: (p) => new Set(p.fns).size === 4 },
    {
      description: 'at least one function of each kind',
      check: (p) => p.fns.some(separable) && !p.fns.every(separable),
    },
  ],
  sample(rng) {
    const k = rng.bool(0.7) ? 1 : 2;
    const { non, sep } = tables();
    return { fns: rng.shuffle([...rng.sample(non, k), ...rng.sample(sep, 4 - k)]) };
  },
  build(p, ctx) {
    const single = ctx.kind === 'single';
    const nonSep = p.fns.filter((i) => !separable(i));
    if (single && nonSep.length !== 1)
      throw new GenerationError('single choice needs exactly one non-separable function');
    const conv =
      'A single perceptron outputs \\(1\\) if \\(w_1 x_1 + w_2 x_2 + b > 0\\) and \\(0\\) otherwise, with inputs \\(x_1, x_2 \\in \\{0, 1\\}\\).';
    const stem = single
      ? `${conv} ${ctx.rng.choice([
          'Which of these logic functions can a single perceptron NOT learn, whatever its weights?',
          'The perceptron learning rule converges on three of these functions but never on the fourth. Which one never converges?',
        ])}`
      : `${conv} ${ctx.rng.choice([
          'Select every function that a single perceptron can represent exactly.',
          'On which of these truth tables does the perceptron learning rule converge? Select all that apply.',
        ])}`;
    const options: OptionSpec[] = p.fns.map((i) => {
      const sep = separable(i);
      const correct = single ? !sep : sep;
      const o: OptionSpec = { text: optionText(i), correct, feedback: tables().feedback[i]! };
      if (!correct)
        o.misconception = sep ? 'thinks-separable-function-unlearnable' : 'thinks-xor-learnable';
      return o;
    });
    const lines = p.fns.map((i) => tables().solutionLine[i]!);
    return {
      stem,
      solution: `A perceptron's decision boundary is the line \\(w_1 x_1 + w_2 x_2 + b = 0\\), so it can learn a function only if one line separates the inputs with output 1 from those with output 0; then the learning rule is guaranteed to converge. XOR and XNOR put equal outputs on opposite corners, which no line separates; a hidden layer (an MLP) is needed.\n${lines.join('\n')}`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [{ id: 'S003-perceptron-xor', kind: 'single', params: { fns: [0, 1, 4, 2] } }],
});
