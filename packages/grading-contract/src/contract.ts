import { variantsToMoodleXml } from '@dlexam/export-moodle';
import { toQtiAssessmentXml } from '@dlexam/export-qti';
import {
  checkResponse,
  generateVariant,
  gradeNumeric,
  parseNumber,
  type AnyTemplate,
} from '@dlexam/generator';
import {
  EXAM_SCHEMA_VERSION,
  type Exam,
  type MultipleScoring,
  type QuestionKind,
  type Variant,
} from '@dlexam/types';
import { canvasGrade, readQtiItems, type CanvasItem } from './canvas-grader.js';
import { moodleGrade, readMoodleQuiz, type MoodleQuestion } from './moodle-grader.js';
import { modelResponse, scriptedResponses, type ScriptedResponse } from './responses.js';

/**
 * The grading contract: every scripted response to every variant is scored three ways — by the
 * grading model (`checkResponse`), by Moodle's rules applied to the exported Moodle XML, and by
 * Canvas Classic's rules applied to the exported QTI — and all three must agree. For numerical
 * questions the Moodle answer that matched must also be the mistake the model recognised (so the
 * feedback a student sees names their own mistake).
 */

/** Scores are fractions; Moodle's fractions are 7-digit decimals (33.33333 %), hence the slack. */
export const SCORE_SLACK = 1e-5;

export interface Disagreement {
  templateId: string;
  seed: string;
  kind: QuestionKind;
  response: string;
  model: number;
  moodle: number;
  canvas: number | null;
  /** What differs beyond the scores (feedback of a numerical answer). */
  note?: string;
}

export interface ContractResult {
  variants: number;
  responses: number;
  disagreements: Disagreement[];
}

/** How the exported files may be altered before grading (to show the contract can fail). */
export interface Tamper {
  moodle?: (xml: string) => string;
  qti?: (xml: string) => string;
}

/** The exam the QTI export needs around bare variants: one slot, one version, in order. */
export function examOfVariants(variants: Variant[], grading: MultipleScoring): Exam {
  return {
    schemaVersion: EXAM_SCHEMA_VERSION,
    title: 'Grading contract',
    seed: 'contract',
    slug: 'grading-contract',
    slots: [
      {
        index: 0,
        name: 'contract',
        templateIds: [...new Set(variants.map((v) => v.templateId))],
        count: variants.length,
        points: 1,
        grading,
      },
    ],
    versions: [
      {
        code: 'A',
        index: 0,
        questions: variants.map((variant, i) => ({
          slot: 0,
          slotName: 'contract',
          number: i + 1,
          points: 1,
          variant,
        })),
      },
    ],
    totalPoints: variants.length,
  };
}

function describe(r: ScriptedResponse): string {
  const { label, ...rest } = r;
  return `${label}: ${JSON.stringify(rest)}`;
}

/** Runs the contract over given variants (all graded with `grading` for multiple answers). */
export function checkVariants(
  variants: Variant[],
  grading: MultipleScoring = 'right-minus-wrong',
  tamper: Tamper = {},
): ContractResult {
  let xml = variantsToMoodleXml(variants, { mode: 'plain', multipleGrading: grading });
  if (tamper.moodle) xml = tamper.moodle(xml);
  const moodle = readMoodleQuiz(xml);
  let qti = toQtiAssessmentXml(examOfVariants(variants, grading), { mode: 'plain' });
  if (tamper.qti) qti = tamper.qti(qti);
  const items = readQtiItems(qti);
  if (items.length !== variants.length)
    throw new Error(`QTI holds ${items.length} items for ${variants.length} variants`);
  const disagreements: Disagreement[] = [];
  let responses = 0;
  variants.forEach((v, i) => {
    const mq = moodle.get(`${v.templateId}@${v.seed}`);
    if (!mq) throw new Error(`Moodle XML lacks ${v.templateId}@${v.seed}`);
    for (const r of scriptedResponses(v)) {
      responses++;
      const found = gradeThreeWays(v, r, mq, items[i] as CanvasItem, grading);
      if (found) disagreements.push(found);
    }
  });
  return { variants: variants.length, responses, disagreements };
}

function gradeThreeWays(
  v: Variant,
  r: ScriptedResponse,
  mq: MoodleQuestion,
  item: CanvasItem,
  grading: MultipleScoring,
): Disagreement | null {
  const model = checkResponse(v, modelResponse(r, v), { multiple: grading });
  const m = moodleGrade(mq, r);
  const canvas = r.moodleOnly ? null : canvasGrade(item, r);
  const off = (x: number) => Math.abs(x - model.score) > SCORE_SLACK;
  let note: string | undefined;
  if (r.kind === 'numeric' && v.answer.kind === 'numeric') {
    // The answer Moodle matched must be the key when the model says correct, else the band of
    // the mistake the model recognised (or none): Moodle shows that answer's feedback.
    const x = parseNumber(r.value);
    const graded = x === null ? null : gradeNumeric(v.answer.numeric, x, v.choices);
    const expected = graded?.correct ? 'key' : (graded?.band?.value ?? null);
    const got = m.matched == null ? null : m.score > 0 ? 'key' : m.matched;
    if (expected !== got) note = `Moodle matched ${String(got)}, the model ${String(expected)}`;
  }
  if (!off(m.score) && (canvas === null || !off(canvas)) && note === undefined) return null;
  const d: Disagreement = {
    templateId: v.templateId,
    seed: v.seed,
    kind: v.kind,
    response: describe(r),
    model: model.score,
    moodle: m.score,
    canvas,
  };
  if (note) d.note = note;
  return d;
}

/**
 * The contract on an exam's own export files (as `dlexam generate` wrote them, in the default
 * categories / groups mode): every distinct question of every slot, scored by the model with its
 * slot's grading, by Moodle's rules on `moodleXml` and by Canvas's rules on the QTI assessment.
 */
export function checkExamFiles(
  exam: Exam,
  files: { moodleXml: string; qtiAssessmentXml: string },
): ContractResult {
  const moodle = readMoodleQuiz(files.moodleXml);
  const items = readQtiItems(files.qtiAssessmentXml);
  const disagreements: Disagreement[] = [];
  let responses = 0;
  let variants = 0;
  let itemIndex = 0;
  for (const slot of [...exam.slots].sort((a, b) => a.index - b.index)) {
    const seen = new Set<string>();
    for (const version of exam.versions)
      for (const q of version.questions) {
        if (q.slot !== slot.index) continue;
        const v = q.variant;
        const key = `${v.templateId}\n${v.seed}\n${v.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        variants++;
        const id = `${v.templateId}@${v.seed}`;
        const mq = moodle.get(id) ?? moodle.get(`${id}/${v.kind}`);
        const item = items[itemIndex++];
        if (!mq || !item) throw new Error(`the exported files lack ${id} (${v.kind})`);
        for (const r of scriptedResponses(v)) {
          responses++;
          const found = gradeThreeWays(v, r, mq, item, slot.grading ?? 'right-minus-wrong');
          if (found) disagreements.push(found);
        }
      }
  }
  if (itemIndex !== items.length)
    throw new Error(
      `the QTI holds ${items.length} items, the exam ${itemIndex} distinct questions`,
    );
  return { variants, responses, disagreements };
}

/** `seeds` variants of each template × kind, with deterministic seeds `c<i>`. */
export function contractVariants(
  templates: readonly AnyTemplate[],
  seeds: number,
  onPair?: (templateId: string, kind: QuestionKind) => void,
): Variant[][] {
  const out: Variant[][] = [];
  for (const t of templates)
    for (const kind of t.kinds) {
      onPair?.(t.id, kind);
      const batch: Variant[] = [];
      for (let i = 0; i < seeds; i++) batch.push(generateVariant(t, `c${i}`, { kind }));
      out.push(batch);
    }
  return out;
}
