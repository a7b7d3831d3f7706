import { defineTemplate, type OptionSpec, param } from '@dlexam/generator';
import { listIndexParam } from '../list-index-param.js';

export type TransferLearningParams = {
  scenario: number;
  /** Index of the correct option shown. */
  right: number;
  /** Indices of the wrong options shown. */
  wrong: number[];
};

interface Scenario {
  goal: string;
  data: string;
  total: string;
  labelled: string;
  related: string;
}

export const SCENARIOS: Scenario[] = [
  {
    goal: 'diagnose COVID-19',
    data: 'chest CT images',
    total: '100,000',
    labelled: '1,000',
    related: 'detect tumors',
  },
  {
    goal: 'detect melanoma',
    data: 'dermatoscopic skin images',
    total: '50,000',
    labelled: '800',
    related: 'classify benign skin lesions',
  },
  {
    goal: 'map flooded areas',
    data: 'satellite images',
    total: '200,000',
    labelled: '1,500',
    related: 'segment land-use types',
  },
  {
    goal: 'spot cracks in welds',
    data: 'X-ray images of welded joints',
    total: '30,000',
    labelled: '600',
    related: 'detect porosity defects',
  },
];

type Opt = {
  text: (s: Scenario) => string;
  misconception?: string;
  feedback: (s: Scenario) => string;
};

const RIGHT: Opt[] = [
  {
    text: (s) =>
      `Transfer learning from a ResNet50 that was pre-trained on ${s.data} to ${s.related}`,
    feedback: (s) =>
      `The pre-trained model already extracts features of ${s.data}; fine-tuning it needs far fewer labels than training from scratch.`,
  },
  {
    text: (s) =>
      `Fine-tune the last layers of a network pre-trained on ${s.data} (for another task), keeping its early layers frozen`,
    feedback: () =>
      'Freezing the early, generic feature layers and fine-tuning the last ones retains learned features while adapting to the task with few labels.',
  },
];

const WRONG: Opt[] = [
  {
    text: () =>
      'Train a GAN to generate synthetic labelled data and train your model on all the ground-truth and synthetic data',
    misconception: 'gan-for-small-data',
    feedback: (s) =>
      `GANs need a lot of data themselves; with ${s.labelled} labels you cannot train good class-conditional generators.`,
  },
  {
    text: (s) => `Supervised learning directly on the ${s.labelled} labelled images`,
    misconception: 'train-from-scratch',
    feedback: (s) =>
      `${s.labelled} images are too few to train a deep network from scratch; it would overfit.`,
  },
  {
    text: () =>
      'Augment the labelled data using random cropping and train using supervised learning from scratch',
    misconception: 'augmentation-suffices',
    feedback: () =>
      'Augmentation helps, but cropping does not create enough new information to train a deep network from scratch.',
  },
  {
    text: (s) =>
      `Train a k-nearest-neighbour classifier on the raw pixels of the ${s.labelled} labelled images`,
    misconception: 'knn-on-pixels',
    feedback: () =>
      'Pixel distances are a poor notion of similarity for medical or remote-sensing images.',
  },
  {
    text: () => 'Transfer learning from a language model pre-trained on web text',
    misconception: 'unrelated-source-domain',
    feedback: () =>
      'Transfer works when the source domain is related; text features do not help with images.',
  },
];

/** Seed 001: which learning technique has the best chance with few labels (transfer learning). */
export const transferLearning = defineTemplate<TransferLearningParams>({
  id: 'foundations.transfer-learning',
  topic: 'foundations',
  title: 'Choosing transfer learning for a small labelled dataset',
  objective:
    'Recognize transfer learning from a related pre-trained model as the best option when labels are scarce.',
  difficulty: 2,
  tags: ['transfer-learning', 'concepts'],
  kinds: ['single'],
  params: {
    scenario: listIndexParam('the application', SCENARIOS),
    right: listIndexParam('which correct option is shown', RIGHT),
    wrong: param.intVector('wrong options shown', [3, 3], [0, WRONG.length - 1], {
      min: 0,
      max: WRONG.length - 1,
      length: [1, WRONG.length],
    }),
  },
  constraints: [
    {
      description: 'wrong options are distinct',
      check: (p) => new Set(p.wrong).size === p.wrong.length,
    },
  ],
  sample(rng) {
    return {
      scenario: rng.int(0, SCENARIOS.length - 1),
      right: rng.int(0, RIGHT.length - 1),
      wrong: rng.sample(
        WRONG.map((_, i) => i),
        3,
      ),
    };
  },
  build(p, ctx) {
    const s = SCENARIOS[p.scenario]!;
    const stem = `${ctx.rng.choice(['Imagine you are tasked with building a model to', 'Your team must build a model to'])} ${s.goal} using ${s.data}. You are provided with ${s.total} ${s.data}, ${s.labelled} of which are labelled. ${ctx.rng.choice(
      [
        'Which learning technique has the best chance of succeeding on this task? (Select only one.)',
        'Which approach is most likely to work best?',
      ],
    )}`;
    const r = RIGHT[p.right]!;
    const options: OptionSpec[] = [
      { text: r.text(s), correct: true, feedback: r.feedback(s) },
      ...p.wrong.map((i) => {
        const w = WRONG[i]!;
        return {
          text: w.text(s),
          correct: false,
          misconception: w.misconception!,
          feedback: w.feedback(s),
        };
      }),
    ];
    return {
      stem,
      solution: `With only ${s.labelled} labels, a deep network trained from scratch overfits. A model pre-trained on the same kind of data (${s.data}) already has useful features, even if it was trained for a different task; fine-tuning it (often freezing the early layers) has the best chance.\n${options
        .map((o) => `- ${o.correct ? 'Best' : 'Weaker'}: ${o.text}. ${o.feedback}`)
        .join('\n')}`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [
    {
      id: 'S001-mc-transfer-learning',
      params: { scenario: 0, right: 0, wrong: [0, 1, 2] },
      note: 'Seed 001: (i) correct, (ii) GAN, (iii) supervised on 1,000, (iv) augmentation.',
    },
  ],
});
