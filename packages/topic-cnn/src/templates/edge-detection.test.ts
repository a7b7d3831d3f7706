import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { edgeDetection as t, type EdgeDetectionParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import {
  correctChoice,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { checkPartialPins, expectKey } from '../../test/key-checks.js';

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
        s += vertical
          ? w[t2]! * (img[i + t2]![j + 2]! - img[i + t2]![j]!)
          : w[t2]! * (img[i + 2]![j + t2]! - img[i]![j + t2]!);
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** Parses `\\(\\begin{bmatrix}a & b \\\\ c & d\\end{bmatrix}\\)` back into numbers. */
function parseTexMatrix(tex: string): number[][] {
  const body = /\\begin\{bmatrix\}(.*)\\end\{bmatrix\}/.exec(tex)![1]!;
  return body.split('\\\\').map((r) => r.split('&').map((x) => Number(x.trim())));
}

/** Independent: what a kernel does, from its responses to a flat patch and to two step edges. */
function classify(k: number[][]): RegExp {
  const at = (img: (i: number, j: number) => number) =>
    k.reduce((s, r, i) => s + r.reduce((t, w, j) => t + w * img(i, j), 0), 0);
  const flat = at(() => 1);
  const vStep = at((_, j) => (j >= 1 ? 1 : 0));
  const hStep = at((i) => (i >= 1 ? 1 : 0));
  const centreOnly = k.every((r, i) => r.every((w, j) => (i === 1 && j === 1 ? w === 1 : w === 0)));
  if (centreOnly) return /unchanged/;
  if (k.flat().every((w) => w > 0)) return /blurs/;
  if (flat !== 0) return /sharpens/;
  if (vStep !== 0 && hStep === 0) return /vertical edges/;
  if (hStep !== 0 && vStep === 0) return /horizontal edges/;
  throw new Error(`unclassified kernel ${JSON.stringify(k)}`);
}

/** The key of a table or numeric variant: the weighted differences, all of them or the asked one. */
function expectResponseKey(v: Variant, p: EdgeDetectionParams): void {
  const want = reference(p.image, p.kernel);
  expectKey(v, { table: want, value: want[p.row]?.[p.col] });
}

describe('cnn.edge-detection', () => {
  it('answers match weighted differences over 10,000 seeds', () => {
    runProperty(t, (v, p: EdgeDetectionParams) => {
      if (v.kind === 'table' || v.kind === 'numeric') expectResponseKey(v, p);
      else if (v.kind === 'single')
        expect(correctChoice(v)).toMatch(
          p.kernel.endsWith('vertical') ? /^Vertical edges/ : /^Horizontal edges/,
        );
      else {
        if (v.answer.kind !== 'matching') throw new Error('expected matching');
        for (const pair of v.answer.pairs)
          expect(pair.answer).toMatch(classify(parseTexMatrix(pair.prompt)));
        expect(v.answer.distractors).toHaveLength(1);
        expect(v.answer.pairs.map((x) => x.answer)).not.toContain(v.answer.distractors[0]!.text);
      }
    });
  });

  it('pins the classic 6×6 bright-left image (off the sampler, which puts the bright part right)', () => {
    // Columns 10, 10, 10, 0, 0, 0 under the Prewitt kernel [−1 0 1]: every window that straddles
    // the edge gives 3 · (0 − 10) = −30, the flat ones 0; row 4 (index 3), column 3 (index 2) is −30.
    const image = Array.from({ length: 6 }, () => [10, 10, 10, 0, 0, 0]);
    const v = generateVariant(t, 'ng-edge', {
      kind: 'numeric',
      pins: { image, kernel: 'prewitt-vertical', row: 3, col: 2 },
    });
    expect(numericValue(v)).toBe(-30);
    const table = generateVariant(t, 'ng-edge', {
      kind: 'table',
      pins: { image, kernel: 'prewitt-vertical', row: 3, col: 2 },
    });
    expect(tableNumbers(table)).toEqual(Array.from({ length: 4 }, () => [0, -30, -30, 0]));
  });

  it('accepts valid pinned entries, with the key of the weighted differences', () => {
    checkPartialPins(t, (v, p: EdgeDetectionParams) => {
      if (v.kind === 'table' || v.kind === 'numeric') expectResponseKey(v, p);
    });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 50, everyKind: true });
  });
});
