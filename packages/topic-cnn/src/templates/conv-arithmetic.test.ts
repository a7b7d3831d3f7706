import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { convArithmetic as t, type ConvArithmeticParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { checkTemplate, numericValue, runProperty, tableNumbers } from '@dlexam/generator/testing';
import { checkPartialPins, expectKey } from '../../test/key-checks.js';

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

/** The key is the pad-and-slide output: all of it in a table, the asked entry otherwise. */
function expectPadAndSlideKey(v: Variant, p: ConvArithmeticParams): void {
  const want = reference(p.x, p.w, p.bias, p.s, p.p);
  expectKey(v, { table: want, value: want[p.row]?.[p.col] });
}

describe('cnn.conv-arithmetic', () => {
  it('answers match an explicit pad-and-slide reference over 10,000 seeds', () => {
    runProperty(t, (v, p: ConvArithmeticParams) => {
      expectPadAndSlideKey(v, p);
      // The table kind has no figure: its grid is the output, the stem gives the input.
      if (v.kind === 'table') expect(v.figure).toBeUndefined();
      else {
        expect(v.figure?.svg.startsWith('<svg')).toBe(true);
        expect(v.figure?.alt).toMatch(/kernel/);
      }
    });
  });

  it('pins full padding (Dumoulin & Visin): 5×5 input, 3×3 kernel, padding 2 gives 7×7', () => {
    // x[i][j] = 5i + j + 1. Output (7, 7) (1-based) sees only x[4][4] = 25 under the kernel's
    // top-left weight 1: 25 + bias 12 = 37. Output (1, 1) sees x[0][0] = 1 under the bottom-right
    // weight −1: −1 + 12 = 11. The 7×7 output, its row/column 7 and bias 12 are off the draws
    // (outputs ≤ 6×6, bias −9…9).
    const grid = Array.from({ length: 5 }, (_, i) =>
      Array.from({ length: 5 }, (__, j) => 5 * i + j + 1),
    );
    const x = [grid];
    const w = [
      [
        [1, 0, -1],
        [2, 0, -2],
        [1, 0, -1],
      ],
    ];
    const pins = { x, w, bias: 12, s: 1, p: 2, row: 6, col: 6 };
    expect(numericValue(generateVariant(t, 'full', { kind: 'numeric', pins }))).toBe(37);
    const table = tableNumbers(generateVariant(t, 'full', { kind: 'table', pins }));
    expect(table).toHaveLength(7);
    expect(table[0]?.[0]).toBe(11);
    expect(table).toEqual(reference(x, w, 12, 1, 2));
    // Padding 3 ≥ the kernel's 3 is valid too: the corner window sees only zeros, so it is the bias.
    const wide = generateVariant(t, 'wide', {
      kind: 'table',
      pins: { ...pins, x: [grid.slice(0, 2).map((r) => r.slice(0, 2))], p: 3, row: 0, col: 0 },
    });
    expect(tableNumbers(wide)[0]?.[0]).toBe(12);
  });

  it('accepts valid pinned stride, padding, bias and entry, with the pad-and-slide key', () => {
    checkPartialPins(t, expectPadAndSlideKey, { offDraw: 'some' });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
