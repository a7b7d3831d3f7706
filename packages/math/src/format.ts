/**
 * Deterministic, locale-free number formatting. Never uses toLocaleString or Intl, so output is
 * byte-identical on every machine. Rounding is half away from zero at the stated decimal, after
 * removing binary noise (1.005 rounds to 1.01, as a person expects).
 */

const MINUS = '-';

/** Rounds half away from zero to `decimals` places. */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`roundTo: ${x} is not finite`);
  if (decimals >= 0 && Number.isInteger(x)) return x === 0 ? 0 : x; // nothing to round (and -0 becomes 0)
  const f = 10 ** decimals;
  let scaled = Math.abs(x) * f;
  // Near a half, x·f carries representation error (1.005·100 = 100.49999999999999): take it
  // to 15 significant digits first. Elsewhere Math.round is already right, and much cheaper.
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-9 + scaled * 1e-13)
    scaled = Number(scaled.toPrecision(15));
  const r = Math.round(scaled) / f;
  return x < 0 && r !== 0 ? -r : r;
}

/** Digits of a non-negative integer with no grouping. */
function intDigits(n: number): string {
  if (!Number.isSafeInteger(n)) {
    // Exact digits of larger integers via BigInt (toString would give 1e+21).
    return BigInt(n).toString();
  }
  return String(n);
}

/** An integer, optionally grouped in threes by `sep` (`529 411`). */
export function formatInt(n: number, sep = ''): string {
  if (!Number.isInteger(n)) throw new RangeError(`formatInt: ${n} is not an integer`);
  const digits = intDigits(Math.abs(n));
  // Most numbers in a figure or matrix have at most three digits: nothing to group.
  const grouped = sep && digits.length > 3 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : digits;
  return (n < 0 ? MINUS : '') + grouped;
}

/** Fixed decimals, plain notation (never exponent form). `formatFixed(-0.0004, 3)` is `0.000`. */
export function formatFixed(x: number, decimals: number): string {
  if (decimals === 0 && Number.isSafeInteger(x)) return x === 0 ? '0' : String(x);
  const r = roundTo(x, decimals);
  const abs = Math.abs(r);
  if (Number.isInteger(decimals) && decimals >= 0 && decimals <= 15) {
    // r is the double nearest a decimal with `decimals` places, so r·10^d is within rounding error
    // of that decimal's digits as an integer: print the integer and place the point (toFixed is slow).
    const m = Math.round(abs * 10 ** decimals);
    if (m < 2 ** 50) {
      if (decimals === 0) return (r < 0 ? MINUS : '') + String(m);
      const ds = String(m).padStart(decimals + 1, '0');
      const cut = ds.length - decimals;
      return (r < 0 ? MINUS : '') + ds.slice(0, cut) + '.' + ds.slice(cut);
    }
  }
  // toFixed of an already rounded value is exact below 1e21 (above it, toFixed switches to exponents).
  const digits =
    abs < 1e21
      ? abs.toFixed(Math.min(decimals, 100))
      : BigInt(Math.round(abs)).toString() + (decimals > 0 ? '.' + '0'.repeat(decimals) : '');
  return (r < 0 ? MINUS : '') + digits;
}

/** Like formatFixed, then trailing zeros (and a bare point) removed: `2.50` → `2.5`. */
export function formatDecimal(x: number, maxDecimals: number): string {
  const s = formatFixed(x, maxDecimals);
  if (!s.includes('.')) return s;
  // Trailing zeros, then a bare point (a loop: this runs for every number of every figure).
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/**
 * The shortest plain decimal string that round-trips `x` (no exponent, no locale): for values an
 * LMS parses, where `1e-5` would be misread.
 */
export function plainDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`plainDecimal: ${x} is not finite`);
  if (Object.is(x, -0) || x === 0) return '0';
  const s = String(x);
  if (!/e/i.test(s)) return s;
  const [mant, expPart] = s.split(/e/i) as [string, string];
  const exp = Number(expPart);
  const neg = mant.startsWith('-');
  const [i, f = ''] = mant.replace('-', '').split('.') as [string, string?];
  const digits = i + f;
  const point = i.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/** Decimal places of a plain decimal string. */
function scaleOf(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

function toScaled(s: string, scale: number): bigint {
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.') as [string, string?];
  const v = BigInt(i + f.padEnd(scale, '0'));
  return neg ? -v : v;
}

function fromScaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = digits.slice(0, -scale) + '.' + digits.slice(-scale);
  if (digits.includes('.')) digits = digits.replace(/\.?0+$/, '');
  return (neg && digits !== '0' ? '-' : '') + digits;
}

/**
 * value − tol and value + tol in exact decimal arithmetic on their plain decimal strings, so an
 * LMS never sees 0.010000000000000009.
 */
export function decimalBounds(value: number, tolerance: number): { lower: string; upper: string } {
  const a = plainDecimal(value);
  const b = plainDecimal(tolerance);
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const va = toScaled(a, scale);
  const vb = toScaled(b, scale);
  return { lower: fromScaled(va - vb, scale), upper: fromScaled(va + vb, scale) };
}

/** Sign, integer digits without leading zeros and fraction digits without trailing zeros. */
function decimalParts(s: string): { sign: -1 | 0 | 1; int: string; frac: string } {
  const negative = s.charCodeAt(0) === 45; // '-'
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const int = (dot < 0 ? body : body.slice(0, dot)).replace(/^0+/, '');
  const frac = dot < 0 ? '' : body.slice(dot + 1).replace(/0+$/, '');
  return { sign: int === '' && frac === '' ? 0 : negative ? -1 : 1, int, frac };
}

/**
 * Compares two plain decimal strings exactly: negative, zero or positive like `a − b`. By digits,
 * not BigInt: integer parts by length then text, fraction parts (trailing zeros dropped) by text.
 */
export function compareDecimal(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  if (x.sign !== y.sign) return x.sign < y.sign ? -1 : 1;
  if (x.sign === 0) return 0;
  const c =
    x.int.length - y.int.length ||
    (x.int < y.int ? -1 : x.int > y.int ? 1 : 0) ||
    (x.frac < y.frac ? -1 : x.frac > y.frac ? 1 : 0);
  if (c === 0) return 0;
  return c < 0 ? -x.sign : x.sign;
}

/** `a + b` on plain decimal strings, exactly (`addDecimal('0.1', '0.2')` is `'0.3'`). */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  return fromScaled(toScaled(a, scale) + toScaled(b, scale), scale);
}

/** `a − b` on plain decimal strings, exactly. */
export function subtractDecimal(a: string, b: string): string {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  return fromScaled(toScaled(a, scale) - toScaled(b, scale), scale);
}

/**
 * The decimal a double stands for, without binary residue: `tidyDecimal(0.1 + 0.2)` is `'0.3'`,
 * `tidyDecimal(9.999999999999999e-5)` is `'0.0001'`. Twelve significant digits hold every value
 * a template states (at most 10 asked digits) while dropping the 15th–17th-digit noise of float
 * arithmetic.
 */
export function tidyDecimal(x: number): string {
  // An integer of at most 12 digits is its own 12-digit rounding (and -0 prints as 0): the common
  // case of every count and size, without the two number-to-text conversions.
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) return x === 0 ? '0' : String(x);
  return plainDecimal(Number(x.toPrecision(12)));
}

/** `{ mantissa, exponent }` with the mantissa rounded to `sig` significant digits. */
export function toScientific(x: number, sig = 3): { mantissa: string; exponent: number } {
  if (x === 0) return { mantissa: formatFixed(0, sig - 1), exponent: 0 };
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  let m = roundTo(x / 10 ** exponent, sig - 1);
  if (Math.abs(m) >= 10) {
    exponent += 1;
    m = roundTo(x / 10 ** exponent, sig - 1);
  }
  return { mantissa: formatFixed(m, sig - 1), exponent };
}

/** `4.07 × 10^17` in Unicode. */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export function formatScientific(x: number, sig = 3): string {
  const { mantissa, exponent } = toScientific(x, sig);
  const digits = formatInt(exponent);
  let sup = '';
  for (const c of digits) sup += SUPERSCRIPT_DIGITS[c.charCodeAt(0) - 48] ?? (c === '-' ? '⁻' : c);
  return `${mantissa} × 10${sup}`;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A reduced fraction `num/den` with the sign on the numerator. */
export function reduceFraction(num: number, den: number): [number, number] {
  if (den === 0) throw new RangeError('reduceFraction: zero denominator');
  if (!Number.isInteger(num) || !Number.isInteger(den))
    throw new RangeError('reduceFraction: integers only');
  const g = gcd(num, den) || 1;
  const s = den < 0 ? -1 : 1;
  return [(s * num) / g, (s * den) / g];
}

export function formatFraction(num: number, den: number): string {
  const [n, d] = reduceFraction(num, den);
  return d === 1 ? formatInt(n) : `${formatInt(n)}/${formatInt(d)}`;
}
