import { defineTemplate, type OptionSpec } from '@dlexam/generator';

/** The RNN input/output patterns (seed 000: one-to-many, many-to-one, many-to-many). */
export const ARCHITECTURES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many-aligned', 'many-to-many-seq2seq'] as const;
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
    tasks: ['classifying a single photo as cat or dog', 'predicting a house price from a fixed set of features', 'recognizing a single handwritten digit'],
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
      "identifying the speaker of a recorded utterance",
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
    label: 'many-to-many, encoder–decoder (read the whole input sequence, then generate an output sequence of another length)',
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

export type ArchitectureParams = {
  /** Task index per architecture (index into that architecture's task list). */
  oneToOne: number;
  oneToMany: number;
  manyToOne: number;
  aligned: number;
  seq2seq: number;
  /** The architecture whose task the single-choice form asks about. */
  asked: Architecture;
};

const KEY: Record<Architecture, keyof Omit<ArchitectureParams, 'asked'>> = {
  'one-to-one': 'oneToOne',
  'one-to-many': 'oneToMany',
  'many-to-one': 'manyToOne',
  'many-to-many-aligned': 'aligned',
  'many-to-many-seq2seq': 'seq2seq',
};

const taskOf = (p: ArchitectureParams, a: Architecture): string => ARCHITECTURE_INFO[a].tasks[p[KEY[a]]]!;

const SINGLE_STEMS = [
  'Which RNN input/output architecture fits the following task?\n\nTask: {{task}}.',
  'You build a recurrent model for this task: {{task}}. Which architecture matches the shape of its inputs and outputs?',
  'Task: {{task}}. Which kind of RNN should you use?',
];
const MATCHING_STEMS = [
  'Match each task to the RNN architecture that fits it. One architecture is not used.',
  'For each task, choose the recurrent architecture whose inputs and outputs match it (one option is left over).',
];

export const rnnArchitectures = defineTemplate<ArchitectureParams>({
  id: 'rnn.architectures',
  topic: 'rnn',
  title: 'RNN architectures for tasks',
  objective: 'Match tasks (captioning, sentiment, tagging, translation) to one-to-many, many-to-one and many-to-many RNNs.',
  difficulty: 1,
  tags: ['rnn', 'architecture', 'seq2seq'],
  kinds: ['single', 'matching'],
  params: {
    oneToOne: { type: 'int', min: 0, max: ARCHITECTURE_INFO['one-to-one'].tasks.length - 1, description: 'one-to-one task' },
    oneToMany: { type: 'int', min: 0, max: ARCHITECTURE_INFO['one-to-many'].tasks.length - 1, description: 'one-to-many task' },
    manyToOne: { type: 'int', min: 0, max: ARCHITECTURE_INFO['many-to-one'].tasks.length - 1, description: 'many-to-one task' },
    aligned: { type: 'int', min: 0, max: ARCHITECTURE_INFO['many-to-many-aligned'].tasks.length - 1, description: 'aligned many-to-many task' },
    seq2seq: { type: 'int', min: 0, max: ARCHITECTURE_INFO['many-to-many-seq2seq'].tasks.length - 1, description: 'encoder–decoder task' },
    asked: { type: 'enum', values: ARCHITECTURES, description: 'architecture asked in single-choice form' },
  },
  build(p, ctx) {
    const explain = (a: Architecture) => {
      const task = taskOf(p, a);
      return `${task.charAt(0).toUpperCase()}${task.slice(1)}. Input: ${ARCHITECTURE_INFO[a].input}; output: ${ARCHITECTURE_INFO[a].output}. So: ${a}.`;
    };
    if (ctx.kind === 'matching') {
      const used = ARCHITECTURES.filter((a) => a !== 'one-to-one');
      return {
        stem: ctx.rng.choice(MATCHING_STEMS),
        solution: ['Look at what goes in and what comes out:', ...used.map((a) => `- ${explain(a)}`)].join('\n'),
        answer: {
          type: 'matching',
          pairs: used.map((a) => ({ prompt: taskOf(p, a), answer: ARCHITECTURE_INFO[a].label })),
          distractors: [ARCHITECTURE_INFO['one-to-one'].label],
        },
      };
    }
    const asked = ARCHITECTURE_INFO[p.asked];
    const options: OptionSpec[] = ARCHITECTURES.map((a) => {
      const info = ARCHITECTURE_INFO[a];
      if (a === p.asked) return { text: info.label, correct: true, feedback: `Correct: ${asked.input} in, ${asked.output} out.` };
      return {
        text: info.label,
        correct: false,
        misconception: `${p.asked}-as-${a}`,
        feedback: `A ${a} model takes ${info.input} and gives ${info.output}; this task takes ${asked.input} and gives ${asked.output}.`,
      };
    });
    return {
      stem: ctx.render(ctx.rng.choice(SINGLE_STEMS), { task: taskOf(p, p.asked) }),
      solution: `${explain(p.asked)}\n\nOne-to-many: captioning, generation from one input. Many-to-one: classifying a whole sequence. Many-to-many aligned: one label per step (tagging). Encoder–decoder many-to-many: output length differs from input (translation).`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'rnn-architectures-example',
      kind: 'matching',
      params: { oneToOne: 0, oneToMany: 0, manyToOne: 0, aligned: 0, seq2seq: 0, asked: 'many-to-one' },
      note: 'seed 000 lists one-to-many, many-to-one and many-to-many; captioning, sentiment, tagging, translation',
    },
  ],
});
