import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimalBounds,
  subtractDecimal,
  tidyDecimal,
  formatDecimal,
  formatFixed,
  formatFraction,
  formatInt,
  formatScientific,
  plainDecimal,
  roundTo,
  texMatrix,
  texNumber,
  texScientific,
  texVector,
  plainMatrix,
} from '@dlexam/math';
import { lcg } from '../test/lcg.js';

describe('formatting is exact and locale-free', () => {
  it('rounds half away from zero without binary noise', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(407123, -3)).toBe(407000);
    expect(roundTo(-0, 0)).toBe(0);
    expect(formatFixed(-0.0004, 3)).toBe('0.000');
    expect(formatFixed(2, 3)).toBe('2.000');
    expect(formatFixed(-0.1192029, 4)).toBe('-0.1192');
  });

  it('rounds like the always-exact 15-digit path over many random values', () => {
    // Reference: every value taken to 15 significant digits before rounding (slow, but simple).
    const reference = (x: number, d: number) => {
      const r = Math.round(Number((Math.abs(x) * 10 ** d).toPrecision(15))) / 10 ** d;
      return x < 0 && r !== 0 ? -r : r;
    };
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 100_000; i++) {
      const d = i % 7;
      // Half-way cases on the stated decimal, and arbitrary values.
      const x =
        i % 2 ? (Math.round(next() * 2e6 - 1e6) + 0.5) / 10 ** d : (next() - 0.5) * 10 ** (i % 9);
      expect(roundTo(x, d)).toBe(reference(x, d));
      expect(formatFixed(x, d)).toBe(
        reference(x, d)
          .toFixed(d)
          .replace(/^-(0\.?0*)$/, '$1'),
      );
    }
  });

  it('prints the same digits as toFixed for every decimal count and magnitude', () => {
    let seed = 777;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 100_000; i++) {
      const d = i % 16;
      const x = (next() - 0.5) * 10 ** ((i % 23) - 8); // 1e-8 … 1e14
      const r = roundTo(x, d);
      expect(formatFixed(x, d), `${x} to ${d}`).toBe(r.toFixed(d).replace(/^-(0\.?0*)$/, '$1'));
    }
  });

  it('trims exactly the zeros the /\\.?0+$/ rule trims', () => {
    let seed = 99;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 50_000; i++) {
      const d = i % 8;
      const x = i % 3 ? Math.round((next() - 0.5) * 2000) / 10 ** (i % 5) : (next() - 0.5) * 100;
      expect(formatDecimal(x, d)).toBe(
        formatFixed(x, d).replace(/\.?0+$/, (m) =>
          m.includes('.') || formatFixed(x, d).includes('.') ? '' : m,
        ),
      );
    }
    expect(formatScientific(-1.5e-12, 2)).toBe('-1.5 × 10⁻¹²');
  });

  it('formats integers with optional grouping', () => {
    expect(formatInt(529411)).toBe('529411');
    expect(formatInt(529411, ' ')).toBe('529 411');
    expect(formatInt(-1234567, ',')).toBe('-1,234,567');
    expect(() => formatInt(1.5)).toThrow(/not an integer/);
  });

  it('trims decimals and never uses exponent notation', () => {
    expect(formatDecimal(2.5, 3)).toBe('2.5');
    expect(formatDecimal(3, 3)).toBe('3');
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(-2.5e-5)).toBe('-0.000025');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(0.1)).toBe('0.1');
  });

  it('computes bounds in decimal arithmetic', () => {
    expect(decimalBounds(0.02, 0.01)).toEqual({ lower: '0.01', upper: '0.03' });
    expect(decimalBounds(-0.1192, 0.00005)).toEqual({ lower: '-0.11925', upper: '-0.11915' });
    expect(decimalBounds(6, 0)).toEqual({ lower: '6', upper: '6' });
    expect(decimalBounds(0.1, 0.2)).toEqual({ lower: '-0.1', upper: '0.3' });
  });

  it('formats scientific values such as 1.5^100 and 0.8^100', () => {
    expect(formatScientific(1.5 ** 100)).toBe('4.07 × 10¹⁷');
    expect(formatScientific(0.8 ** 100)).toBe('2.04 × 10⁻¹⁰');
    expect(texScientific(9.999e5, 3)).toBe('1.00 \\times 10^{6}');
  });

  it('reduces fractions', () => {
    expect(formatFraction(6, -4)).toBe('-3/2');
    expect(formatFraction(8, 4)).toBe('2');
  });

  it('writes TeX numbers, vectors and matrices', () => {
    expect(texNumber(34944)).toBe('34\\,944');
    expect(texNumber(0.5, { decimals: 3 })).toBe('0.500');
    expect(texVector([1, -2])).toBe('\\begin{bmatrix}1 \\\\ -2\\end{bmatrix}');
    expect(
      texMatrix([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}');
    expect(
      plainMatrix([
        [11, 9],
        [8, 12],
      ]),
    ).toBe('[[11, 9], [8, 12]]');
  });
});

describe('exact decimal arithmetic', () => {
  it('compares, adds and subtracts plain decimals exactly', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('-0.1193', '-0.1192')).toBe(-1);
    expect(compareDecimal('407000000000000000', '406999999999999999.9')).toBe(1);
    expect(compareDecimal('0.30000000000000004', '0.3')).toBe(1);
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimal('0.9047', '0.0001')).toBe('0.9046');
    expect(subtractDecimal('0.5', '1.25')).toBe('-0.75');
  });

  it('agrees with a BigInt reference on integers, decimals and signs of every scale', () => {
    const reference = (a: string, b: string): number => {
      const frac = (s: string) => (s.includes('.') ? s.split('.')[1]!.length : 0);
      const scale = Math.max(frac(a), frac(b));
      const big = (s: string) => {
        const [int, f = ''] = s.replace('-', '').split('.') as [string, string?];
        const v = BigInt(int + f.padEnd(scale, '0'));
        return s.startsWith('-') ? -v : v;
      };
      const [x, y] = [big(a), big(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const values = ['0', '-0', '1', '-1', '10', '0.5', '-0.5', '0.05', '1.25', '-1.250', '12.3'];
    values.push('100', '0.001', '-0.001', '99.999', '-100.01', '3', '3.0', '-3.00');
    for (const a of values)
      for (const b of values) expect(compareDecimal(a, b), `${a} vs ${b}`).toBe(reference(a, b));
  });

  it('tidies float residue to the decimal meant', () => {
    expect(tidyDecimal(0.1 + 0.2)).toBe('0.3');
    // Integers take a shortcut: it must agree with the 12-digit rounding on either side of 1e12.
    const r = lcg(7);
    for (let i = 0; i < 5000; i++) {
      const n = Math.round((r() - 0.5) * 10 ** Math.floor(r() * 15));
      for (const x of [n, -n, 999_999_999_999 - (n % 1000), 1e12 + n])
        expect(tidyDecimal(x)).toBe(plainDecimal(Number(x.toPrecision(12))));
    }
    expect(tidyDecimal(-0)).toBe('0');
    expect(tidyDecimal(123_456_789_012_345)).toBe('123456789012000');
    expect(tidyDecimal(9.999999999999999e-5)).toBe('0.0001');
    expect(tidyDecimal(10 ** -5)).toBe('0.00001');
    expect(tidyDecimal(-1e-7)).toBe('-0.0000001');
    expect(tidyDecimal(4.07e17)).toBe('407000000000000000');
  });
});
