import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { samePaddingTemplate as t, type SamePaddingParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { correctChoice, checkTemplate, numericValue, runProperty } from '@dlexam/generator/testing';
import { checkPartialPins, expectKey } from '../../test/key-checks.js';

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

/** The key is the searched padding, or the formula (f − 1)/2 in the variant's symbol. */
function expectSearchedKey(v: Variant, p: SamePaddingParams): void {
  if (v.kind === 'single' && p.symbolic) expect(correctChoice(v)).toBe(`(${p.symbol} − 1)/2`);
  else expectKey(v, { value: searchSamePadding(p.n, p.f, p.d) });
}

describe('cnn.same-padding', () => {
  it('answers match a padding search over 10,000 seeds', () => {
    runProperty(t, expectSearchedKey);
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
    checkPartialPins(t, expectSearchedKey, { offDraw: 'some' });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 3, everyKind: true });
  });
});
