import { describe, expect, it } from 'vitest';
import { roundTo } from '@dlexam/math';
import { poolingTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

/** Independent: scan windows explicitly; global pooling by sorting / summing each channel. */
function reference(x: number[][][], mode: string, k: number, s: number): number[][] {
  if (mode === 'global-max') return [x.map((ch) => [...ch.flat()].sort((a, b) => b - a)[0]!)];
  if (mode === 'global-avg')
    return [x.map((ch) => ch.flat().reduce((a, b) => a + b, 0) / ch.flat().length)];
  const m = x[0]!;
  const out: number[][] = [];
  for (let i = 0; i + k <= m.length; i += s) {
    const row: number[] = [];
    for (let j = 0; j + k <= m[0]!.length; j += s) {
      const win: number[] = [];
      for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) win.push(m[i + u]![j + v]!);
      row.push(
        mode === 'max'
          ? win.reduce((a, b) => (b > a ? b : a))
          : win.reduce((a, b) => a + b, 0) / (k * k),
      );
    }
    out.push(row);
  }
  return out;
}

describe('cnn.pooling', () => {
  it('answers match an explicit window scan over 10,000 seeds', () => {
    runProperty(t, (v, p) => {
      const dec = p.mode.endsWith('avg') ? 2 : 0;
      const want = reference(p.x, p.mode, p.k, p.s).map((r) => r.map((x) => roundTo(x, dec)));
      const global = p.mode.startsWith('global');
      const entry = global ? want[0]![p.row]! : want[p.row]![p.col]!;
      if (v.kind === 'table') expect(tableNumbers(v)).toEqual(want);
      else if (v.kind === 'numeric') expect(numericValue(v)).toBe(entry);
      else expect(Number(correctChoice(v))).toBe(entry);
      if (dec) expect(v.stem).toMatch(/2 decimal places/);
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
