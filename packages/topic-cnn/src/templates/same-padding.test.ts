import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { samePaddingTemplate as t, type SamePaddingParams } from '@dlexam/topic-cnn';
import {
  checkValidPins,
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
} from '@dlexam/generator/testing';

/** Independent: search the padding for which a slide count returns the input size. */
function searchSamePadding(n: number, f: number, d: number): number {
  const span = d * (f - 1) + 1;
  for (let p = 0; p <= span; p++) {
    let count = 0;
    for (let start = 0; start + span <= n + 2 * p; start++) count++;
    if (count === n) return p;
  }
  throw new Error('no same padding');
}

describe('cnn.same-padding', () => {
  it('answers match a padding search over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const want = searchSamePadding(p.n, p.f, p.d);
      if (v.kind === 'numeric') expect(numericValue(v)).toBe(want);
      else if (p.symbolic) expect(correctChoice(v)).toBe(`(${p.symbol} − 1)/2`);
      else expect(correctChoice(v)).toBe(String(want));
    });
  });

  it('pins an atrous (DeepLab-style) layer off the draw range: 3×3, dilation 4 on 513×513', () => {
    // d(f − 1)/2 = 4 · 2/2 = 4 zeros per side: 513 + 8 − 9 + 1 = 513.
    const v = generateVariant(t, 'deeplab', {
      kind: 'numeric',
      pins: { f: 3, d: 4, n: 513, symbolic: false, symbol: 'f' },
    });
    expect(numericValue(v)).toBe(4);
    expect(searchSamePadding(513, 3, 4)).toBe(4);
  });

  it('accepts valid pinned kernels, dilations and sizes, with the key of the padding search', () => {
    const r = checkValidPins(t, {
      count: 200,
      partial: true,
      check(v, p: SamePaddingParams) {
        const want = searchSamePadding(p.n, p.f, p.d);
        if (v.kind === 'numeric') expect(numericValue(v)).toBe(want);
        else if (p.symbolic) expect(correctChoice(v)).toBe(`(${p.symbol} − 1)/2`);
        else expect(correctChoice(v)).toBe(String(want));
      },
    });
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(0);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 3, everyKind: true });
  });
});
