import { describe, expect, it } from 'vitest';
import { samePaddingTemplate as t } from '@dlexam/topic-cnn';
import { correctChoice, checkTemplate, numericValue, runProperty } from '@dlexam/generator/testing';

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

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 3, everyKind: true });
  });
});
