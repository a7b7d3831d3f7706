import type { Exam } from '@dlexam/types';
import { sampleExamOf, sampleVariants } from '@dlexam/types/testing';

/**
 * A large exam for the export benchmark: `variants` variants spread over versions of the eight
 * sample questions (one of every kind, figures included), so `toQtiZip(qtiBenchExam(10_000))`
 * exports 10,000 variants into eight question groups.
 */
export function qtiBenchExam(variants = 10_000): Exam {
  const count = Math.max(1, Math.ceil(variants / sampleVariants().length));
  const versions = Array.from({ length: count }, (_, i) => ({
    code: `V${i + 1}`,
    suffix: `-${i + 1}`,
  }));
  return sampleExamOf(
    versions,
    { title: 'QTI export benchmark', seed: 'bench', slug: 'qti-bench' },
    (_, i) => `Slot ${i + 1}`,
  );
}
