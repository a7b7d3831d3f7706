import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { convVsDense as t, type ConvVsDenseParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { correctChoice, checkTemplate, numericValue, runProperty } from '@dlexam/generator/testing';
import { checkPartialPins } from '../../test/key-checks.js';

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

/** The key: the exact count, as a numeric answer or as the correct option's value. */
function expectCountKey(v: Variant, p: ConvVsDenseParams): void {
  expect(numericValue(v)).toBe(reference(p));
}

describe('cnn.conv-vs-dense', () => {
  it('answers match exact BigInt counts over 10,000 seeds', () => {
    runProperty(t, (v, p: ConvVsDenseParams) => {
      expectCountKey(v, p);
      if (v.kind === 'numeric' && p.ask === 'dense')
        expect(v.answer.kind === 'numeric' && v.answer.numeric.sigFigs).toBe(3);
      if (v.kind === 'single' && p.ask === 'conv')
        expect(correctChoice(v)).toBe(String(reference(p)));
      if (p.ask === 'dense') expect(v.stem).toMatch(/3 significant figures/);
    });
  });

  it('reproduces the seed 003 estimate: 12 MP RGB into 100 units ≈ 3.60 × 10⁹', () => {
    const f = t.fixtures!.find((x) => x.id === 'S003-dense-12mp')!;
    expect(reference(f.params as any)).toBe(3.6e9);
  });

  it('pins a 20-megapixel 4-channel (RGB + near-infrared) image, off the drawn sizes', () => {
    const pins = { mp: 20, channels: 4, units: 1000, k: 5, filters: 256 };
    // Dense: 20 · 10⁶ · 4 · 1000 + 1000 = 80,000,001,000 ≈ 8.00 × 10¹⁰.
    const dense = generateVariant(t, 'nir', { kind: 'numeric', pins: { ...pins, ask: 'dense' } });
    expect(numericValue(dense)).toBe(8e10);
    expect(dense.stem).toMatch(/4-channel/);
    // Conv: (5 · 5 · 4 + 1) · 256 = 101 · 256 = 25,856.
    const conv = generateVariant(t, 'nir', { kind: 'numeric', pins: { ...pins, ask: 'conv' } });
    expect(numericValue(conv)).toBe(25_856);
  });

  it('accepts valid pinned sizes, with the key of the BigInt counts', () => {
    checkPartialPins(t, expectCountKey, { offDraw: 'some' });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
