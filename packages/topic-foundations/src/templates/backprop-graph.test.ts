import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { numericValue } from '@dlexam/generator/testing';
import { backpropGraph, buildGraph } from '../index.js';

describe('foundations.backprop-graph validity', () => {
  it('accepts pinned integer inputs beyond the drawn ±5 and a dead ReLU; the forward value stays right', () => {
    // Topology A: f = ReLU(max(x·y, z) + w) at (12, −7, 30, −50): max(−84, 30) − 50 = −20 → f = 0.
    const v = generateVariant(backpropGraph, 'dead', {
      kind: 'numeric',
      pins: { topology: 'A', inputs: [12, -7, 30, -50], ask: 'f' },
    });
    expect(numericValue(v)).toBe(0);
    expect(buildGraph('A', [12, -7, 30, -50])).toHaveLength(8);
    const far = generateVariant(backpropGraph, 'far', {
      kind: 'numeric',
      pins: { topology: 'C', inputs: [40, -3, 7, 9], ask: 'y' },
    });
    // C: f = ReLU(x·y + max(z, w)) = ReLU(−120 + 9) = 0 → every gradient 0.
    expect(numericValue(far)).toBe(0);
  });
});
