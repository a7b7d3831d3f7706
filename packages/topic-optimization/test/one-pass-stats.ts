/**
 * Independent reference statistics for the normalization tests: mean, biased and unbiased variance
 * from one pass of sums (E[x²] − E[x]²), a different path from the math core's two-pass sum of
 * squared deviations.
 */
export function onePassStats(xs: number[]): { mean: number; biased: number; unbiased: number } {
  const n = xs.length;
  let s = 0;
  let s2 = 0;
  for (const x of xs) {
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  const biased = s2 / n - mean * mean;
  return { mean, biased, unbiased: (biased * n) / (n - 1) };
}
