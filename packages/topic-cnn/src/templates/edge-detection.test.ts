import { describe, expect, it } from 'vitest';
import { edgeDetectionTemplate as t } from '@dlexam/topic-cnn';
import { correctChoice, determinismAndVariety, numericValue, propertyLoop, tableNumbers } from '../../test/harness.js';

const KERNELS: Record<string, number[][]> = {
  'prewitt-vertical': [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
  'prewitt-horizontal': [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
  'sobel-vertical': [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
  'sobel-horizontal': [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
};

/** Independent: right-minus-left (vertical) or bottom-minus-top (horizontal) weighted differences. */
function reference(img: number[][], name: string): number[][] {
  const w = name.startsWith('sobel') ? [1, 2, 1] : [1, 1, 1];
  const vertical = name.endsWith('vertical');
  const out: number[][] = [];
  for (let i = 0; i + 3 <= img.length; i++) {
    const row: number[] = [];
    for (let j = 0; j + 3 <= img[0]!.length; j++) {
      let s = 0;
      for (let t2 = 0; t2 < 3; t2++)
        s += vertical ? w[t2]! * (img[i + t2]![j + 2]! - img[i + t2]![j]!) : w[t2]! * (img[i + 2]![j + t2]! - img[i]![j + t2]!);
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

describe('cnn.edge-detection', () => {
  it('answers match weighted differences over 10,000 seeds', () => {
    propertyLoop(t, (v, p) => {
      const want = reference(p.image, p.kernel);
      if (v.kind === 'table') expect(tableNumbers(v)).toEqual(want);
      else if (v.kind === 'numeric') expect(numericValue(v)).toBe(want[p.row]![p.col]);
      else expect(correctChoice(v)).toMatch(p.kernel.endsWith('vertical') ? /^Vertical edges/ : /^Horizontal edges/);
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    determinismAndVariety(t, 50);
  });
});
