import {
  EXAM_SCHEMA_VERSION,
  VARIANT_SCHEMA_VERSION,
  type Exam,
  type ExamQuestion,
  type QuestionKind,
  type Variant,
} from './variant.js';

/**
 * Hand-written fixtures for exporter and app tests (`@dlexam/types/testing`): one variant of every
 * kind with awkward text (`& < > " ' ]]>`, unicode, backslashes, TeX), and a two-version exam of them.
 * Values are fixed by hand so exporter tests never depend on a topic package.
 */

const NASTY =
  'Tricky text: & < > " \' ]]> — ünïcødé ✓, a backslash \\ and \\(\\frac{a}{b} \\le 10^{-5}\\).';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">' +
  '<rect x="1" y="1" width="118" height="58" fill="#fff" stroke="#000"/>' +
  '<text x="60" y="35" text-anchor="middle" font-size="14">5 × 5</text></svg>';

function base(
  kind: QuestionKind,
  templateId: string,
  seed: string,
): Omit<Variant, 'stem' | 'answer' | 'choices' | 'solution'> {
  return {
    schemaVersion: VARIANT_SCHEMA_VERSION,
    templateId,
    seed,
    kind,
    topic: 'cnn',
    title: `Sample ${kind} question`,
    difficulty: 2,
    tags: ['sample', kind],
    objective: 'Exercise every exporter path.',
    params: { n: 15, k: 5 },
    points: 2,
  };
}

export function sampleVariants(suffix = ''): Variant[] {
  const s = (x: string) => x + suffix;
  return [...numericSamples(s), ...choiceSamples(s), ...structuredSamples(s)];
}

/** The numeric variants: an integer, a decimal and a scientific-notation answer. */
function numericSamples(s: (x: string) => string): Variant[] {
  return [
    {
      ...base('numeric', 'cnn.sample-numeric', s('a1')),
      stem: `A \\(15 \\times 15\\) input is convolved with a \\(5 \\times 5\\) filter, stride 2, no padding (padding 0 on every side). What is the output width?\n\n${NASTY}`,
      answer: { kind: 'numeric', numeric: { value: 6, decimals: 0, tolerance: 0 } },
      choices: [
        { text: '6', plain: '6', correct: true, feedback: 'Correct.', value: 6 },
        {
          text: '5',
          plain: '5',
          correct: false,
          feedback: 'You left out the +1.',
          misconception: 'forgot-plus-one',
          value: 5,
        },
        {
          text: '11',
          plain: '11',
          correct: false,
          feedback: 'You ignored the stride.',
          misconception: 'ignored-stride',
          value: 11,
        },
      ],
      solution: '\\[ \\left\\lfloor \\frac{15 - 5}{2} \\right\\rfloor + 1 = 6 \\]',
      figure: { svg: SVG, alt: 'A 5 by 5 grid' },
    },
    {
      ...base('numeric', 'cnn.sample-decimal', s('a2')),
      stem: 'Compute \\(\\sigma(2) - 1\\). Round to 4 decimals.',
      answer: { kind: 'numeric', numeric: { value: -0.1192, decimals: 4, tolerance: 0.0001 } },
      choices: [
        { text: '-0.1192', plain: '-0.1192', correct: true, feedback: 'Correct.', value: -0.1192 },
        {
          text: '0.8808',
          plain: '0.8808',
          correct: false,
          feedback: 'You forgot to subtract y = 1.',
          misconception: 'forgot-label',
          value: 0.8808,
        },
      ],
      solution: '\\(\\sigma(2) = 0.8808\\), so the gradient is \\(0.8808 - 1 = -0.1192\\).',
    },
    {
      ...base('numeric', 'cnn.sample-sci', s('a3')),
      stem: 'Compute \\(1.5^{100}\\) to 3 significant figures.',
      answer: {
        kind: 'numeric',
        numeric: { value: 4.07e17, decimals: 0, sigFigs: 3, tolerance: 1e15 },
      },
      choices: [
        {
          text: '\\(4.07 \\times 10^{17}\\)',
          plain: '4.07 × 10^17',
          correct: true,
          feedback: 'Correct.',
          value: 4.07e17,
        },
      ],
      solution: '\\(1.5^{100} = e^{100 \\ln 1.5} \\approx 4.07 \\times 10^{17}\\).',
    },
  ];
}

/** The single- and multiple-answer variants. */
function choiceSamples(s: (x: string) => string): Variant[] {
  return [
    {
      ...base('single', 'cnn.sample-single', s('b1')),
      stem: `How many parameters does a layer of 16 filters of size \\(7 \\times 7 \\times 8\\) have, biases included? ${NASTY}`,
      answer: { kind: 'single', correct: 1 },
      choices: [
        {
          text: '6272',
          plain: '6272',
          correct: false,
          feedback: 'You forgot the 16 biases.',
          misconception: 'forgot-bias',
        },
        { text: '6288', plain: '6288', correct: true, feedback: 'Correct: (7·7·8 + 1)·16.' },
        {
          text: '6400 & <more>',
          plain: '6400 & <more>',
          correct: false,
          feedback: 'You added one bias per input channel.',
          misconception: 'bias-per-channel',
        },
        {
          text: '\\(\\frac{6288}{2}\\)',
          plain: '6288/2',
          correct: false,
          feedback: 'Halved for no reason.',
          misconception: 'halved',
        },
      ],
      solution: '\\((7 \\cdot 7 \\cdot 8 + 1) \\cdot 16 = 6288\\).',
    },
    {
      ...base('multiple', 'cnn.sample-multiple', s('c1')),
      stem: 'Which statements about convolutional layers are true? Select all that apply.',
      answer: { kind: 'multiple', correct: [0, 2] },
      choices: [
        {
          text: 'Weights are shared across spatial positions.',
          plain: 'Weights are shared across spatial positions.',
          correct: true,
          feedback: 'True: parameter sharing.',
        },
        {
          text: 'Each filter has one bias per input channel.',
          plain: 'Each filter has one bias per input channel.',
          correct: false,
          feedback: 'One bias per filter.',
          misconception: 'bias-per-channel',
        },
        {
          text: 'The number of output channels equals the number of filters.',
          plain: 'The number of output channels equals the number of filters.',
          correct: true,
          feedback: 'True.',
        },
        {
          text: 'Pooling layers have trainable weights "<w>".',
          plain: 'Pooling layers have trainable weights "<w>".',
          correct: false,
          feedback: 'Pooling has no parameters.',
          misconception: 'pooling-has-weights',
        },
      ],
      solution:
        'Parameter sharing and one output channel per filter are true; the others are false.',
    },
  ];
}

/** The matching, short-answer and table variants. */
function structuredSamples(s: (x: string) => string): Variant[] {
  return [
    {
      ...base('matching', 'cnn.sample-matching', s('d1')),
      stem: 'Match each optimizer to its update rule.',
      answer: {
        kind: 'matching',
        pairs: [
          {
            prompt: 'Momentum',
            answer: '\\(v \\gets \\rho v + g,\\; x \\gets x - \\alpha v\\)',
            promptPlain: 'Momentum',
            answerPlain: 'v ← ρ v + g, x ← x - α v',
          },
          {
            prompt: 'RMSProp',
            answer: '\\(s \\gets \\beta s + (1-\\beta) g^2\\)',
            promptPlain: 'RMSProp',
            answerPlain: 's ← β s + (1-β) g²',
          },
          {
            prompt: 'Gradient descent & <friends>',
            answer: '\\(x \\gets x - \\alpha g\\)',
            promptPlain: 'Gradient descent & <friends>',
            answerPlain: 'x ← x - α g',
          },
        ],
        distractors: [{ text: '\\(x \\gets x + \\alpha g\\)', plain: 'x ← x + α g' }],
      },
      choices: [],
      solution:
        'Momentum accumulates velocity; RMSProp scales by a running mean of squared gradients.',
    },
    {
      ...base('short', 'cnn.sample-short', s('e1')),
      stem: 'Which metric should the bettor optimise: precision or recall?',
      answer: { kind: 'short', accepted: ['precision'], caseSensitive: false },
      choices: [],
      solution: 'Every bet placed costs money, so false positives matter: precision.',
    },
    {
      ...base('table', 'cnn.sample-table', s('f1')),
      stem: 'Fill in the output shape, weights and biases of each layer. INPUT \\(128 \\times 128 \\times 3\\).',
      answer: {
        kind: 'table',
        header: ['Layer', 'Height', 'Weights', 'Biases', 'Pooling?'],
        rows: [
          [
            { type: 'text', text: 'CONV-9-32', plain: 'CONV-9-32' },
            { type: 'numeric', answer: { value: 120, decimals: 0, tolerance: 0 } },
            { type: 'numeric', answer: { value: 7776, decimals: 0, tolerance: 0 } },
            { type: 'numeric', answer: { value: 32, decimals: 0, tolerance: 0 } },
            {
              type: 'choice',
              options: [
                { text: 'yes', plain: 'yes' },
                { text: 'no', plain: 'no' },
              ],
              correct: 1,
            },
          ],
          [
            { type: 'text', text: 'POOL-2 & \\(\\max\\)', plain: 'POOL-2 & max' },
            { type: 'numeric', answer: { value: 60, decimals: 0, tolerance: 0 } },
            { type: 'numeric', answer: { value: 0, decimals: 0, tolerance: 0 } },
            { type: 'numeric', answer: { value: 0.5, decimals: 1, tolerance: 0.1 } },
            {
              type: 'choice',
              options: [
                { text: 'yes', plain: 'yes' },
                { text: '\\(\\neg\\) yes', plain: '¬ yes' },
              ],
              correct: 0,
            },
          ],
        ],
      },
      choices: [],
      solution: '\\(128 - 9 + 1 = 120\\); weights \\(9 \\cdot 9 \\cdot 3 \\cdot 32 = 7776\\).',
    },
  ];
}

/** What names a sample exam (`sampleExamOf`). */
export interface SampleExamMeta {
  title: string;
  seed: string;
  slug: string;
  course?: string;
  instructions?: string;
}

/**
 * An exam whose versions each hold the sample variants once (`sampleVariants(suffix)`, one suffix
 * per version, so versions differ in their seeds), one slot per sample question. `slotName`
 * names slot i (default: the variant's title).
 */
export function sampleExamOf(
  versions: readonly { code: string; suffix: string }[],
  meta: SampleExamMeta,
  slotName: (variant: Variant, i: number) => string = (variant) => variant.title,
): Exam {
  const built = versions.map(({ code, suffix }, index) => {
    const questions: ExamQuestion[] = sampleVariants(suffix).map((variant, i) => ({
      slot: i,
      slotName: slotName(variant, i),
      number: i + 1,
      points: variant.points,
      variant,
    }));
    return { code, index, questions };
  });
  const first = built[0]!.questions;
  return {
    schemaVersion: EXAM_SCHEMA_VERSION,
    ...meta,
    slots: first.map((q) => ({
      index: q.slot,
      name: q.slotName,
      templateIds: [q.variant.templateId],
      count: 1,
      points: q.points,
      kind: q.variant.kind,
    })),
    versions: built,
    totalPoints: first.reduce((s, q) => s + q.points, 0),
  };
}

/** A two-version exam holding every sample kind once per version. */
export function sampleExam(): Exam {
  return sampleExamOf(
    [
      { code: 'A', suffix: '-a' },
      { code: 'B', suffix: '-b' },
    ],
    {
      title: 'Sample Midterm & "Review" <2026>',
      course: 'Deep Learning 182',
      instructions: 'Answer every question. Show your work for partial credit.',
      seed: 'sample-seed',
      slug: 'sample-midterm-review-2026',
    },
  );
}

/**
 * mulberry32, a tiny seeded PRNG for the exporters' property tests: every run feeds the same
 * awkward inputs, so a failure reproduces. (Tests only; variants draw through seedrandom.)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * The exporters' character references decoded (the named basics and `nbsp`, decimal and hex), as
 * a browser or PHP's html_entity_decode reads them; an unknown name stays as it is.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED_REFERENCES[ref] ?? whole;
  });
}

/**
 * `fast-xml-parser` options that read an exported document as an LMS importer sees it: attributes
 * kept (named `<attributePrefix><name>`), text and attribute values left as the strings written,
 * white space kept, XML's own entities decoded and HTML's not. `isArray` names the elements that
 * always come as lists. The Moodle and QTI test readers and the grading contract's graders read
 * with it.
 */
export function importerXmlOptions(
  attributePrefix: string,
  isArray: (name: string, jpath: unknown, leaf: boolean, isAttribute: boolean) => boolean,
) {
  return {
    ignoreAttributes: false,
    attributeNamePrefix: attributePrefix,
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray,
  };
}

/**
 * Text pieces that break naive XML and HTML exporters: markup specials, the CDATA end and start,
 * entities written as text, backslashes, TeX braces, unicode beyond the BMP, a no-break space. The
 * Moodle and QTI property tests build random text from these and their LMS's own syntax.
 */
export const AWKWARD_XML_TEXT: readonly string[] = [
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '\\',
  '✓',
  '😀',
  '\u00a0',
  '&amp;',
  '<![CDATA[',
  // The mark the composer writes where serialized content is joined in: text holding it must
  // come out escaped and intact.
  '<dlexam-serialized-content/>',
  '$$',
  '{',
  '}',
  '#',
  '%',
  'x',
];
