import { formatDecimal } from '@dlexam/math';
import { describe, expect, it } from 'vitest';
import { svgCoord } from './svg.js';

describe('svgCoord', () => {
  it('is formatDecimal(x, 2) character for character', () => {
    const xs = [
      0, -0, 0.005, -0.005, 0.015, 1.005, -1.005, 2.5, 2.05, 1e-12, -1e-12, 0.004999, 1e9, -3e12,
    ];
    let s = 11;
    for (let i = 0; i < 200_000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const u = s / 2 ** 32;
      xs.push(
        (u - 0.3) * 10 ** ((i % 7) - 2),
        Math.round(u * 200000) / 200 - 300,
        (i % 4000) / 200,
      );
    }
    for (const x of xs)
      if (svgCoord(x) !== formatDecimal(x, 2)) expect(svgCoord(x)).toBe(formatDecimal(x, 2));
  });
});
