import { describe, expect, it } from 'vitest';
import { convVsDenseTemplate as t } from '@dlexam/topic-cnn';
import { correctChoice, checkTemplate, numericValue, runProperty } from '@dlexam/generator/testing';

/** Independent: exact counts in BigInt (weights per unit × units + biases), rounded to 3 s.f. for dense. */
function reference(p: {
  mp: number;
  channels: number;
  units: number;
  k: number;
  filters: number;
  ask: string;
}): number {
  if (p.ask === 'dense') {
    const exact =
      BigInt(p.mp) * 1_000_000n * BigInt(p.channels) * BigInt(p.units) + BigInt(p.units);
    return Number(Number(exact).toPrecision(3));
  }
  const oneFilter = Array.from({ length: p.channels }, () =>
    new Array<number>(p.k * p.k).fill(0),
  ).flat().length;
  return (oneFilter + 1) * p.filters;
}

describe('cnn.conv-vs-dense', () => {
  it('answers match exact BigInt counts over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const want = reference(p);
      if (v.kind === 'numeric') {
        expect(numericValue(v)).toBe(want);
        if (p.ask === 'dense')
          expect(v.answer.kind === 'numeric' && v.answer.numeric.sigFigs).toBe(3);
      } else if (p.ask === 'conv') expect(correctChoice(v)).toBe(String(want));
      else expect(v.choices.find((c) => c.correct)!.value).toBe(want);
      if (p.ask === 'dense') expect(v.stem).toMatch(/3 significant figures/);
    });
  });

  it('reproduces the seed 003 estimate: 12 MP RGB into 100 units ≈ 3.60 × 10⁹', () => {
    const f = t.fixtures!.find((x) => x.id === 'S003-dense-12mp')!;
    expect(reference(f.params as any)).toBe(3.6e9);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
