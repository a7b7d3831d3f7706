import seedrandom from 'seedrandom';
import { DlexamError } from './errors.js';

/**
 * Seeded random streams. Every stream is derived from a string key (`exam/version/slot/template`),
 * so adding a draw in one stream never shifts another; all randomness in dlexam comes from here.
 */
export interface Rng {
  readonly key: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  bool(pTrue?: number): boolean;
  choice<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct items in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  intMatrix(rows: number, cols: number, min: number, max: number): number[][];
  intVector(length: number, min: number, max: number): number[];
  /** A multiple of `step` in [min, max] (avoids binary noise: 0.1·3 is 0.3 here). */
  stepped(min: number, max: number, step: number): number;
  /** n lowercase hex digits. */
  hex(n: number): string;
  /** An independent stream for a named purpose. */
  child(name: string): Rng;
}

/**
 * The alea state of a stream: its key hashed to 96 bits by cyrb128 (bryc's public-domain string
 * hash, github.com/bryc/code). seedrandom's own seeding hashes the key with Mash three times
 * (≈4 µs for a 60-character key); a variant seeds several streams, so that was a tenth of generation
 * time. The generator itself is still seedrandom's alea, started from this state.
 */
function streamState(key: string): { c: number; s0: number; s1: number; s2: number } {
  const [h1, h2, h3] = cyrb128(key);
  // alea's state: three 32-bit fractions in [0, 1) and a carry (1, as alea's own seeding starts).
  return { c: 1, s0: h1 / 2 ** 32, s1: h2 / 2 ** 32, s2: h3 / 2 ** 32 };
}

/** cyrb128 of a string: four unsigned 32-bit words. */
function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 128-bit hash of a text as 32 hex digits (cyrb128; not cryptographic): short, fixed-size keys. */
export function hashText(text: string): string {
  return cyrb128(text)
    .map((h) => h.toString(16).padStart(8, '0'))
    .join('');
}

function checkIntRange(min: number, max: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min)
    throw new RangeError(`rng.int(${min}, ${max}): need integers with min ≤ max`);
}

class AleaRng implements Rng {
  // Seeded on first draw: streams that only derive children (a variant's root) never hash a key.
  private state: (() => number) | undefined;
  constructor(readonly key: string) {}
  private get prng(): () => number {
    return (this.state ??= seedrandom.alea('', { state: streamState(this.key) }));
  }
  next(): number {
    return this.prng();
  }
  int(min: number, max: number): number {
    checkIntRange(min, max);
    return min + Math.floor(this.prng() * (max - min + 1));
  }
  bool(pTrue = 0.5): boolean {
    return this.prng() < pTrue;
  }
  choice<T>(items: readonly T[]): T {
    if (!items.length) throw new RangeError('rng.choice of an empty list');
    return items[Math.floor(this.prng() * items.length)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length) throw new RangeError(`rng.sample: ${k} of ${items.length}`);
    return this.shuffle(items).slice(0, k);
  }
  intMatrix(rows: number, cols: number, min: number, max: number): number[][] {
    const m: number[][] = [];
    for (let r = 0; r < rows; r++) m.push(this.intVector(cols, min, max));
    return m;
  }
  intVector(length: number, min: number, max: number): number[] {
    checkIntRange(min, max);
    const v: number[] = [];
    const prng = this.prng;
    const span = max - min + 1;
    for (let i = 0; i < length; i++) v.push(min + Math.floor(prng() * span));
    return v;
  }
  stepped(min: number, max: number, step: number): number {
    const n = Math.round((max - min) / step);
    return stepValue(min, step, this.int(0, n));
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += Math.floor(this.prng() * 16).toString(16);
    return s;
  }
  child(name: string): Rng {
    return new AleaRng(`${this.key}/${name}`);
  }
}

/**
 * min + k·step as an exact decimal (the value `rng.stepped` draws for index k): integer arithmetic
 * when min and step have few decimals (the same double `Number(x.toPrecision(12))` gives, at a tenth
 * of the cost, and never −0 or binary noise such as −1.1e-16 for −0.9 + 3·0.3), else that round trip.
 */
export function stepValue(min: number, step: number, k: number): number {
  const scale = Math.max(decimalScale(min), decimalScale(step));
  if (scale > 0) {
    const numerator = Math.round(min * scale) + k * Math.round(step * scale);
    if (Math.abs(numerator) < 1e12) return numerator / scale + 0; // + 0: no -0
  }
  return Number((min + k * step).toPrecision(12));
}

const scales = new Map<number, number>();
/** 10^d for a number written with d ≤ 9 decimals (0.25 → 100), or 0 when it has more or an exponent. */
function decimalScale(x: number): number {
  let scale = scales.get(x);
  if (scale === undefined) {
    const s = String(x);
    const dot = s.indexOf('.');
    const decimals = dot < 0 ? 0 : s.length - dot - 1;
    scale = s.includes('e') || decimals > 9 ? 0 : 10 ** decimals;
    if (scales.size < 1024) scales.set(x, scale);
  }
  return scale;
}

export function createRng(key: string): Rng {
  return new AleaRng(key);
}

/** Seeds are 1–64 characters of letters, digits, `-` and `_`, so they survive file names and URLs. */
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function assertSeed(seed: unknown, at = 'seed'): string {
  const s =
    typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? String(seed) : seed;
  if (typeof s !== 'string' || !SEED_PATTERN.test(s))
    throw new DlexamError(
      `invalid seed ${JSON.stringify(seed)}; use 1–64 letters, digits, '-' or '_' (e.g. 42 or fall-2026)`,
      at,
    );
  return s;
}
