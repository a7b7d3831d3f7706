import { describe, expect, it } from 'vitest';
import {
  avgPool2d,
  globalAvgPool,
  globalMaxPool,
  maxPool2d,
  pool2d,
  poolOutputSize,
} from '@dlexam/math';
import { lcgInts } from '../test/lcg.js';

describe('pooling', () => {
  it('reproduces hand results', () => {
    const x = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ];
    expect(maxPool2d(x, { size: 2, stride: 1 })).toEqual([
      [4, 5],
      [7, 8],
    ]); // S003-maxpool
    expect(avgPool2d(x, { size: 2, stride: 1 })).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(
      maxPool2d(
        [
          [1, 3, 2, 1],
          [4, 2, 0, 1],
          [5, 1, 2, 2],
          [0, 3, 9, 1],
        ],
        { size: 2 },
      ),
    ).toEqual([
      [4, 2],
      [5, 9],
    ]);
    // Padding: max ignores padded cells, average counts them as zeros (count_include_pad).
    expect(
      maxPool2d(
        [
          [-1, -2],
          [-3, -4],
        ],
        { size: 2, stride: 2, padding: 1 },
      ),
    ).toEqual([
      [-1, -2],
      [-3, -4],
    ]);
    expect(
      avgPool2d(
        [
          [4, 8],
          [12, 16],
        ],
        { size: 2, stride: 2, padding: 1 },
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(
      globalAvgPool([
        x,
        [
          [1, 1],
          [1, 5],
        ],
      ]),
    ).toEqual([4, 2]);
    expect(
      globalMaxPool([
        x,
        [
          [1, 1],
          [1, 5],
        ],
      ]),
    ).toEqual([8, 5]);
  });

  it('sizes outputs by floor and rejects bad windows', () => {
    expect(poolOutputSize(5, 2)).toBe(2);
    expect(poolOutputSize(5, 2, 3)).toBe(2);
    expect(poolOutputSize(32, 2, 3)).toBe(11);
    expect(() => poolOutputSize(4, 2, 2, 2)).toThrow(/half the window/);
    expect(() => pool2d([[1, 2], [3]], 'max', { size: 1 })).toThrow(/rectangle/);
  });

  it('agrees with a brute-force window scan', () => {
    const r = lcgInts(11);
    for (let t = 0; t < 300; t++) {
      const h = r(2, 8);
      const w = r(2, 8);
      const k = r(1, Math.min(h, w, 3));
      const st = r(1, 3);
      const x = Array.from({ length: h }, () => Array.from({ length: w }, () => r(-9, 9)));
      const want: { max: number[][]; sum: number[][] } = { max: [], sum: [] };
      for (let i = 0; i + k <= h; i += st) {
        const mr: number[] = [];
        const sr: number[] = [];
        for (let j = 0; j + k <= w; j += st) {
          const win = x.slice(i, i + k).flatMap((row) => row.slice(j, j + k));
          mr.push(Math.max(...win));
          sr.push(win.reduce((a, b) => a + b, 0));
        }
        want.max.push(mr);
        want.sum.push(sr);
      }
      expect(maxPool2d(x, { size: k, stride: st })).toEqual(want.max);
      const avg = avgPool2d(x, { size: k, stride: st });
      avg.forEach((row, i) =>
        row.forEach((v, j) => expect(v * k * k).toBeCloseTo(want.sum[i]![j]!, 9)),
      );
    }
  });
});
