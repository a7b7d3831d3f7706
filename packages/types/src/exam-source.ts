import type { Exam, ExamQuestion, ExamVersion, QuestionKind, Variant } from './variant.js';

/**
 * An exam without its questions: title, seed, slug, slots (with their balance), total points,
 * course and instructions — `Exam` minus `versions`.
 */
export type ExamHeader = Omit<Exam, 'versions'>;

/**
 * What identifies one question of an exam without its variant: where it sits (slot, number,
 * points, difficulty) and what regenerates it (template, variant seed, kind). Cheap to hold for
 * every question of a large exam; an exporter plans with refs (groups, idents, keys) and
 * materialises one question at a time.
 */
export interface ExamQuestionRef extends Omit<ExamQuestion, 'variant'> {
  /** `variant.templateId` */
  templateId: string;
  /** `variant.seed` */
  seed: string;
  /** `variant.kind` */
  kind: QuestionKind;
}

/**
 * An exam whose questions are materialised on demand, one at a time (by regenerating each variant
 * from its template, seed, kind and the slot's narrowing), so a writer holds one question, not the
 * exam: constant memory at any number of versions. `examSource(exam)` adapts an in-memory `Exam`;
 * the generator's `assembleExamSource` assembles one lazily.
 *
 * Questions are addressed by (version index, slot index, k), k < `header.slots[slot].count`. A
 * version holds its slots' questions slot by slot, numbered from 1 in that order. Every access of
 * `question`/`version` may regenerate (each costs one variant, never more): a writer asks for each
 * question once per pass. `ref` never materialises.
 */
export interface ExamSource {
  readonly header: ExamHeader;
  /** Version codes in order: A, B, … (one per version). */
  readonly versionCodes: readonly string[];
  /** Questions per version (the sum of the slots' counts). */
  readonly questionsPerVersion: number;
  /** The reference of a question, without materialising it. */
  ref(version: number, slot: number, k: number): ExamQuestionRef;
  /** Every question's reference of a version, in the version's order, without materialising any. */
  refs(version: number): ExamQuestionRef[];
  /** Materialises one question. */
  question(version: number, slot: number, k: number): ExamQuestion;
  /** Materialises one version (its questions in order). */
  version(version: number): ExamVersion;
}

function checkIndex(src: ExamSource, version: number, slot: number, k: number): void {
  const info = src.header.slots[slot];
  if (
    !Number.isInteger(version) ||
    version < 0 ||
    version >= src.versionCodes.length ||
    !info ||
    !Number.isInteger(k) ||
    k < 0 ||
    k >= info.count
  )
    throw new RangeError(
      `exam "${src.header.title}" has no question (version ${version}, slot ${slot}, ${k}); it has ${src.versionCodes.length} versions and ${src.header.slots.length} slots`,
    );
}

/** The reference of a materialised question. */
export function questionRef(q: ExamQuestion): ExamQuestionRef {
  const ref: ExamQuestionRef = {
    slot: q.slot,
    slotName: q.slotName,
    number: q.number,
    points: q.points,
    templateId: q.variant.templateId,
    seed: q.variant.seed,
    kind: q.variant.kind,
  };
  if (q.difficulty) ref.difficulty = q.difficulty;
  return ref;
}

/** The header of an exam: every field but `versions`, in the exam's key order. */
export function examHeader(exam: Exam): ExamHeader {
  const { versions: _versions, ...header } = exam;
  return header;
}

/**
 * An `ExamSource` over an exam held in memory (nothing regenerated). Its questions are found by
 * slot: `question(v, slot, k)` is the k-th question of that slot in version v's list, and
 * `version(v)` is `exam.versions[v]` itself.
 */
export function examSource(exam: Exam): ExamSource {
  // Per version: the positions of each slot's questions in its list.
  const positions: number[][][] = exam.versions.map((v) => {
    const bySlot: number[][] = exam.slots.map(() => []);
    v.questions.forEach((q, i) => bySlot[q.slot]?.push(i));
    return bySlot;
  });
  const at = (version: number, slot: number, k: number): ExamQuestion => {
    checkIndex(src, version, slot, k);
    const i = positions[version]?.[slot]?.[k];
    const q = i === undefined ? undefined : exam.versions[version]?.questions[i];
    if (!q)
      throw new RangeError(
        `exam "${exam.title}" version ${exam.versions[version]?.code} holds no question ${k + 1} of slot ${slot}`,
      );
    return q;
  };
  const src: ExamSource = {
    header: examHeader(exam),
    versionCodes: exam.versions.map((v) => v.code),
    questionsPerVersion: exam.slots.reduce((s, x) => s + x.count, 0),
    ref: (version, slot, k) => questionRef(at(version, slot, k)),
    refs(version) {
      const v = exam.versions[version];
      if (!v) throw new RangeError(`exam "${exam.title}" has no version ${version}`);
      return v.questions.map(questionRef);
    },
    question: at,
    version(version) {
      const v = exam.versions[version];
      if (!v) throw new RangeError(`exam "${exam.title}" has no version ${version}`);
      return v;
    },
  };
  return src;
}

/** Every version, materialised one at a time (version-major order). */
export function* sourceVersions(src: ExamSource): Generator<ExamVersion, void, undefined> {
  for (let v = 0; v < src.versionCodes.length; v++) yield src.version(v);
}

/** A question with the version it belongs to (`slotQuestions`). */
export interface VersionedQuestion {
  version: number;
  code: string;
  question: ExamQuestion;
}

/**
 * One slot's questions across versions (slot-major order: version A's questions of the slot, then
 * B's …), materialised one at a time — a Moodle category or a Canvas group.
 */
export function* slotQuestions(
  src: ExamSource,
  slot: number,
): Generator<VersionedQuestion, void, undefined> {
  const count = src.header.slots[slot]?.count ?? 0;
  for (let v = 0; v < src.versionCodes.length; v++)
    for (let k = 0; k < count; k++)
      yield { version: v, code: src.versionCodes[v] as string, question: src.question(v, slot, k) };
}

/** The whole exam in memory (every question materialised): for small exams and tests. */
export function materializeExam(src: ExamSource): Exam {
  const exam: Record<string, unknown> = {};
  // The key order of an assembled exam: versions right after slots.
  for (const [key, value] of Object.entries(src.header)) {
    exam[key] = value;
    if (key === 'slots') exam.versions = [...sourceVersions(src)];
  }
  return exam as unknown as Exam;
}

/**
 * A question as an exporter plans it: where it sits and what identifies its variant, which is
 * materialised (`load`) only when the question is written, one at a time.
 */
export interface PlannedQuestion {
  slot: number;
  number: number;
  points: number;
  templateId: string;
  seed: string;
  kind: QuestionKind;
  load: () => Variant;
}

/** An exam as an exporter plans it: the header and every version's planned questions. */
export interface ExamPlan extends ExamHeader {
  versions: { code: string; index: number; questions: PlannedQuestion[] }[];
}

/** A source's question (version `v`, slot position `si`, k-th of the slot), planned: nothing is materialised until `load`. */
export function plannedQuestion(
  src: ExamSource,
  v: number,
  si: number,
  k: number,
): PlannedQuestion {
  const ref = src.ref(v, si, k);
  return {
    slot: ref.slot,
    number: ref.number,
    points: ref.points,
    templateId: ref.templateId,
    seed: ref.seed,
    kind: ref.kind,
    load: () => src.question(v, si, k).variant,
  };
}

/**
 * The plan of an exam in memory or of an `ExamSource` (whose questions are materialised one at a
 * time, as each is loaded; a source's slots hold their count in every version, slot by slot).
 */
export function examPlan(exam: Exam | ExamSource): ExamPlan {
  if (!isExamSource(exam))
    return {
      ...exam,
      versions: exam.versions.map((v) => ({
        code: v.code,
        index: v.index,
        questions: v.questions.map((q) => ({
          slot: q.slot,
          number: q.number,
          points: q.points,
          templateId: q.variant.templateId,
          seed: q.variant.seed,
          kind: q.variant.kind,
          load: () => q.variant,
        })),
      })),
    };
  return {
    ...exam.header,
    versions: exam.versionCodes.map((code, v) => {
      const questions: PlannedQuestion[] = [];
      exam.header.slots.forEach((info, si) => {
        for (let k = 0; k < info.count; k++) questions.push(plannedQuestion(exam, v, si, k));
      });
      return { code, index: v, questions };
    }),
  };
}

/** Whether a value is an `ExamSource` (rather than an in-memory `Exam`). */
export function isExamSource(x: Exam | ExamSource): x is ExamSource {
  return (
    typeof x === 'object' &&
    x !== null &&
    'header' in x &&
    typeof (x as ExamSource).question === 'function'
  );
}
