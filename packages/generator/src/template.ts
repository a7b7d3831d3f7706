import type { Difficulty, Figure, QuestionKind, Topic, Variant } from '@dlexam/types';
import type { ParamSchema, Params } from './params.js';
import type { Rng } from './rng.js';
import type { GenericGate } from './trivial.js';

/**
 * A relation between parameters. A **validity** rule (the default) is what the math needs
 * (`kernel ≤ padded input`): every variant meets it, pinned ones included, and a pin that breaks it
 * is refused with its `description`. A **draw preference** (`prefer: true`) only makes random
 * variants pleasant (`fan-in ≠ fan-out, so the mixed-up formulas differ`): draws meet it, pins do
 * not have to.
 */
export interface Constraint<P> {
  /** The rule in words; a refused pin quotes it. */
  description: string;
  check(p: P): boolean;
  /** A draw preference, not a validity rule: pinned values need not meet it. */
  prefer?: boolean;
  /**
   * The parameters a draw preference involves: it is set aside when any of them is pinned (by
   * `--params`, or a single value in exam.yaml). Without it, any pinned parameter sets it aside.
   */
  params?: readonly string[];
}

/** A wrong value a student reaches through a named mistake. */
export interface NumericDistractor {
  value: number;
  /** Kebab-case tag of the misconception (`forgot-plus-one`). */
  misconception: string;
  /** One sentence naming the mistake, shown when a student gives this value. */
  feedback: string;
}

export interface OptionSpec {
  /** Rich text (may hold `\( … \)`). */
  text: string;
  /** Plain Unicode form; derived from `text` when omitted. */
  plain?: string;
  correct: boolean;
  misconception?: string;
  /** Why this option is right or wrong; required for wrong options. */
  feedback: string;
}

export type TableCellSpec =
  | { type: 'text'; text: string; plain?: string }
  | { type: 'numeric'; value: number; decimals: number; tolerance?: number }
  | { type: 'choice'; options: string[]; correct: number };

/** What a template's `build` returns: the generator turns it into a `Variant` for the asked kind. */
export type BodyAnswer =
  | {
      type: 'numeric';
      value: number;
      /** Decimal places the stem asks for; the value is rounded to them. */
      decimals: number;
      /** Or significant figures, for answers such as 4.07×10¹⁷ (then decimals is ignored). */
      sigFigs?: number;
      /** Accepted absolute error; defaults to 0 for integers, one unit of the last decimal otherwise. */
      tolerance?: number;
      unit?: string;
      distractors: NumericDistractor[];
    }
  | { type: 'choice'; options: OptionSpec[] }
  | {
      type: 'matching';
      pairs: { prompt: string; answer: string }[];
      /** Extra answers that match no prompt. */
      distractors?: string[];
    }
  | { type: 'short'; accepted: string[]; caseSensitive?: boolean }
  | { type: 'table'; header: string[]; rows: TableCellSpec[][] };

export interface QuestionBody {
  /** Rich text; must state every convention the answer depends on. */
  stem: string;
  /** Rich text worked solution. */
  solution: string;
  answer: BodyAnswer;
  figure?: Figure;
}

export interface BuildContext {
  /** The kind being generated (one of the template's `kinds`). */
  kind: QuestionKind;
  /** Stream for wording and option choices; independent of the parameter stream. */
  rng: Rng;
  /** Renders a handlebars source with the shared helpers (see text.ts). */
  render(source: string, data: object): string;
}

/** A seed exercise this template reproduces (`S001-conv-15`). */
export interface Fixture<P> {
  /** The row id in SEED-EXERCISES.md. */
  id: string;
  params: P;
  kind?: QuestionKind;
  note?: string;
}

export interface Template<P extends Params = Params> {
  /** Stable dotted id: `<topic>.<name>`. */
  id: string;
  topic: Topic;
  title: string;
  /** The learning objective, one sentence. */
  objective: string;
  difficulty: Difficulty;
  tags: string[];
  /** Supported kinds; the first is the default. */
  kinds: readonly QuestionKind[];
  params: ParamSchema;
  constraints?: Constraint<P>[];
  /**
   * Draws parameters. Optional: without it each parameter is drawn uniformly from its spec and
   * constraints are enforced by rejection. A custom sampler must stay inside the schema.
   */
  sample?(rng: Rng): P;
  build(p: P, ctx: BuildContext): QuestionBody;
  /**
   * What "trivial" means for this template: why a built variant can be answered without the
   * intended computation (a zero weight row that makes the asked entry 0 or equal to a bias, an
   * identity that makes the output equal an input, a stride that skips every interesting cell), or
   * null. Such draws are redrawn, like those the generic gates (`trivialProblem`) reject.
   */
  trivial?(p: P, v: Variant): string | null;
  /** Generic gates waived because that is the point of the question (`all-options-correct`). */
  allowTrivial?: readonly GenericGate[];
  /**
   * Parameters that follow another unless set themselves (`{ kw: 'k' }`): when the leader is pinned
   * or narrowed (an instructor's `k: 5`) and the follower is neither, the follower takes the
   * leader's value, so a kernel pinned as 5 stays 5×5 rather than taking a width the sampler drew
   * for another height. Random draws keep the sampler's values.
   */
  follows?: Readonly<Record<string, string>>;
  /**
   * The work a variant asks for, from its parameters (arithmetic steps, cells to fill, statements
   * to judge…), documented per template; higher is harder. Without it the generic measure of the
   * variant is used (`variantEffort`). Exam assembly balances versions on it.
   */
  effort?(p: P, kind: QuestionKind): number;
  fixtures?: Fixture<P>[];
  /**
   * The author's independent computation of the answer (optional): throws when the variant's key is
   * wrong for its params. `dlexam check` and the loaders run it; built-in templates test in vitest.
   */
  verify?(variant: Variant, params: P): void;
}

/** Identity helper that gives templates full type inference. */
export function defineTemplate<P extends Params>(t: Template<P>): Template<P> {
  return t;
}

/**
 * A template of any parameter type: what registries, template lists and exam assembly hold. Its
 * `any` is confined here; a template's own code keeps its exact parameter type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTemplate = Template<any>;
