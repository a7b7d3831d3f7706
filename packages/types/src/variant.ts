/**
 * The data shapes every package exchanges. A variant is a plain JSON-serializable object: the
 * generator makes it, exporters and apps only read it.
 */

/** The question kinds a template may support. */
export type QuestionKind = 'numeric' | 'single' | 'multiple' | 'matching' | 'short' | 'table';

export const QUESTION_KINDS: readonly QuestionKind[] = [
  'numeric',
  'single',
  'multiple',
  'matching',
  'short',
  'table',
];

/** The topics dlexam covers; each is one `topic-*` package. */
export type Topic = 'cnn' | 'rnn' | 'regularization' | 'optimization' | 'foundations';

export const TOPICS: readonly Topic[] = [
  'cnn',
  'rnn',
  'regularization',
  'optimization',
  'foundations',
];

/** 1 = recall, 2 = apply, 3 = analyse. */
export type Difficulty = 1 | 2 | 3;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Rich text: plain text with TeX math in `\( … \)` (inline) or `\[ … \]` (display), code in
 * backticks or ``` fences, and paragraphs separated by a blank line. See `parseRichText`.
 */
export type RichText = string;

/** A numeric answer: the exact value, the decimals it is stated to, and the accepted error. */
export interface NumericAnswer {
  value: number;
  /** Decimal places the stem asks for (0 = integer). */
  decimals: number;
  /** Set instead of `decimals` when the stem asks for significant figures (4.07×10¹⁷). */
  sigFigs?: number;
  /** Accepted absolute error around `value`: 0 for integers, by default one unit of the last asked decimal (the gate allows no more). */
  tolerance: number;
  unit?: string;
}

/** An option of a choice question, or a modelled wrong value of a numeric one. */
export interface Choice {
  text: RichText;
  /** Unicode/plain form of `text`, for places where an LMS cannot render TeX. */
  plain: string;
  correct: boolean;
  /** Shown when this option is picked: names the mistake a wrong option models. */
  feedback: string;
  /** Machine-readable tag of the misconception a wrong option models (`forgot-bias`). */
  misconception?: string;
  /** For numeric distractors: the wrong value itself. */
  value?: number;
}

export interface MatchPair {
  prompt: RichText;
  answer: RichText;
  promptPlain: string;
  answerPlain: string;
}

/** A table/cloze cell: fixed text, or a blank answered by a number or by a choice. */
export type TableCell =
  | { type: 'text'; text: RichText; plain: string }
  | { type: 'numeric'; answer: NumericAnswer }
  | { type: 'choice'; options: { text: RichText; plain: string }[]; correct: number };

export type Answer =
  | { kind: 'numeric'; numeric: NumericAnswer }
  | { kind: 'single'; correct: number }
  | { kind: 'multiple'; correct: number[] }
  | { kind: 'matching'; pairs: MatchPair[]; distractors: { text: RichText; plain: string }[] }
  | { kind: 'short'; accepted: string[]; caseSensitive: boolean }
  | { kind: 'table'; header: string[]; rows: TableCell[][] };

export interface Figure {
  /** A self-contained SVG document built from the variant's own parameters. */
  svg: string;
  alt: string;
}

export const VARIANT_SCHEMA_VERSION = 1;

export interface Variant {
  schemaVersion: typeof VARIANT_SCHEMA_VERSION;
  templateId: string;
  seed: string;
  kind: QuestionKind;
  topic: Topic;
  title: string;
  difficulty: Difficulty;
  tags: string[];
  objective: string;
  params: Record<string, Json>;
  stem: RichText;
  answer: Answer;
  /** Options for single/multiple; the correct value and modelled wrong values for numeric. */
  choices: Choice[];
  solution: RichText;
  points: number;
  figure?: Figure;
}

/** One question of an exam version. */
/** How hard one drawn variant is (see the README: "Balanced versions"). */
export interface VariantDifficulty {
  /** The work the variant asks for, by its template's measure (higher is harder). */
  effort: number;
  /** Its tercile among the template's variants of that kind: 1 easier, 2 typical, 3 harder. */
  level: Difficulty;
}

export interface ExamQuestion {
  slot: number;
  slotName: string;
  number: number;
  points: number;
  variant: Variant;
  /** The variant's difficulty (exams assembled since balanced versions). */
  difficulty?: VariantDifficulty;
}

export interface ExamVersion {
  /** Human version code: A, B, C … then AA, AB … */
  code: string;
  index: number;
  questions: ExamQuestion[];
}

/**
 * How a multiple-answer (select-all) question is scored; see `@dlexam/generator/grading`.
 * `right-minus-wrong`: each right option ticked +1/c, each wrong option ticked −1/c (c = number of
 * right options), floored at 0, so ticking every box never earns full marks.
 * `all-or-nothing`: full marks only for exactly the right set.
 */
export type MultipleScoring = 'right-minus-wrong' | 'all-or-nothing';

export const MULTIPLE_SCORINGS: readonly MultipleScoring[] = [
  'right-minus-wrong',
  'all-or-nothing',
];

export interface ExamSlotInfo {
  index: number;
  name: string;
  templateIds: string[];
  count: number;
  points: number;
  kind?: QuestionKind;
  /** Scoring of this slot's multiple-answer questions (absent in older exams: right-minus-wrong). */
  grading?: MultipleScoring;
  /** How evenly hard the slot's questions are across versions. */
  balance?: SlotBalance;
}

/** The difficulty balance of one exam slot across versions. */
export interface SlotBalance {
  /** The level every question of the slot was drawn at (1 easier, 2 typical, 3 harder). */
  level: Difficulty;
  /** True when the exam spec pinned the level (`difficulty:` in the slot). */
  pinned: boolean;
  /** The allowed spread of levels across the slot's questions (0: one level for every version). */
  band: number;
  /** The spread drawn: highest minus lowest level among the slot's questions. */
  spread: number;
  /** Lowest and highest effort among the slot's questions. */
  effort: { min: number; max: number };
}

export const EXAM_SCHEMA_VERSION = 1;

export interface Exam {
  schemaVersion: typeof EXAM_SCHEMA_VERSION;
  title: string;
  course?: string;
  instructions?: string;
  /** The seed the exam was drawn from; anyone holding it can regenerate the exam. */
  seed: string;
  /** A file-name-safe form of the title. */
  slug: string;
  slots: ExamSlotInfo[];
  versions: ExamVersion[];
  totalPoints: number;
}
