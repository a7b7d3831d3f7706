import { decimalBounds, plainDecimal, roundTo } from '@dlexam/math';
import type { NumericAnswer } from '@dlexam/types';

/** Compares two plain decimal strings exactly: negative, zero or positive like `a - b`. */
export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function fractionDigits(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

function scaled(s: string, scale: number): bigint {
  // A plain decimal: an optional leading '-', digits, optionally '.' and digits.
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const digits =
    dot < 0
      ? body + '0'.repeat(scale)
      : body.slice(0, dot) + body.slice(dot + 1).padEnd(scale, '0');
  const v = BigInt(digits);
  return negative ? -v : v;
}

/** The value rounded the way the stem asks (decimals, or significant figures when set). */
export function askedRounding(answer: NumericAnswer): number {
  if (answer.sigFigs !== undefined) {
    // toPrecision rounds to significant figures for integers too (roundTo leaves integers as they
    // are, so it cannot round 407123 to 407000), and it is locale-independent.
    return Number(answer.value.toPrecision(answer.sigFigs));
  }
  return roundTo(answer.value, answer.decimals);
}

/**
 * Whether a student who types the answer rounded as asked lands inside `value ± tolerance`, in
 * exact decimal arithmetic. If not, nobody can answer the question (e.g. value 0.30000000000000004
 * with tolerance 0 and "round to 1 decimal").
 */
export function roundedAnswerAccepted(answer: NumericAnswer): {
  accepted: boolean;
  rounded: string;
  lower: string;
  upper: string;
} {
  const rounded = plainDecimal(askedRounding(answer));
  const { lower, upper } = decimalBounds(answer.value, answer.tolerance);
  return {
    accepted: compareDecimal(lower, rounded) <= 0 && compareDecimal(rounded, upper) <= 0,
    rounded,
    lower,
    upper,
  };
}
