import { describe, expect, it } from 'vitest';
import { receptiveField, receptiveFieldSteps, type RfLayer } from '@dlexam/math';
import { lcgInts } from '../test/lcg.js';

/** Independent path: the set of input positions that reach output unit 0, traced backwards. */
function bruteForceRf(layers: RfLayer[]): number {
  let positions = new Set([0]);
  for (const l of [...layers].reverse()) {
    const next = new Set<number>();
    for (const p of positions)
      for (let u = 0; u < l.kernel; u++) next.add(p * (l.stride ?? 1) + u * (l.dilation ?? 1));
    positions = next;
  }
  return Math.max(...positions) - Math.min(...positions) + 1;
}

describe('receptiveField', () => {
  it('matches hand results', () => {
    expect(receptiveField([{ kernel: 3 }, { kernel: 3 }])).toBe(5);
    expect(receptiveField([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }])).toBe(7);
    expect(receptiveField([{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }])).toBe(8);
    expect(receptiveField([{ kernel: 3, dilation: 2 }])).toBe(5);
    expect(
      receptiveField([
        { kernel: 3, dilation: 1 },
        { kernel: 3, dilation: 2 },
        { kernel: 3, dilation: 4 },
      ]),
    ).toBe(15);
    expect(
      receptiveFieldSteps([
        { kernel: 7, stride: 2 },
        { kernel: 3, stride: 2 },
      ]),
    ).toEqual([
      { size: 7, jump: 2 },
      { size: 11, jump: 4 },
    ]);
    expect(receptiveField([])).toBe(1);
    expect(() => receptiveField([{ kernel: 0 }])).toThrow(/layer 1: kernel/);
  });

  it('equals the traced input span for random stacks', () => {
    const r = lcgInts(5);
    for (let t = 0; t < 2000; t++) {
      const layers = Array.from({ length: r(1, 5) }, () => ({
        kernel: r(1, 5),
        stride: r(1, 3),
        dilation: r(1, 3),
      }));
      expect(receptiveField(layers)).toBe(bruteForceRf(layers));
    }
  });
});
