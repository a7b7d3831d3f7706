import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { convOutputSizeTemplate as t, type ConvOutputSizeParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import {
  correctChoice,
  checkTemplate,
  checkValidPins,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';

/** Independent: count the kernel positions by sliding along the padded axis. */
function slideCount(n: number, k: number, s: number, padTotal: number, d: number): number {
  const span = d * (k - 1) + 1;
  let count = 0;
  for (let start = 0; start + span <= n + padTotal; start += s) count++;
  return count;
}

/**
 * Independent: actually runs the layer on a tensor and reads the output's shape. The input (one
 * channel, entries from a fixed formula) is zero-padded into a bigger array (the total split as
 * `floor` before, the rest after); a kh×kw window with dilation d slides with strides (sh, sw)
 * wherever it fits and stores the window's sum (convolution with an all-ones kernel) or max
 * (max pooling), computed separably: along each row first, then down the columns of that.
 * Returns [rows, columns] of what was stored.
 */
function runLayer(
  h: number,
  w: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padH: number,
  padW: number,
  d: number,
  op: string,
): [number, number] {
  const top = Math.floor(padH / 2);
  const left = Math.floor(padW / 2);
  const padded: number[][] = [];
  for (let i = 0; i < h + padH; i++) {
    const row: number[] = [];
    for (let j = 0; j < w + padW; j++) {
      const y = i - top;
      const x = j - left;
      row.push(y >= 0 && y < h && x >= 0 && x < w ? ((y * 7 + x * 3) % 11) - 5 : 0);
    }
    padded.push(row);
  }
  const combine = (acc: number, x: number) => (op === 'maxpool' ? Math.max(acc, x) : acc + x);
  const start = op === 'maxpool' ? -Infinity : 0;
  // Along each row: one value per horizontal window position.
  const rows = padded.map((r) => {
    const out: number[] = [];
    for (let j = 0; j + d * (kw - 1) < r.length; j += sw) {
      let acc = start;
      for (let v = 0; v < kw; v++) acc = combine(acc, r[j + d * v]!);
      out.push(acc);
    }
    return out;
  });
  // Down the columns of that: one row per vertical window position.
  const out: number[][] = [];
  for (let i = 0; i + d * (kh - 1) < rows.length; i += sh)
    out.push(
      rows[i]!.map((_, j) => {
        let acc = start;
        for (let u = 0; u < kh; u++) acc = combine(acc, rows[i + d * u]![j]!);
        return acc;
      }),
    );
  return [out.length, out[0]?.length ?? 0];
}

/** The variant's key is the output shape [H, W] (and the filters as channels). */
function expectAnswer(v: Variant, p: ConvOutputSizeParams, H: number, W: number): void {
  if (v.kind === 'numeric') {
    const want = p.axis === 'channels' ? p.filters : p.dims === '1d' || p.axis === 'width' ? W : H;
    expect(numericValue(v)).toBe(want);
  } else if (v.kind === 'table') {
    const want = p.dims === '1d' ? [W] : p.filters > 0 ? [H, W, p.filters] : [H, W];
    expect(tableNumbers(v)).toEqual([want]);
  } else {
    const plain = String;
    const want =
      p.dims === '1d'
        ? plain(W)
        : p.filters > 0
          ? `${plain(H)}×${plain(W)}×${plain(p.filters)}`
          : `${plain(H)}×${plain(W)}`;
    expect(correctChoice(v)).toBe(want);
    for (const c of v.choices.filter((x) => !x.correct)) expect(c.misconception).toBeTruthy();
  }
}

describe('cnn.conv-output-size', () => {
  it('answers match the shape of the layer actually run on a tensor, over 10,000 seeds', () => {
    let nonSquare = 0;
    runProperty(t, (v, p) => {
      const total = (x: number) => (p.padMode === 'total' ? x : 2 * x);
      if (p.k !== p.kw || p.s !== p.sw || p.p !== p.pw) nonSquare++;
      const [H, W] = runLayer(p.h, p.w, p.k, p.kw, p.s, p.sw, total(p.p), total(p.pw), p.d, p.op);
      // The sliding count of the old test agrees along each axis.
      expect(H).toBe(slideCount(p.h, p.k, p.s, total(p.p), p.d));
      expect(W).toBe(slideCount(p.w, p.kw, p.sw, total(p.pw), p.d));
      if (p.padMode === 'same' && p.s === 1) expect(H).toBe(p.h);
      if (p.padMode === 'same' && p.sw === 1) expect(W).toBe(p.w);
      expectAnswer(v, p, H, W);
      // Every stem states the padding convention, and a non-square layer its axis order.
      expect(v.stem).toMatch(/padding|valid/);
      if (p.dims === '2d' && p.k !== p.kw) expect(v.stem).toMatch(/height × width\)/);
      if (p.s !== p.sw)
        expect(v.stem).toContain(`stride ${p.s} along the height and ${p.sw} along the width`);
    });
    // About a quarter of 2-D layers are non-square.
    expect(nonSquare).toBeGreaterThan(1000);
  });

  it('reads a non-square layer per axis (hand-worked 28×28, 3×5 kernel, stride (1, 2), padding (1, 2))', () => {
    const fixture = t.fixtures!.find((f) => f.id === 'nonsquare-conv-3x5')!.params;
    const v = generateVariant(t, 'fixture', {
      kind: 'numeric',
      pins: { ...fixture, axis: 'height' },
    });
    expect(numericValue(v)).toBe(28);
    expect(v.stem).toContain('8 filters of size 3×5 (height × width)');
    expect(v.stem).toContain('stride 1 along the height and 2 along the width');
    expect(v.stem).toContain('1 row at the top and at the bottom, 2 columns at the left');
    // Using the width's kernel/stride/padding for the height: ⌊(28 + 4 − 5)/2⌋ + 1 = 14.
    const other = v.choices.find((c) => c.misconception === 'other-axis-settings');
    expect(other?.value).toBe(14);
    expect(numericValue(generateVariant(t, 'fixture', { kind: 'numeric', pins: fixture }))).toBe(
      14,
    );
    const table = generateVariant(t, 'fixture', {
      kind: 'table',
      pins: t.fixtures!.find((f) => f.id === 'nonsquare-conv-3x5')!.params,
    });
    expect(tableNumbers(table)).toEqual([[28, 14, 8]]);
    const pool = generateVariant(t, 'fixture', {
      kind: 'single',
      pins: t.fixtures!.find((f) => f.id === 'nonsquare-maxpool-2x3')!.params,
    });
    expect(correctChoice(pool)).toBe('6×4');
    // Swapping the window to 3×2 with strides (3, 2): ⌊9/3⌋ + 1 = 4 by ⌊10/2⌋ + 1 = 6.
    expect(pool.choices.find((c) => c.misconception === 'kernel-axes-swapped')?.plain).toBe('4×6');
  });

  it('accepts any valid pinned layer (sizes off the draw range, padding beyond the kernel)', () => {
    const r = checkValidPins(t, {
      count: 1500,
      adjust(p, rng) {
        // Tie the conventions together as an instructor's exercise does.
        if (p.padMode === 'same') p.d = 1; // keeps d(k − 1)/2 within the padding's validity
        const d = p.d as number;
        if (p.op !== 'conv') Object.assign(p, { dims: '2d', padMode: 'valid', d: 1, cin: 1 });
        if (p.op !== 'conv' || p.filters === 0) Object.assign(p, { filters: 0, cin: 1 });
        if (p.axis === 'channels' && p.filters === 0) p.axis = 'height';
        if (p.padMode === 'valid') Object.assign(p, { p: 0, pw: 0 });
        if (p.padMode === 'same') {
          for (const [k, pad] of [
            ['k', 'p'],
            ['kw', 'pw'],
          ] as const) {
            if ((d * ((p[k] as number) - 1)) % 2) p[k] = (p[k] as number) - 1;
            p[pad] = (d * ((p[k] as number) - 1)) / 2;
          }
        }
        if (p.dims === '1d')
          Object.assign(p, {
            w: p.h,
            kw: p.k,
            sw: p.s,
            pw: p.p,
            filters: 0,
            cin: 1,
            axis: 'width',
          });
        if (p.padMode !== 'valid' && p.p === 0 && p.pw === 0) p.p = 1;
        if (p.padMode === 'same' && p.p === 0 && p.pw === 0) p.padMode = 'valid';
        if (rng.bool(0.5)) p.h = Math.max(p.h as number, d * ((p.k as number) - 1) + 1);
      },
      check(v, p: ConvOutputSizeParams) {
        const total = (x: number) => (p.padMode === 'total' ? x : 2 * x);
        const H = slideCount(p.h, p.k, p.s, total(p.p), p.d);
        const W = slideCount(p.w, p.kw, p.sw, total(p.pw), p.d);
        expectAnswer(v, p, H, W);
      },
    });
    expect(r.accepted).toBeGreaterThan(300);
    expect(r.offDraw).toBeGreaterThan(200);
  });

  it('pins the PyTorch documentation example: Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2)) on 50×100', () => {
    // ⌊(50 + 8 − 3)/2⌋ + 1 = 28 and ⌊(100 + 4 − 5)/1⌋ + 1 = 100 (padding 4 > kernel height 3 is valid).
    const v = generateVariant(t, 'pytorch-docs', {
      kind: 'table',
      pins: {
        op: 'conv',
        dims: '2d',
        h: 50,
        w: 100,
        k: 3,
        kw: 5,
        s: 2,
        sw: 1,
        padMode: 'per-side',
        p: 4,
        pw: 2,
        d: 1,
        cin: 16,
        filters: 33,
        axis: 'height',
      },
    });
    expect(tableNumbers(v)).toEqual([[28, 100, 33]]);
  });

  it('a pinned or narrowed kernel, stride and padding hold for both axes unless the width is set', () => {
    for (let i = 0; i < 200; i++) {
      const v = generateVariant(t, i, { pins: { op: 'conv', k: 5, s: 1, padMode: 'valid', p: 0 } });
      expect([v.params.kw, v.params.sw, v.params.pw]).toEqual([5, 1, 0]);
      const n = generateVariant(t, i, { narrow: { k: { in: [3, 7] }, s: [1, 2] } });
      expect([n.params.kw, n.params.sw]).toEqual([n.params.k, n.params.s]);
    }
    // Setting the width keeps it.
    const w = generateVariant(t, 1, {
      pins: { op: 'conv', dims: '2d', k: 5, kw: 3, s: 1, padMode: 'valid', p: 0 },
    });
    expect([w.params.k, w.params.kw]).toEqual([5, 3]);
  });

  it('includes pooling windows and 1-D convolutions', () => {
    let pools = 0;
    let oneD = 0;
    for (let i = 0; i < 500; i++) {
      const v = generateVariant(t, i);
      if (v.params.op !== 'conv') {
        pools++;
        expect(v.stem).toMatch(/pooling/);
      }
      if (v.params.dims === '1d') oneD++;
    }
    expect(pools).toBeGreaterThan(50);
    expect(oneD).toBeGreaterThan(50);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 20, everyKind: true });
  });
});
