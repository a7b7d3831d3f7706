import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { exposeGc, memoryGuard } from './memory.js';

describe('memoryGuard', () => {
  it('collects once the heap holds the headroom more than survived the last collection', () => {
    let used = 10;
    const collections: number[] = [];
    let lookups = 0;
    const guard = memoryGuard({
      headroom: 100,
      every: 4,
      heapUsed: () => used,
      collector: () => {
        lookups++;
        return () => {
          collections.push(used);
          used = 30; // what survives
        };
      },
    });
    const step = (n: number, grow: number) => {
      for (let i = 0; i < n; i++) {
        used += grow;
        guard();
      }
    };
    step(8, 10); // 90 at the 8th call: under 0 + 100, no collection
    expect(collections).toEqual([]);
    step(4, 10); // 130 at the 12th call (a read every 4th): collected, 30 survive
    expect(collections).toEqual([130]);
    step(4, 10); // 70: under 30 + 100
    expect(collections).toEqual([130]);
    step(8, 10); // 150 at the 24th call ≥ 130: collected again
    expect(collections).toEqual([130, 150]);
    expect(lookups).toBe(1); // the collector is looked up once
  });

  it('reads the heap only every `every` calls, and does nothing without a collector', () => {
    let reads = 0;
    const guard = memoryGuard({
      headroom: 0,
      every: 64,
      heapUsed: () => ++reads,
      collector: () => null,
    });
    for (let i = 0; i < 640; i++) guard();
    expect(reads).toBe(10);
  });

  it("exposes Node's own collector, which frees what nothing holds", () => {
    const gc = exposeGc();
    expect(typeof gc).toBe('function');
    // About 80 MB that nothing holds once the function returns.
    const allocate = (): number => {
      const arrays = Array.from({ length: 200 }, () => new Array<number>(50_000).fill(1));
      return arrays.length;
    };
    expect(allocate()).toBe(200);
    const before = getHeapStatistics().used_heap_size;
    gc?.();
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before - 50 * 2 ** 20);
  });
});
