import { describe, expect, it } from 'vitest';
import { checkValid, describeValid, param } from './index.js';

describe('param constructors', () => {
  it('build the same specs as the object literals, valid only when given', () => {
    expect(param.int('kernel', [1, 11])).toEqual({
      type: 'int',
      min: 1,
      max: 11,
      description: 'kernel',
    });
    expect('valid' in param.int('kernel', [1, 11])).toBe(false);
    expect(param.number('lr', [0.1, 0.5], 0.1, { min: 0, minExclusive: true })).toEqual({
      type: 'number',
      min: 0.1,
      max: 0.5,
      step: 0.1,
      description: 'lr',
      valid: { min: 0, minExclusive: true },
    });
    expect(param.intMatrix('W', [2, 3], [2, 2], [-2, 2]).type).toBe('int-matrix');
    expect(param.json('graph', { a: 1 })).toEqual({
      type: 'json',
      description: 'graph',
      example: { a: 1 },
    });
  });

  it('give a validity that pins are checked against', () => {
    const k = param.int('kernel', [1, 11], { min: 1, max: 1000 });
    expect(checkValid(k, 227)).toBeNull();
    expect(checkValid(k, 0)).toBe('an integer from 1 to 1000');
    const sizes = param.choice('size', [32, 64], { min: 1, integer: true });
    expect(checkValid(sizes, 100)).toBeNull();
    expect(describeValid(param.numberVector('x', [2, 3], [-1, 1], 0.5, { length: [1, 8] }))).toBe(
      'a list of 1–8 numbers',
    );
  });
});
