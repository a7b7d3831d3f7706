import { generateVariant } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';

/**
 * `count` real variants: every CNN template and kind in turn, seeds `bench-<first>` onward. Different
 * `first` values give different formulas, so a bench can render sets KaTeX has not seen yet.
 */
export function benchVariants(count = 1000, first = 0): Variant[] {
  const plan = cnnTemplates.flatMap((t) => t.kinds.map((kind) => ({ t, kind })));
  return Array.from({ length: count }, (_, i) => {
    const { t, kind } = plan[(first + i) % plan.length]!;
    return generateVariant(t, `bench-${first + i}`, { kind });
  });
}
