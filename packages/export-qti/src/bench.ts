import { EXAM_SCHEMA_VERSION, type Exam, type ExamVersion } from '@dlexam/types';
import { sampleVariants } from '@dlexam/types/testing';

/**
 * A large exam for the export benchmark: `variants` variants spread over versions of the eight
 * sample questions (one of every kind, figures included), so `toQtiZip(qtiBenchExam(10_000))`
 * exports 10,000 variants into eight question groups.
 */
export function qtiBenchExam(variants = 10_000): Exam {
  const perVersion = sampleVariants().length;
  const count = Math.max(1, Math.ceil(variants / perVersion));
  const versions: ExamVersion[] = [];
  for (let index = 0; index < count; index++) {
    const code = `V${index + 1}`;
    versions.push({
      code,
      index,
      questions: sampleVariants(`-${index + 1}`).map((variant, i) => ({
        slot: i,
        slotName: `Slot ${i + 1}`,
        number: i + 1,
        points: variant.points,
        variant,
      })),
    });
  }
  const first = versions[0]!.questions;
  return {
    schemaVersion: EXAM_SCHEMA_VERSION,
    title: 'QTI export benchmark',
    seed: 'bench',
    slug: 'qti-bench',
    slots: first.map((q) => ({
      index: q.slot,
      name: q.slotName,
      templateIds: [q.variant.templateId],
      count: 1,
      points: q.points,
      kind: q.variant.kind,
    })),
    versions,
    totalPoints: first.reduce((s, q) => s + q.points, 0),
  };
}
