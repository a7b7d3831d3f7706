import type { Exam, Variant } from '@dlexam/types';
import { AnalyzeError } from './errors.js';
import { normalizeText } from './text.js';

/** One distinct variant of an exam, as the analysis sees it. */
export interface ExamItem {
  /** `templateId@seed`: the id Moodle's question names carry (`[cnn.conv-output-size@3f29…]`). */
  id: string;
  /** Exam question number (1-based) it is asked at; in LMS terms the quiz slot. */
  question: number;
  slot: number;
  slotName: string;
  points: number;
  variant: Variant;
  /** Version codes that hold it. */
  versions: string[];
  /** Normalized stem (see `normalizeText`). */
  stem: string;
}

export interface ExamIndex {
  exam: Exam;
  /** Question numbers 1…Q of one version. */
  questions: { number: number; slot: number; slotName: string; points: number }[];
  items: ExamItem[];
  /** Items by question number. */
  byQuestion: Map<number, ExamItem[]>;
  byId: Map<string, ExamItem>;
}

/** Reads and checks an exam JSON (schema `dlexam.exam/1`) and indexes its distinct variants. */
export function indexExam(json: unknown, file: string): ExamIndex {
  const exam = json as Exam;
  if (
    !exam ||
    typeof exam !== 'object' ||
    exam.schemaVersion !== 1 ||
    !Array.isArray(exam.versions) ||
    !exam.versions.length ||
    !Array.isArray(exam.slots)
  )
    throw new AnalyzeError(
      'not a dlexam exam JSON; expected the <exam>.exam.json that dlexam generate wrote (schema dlexam.exam/1)',
      file,
    );
  const first = exam.versions[0]!;
  const questions = first.questions.map((q) => ({
    number: q.number,
    slot: q.slot,
    slotName: q.slotName,
    points: q.points,
  }));
  const byId = new Map<string, ExamItem>();
  const byQuestion = new Map<number, ExamItem[]>();
  for (const version of exam.versions) {
    if (version.questions.length !== questions.length)
      throw new AnalyzeError(
        `version ${version.code} has ${version.questions.length} questions, version ${first.code} ${questions.length}; expected the same number in every version`,
        file,
      );
    for (const q of version.questions) {
      const v = q.variant;
      if (!v || typeof v.templateId !== 'string' || !v.answer || typeof v.stem !== 'string')
        throw new AnalyzeError(
          `version ${version.code} question ${q.number} has no valid variant; expected dlexam.exam/1`,
          file,
        );
      const id = `${v.templateId}@${v.seed}`;
      const known = byId.get(id);
      if (known) {
        if (!known.versions.includes(version.code)) known.versions.push(version.code);
        continue;
      }
      const item: ExamItem = {
        id,
        question: q.number,
        slot: q.slot,
        slotName: q.slotName,
        points: q.points,
        variant: v,
        versions: [version.code],
        stem: normalizeText(v.stem),
      };
      byId.set(id, item);
      const list = byQuestion.get(q.number) ?? [];
      list.push(item);
      byQuestion.set(q.number, list);
    }
  }
  return { exam, questions, items: [...byId.values()], byQuestion, byId };
}

/** Items that may stand at question `n` in an LMS: every variant of the slot of that question. */
export function candidatesOf(index: ExamIndex, n: number): ExamItem[] {
  const slot = index.questions[n - 1]?.slot;
  return index.items.filter((i) => i.slot === slot);
}
