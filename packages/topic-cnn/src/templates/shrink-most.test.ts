import { describe, expect, it } from 'vitest';
import { shrinkMostTemplate as t } from '@dlexam/topic-cnn';
import { correctChoice, checkTemplate, runProperty } from '@dlexam/generator/testing';

/** Independent: count window positions on the n×n map for each operation. */
function size(op: Record<string, any>, n: number): number {
  if (op.op === 'gap' || op.op === 'gmp') return 1;
  if (!('k' in op)) return n;
  const pad = op.p ?? 0;
  let count = 0;
  for (let start = 0; start + op.k <= n + 2 * pad; start += op.s) count++;
  return count;
}

describe('cnn.shrink-most', () => {
  it('the correct option has the strictly smallest output over 10,000 seeds', () => {
    let global = 0;
    runProperty(t, (v, p) => {
      const sizes = p.ops.map((o: any) => size(o, p.n));
      const min = Math.min(...sizes);
      expect(sizes.filter((s: number) => s === min)).toHaveLength(1);
      const best = p.ops[sizes.indexOf(min)];
      if (best.op === 'gap' || best.op === 'gmp') global++;
      expect(v.choices).toHaveLength(p.ops.length);
      expect(correctChoice(v)).toMatch(
        new RegExp(
          `^${best.op === 'gap' ? 'Global average' : best.op === 'gmp' ? 'Global max' : `${best.k}×${best.k}`}`,
        ),
      );
    });
    // The answer is not always global pooling.
    expect(global).toBeGreaterThan(2000);
    expect(global).toBeLessThan(8000);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100, everyKind: true });
  });
});
