import { describe, expect, it } from 'vitest';
import { convArithmeticTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

/** Independent: pad every channel explicitly, then slide the kernel and sum over channels. */
function reference(
  x: number[][][],
  w: number[][][],
  bias: number,
  s: number,
  p: number,
): number[][] {
  const padded = x.map((ch) => {
    const W = ch[0]!.length + 2 * p;
    const zero = () => new Array<number>(W).fill(0);
    return [
      ...Array.from({ length: p }, zero),
      ...ch.map((r) => [...new Array(p).fill(0), ...r, ...new Array(p).fill(0)]),
      ...Array.from({ length: p }, zero),
    ];
  });
  const kh = w[0]!.length;
  const kw = w[0]![0]!.length;
  const out: number[][] = [];
  for (let i = 0; i + kh <= padded[0]!.length; i += s) {
    const row: number[] = [];
    for (let j = 0; j + kw <= padded[0]![0]!.length; j += s) {
      let acc = bias;
      for (let c = 0; c < x.length; c++)
        for (let u = 0; u < kh; u++)
          for (let v = 0; v < kw; v++) acc += padded[c]![i + u]![j + v]! * w[c]![u]![v]!;
      row.push(acc);
    }
    out.push(row);
  }
  return out;
}

describe('cnn.conv-arithmetic', () => {
  it('answers match an explicit pad-and-slide reference over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const want = reference(p.x, p.w, p.bias, p.s, p.p);
      if (v.kind === 'table') expect(tableNumbers(v)).toEqual(want);
      else if (v.kind === 'numeric') expect(numericValue(v)).toBe(want[p.row]![p.col]);
      else expect(correctChoice(v)).toBe(String(want[p.row]![p.col]));
      // The table kind has no figure: its grid is the output, the stem gives the input.
      if (v.kind === 'table') expect(v.figure).toBeUndefined();
      else {
        expect(v.figure?.svg.startsWith('<svg')).toBe(true);
        expect(v.figure?.alt).toMatch(/kernel/);
      }
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
