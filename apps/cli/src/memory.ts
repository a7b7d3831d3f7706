import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a long write's peak memory flat (issue 20: ≤ 250 MiB for 100,000 variants in any format).
 * The exporters hold one question or version at a time, so what is live stays small (a heap
 * snapshot late in a 10,000-version Moodle file: about 30 MB); but V8 lets the heap of a process
 * that allocates fast grow to several times what is live before it collects, and a 10,000-version
 * Moodle or QTI file peaked at 290–400 MiB resident. So the heap is checked every few chunks, and
 * once it holds `HEADROOM` more than survived the last collection, a full collection is asked for:
 * its cost is bounded by the garbage it frees, never repeated on every check.
 */
const HEADROOM = 64 * 2 ** 20;
/** The heap is read every this many chunks (a read costs microseconds). */
const CHECK_EVERY = 64;

/** Node's `gc`, exposed through V8's flag; `null` where it cannot be. */
export function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    // A fresh context sees the flag: its global `gc` is the isolate's collector.
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export interface MemoryGuardOptions {
  /** Bytes the heap may gain over what survived the last collection before the next one. */
  headroom: number;
  /** Calls between two reads of the heap. */
  every: number;
  /** The heap's used bytes. */
  heapUsed: () => number;
  /** The collector, looked up on first need (`null`: none, the guard does nothing). */
  collector: () => (() => void) | null;
}

/** A function to call once per chunk or question: it collects when the heap has grown enough. */
export function memoryGuard(o: MemoryGuardOptions): () => void {
  let live = 0;
  let calls = 0;
  let collect: (() => void) | null | undefined;
  return () => {
    if (++calls < o.every) return;
    calls = 0;
    if (o.heapUsed() < live + o.headroom) return;
    collect ??= o.collector();
    if (!collect) return;
    collect();
    live = o.heapUsed();
  };
}

/** The CLI's guard (see above): `generate` calls it per drawn question and per written chunk. */
export const keepMemoryFlat = memoryGuard({
  headroom: HEADROOM,
  every: CHECK_EVERY,
  heapUsed: () => getHeapStatistics().used_heap_size,
  collector: exposeGc,
});
