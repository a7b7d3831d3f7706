import { describe, expect, it } from 'vitest';
import { receptiveFieldTemplate as t, type ReceptiveFieldParams } from '@dlexam/topic-cnn';
import { checkTemplate, runProperty } from '@dlexam/generator/testing';
import { expectKey } from '../../test/key-checks.js';

/** Independent: trace which input positions reach output unit 0, from the last layer back. */
function traced(layers: { k: number; s: number; d: number }[]): number {
  let positions = new Set([0]);
  for (const l of [...layers].reverse()) {
    const next = new Set<number>();
    for (const p of positions) for (let u = 0; u < l.k; u++) next.add(p * l.s + u * l.d);
    positions = next;
  }
  return Math.max(...positions) - Math.min(...positions) + 1;
}

describe('cnn.receptive-field', () => {
  it('answers match a traced input span over 10,000 seeds', () => {
    runProperty(t, (v, p: ReceptiveFieldParams) => {
      const want = traced(p.layers);
      const rows = p.layers.map((_, i) => [
        traced(p.layers.slice(0, i + 1)),
        p.layers.slice(0, i + 1).reduce((j, l) => j * l.s, 1),
      ]);
      expect(rows.at(-1)?.[0]).toBe(want);
      expectKey(v, { table: rows, value: want });
    });
  });

  it('matches the VGG-style fixture by hand', () => {
    expect(traced(t.fixtures![0]!.params.layers)).toBe(10);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100, everyKind: true });
  });
});
