import type { Exam, Variant } from '@dlexam/types';
import type { QtiFile } from '@dlexam/export-qti';

/** An exam of one version holding the given variants, one slot each. */
export function examOf(variants: Variant[], title = 'Exam'): Exam {
  return {
    schemaVersion: 1,
    title,
    seed: 'test-seed',
    slug: 'test-exam',
    slots: variants.map((v, i) => ({
      index: i,
      name: `Slot ${i + 1}`,
      templateIds: [v.templateId],
      count: 1,
      points: v.points,
      kind: v.kind,
    })),
    versions: [
      {
        code: 'A',
        index: 0,
        questions: variants.map((variant, i) => ({
          slot: i,
          slotName: `Slot ${i + 1}`,
          number: i + 1,
          points: variant.points,
          variant,
        })),
      },
    ],
    totalPoints: variants.reduce((s, v) => s + v.points, 0),
  };
}

export const assessmentsOf = (files: QtiFile[]) =>
  files.filter((f) => f.content.includes('<questestinterop'));
export const metasOf = (files: QtiFile[]) =>
  files.filter((f) => f.path.endsWith('/assessment_meta.xml'));
