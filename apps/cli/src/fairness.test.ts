import { describe, expect, it } from 'vitest';
import {
  assembleExam,
  contentKey,
  generateVariant,
  parseExamSpec,
  poolSize,
  variantEffort,
} from '@dlexam/generator';
import type { QuestionKind } from '@dlexam/types';
import { registry } from './catalog.js';

/** Issue 18: pool sizes that hold, and balanced versions, over every template dlexam ships. */
describe('fair versions over every template', () => {
  it('asking for exactly the listed pool (where it is at most 2,000) succeeds for every template × kind', () => {
    let checked = 0;
    for (const t of registry.list())
      for (const kind of t.kinds as QuestionKind[]) {
        const pool = poolSize(t, { kind });
        if (pool.variantsAtLeast || pool.variants > 2000 || pool.variants === 0) continue;
        const spec = parseExamSpec(
          { title: 'Pool', versions: pool.variants, slots: [{ template: t.id, kind }] },
          registry,
        );
        const exam = assembleExam(spec, registry, { seed: `pool-${checked}` });
        const keys = new Set(exam.versions.map((v) => contentKey(v.questions[0]!.variant, t)));
        expect(keys.size, `${t.id} (${kind})`).toBe(pool.variants);
        checked++;
      }
    expect(checked).toBeGreaterThan(40);
  });

  it('an exam of 40 versions × 10 slots keeps every slot within its difficulty band', () => {
    const ids = [
      'cnn.conv-output-size',
      'cnn.conv-arithmetic',
      'cnn.pooling',
      'cnn.concepts',
      'rnn.rnn-step',
      'rnn.lstm-step',
      'rnn.gru-step',
      'regularization.techniques-select-all',
      'foundations.softmax-ce',
      'optimization.optimizer-step',
    ];
    const spec = parseExamSpec(
      {
        title: 'Midterm',
        versions: 40,
        slots: ids.map((template) => ({ template })),
      },
      registry,
    );
    const exam = assembleExam(spec, registry, { seed: 'fair-midterm' });
    for (const [si, slot] of exam.slots.entries()) {
      const b = slot.balance!;
      expect(b.spread, slot.templateIds[0]).toBeLessThanOrEqual(b.band);
      expect(b.band, slot.templateIds[0]).toBe(0);
      const levels = exam.versions.map((v) => v.questions[si]!.difficulty!.level);
      expect(Math.max(...levels) - Math.min(...levels)).toBe(b.spread);
    }
  });

  it('iterative templates count the work of every step in their effort', () => {
    const effort = (id: string, pins: Record<string, unknown>, kind = 'numeric') => {
      const t = registry.get(id);
      return variantEffort(
        t,
        generateVariant(t, 'effort', { kind: kind as 'numeric', pins: pins as never }),
      );
    };
    const perceptron = { fn: 'AND', init: [1, 1, 1], eta: 1, ask: 'b' };
    expect(effort('foundations.perceptron-steps', { ...perceptron, steps: 8 })).toBeGreaterThan(
      effort('foundations.perceptron-steps', { ...perceptron, steps: 2 }),
    );
    const adam = { optimizer: 'adam', x0: [1.5], curvature: [2], steps: 4 };
    const adagrad = { ...adam, optimizer: 'adagrad' };
    expect(effort('optimization.adaptive-run', adam)).toBeGreaterThan(
      effort('optimization.adaptive-run', adagrad),
    );
    expect(effort('optimization.adaptive-run', { ...adam, steps: 8 })).toBe(
      2 * effort('optimization.adaptive-run', adam) - 1,
    );
    const momentum = { x0: [2, -1], curvature: [1, 3], lr: 0.1, rho: 0.9, convention: 'pytorch' };
    expect(
      effort('optimization.momentum-steps', { ...momentum, steps: 3 }, 'table'),
    ).toBeGreaterThan(effort('optimization.momentum-steps', { ...momentum, steps: 3 }));
  });
});
