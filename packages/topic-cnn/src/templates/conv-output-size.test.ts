import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { convOutputSizeTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

/** Independent: count the kernel positions by sliding along the padded axis. */
function slideCount(n: number, k: number, s: number, padTotal: number, d: number): number {
  const span = d * (k - 1) + 1;
  let count = 0;
  for (let start = 0; start + span <= n + padTotal; start += s) count++;
  return count;
}

describe('cnn.conv-output-size', () => {
  it('answers match a sliding-window count over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const P = p.padMode === 'total' ? p.p : 2 * p.p;
      const H = slideCount(p.h, p.k, p.s, P, p.d);
      const W = slideCount(p.w, p.k, p.s, P, p.d);
      if (p.padMode === 'same' && p.s === 1) expect([H, W]).toEqual([p.h, p.w]);
      if (v.kind === 'numeric') {
        const want =
          p.axis === 'channels' ? p.filters : p.dims === '1d' || p.axis === 'width' ? W : H;
        expect(numericValue(v)).toBe(want);
      } else if (v.kind === 'table') {
        const want = p.dims === '1d' ? [W] : p.filters > 0 ? [H, W, p.filters] : [H, W];
        expect(tableNumbers(v)).toEqual([want]);
      } else {
        const want =
          p.dims === '1d' ? String(W) : p.filters > 0 ? `${H}×${W}×${p.filters}` : `${H}×${W}`;
        expect(correctChoice(v)).toBe(want);
        for (const c of v.choices.filter((x) => !x.correct)) expect(c.misconception).toBeTruthy();
      }
      // Every stem states the padding convention.
      expect(v.stem).toMatch(/padding|valid/);
    });
  });

  it('includes pooling windows and 1-D convolutions', () => {
    let pools = 0;
    let oneD = 0;
    for (let i = 0; i < 500; i++) {
      const v = generateVariant(t, i);
      if (v.params.op !== 'conv') {
        pools++;
        expect(v.stem).toMatch(/pooling/);
      }
      if (v.params.dims === '1d') oneD++;
    }
    expect(pools).toBeGreaterThan(50);
    expect(oneD).toBeGreaterThan(50);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 20, everyKind: true });
  });
});
