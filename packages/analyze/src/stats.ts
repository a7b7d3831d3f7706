import {
  mean as ssMean,
  sampleCovariance,
  sampleVariance,
  variance as populationVariance,
} from 'simple-statistics';

/**
 * Classical test theory and the tests the report uses. Means and variances come from
 * simple-statistics; the rest are the short textbook formulas (Crocker & Algina 1986; Moodle's
 * quiz statistics), each tested against values computed independently.
 */

export const mean = (x: number[]): number => (x.length ? ssMean(x) : NaN);
/** Sample variance (n − 1), as Moodle uses; NaN below 2 values. */
export const variance = (x: number[]): number => (x.length > 1 ? sampleVariance(x) : NaN);
export const sd = (x: number[]): number => Math.sqrt(variance(x));
export const popVariance = (x: number[]): number => (x.length ? populationVariance(x) : NaN);
export const covariance = (x: number[], y: number[]): number =>
  x.length > 1 ? sampleCovariance(x, y) : NaN;

/** Pearson r; null when either side has no spread (the index is undefined, as Moodle leaves it blank). */
export function correlation(x: number[], y: number[]): number | null {
  if (x.length < 2) return null;
  const vx = variance(x);
  const vy = variance(y);
  if (!(vx > 1e-12) || !(vy > 1e-12)) return null;
  return covariance(x, y) / Math.sqrt(vx * vy);
}

/** Moodle's discriminative efficiency: Cov(x, rest) over the covariance of both sorted ascending. */
export function discriminativeEfficiency(x: number[], rest: number[]): number | null {
  if (x.length < 2) return null;
  const max = covariance(
    [...x].sort((a, b) => a - b),
    [...rest].sort((a, b) => a - b),
  );
  if (!(max > 1e-12)) return null;
  return covariance(x, rest) / max;
}

/**
 * Upper–lower discrimination D = p(upper) − p(lower): the mean score (0–1) of the item among the
 * top and the bottom 27 % of students by total. Group size g = max(1, round(0.27 n)); students tied
 * with the g-th total are all included, so a group may be larger than g (the rule is symmetric and
 * independent of file order).
 */
export function upperLower(scores: number[], totals: number[]): number | null {
  const n = scores.length;
  if (n < 2) return null;
  const g = Math.max(1, Math.round(0.27 * n));
  const sorted = [...totals].sort((a, b) => b - a);
  const top = sorted[g - 1] as number;
  const bottom = sorted[n - g] as number;
  const up: number[] = [];
  const low: number[] = [];
  totals.forEach((t, i) => {
    if (t >= top) up.push(scores[i] as number);
    if (t <= bottom) low.push(scores[i] as number);
  });
  return mean(up) - mean(low);
}

/** Cronbach's α with sample variances (Moodle's "coefficient of internal consistency"). */
export function cronbachAlpha(items: number[][], totals: number[]): number | null {
  const k = items.length;
  const vt = variance(totals);
  if (k < 2 || !(vt > 1e-12)) return null;
  const sum = items.reduce((s, x) => s + variance(x), 0);
  return (k / (k - 1)) * (1 - sum / vt);
}

/**
 * KR-20 = k/(k−1)(1 − Σ p q / σ²), with p the item's facility, pq its population variance scaled by
 * its marks, and σ² the population variance of the totals (the classical form; for 0/1 items it
 * equals α computed with population variances).
 */
export function kr20(items: number[][], maxMarks: number[], totals: number[]): number | null {
  const k = items.length;
  const vt = popVariance(totals);
  if (k < 2 || !(vt > 1e-12)) return null;
  const sum = items.reduce((s, x, j) => {
    const m = maxMarks[j] as number;
    const p = mean(x) / m;
    return s + p * (1 - p) * m * m;
  }, 0);
  return (k / (k - 1)) * (1 - sum / vt);
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9), |error| < 1e-13 for x > 0. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0] as number;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Upper regularized incomplete gamma Q(a, x) (series below a + 1, continued fraction above). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** P(χ²_df ≥ x). */
export const chiSquareP = (x: number, df: number): number => gammaQ(df / 2, x / 2);

export interface TestResult {
  test: 'chi-square' | 'fisher-exact' | 'kruskal-wallis' | 'none';
  statistic: number | null;
  df: number | null;
  p: number | null;
  note?: string;
}

/** Pearson χ² test of independence on a table of counts (rows × columns). */
export function chiSquareTest(table: number[][]): TestResult {
  const rows = table.filter((r) => r.some((c) => c > 0));
  const cols = (rows[0] ?? []).map((_, j) => rows.reduce((s, r) => s + (r[j] as number), 0));
  const keep = cols.map((c) => c > 0);
  const t = rows.map((r) => r.filter((_, j) => keep[j]));
  const colSums = cols.filter((c) => c > 0);
  const n = colSums.reduce((s, c) => s + c, 0);
  const df = (t.length - 1) * (colSums.length - 1);
  if (df < 1)
    return {
      test: 'none',
      statistic: null,
      df: null,
      p: null,
      note: 'only one variant or outcome',
    };
  let x2 = 0;
  t.forEach((r) => {
    const rs = r.reduce((s, c) => s + c, 0);
    r.forEach((c, j) => {
      const e = (rs * (colSums[j] as number)) / n;
      x2 += ((c - e) * (c - e)) / e;
    });
  });
  return { test: 'chi-square', statistic: x2, df, p: chiSquareP(x2, df) };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}

/**
 * Fisher's exact test (Freeman–Halton) on an r × 2 table: the probability, with all margins fixed,
 * of a table at most as likely as the observed one. Enumerates the tables; returns null when there
 * are more than `limit` of them (use χ² then).
 */
export function fisherExactRx2(table: [number, number][], limit = 2_000_000): TestResult | null {
  const rows = table.filter(([a, b]) => a + b > 0);
  const sizes = rows.map(([a, b]) => a + b);
  const n = sizes.reduce((s, x) => s + x, 0);
  const k = rows.reduce((s, [a]) => s + a, 0);
  if (rows.length < 2 || k === 0 || k === n)
    return { test: 'fisher-exact', statistic: null, df: null, p: 1, note: 'no variation to test' };
  let count = 1;
  for (const s of sizes) {
    count *= s + 1;
    if (count > limit) return null;
  }
  // log P(table) = Σ log C(n_i, a_i) − log C(n, k)
  const logC = (m: number, r: number) => logFactorial(m) - logFactorial(r) - logFactorial(m - r);
  const base = logC(n, k);
  const logObs = rows.reduce((s, [a], i) => s + logC(sizes[i] as number, a), 0) - base;
  const suffix = sizes.map((_, i) => sizes.slice(i).reduce((s, x) => s + x, 0));
  let p = 0;
  const go = (i: number, left: number, acc: number) => {
    if (i === sizes.length) {
      if (left === 0 && acc - base <= logObs + 1e-7) p += Math.exp(acc - base);
      return;
    }
    const si = sizes[i] as number;
    const rest = (suffix[i] as number) - si;
    for (let a = Math.max(0, left - rest); a <= Math.min(si, left); a++)
      go(i + 1, left - a, acc + logC(si, a));
  };
  go(0, k, 0);
  return { test: 'fisher-exact', statistic: null, df: null, p: Math.min(1, p) };
}

/** Kruskal–Wallis H (tie-corrected) with its χ² approximation, for scores with partial marks. */
export function kruskalWallis(groups: number[][]): TestResult {
  const g = groups.filter((x) => x.length > 0);
  const all = g.flatMap((x, i) => x.map((v) => ({ v, i })));
  const n = all.length;
  if (g.length < 2 || n < 3)
    return { test: 'none', statistic: null, df: null, p: null, note: 'too few groups' };
  all.sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(n);
  let ties = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && all[j + 1]!.v === all[i]!.v) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = r;
    const t = j - i + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  const sums = g.map(() => 0);
  all.forEach((x, k) => (sums[x.i] = (sums[x.i] as number) + (ranks[k] as number)));
  let h =
    (12 / (n * (n + 1))) * g.reduce((s, x, i) => s + (sums[i] as number) ** 2 / x.length, 0) -
    3 * (n + 1);
  const c = 1 - ties / (n * n * n - n);
  if (c <= 0)
    return {
      test: 'kruskal-wallis',
      statistic: 0,
      df: g.length - 1,
      p: 1,
      note: 'all scores equal',
    };
  h /= c;
  return { test: 'kruskal-wallis', statistic: h, df: g.length - 1, p: chiSquareP(h, g.length - 1) };
}

/** Wilson score interval for a proportion k/n (95 % by default). */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
