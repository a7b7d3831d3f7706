import { describe, expect, it } from 'vitest';
import { droppedDistractors, generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import { batchnormForward, type BatchnormForwardParams } from '@dlexam/topic-optimization';
import { assertClose, checkValidPins, commonTests, forSeeds } from '@dlexam/generator/testing';
import { onePassStats } from '../../test/one-pass-stats.js';
import { forNumericSeeds } from '../../test/property-checks.js';

/**
 * Independent reference: PyTorch BatchNorm1d training-mode forward written as its documentation
 * states it, with the variance computed as E[x²] − E[x]² (a different path from the math core's
 * two-pass sum of squared deviations).
 */
function reference(p: BatchnormForwardParams, i: number, j: number): { xHat: number; y: number } {
  const col = p.x.map((r) => r[j]!);
  const { mean, biased } = onePassStats(col);
  const xHat = (col[i]! - mean) / Math.sqrt(biased + (p.epsZero ? 0 : 10 ** p.epsExp));
  return { xHat, y: p.gamma[j]! * xHat + p.beta[j]! };
}

describe('optimization.batchnorm-forward', () => {
  commonTests(it, batchnormForward, { minStems: 3 });

  it('matches the reference over 10,000 seeds (numeric)', () => {
    forNumericSeeds(batchnormForward, (a, p: BatchnormForwardParams, v) => {
      assertClose(a.value, reference(p, p.sample - 1, p.feature - 1).y, 0.5e-3 + 1e-9);
      if (a.decimals !== 3 || !/[Rr]ound to 3 decimals/.test(v.stem))
        throw new Error('rounding not stated');
      if (!/biased variance|not \\\(N-1\\\)/.test(v.stem))
        throw new Error('variance convention not stated');
    });
  });

  it('table kind: x̂ and y of every sample match the reference', () => {
    forSeeds(batchnormForward, 2000, 'table', (v) => {
      const p = v.params as BatchnormForwardParams;
      if (v.answer.kind !== 'table') throw new Error('not a table');
      v.answer.rows.forEach((row, i) => {
        const r = reference(p, i, p.feature - 1);
        const [, xh, y] = row;
        if (xh?.type !== 'numeric' || y?.type !== 'numeric')
          throw new Error('expected numeric cells');
        assertClose(xh.answer.value, r.xHat, 0.5e-3 + 1e-9, 'x̂');
        assertClose(y.answer.value, r.y, 0.5e-3 + 1e-9, 'y');
      });
    });
  });

  const check = (v: Variant) => {
    const p = v.params as BatchnormForwardParams;
    if (v.answer.kind === 'numeric')
      assertClose(
        v.answer.numeric.value,
        reference(p, p.sample - 1, p.feature - 1).y,
        0.5e-3 + 1e-9,
      );
    if (v.answer.kind === 'table')
      v.answer.rows.forEach((row, i) => {
        const cell = row[2];
        if (cell?.type !== 'numeric') throw new Error('expected a numeric cell');
        assertClose(cell.answer.value, reference(p, i, p.feature - 1).y, 0.5e-3 + 1e-9, 'y');
      });
    // The stem shows γ, β and ε as pinned.
    for (const g of [...p.gamma, ...p.beta]) expect(v.stem).toContain(String(g));
    expect(v.stem).toContain(p.epsZero ? '\\varepsilon = 0' : `10^{ ${p.epsExp} }`);
  };

  it('any valid pin (γ = 1, β = 0, ε = 0, up to 8 × 4, off the 0.5 grid) matches the reference', () => {
    const r = checkValidPins(batchnormForward, {
      count: 1500,
      adjust(p, rng) {
        const m = (p.x as number[][])[0]!.length;
        const fit = (v: number[]) => Array.from({ length: m }, (_, k) => v[k % v.length]!);
        p.gamma = fit(p.gamma as number[]);
        p.beta = fit(p.beta as number[]);
        if (rng.bool(0.2)) p.gamma = p.gamma.map(() => 1);
        if (rng.bool(0.2)) p.beta = p.beta.map(() => 0);
        p.epsZero = rng.bool(0.3);
        p.sample = rng.int(1, (p.x as number[][]).length);
        p.feature = rng.int(1, m);
      },
      check,
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(1000);
  });

  it('pins γ = 1, β = 0, ε = 0 and names the mistakes they hide', () => {
    const v = generateVariant(batchnormForward, 1, {
      pins: {
        x: [
          [1, 2],
          [2, 4],
          [3, 6],
          [6, 0],
        ],
        gamma: [1, 1],
        beta: [0, 0],
        epsExp: -5,
        epsZero: true,
        sample: 1,
        feature: 1,
      },
    });
    // x̂ = (1 − 3)/√3.5 = −1.069 (3 decimals)
    expect(v.answer).toMatchObject({ numeric: { value: -1.069 } });
    expect(droppedDistractors(v).map((d) => d.misconception)).toEqual([
      'forgot-scale-shift',
      'shift-before-scale',
    ]);
  });
});
