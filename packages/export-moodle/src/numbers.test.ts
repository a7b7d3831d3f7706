import { describe, expect, it } from 'vitest';
import { compareDecimal, roundedAnswerAccepted } from './numbers.js';

describe('exact decimal checks', () => {
  it('compares plain decimals exactly', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('-0.1193', '-0.1192')).toBe(-1);
    expect(compareDecimal('407000000000000000', '406999999999999999.9')).toBe(1);
    expect(compareDecimal('0.30000000000000004', '0.3')).toBe(1);
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
