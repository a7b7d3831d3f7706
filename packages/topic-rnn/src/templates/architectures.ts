import { defineTemplate, param, type OptionSpec } from '@dlexam/generator';
import { withPlainFeedback } from '../shared.js';

/** The RNN input/output patterns (seed 000: one-to-many, many-to-one, many-to-many). */
export const ARCHITECTURES = [
  'one-to-one',
  'one-to-many',
  'many-to-one',
  'many-to-many-aligned',
  'many-to-many-seq2seq',
] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

interface ArchitectureInfo {
  label: string;
  input: string;
  output: string;
  tasks: string[];
}

export const ARCHITECTURE_INFO: Record<Architecture, ArchitectureInfo> = {
  'one-to-one': {
    label: 'one-to-one (a single input mapped to a single output; no sequence)',
    input: 'one fixed-size input',
    output: 'one output',
    tasks: [
      'classifying a single photo as cat or dog',
      'predicting a house price from a fixed set of features',
      'recognizing a single handwritten digit',
    ],
  },
  'one-to-many': {
    label: 'one-to-many (a single input, then a sequence of outputs)',
    input: 'a single input',
    output: 'a sequence of outputs',
    tasks: [
      'image captioning: generating a sentence that describes a photo',
      'generating a melody from a single chosen genre label',
      'writing a short text from a single topic embedding',
    ],
  },
  'many-to-one': {
    label: 'many-to-one (a sequence of inputs, one output at the end)',
    input: 'a whole sequence',
    output: 'a single output after reading it',
    tasks: [
      'sentiment classification of a movie review',
      'detecting whether an e-mail is spam from its words',
      'recognizing the activity shown in a video clip (one label per clip)',
      'identifying the speaker of a recorded utterance',
    ],
  },
  'many-to-many-aligned': {
    label: 'many-to-many, aligned (one output for every input step, same length)',
    input: 'a sequence',
    output: 'one output per input step, aligned with it',
    tasks: [
      'part-of-speech tagging: one tag for every word of a sentence',
      'named-entity recognition: labelling each word as person, place, organization or other',
      'labelling every frame of a video',
      'predicting the next character at every position of a text',
    ],
  },
  'many-to-many-seq2seq': {
    label:
      'many-to-many, encoder–decoder (read the whole input sequence, then generate an output sequence of another length)',
    input: 'a whole sequence',
    output: 'a new sequence whose length can differ from the input',
    tasks: [
      'machine translation from English to German',
      'summarizing a news article in one sentence',
      'speech recognition: turning audio frames into a sentence',
      'answering a question with a generated sentence (chatbot reply)',
    ],
  },
};

/** Every (architecture, task) pair, flattened: the single-choice template picks one by index. */
export const ARCHITECTURE_TASKS: readonly { architecture: Architecture; task: string }[] =
  ARCHITECTURES.flatMap((architecture) =>
    ARCHITECTURE_INFO[architecture].tasks.map((task) => ({ architecture, task })),
  );

const explain = (a: Architecture, task: string): string =>
  `${task.charAt(0).toUpperCase()}${task.slice(1)}. Input: ${ARCHITECTURE_INFO[a].input}; output: ${ARCHITECTURE_INFO[a].output}. So: ${a}.`;

export type ArchitectureForTaskParams = {
  /** Index into ARCHITECTURE_TASKS. */
  task: number;
};

const SINGLE_STEMS: readonly string[] = [
  'Which RNN input/output architecture fits the following task?\n\nTask: {{task}}.',
  'You build a recurrent model for this task: {{task}}. Which architecture matches the shape of its inputs and outputs?',
  'Task: {{task}}. Which kind of RNN should you use?',
];

/** Options and worked solution of every task, written once (they depend on the task only). */
const TASK_QUESTIONS = ARCHITECTURE_TASKS.map(({ architecture, task }) => {
  const asked = ARCHITECTURE_INFO[architecture];
  const options: OptionSpec[] = ARCHITECTURES.map((a) => {
    const info = ARCHITECTURE_INFO[a];
    if (a === architecture)
      return {
        text: info.label,
        correct: true,
        feedback: `Correct: ${asked.input} in, ${asked.output} out.`,
      };
    return {
      text: info.label,
      correct: false,
      misconception: `${architecture}-as-${a}`,
      feedback: `A ${a} model takes ${info.input} and gives ${info.output}; this task takes ${asked.input} and gives ${asked.output}.`,
    };
  });
  const solution = `${explain(architecture, task)}\n\nOne-to-many: captioning, generation from one input. Many-to-one: classifying a whole sequence. Many-to-many aligned: one label per step (tagging). Encoder–decoder many-to-many: output length differs from input (translation).`;
  return { options, solution };
});

export const architectureForTask = withPlainFeedback(
  defineTemplate<ArchitectureForTaskParams>({
    id: 'rnn.architecture-for-task',
    topic: 'rnn',
    title: 'RNN architecture for a task',
    objective:
      'Choose one-to-one, one-to-many, many-to-one or many-to-many (aligned or encoder–decoder) for a task.',
    difficulty: 1,
    tags: ['rnn', 'architecture', 'seq2seq'],
    kinds: ['single'],
    params: {
      task: param.int('task (index into ARCHITECTURE_TASKS)', [0, ARCHITECTURE_TASKS.length - 1], {
        integer: true,
        min: 0,
        max: ARCHITECTURE_TASKS.length - 1,
      }),
    },
    build(p, ctx) {
      const { task } = ARCHITECTURE_TASKS[p.task]!;
      const { options, solution } = TASK_QUESTIONS[p.task]!;
      return {
        stem: ctx.render(ctx.rng.choice(SINGLE_STEMS), { task }),
        solution,
        // Fresh option objects: the variant must not share them with other variants.
        answer: { type: 'choice', options: options.map((o) => ({ ...o })) },
      };
    },
  }),
);

export type ArchitectureMatchingParams = {
  /** Task index per sequence architecture (one-to-one only appears as the unused answer). */
  oneToMany: number;
  manyToOne: number;
  aligned: number;
  seq2seq: number;
};

const MATCHED: readonly [Architecture, keyof ArchitectureMatchingParams][] = [
  ['one-to-many', 'oneToMany'],
  ['many-to-one', 'manyToOne'],
  ['many-to-many-aligned', 'aligned'],
  ['many-to-many-seq2seq', 'seq2seq'],
];

const MATCHING_STEMS = [
  'Match each task to the RNN architecture that fits it. One architecture is not used.',
  'For each task, choose the recurrent architecture whose inputs and outputs match it (one option is left over).',
];

/** A task of one architecture: every index of its task list is drawn and valid. */
const taskSpec = (a: Architecture, description: string) => ({
  type: 'int' as const,
  min: 0,
  max: ARCHITECTURE_INFO[a].tasks.length - 1,
  description,
  valid: { integer: true, min: 0, max: ARCHITECTURE_INFO[a].tasks.length - 1 },
});

export const architectureMatching = withPlainFeedback(
  defineTemplate<ArchitectureMatchingParams>({
    id: 'rnn.architecture-matching',
    topic: 'rnn',
    title: 'Matching tasks to RNN architectures',
    objective:
      'Match captioning, classification, tagging and translation tasks to one-to-many, many-to-one and many-to-many RNNs.',
    difficulty: 1,
    tags: ['rnn', 'architecture', 'seq2seq'],
    kinds: ['matching'],
    params: {
      oneToMany: taskSpec('one-to-many', 'one-to-many task'),
      manyToOne: taskSpec('many-to-one', 'many-to-one task'),
      aligned: taskSpec('many-to-many-aligned', 'aligned many-to-many task'),
      seq2seq: taskSpec('many-to-many-seq2seq', 'encoder–decoder task'),
    },
    build(p, ctx) {
      const rows = MATCHED.map(([a, key]) => ({ a, task: ARCHITECTURE_INFO[a].tasks[p[key]]! }));
      return {
        stem: ctx.rng.choice(MATCHING_STEMS),
        solution: [
          'Look at what goes in and what comes out:',
          ...rows.map((r) => `- ${explain(r.a, r.task)}`),
        ].join('\n'),
        answer: {
          type: 'matching',
          pairs: rows.map((r) => ({ prompt: r.task, answer: ARCHITECTURE_INFO[r.a].label })),
          distractors: [ARCHITECTURE_INFO['one-to-one'].label],
        },
      };
    },
  }),
);
