import { describe, it } from 'vitest';
import { batchNormForward, type BatchNormForwardParams } from '@dlexam/topic-optimization';
import { assertClose, commonTests, forSeeds } from '@dlexam/generator/testing';

/**
 * Independent reference: PyTorch BatchNorm1d training-mode forward written as its documentation
 * states it, with the variance computed as E[x²] − E[x]² (a different path from the math core's
 * two-pass sum of squared deviations).
 */
function reference(p: BatchNormForwardParams, i: number, j: number): { xHat: number; y: number } {
  const col = p.x.map((r) => r[j]!);
  const n = col.length;
  let s = 0;
  let s2 = 0;
  for (const c of col) {
    s += c;
    s2 += c * c;
  }
  const mean = s / n;
  const varBiased = s2 / n - mean * mean;
  const xHat = (col[i]! - mean) / Math.sqrt(varBiased + 10 ** p.epsExp);
  return { xHat, y: p.gamma[j]! * xHat + p.beta[j]! };
}

describe('optimization.batchnorm-forward', () => {
  commonTests(it, batchNormForward, { minStems: 3 });

  it('matches the reference over 10,000 seeds (numeric)', () => {
    forSeeds(batchNormForward, 10_000, 'numeric', (v) => {
      const p = v.params as BatchNormForwardParams;
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(
        v.answer.numeric.value,
        reference(p, p.sample - 1, p.feature - 1).y,
        0.5e-3 + 1e-9,
      );
      if (v.answer.numeric.decimals !== 3 || !/[Rr]ound to 3 decimals/.test(v.stem))
        throw new Error('rounding not stated');
      if (!/biased variance|not \\\(N-1\\\)/.test(v.stem))
        throw new Error('variance convention not stated');
    });
  });

  it('table kind: x̂ and y of every sample match the reference', () => {
    forSeeds(batchNormForward, 2000, 'table', (v) => {
      const p = v.params as BatchNormForwardParams;
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
});
