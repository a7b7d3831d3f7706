import { describe, expect, it } from 'vitest';
import {
  conv1d,
  conv2d,
  convOutputSize,
  correlate2d,
  effectiveKernel,
  padSides,
  samePaddingTotal,
} from '@dlexam/math';
import { lcgInts } from '../test/lcg.js';

/** Independent reference: explicitly zero-pad, dilate the kernel into a bigger dense kernel, slide. */
function referenceConv2d(
  x: number[][][],
  w: number[][][][],
  stride: [number, number],
  pad: { top: number; bottom: number; left: number; right: number },
  dil: [number, number],
  bias?: number[],
): number[][][] {
  const padded = x.map((ch) => {
    const W = ch[0]!.length + pad.left + pad.right;
    const rows = [
      ...Array.from({ length: pad.top }, () => new Array(W).fill(0)),
      ...ch.map((r) => [...new Array(pad.left).fill(0), ...r, ...new Array(pad.right).fill(0)]),
      ...Array.from({ length: pad.bottom }, () => new Array(W).fill(0)),
    ];
    return rows as number[][];
  });
  const dilated = w.map((f) =>
    f.map((k) => {
      const KH = (k.length - 1) * dil[0] + 1;
      const KW = (k[0]!.length - 1) * dil[1] + 1;
      const d = Array.from({ length: KH }, () => new Array(KW).fill(0) as number[]);
      k.forEach((r, u) => r.forEach((v, vv) => (d[u * dil[0]]![vv * dil[1]] = v)));
      return d;
    }),
  );
  const H = padded[0]!.length;
  const W = padded[0]![0]!.length;
  return dilated.map((f, o) => {
    const KH = f[0]!.length;
    const KW = f[0]![0]!.length;
    const out: number[][] = [];
    for (let i = 0; i + KH <= H; i += stride[0]) {
      const row: number[] = [];
      for (let j = 0; j + KW <= W; j += stride[1]) {
        let s = bias ? bias[o]! : 0;
        f.forEach((k, c) =>
          k.forEach((r, u) => r.forEach((v, vv) => (s += v * padded[c]![i + u]![j + vv]!))),
        );
        row.push(s);
      }
      out.push(row);
    }
    return out;
  });
}

describe('conv2d', () => {
  it('reproduces the seed exercises by hand', () => {
    // S003-conv-3x3
    const x = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ];
    expect(
      correlate2d(x, [
        [0, 1],
        [2, 3],
      ]),
    ).toEqual([
      [19, 25],
      [37, 43],
    ]);
    expect(
      correlate2d(
        x,
        [
          [0, 1],
          [2, 3],
        ],
        { bias: 1 },
      ),
    ).toEqual([
      [20, 26],
      [38, 44],
    ]);
    // S003-multichannel
    expect(
      conv2d(
        [
          x,
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
        ],
        [
          [
            [
              [0, 1],
              [2, 3],
            ],
            [
              [1, 2],
              [3, 4],
            ],
          ],
        ],
      ),
    ).toEqual([
      [
        [56, 72],
        [104, 120],
      ],
    ]);
    // S000-conv-stride2
    const img = [
      [1, 5, 2, 0, 1],
      [0, 3, 1, 2, 4],
      [4, 0, 1, 1, 3],
      [2, 1, 0, 4, 1],
      [0, 1, 2, 1, 2],
    ];
    expect(
      correlate2d(
        img,
        [
          [1, 0, 1],
          [0, 1, 0],
          [1, 0, 1],
        ],
        { stride: 2 },
      ),
    ).toEqual([
      [11, 9],
      [8, 12],
    ]);
    // S000-edge
    const edge = Array.from({ length: 5 }, () => [0, 50, 50, 0, 0, 0]);
    expect(
      correlate2d(edge, [
        [-1, 0, 1],
        [-1, 0, 1],
        [-1, 0, 1],
      ]),
    ).toEqual(Array.from({ length: 3 }, () => [150, -150, -150, 0]));
  });

  it('pads with zeros, dilates and uses one bias per filter', () => {
    // 1 at the centre of a 1×1 input, padded by 1: the output is the kernel flipped in place.
    expect(
      correlate2d(
        [[1]],
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        { padding: 1 },
      ),
    ).toEqual([[5]]);
    expect(
      correlate2d(
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
        { padding: { top: 1, bottom: 0, left: 0, right: 1 } },
      ),
    ).toEqual([
      [0, 0, 0],
      [1, 2, 0],
      [3, 4, 0],
    ]);
    // Dilation 2 on a 3×3 input with a 2×2 kernel touches only the corners.
    expect(
      correlate2d(
        [
          [1, 0, 2],
          [0, 0, 0],
          [3, 0, 4],
        ],
        [
          [1, 10],
          [100, 1000],
        ],
        { dilation: 2 },
      ),
    ).toEqual([[4321]]);
    expect(conv2d([[[1]]], [[[[2]]], [[[3]]]], { bias: [10, 20] })).toEqual([[[12]], [[23]]]);
  });

  it('rejects inconsistent shapes with clear messages', () => {
    expect(() => conv2d([[[1, 2]]], [[[[1]], [[1]]]])).toThrow(
      /filter has 2 channels, input has 1/,
    );
    expect(() => correlate2d([[1, 2]], [[1, 2, 3]])).toThrow(/exceeds padded input/);
    expect(() => conv2d([[[1]]], [[[[1]]]], { bias: [1, 2] })).toThrow(/2 biases for 1 filters/);
    expect(() => padSides(-1)).toThrow(/non-negative/);
  });

  it('matches an explicit pad-dilate-slide reference on random layers', () => {
    const r = lcgInts(7);
    for (let t = 0; t < 300; t++) {
      const cin = r(1, 3);
      const cout = r(1, 3);
      const h = r(1, 7);
      const w = r(1, 7);
      const kh = r(1, 3);
      const kw = r(1, 3);
      const pad = { top: r(0, 2), bottom: r(0, 2), left: r(0, 2), right: r(0, 2) };
      const stride: [number, number] = [r(1, 3), r(1, 3)];
      const dil: [number, number] = [r(1, 2), r(1, 2)];
      if (
        (kh - 1) * dil[0] + 1 > h + pad.top + pad.bottom ||
        (kw - 1) * dil[1] + 1 > w + pad.left + pad.right
      )
        continue;
      const x = Array.from({ length: cin }, () =>
        Array.from({ length: h }, () => Array.from({ length: w }, () => r(-5, 9))),
      );
      const wt = Array.from({ length: cout }, () =>
        Array.from({ length: cin }, () =>
          Array.from({ length: kh }, () => Array.from({ length: kw }, () => r(-3, 3))),
        ),
      );
      const bias = Array.from({ length: cout }, () => r(-4, 4));
      expect(conv2d(x, wt, { stride, padding: pad, dilation: dil, bias })).toEqual(
        referenceConv2d(x, wt, stride, pad, dil, bias),
      );
    }
  });
});

describe('conv1d', () => {
  it('computes by hand and agrees with conv2d on a single row', () => {
    expect(conv1d([[1, 2, 3, 4]], [[[1, -1]]])).toEqual([[-1, -1, -1]]);
    expect(conv1d([[1, 2, 3, 4]], [[[1, 1]]], { stride: 2, padding: 1, bias: [1] })).toEqual([
      [2, 6, 5],
    ]);
    expect(conv1d([[1, 2, 3, 4, 5]], [[[1, 1]]], { dilation: 3 })).toEqual([[5, 7]]);
  });
});

describe('convOutputSize', () => {
  it('matches hand results from the seeds', () => {
    expect(convOutputSize(15, 5, 2, 0)).toBe(6); // S001-conv-15
    expect(convOutputSize(32, 7, 3, 2)).toBe(10); // S002-conv-out
    expect(convOutputSize(9, 3, 2, [2, 0])).toBe(5); // S003-out-9x13, 2 in total
    expect(convOutputSize(13, 3, 2, [1, 1])).toBe(7);
    expect(convOutputSize(9, 3, 2, 2)).toBe(6); // 2 per side
    expect(convOutputSize(10, 3, 1, 0, 2)).toBe(6);
    expect(effectiveKernel(3, 2)).toBe(5);
    expect(samePaddingTotal(5)).toBe(4);
  });

  it('equals the size of an actual conv2d output for every small configuration', () => {
    let checked = 0;
    for (let n = 1; n <= 12; n++)
      for (let k = 1; k <= 5; k++)
        for (let s = 1; s <= 4; s++)
          for (let a = 0; a <= 2; a++)
            for (let b = 0; b <= 2; b++)
              for (let d = 1; d <= 3; d++) {
                if (d * (k - 1) + 1 > n + a + b) {
                  expect(() => convOutputSize(n, k, s, [a, b], d)).toThrow(RangeError);
                  continue;
                }
                const x = [[new Array(n).fill(1) as number[]]];
                const w = [[[new Array(k).fill(1) as number[]]]];
                // conv2d sizes its output with convOutputSize, so the slide-loop reference is the independent check.
                const pad = { top: 0, bottom: 0, left: a, right: b };
                const ref = referenceConv2d(x, w, [1, s], pad, [1, d]);
                expect(convOutputSize(n, k, s, [a, b], d)).toBe(ref[0]![0]!.length);
                expect(conv2d(x, w, { stride: [1, s], padding: pad, dilation: [1, d] })).toEqual(
                  ref,
                );
                checked++;
              }
    expect(checked).toBeGreaterThan(5000);
  });
});
