import { describe, expect, it } from 'vitest';
import { receptiveFieldTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

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
    runProperty(t, (v, p) => {
      const want = traced(p.layers);
      if (v.kind === 'table') {
        const rows = p.layers.map((_: unknown, i: number) => [
          traced(p.layers.slice(0, i + 1)),
          p.layers.slice(0, i + 1).reduce((j: number, l: { s: number }) => j * l.s, 1),
        ]);
        expect(tableNumbers(v)).toEqual(rows);
        expect(rows[rows.length - 1]![0]).toBe(want);
      } else if (v.kind === 'numeric') expect(numericValue(v)).toBe(want);
      else expect(correctChoice(v)).toBe(String(want));
    });
  });

  it('matches the VGG-style fixture by hand', () => {
    expect(traced(t.fixtures![0]!.params.layers)).toBe(10);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100, everyKind: true });
  });
});
