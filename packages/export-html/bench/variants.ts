import { generateVariant } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';

/** `count` real variants: every CNN template and kind in turn, distinct seeds (so no formula repeats by construction). */
export function benchVariants(count = 1000): Variant[] {
  const plan = cnnTemplates.flatMap((t) => t.kinds.map((kind) => ({ t, kind })));
  return Array.from({ length: count }, (_, i) => {
    const { t, kind } = plan[i % plan.length]!;
    return generateVariant(t, `bench-${i}`, { kind });
  });
}
