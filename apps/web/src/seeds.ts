/**
 * Seeds from the browser's crypto RNG. Practice seeds start with `p` and have 10 hex digits; exam
 * questions use 12-hex-digit seeds derived from the exam's secret seed, so a practice seed can never
 * reproduce an exam variant.
 */
function hex(bytes: number): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return [...a].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const practiceSeed = (): string => `p${hex(5)}`;
export const examSeed = (): string => hex(8);
export const isPracticeSeed = (s: string): boolean => /^p[0-9a-f]{10}$/.test(s);
