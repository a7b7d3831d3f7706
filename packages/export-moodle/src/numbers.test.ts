import { describe, expect, it } from 'vitest';
import { compareDecimal, roundedAnswerAccepted } from './numbers.js';

describe('exact decimal checks', () => {
  it('compares plain decimals exactly', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('-0.1193', '-0.1192')).toBe(-1);
    expect(compareDecimal('407000000000000000', '406999999999999999.9')).toBe(1);
    expect(compareDecimal('0.30000000000000004', '0.3')).toBe(1);
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

  it('accepts the answer rounded as asked only when it lies within the tolerance', () => {
    expect(roundedAnswerAccepted({ value: -0.1192, decimals: 4, tolerance: 0.0001 }).accepted).toBe(
      true,
    );
    expect(
      roundedAnswerAccepted({ value: 0.123456, decimals: 3, tolerance: 0.0005 }).accepted,
    ).toBe(true);
    expect(
      roundedAnswerAccepted({ value: 4.07e17, decimals: 0, sigFigs: 3, tolerance: 1e15 }).accepted,
    ).toBe(true);
    expect(
      roundedAnswerAccepted({ value: 4.0712e17, decimals: 0, sigFigs: 3, tolerance: 0 }),
    ).toMatchObject({
      accepted: false,
      rounded: '407000000000000000',
    });
    expect(roundedAnswerAccepted({ value: 0.1 + 0.2, decimals: 1, tolerance: 0 })).toMatchObject({
      accepted: false,
      rounded: '0.3',
    });
    expect(roundedAnswerAccepted({ value: 6, decimals: 0, tolerance: 0 }).accepted).toBe(true);
    // Significant figures of an integer: 407123 to 3 s.f. is 407000.
    expect(
      roundedAnswerAccepted({ value: 407123, decimals: 0, sigFigs: 3, tolerance: 0 }),
    ).toMatchObject({
      accepted: false,
      rounded: '407000',
    });
    expect(
      roundedAnswerAccepted({ value: 407123, decimals: 0, sigFigs: 3, tolerance: 500 }).accepted,
    ).toBe(true);
  });
});
