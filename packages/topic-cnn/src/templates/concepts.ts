import {
  defineStatementBank,
  distinctIndices,
  param,
  statementOption,
  verdictLines,
  type ShownStatement,
} from '@dlexam/generator';
import { CONCEPT_PHRASE, CONCEPTS, STATEMENTS, type ConceptId } from './concept-bank.js';

/**
 * Concept questions from statement banks (locality, parameter sharing, invariance vs
 * equivariance, receptive field, dilation, filters/channels/biases, pooling, inductive bias, 1×1
 * convolutions). A variant is fully given by its concept and the indices of its statements, so
 * variants differ in content, not only in option order. Single choice needs exactly one true pick.
 */

export type ConceptsParams = {
  concept: ConceptId | 'mixed';
  /** Indices into STATEMENTS. */
  picks: number[];
};

const SINGLE = [
  'Which of the following statements about {{phrase}} is true?',
  'Which statement about {{phrase}} is correct?',
  'Exactly one of these statements about {{phrase}} is true. Which one?',
];
const MULTIPLE = [
  'Which of the following statements about {{phrase}} are true? Select all that apply.',
  'Select every correct statement about {{phrase}}.',
  'Mark all true statements about {{phrase}} (one or more).',
];

/** True and false statement indices per concept (and for 'mixed': all), in bank order. */
const POOLS = new Map(
  [...CONCEPTS, 'mixed' as const].map((concept) => {
    const pool = STATEMENTS.map((s, i) => ({ s, i })).filter(
      (x) => concept === 'mixed' || x.s.concept === concept,
    );
    return [
      concept,
      {
        trues: pool.filter((x) => x.s.truth).map((x) => x.i),
        falses: pool.filter((x) => !x.s.truth).map((x) => x.i),
      },
    ];
  }),
);

export const concepts = defineStatementBank<ConceptsParams>({
  id: 'cnn.concepts',
  topic: 'cnn',
  title: 'Convolutional network concepts',
  objective:
    'Recognise true and false statements on locality, weight sharing, equivariance, receptive fields, dilation, channels and biases, pooling, inductive bias and 1×1 convolutions.',
  difficulty: 1,
  tags: ['concepts', 'convolution'],
  kinds: ['multiple', 'single'],
  params: {
    concept: param.choice('the concept the statements are about (mixed: any)', [
      ...CONCEPTS,
      'mixed',
    ]),
    // Any 2–8 statements of the bank make a question (≥ 2 options; 8 keeps the list readable).
    picks: param.intVector('indices of the statements shown', [4, 5], [0, STATEMENTS.length - 1], {
      integer: true,
      min: 0,
      max: STATEMENTS.length - 1,
      length: [2, 8],
    }),
  },
  constraints: [
    {
      description: 'statements are distinct',
      check: (p) => distinctIndices(p.picks),
    },
    {
      description: 'statements belong to the concept (unless mixed)',
      check: (p) =>
        p.concept === 'mixed' || p.picks.every((i) => STATEMENTS[i]!.concept === p.concept),
    },
    {
      description: 'at least one true and one false statement',
      check: (p) =>
        p.picks.some((i) => STATEMENTS[i]!.truth) && p.picks.some((i) => !STATEMENTS[i]!.truth),
    },
  ],
  sample(rng) {
    const concept = rng.bool(0.75) ? rng.choice(CONCEPTS) : 'mixed';
    const { trues, falses } = POOLS.get(concept)!;
    const size = concept === 'mixed' ? rng.int(4, 5) : 4;
    // Half of the variants have exactly one true statement, so they also work as single choice.
    const nTrue = rng.bool(0.5) ? 1 : rng.int(2, Math.min(3, trues.length, size - 1));
    const nFalse = Math.min(size - nTrue, falses.length);
    return {
      concept,
      picks: rng.shuffle([...rng.sample(trues, nTrue), ...rng.sample(falses, nFalse)]),
    };
  },
  shown: (p) =>
    p.picks.map((i): ShownStatement => {
      const s = STATEMENTS[i]!;
      return s.truth
        ? { text: s.text, correct: true, feedback: s.why }
        : { text: s.text, correct: false, misconception: s.misconception!, feedback: s.why };
    }),
  option: (s) => ({
    ...statementOption(s),
    feedback: `${s.correct ? 'True' : 'False'}. ${s.feedback}`,
  }),
  stem: (p, ctx) =>
    ctx.render(ctx.rng.choice(ctx.kind === 'single' ? SINGLE : MULTIPLE), {
      phrase: CONCEPT_PHRASE[p.concept],
    }),
  solution: (shown) => verdictLines(shown).join('\n'),
  fixtures: [
    {
      id: 'S002-mc-receptive-field',
      params: { concept: 'receptive-field', picks: [0, 1, 2, 3] },
      kind: 'single',
      note: 'seed 002: "It increases and depends on the kernel size and stride of each layer."',
    },
    {
      id: 'S002-mc-conv-true',
      params: { concept: 'mixed', picks: [4, 5, 6, 7] },
      kind: 'multiple',
      note: 'seed 002: biases = filters, output channels = filters, dilated convolutions increase the receptive field (true); no inductive bias (false)',
    },
  ],
});
