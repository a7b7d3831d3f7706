import { describe, expect, it } from 'vitest';
import { roundTo } from '@dlexam/math';
import { generateVariant } from '@dlexam/generator';
import { pooling as t, type PoolingParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import {
  checkTemplate,
  checkValidPins,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { expectKey } from '../../test/key-checks.js';

/** Independent: scan windows explicitly; global pooling by sorting / summing each channel. */
function reference(
  x: number[][][],
  mode: string,
  k: number,
  kw: number,
  s: number,
  sw: number,
): number[][] {
  if (mode === 'global-max') return [x.map((ch) => [...ch.flat()].sort((a, b) => b - a)[0]!)];
  if (mode === 'global-avg')
    return [x.map((ch) => ch.flat().reduce((a, b) => a + b, 0) / ch.flat().length)];
  const m = x[0]!;
  const out: number[][] = [];
  for (let i = 0; i + k <= m.length; i += s) {
    const row: number[] = [];
    for (let j = 0; j + kw <= m[0]!.length; j += sw) {
      const win: number[] = [];
      for (let u = 0; u < k; u++) for (let v = 0; v < kw; v++) win.push(m[i + u]![j + v]!);
      row.push(
        mode === 'max'
          ? win.reduce((a, b) => (b > a ? b : a))
          : win.reduce((a, b) => a + b, 0) / (k * kw),
      );
    }
    out.push(row);
  }
  return out;
}

/**
 * The key is the window scan, rounded as the stem asks (2 decimals for averages): all of it in a
 * table, the asked entry (global pooling: the asked channel's) otherwise.
 */
function expectWindowScanKey(v: Variant, p: PoolingParams): void {
  const dec = p.mode.endsWith('avg') ? 2 : 0;
  const want = reference(p.x, p.mode, p.k, p.kw, p.s, p.sw).map((r) =>
    r.map((x) => roundTo(x, dec)),
  );
  const entry = p.mode.startsWith('global') ? want[0]?.[p.row] : want[p.row]?.[p.col];
  expectKey(v, { table: want, value: entry, decimals: dec });
}

describe('cnn.pooling', () => {
  it('answers match an explicit window scan over 10,000 seeds', () => {
    let nonSquare = 0;
    runProperty(t, (v, p: PoolingParams) => {
      if (p.k !== p.kw || p.s !== p.sw) {
        nonSquare++;
        expect(v.stem).toContain(`${p.k}×${p.kw} (height × width) with stride ${p.s} along`);
      }
      expectWindowScanKey(v, p);
      if (p.mode.endsWith('avg')) expect(v.stem).toMatch(/2 decimal places/);
    });
    expect(nonSquare).toBeGreaterThan(1000);
  });

  it('pools with a non-square window (hand-worked 1×2 average, stride (1, 2))', () => {
    const pins = t.fixtures!.find((f) => f.id === 'nonsquare-avgpool-1x2')!.params;
    // [1 3 2 6; 5 7 0 4] → (1+3)/2, (2+6)/2; (5+7)/2, (0+4)/2.
    expect(tableNumbers(generateVariant(t, 'fixture', { kind: 'table', pins }))).toEqual([
      [2, 4],
      [6, 2],
    ]);
    const v = generateVariant(t, 'fixture', { kind: 'numeric', pins });
    expect(numericValue(v)).toBe(2);
    // A 2×1 window at that corner (row 2, column 3) would need a third row: not offered. The
    // stride ignored: the window at row 2, column 2 is (7 + 0)/2 = 3.5.
    expect(v.choices.find((c) => c.misconception === 'ignored-stride')?.value).toBe(3.5);
    expect(v.choices.some((c) => c.misconception === 'window-axes-swapped')).toBe(false);
  });

  it('accepts any valid pinned window, stride and input (outputs beyond the drawn 4×4)', () => {
    const r = checkValidPins(t, {
      count: 600,
      adjust(p, rng) {
        if ((p.mode as string).startsWith('global')) {
          Object.assign(p, { k: 2, kw: 2, s: 2, sw: 2, col: 0 });
          p.row = rng.int(0, (p.x as number[][][]).length - 1);
          return;
        }
        const h = rng.int(1, 8);
        const w = rng.int(1, 8);
        p.x = [rng.intMatrix(h, w, 0, 99)];
        p.k = Math.min(p.k as number, h);
        p.kw = Math.min(p.kw as number, w);
        if ((p.k as number) * (p.kw as number) < 2) p.kw = Math.min(2, w);
        const oh = Math.floor((h - (p.k as number)) / (p.s as number)) + 1;
        const ow = Math.floor((w - (p.kw as number)) / (p.sw as number)) + 1;
        p.row = rng.int(0, oh - 1);
        p.col = rng.int(0, ow - 1);
      },
      check: expectWindowScanKey,
    });
    expect(r.accepted).toBeGreaterThan(250);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
