import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { shrinkMost as t, type ShrinkMostParams } from '@dlexam/topic-cnn';
import {
  checkValidPins,
  correctChoice,
  checkTemplate,
  runProperty,
} from '@dlexam/generator/testing';

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

  it('pins an ImageNet-sized 224×224×3 input, off the drawn map sizes', () => {
    // 2×2 max pooling with stride 3: ⌊(224 − 2)/3⌋ + 1 = 75; 5×5 conv: 220; softmax keeps 224;
    // global average pooling gives 1×1 and shrinks the most.
    const v = generateVariant(t, 'imagenet', {
      pins: {
        n: 224,
        c: 3,
        ops: [
          { op: 'maxpool', k: 2, s: 3 },
          { op: 'gap' },
          { op: 'softmax' },
          { op: 'conv', k: 5, s: 1, p: 0 },
        ],
      },
    });
    expect(correctChoice(v)).toBe('Global average pooling');
    expect(v.solution).toContain('= 75');
  });

  it('accepts valid pinned map sizes and channels, keying the strictly smallest output', () => {
    const r = checkValidPins(t, {
      count: 200,
      partial: true,
      check(v, p: ShrinkMostParams) {
        const sizes = p.ops.map((o) => size(o, p.n));
        const min = Math.min(...sizes);
        expect(sizes.filter((x) => x === min)).toHaveLength(1);
        const best = p.ops[sizes.indexOf(min)];
        const prefix =
          best?.op === 'gap'
            ? 'Global average'
            : best?.op === 'gmp'
              ? 'Global max'
              : best && 'k' in best
                ? `${best.k}×${best.k}`
                : 'no option';
        expect(correctChoice(v).startsWith(prefix)).toBe(true);
      },
    });
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(0);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100, everyKind: true });
  });
});
