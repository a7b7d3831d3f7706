/**
 * The tests' tiny deterministic generator (no Math.random): the linear congruential generator of
 * Numerical Recipes (a = 1664525, c = 1013904223, mod 2³²), so a failing case reproduces.
 */

/** The generator's successive 32-bit states from `seed`. */
export function lcgStates(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

/** Uniform numbers in [0, 1): the states over 2³². */
export function lcg(seed: number): () => number {
  const next = lcgStates(seed);
  return () => next() / 2 ** 32;
}

/** Integers in [lo, hi] (each call its own range): the states modulo the range's size. */
export function lcgInts(seed: number): (lo: number, hi: number) => number {
  const next = lcgStates(seed);
  return (lo, hi) => lo + (next() % (hi - lo + 1));
}
