import { describe, expect, it } from 'vitest';
import { assembleExam, contentKey, parseExamSpec, poolSize } from '@dlexam/generator';
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
});
