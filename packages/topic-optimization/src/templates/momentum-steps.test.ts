import { describe, expect, it } from 'vitest';
import { momentumSteps, type MomentumStepsParams } from '@dlexam/topic-optimization';
import { generateVariant } from '@dlexam/generator';
import {
  assertClose,
  checkValidPins,
  commonTests,
  forSeeds,
  numericValue,
} from '@dlexam/generator/testing';
import { forNumericSeeds } from '../../test/property-checks.js';

/**
 * Independent reference: per coordinate, PyTorch's documented SGD-with-momentum loop
 * (buffer = g on the first step, then μ·buffer + (1 − dampening)·g with dampening 0), or the
 * EMA form v = βv + (1 − β)g, on f(x) = ½ Σ cᵢxᵢ².
 */
function reference(p: MomentumStepsParams): number[][] {
  return p.x0.map((x0, i) => {
    let x = x0;
    let buf: number | null = null;
    const xs: number[] = [];
    for (let t = 0; t < p.steps; t++) {
      const g = p.curvature[i]! * x;
      if (p.convention === 'pytorch') buf = buf === null ? g : p.rho * buf + g;
      else buf = p.rho * (buf ?? 0) + (1 - p.rho) * g;
      x -= p.lr * buf;
      xs.push(x);
    }
    return xs;
  });
}

describe('optimization.momentum-steps', () => {
  commonTests(it, momentumSteps, { minStems: 3 });

  it('matches the reference loop over 10,000 seeds (numeric)', () => {
    forNumericSeeds(momentumSteps, (a, p: MomentumStepsParams, v) => {
      const want = reference(p)[p.coord - 1]![p.steps - 1]!;
      assertClose(a.value, want, 0.5e-4 + 1e-9);
      if (
        a.decimals !== 4 ||
        (!v.stem.includes('Round to 4 decimals') && !v.stem.includes('round to 4 decimals'))
      )
        throw new Error('rounding not stated');
      if (
        !v.stem.includes(
          p.convention === 'pytorch' ? '\\rho\\, v_t + \\nabla f(x_t)' : '(1-\\beta)',
        )
      )
        throw new Error('convention not stated');
    });
  });

  it('table kind: every step of both coordinates matches the reference', () => {
    forSeeds(momentumSteps, 2000, 'table', (v) => {
      const p = v.params as MomentumStepsParams;
      if (v.answer.kind !== 'table') throw new Error('not a table');
      const ref = reference(p);
      v.answer.rows.forEach((row, t) => {
        [1, 2].forEach((c) => {
          const cell = row[c]!;
          if (cell.type !== 'numeric') throw new Error('expected numeric cell');
          assertClose(cell.answer.value, ref[c - 1]![t]!, 0.5e-4 + 1e-9);
        });
      });
    });
  });

  it('single choice: the correct option is the reference value and the distractors model named mistakes', () => {
    forSeeds(momentumSteps, 1000, 'single', (v) => {
      if (v.answer.kind !== 'single') throw new Error('not single');
      const p = v.params as MomentumStepsParams;
      const correct = v.choices[v.answer.correct]!;
      assertClose(correct.value!, reference(p)[p.coord - 1]![p.steps - 1]!, 0.5e-4 + 1e-9);
      for (const c of v.choices)
        if (!c.correct && !c.misconception) throw new Error('untagged distractor');
    });
    expect(true).toBe(true);
  });

  it('any valid pin (off the grid, up to 64 steps, ρ and α anywhere valid) matches the reference', () => {
    const r = checkValidPins(momentumSteps, {
      count: 1200,
      adjust(p, rng) {
        // Stable runs mostly (α·c < 2), so long runs stay within the validity rule.
        p.curvature = (p.curvature as number[]).map((c) => Math.min(c, 5));
        if (rng.bool(0.7)) p.lr = Number((rng.next() * 0.3 + 0.001).toFixed(3));
      },
      check(v, p: MomentumStepsParams) {
        const ref = reference(p);
        if (v.answer.kind === 'numeric')
          assertClose(v.answer.numeric.value, ref[p.coord - 1]![p.steps - 1]!, 0.5e-4 + 1e-9);
        if (v.answer.kind === 'table')
          v.answer.rows.forEach((row, t) =>
            [1, 2].forEach((c) => {
              const cell = row[c]!;
              if (cell.type !== 'numeric') throw new Error('expected numeric cell');
              assertClose(cell.answer.value, ref[c - 1]![t]!, 0.5e-4 + 1e-9);
            }),
          );
        expect(v.stem).toContain(`${p.steps} `);
      },
    });
    expect(r.accepted).toBeGreaterThan(900);
    expect(r.offDraw).toBeGreaterThan(800);
  });

  it('a 30-step run from (−5, −2) is accepted; a diverging one is refused by its rule', () => {
    const p = {
      x0: [-5, -2],
      curvature: [1, 4],
      lr: 0.1,
      rho: 0.9,
      steps: 30,
      convention: 'pytorch',
      coord: 2,
    };
    const v = generateVariant(momentumSteps, 1, { pins: p });
    assertClose(numericValue(v), reference(p as MomentumStepsParams)[1]![29]!, 0.5e-4 + 1e-9);
    expect(() => generateVariant(momentumSteps, 1, { pins: { ...p, lr: 2, steps: 64 } })).toThrow(
      'its params break a validity rule of optimization.momentum-steps: the run stays within |x| ≤ 10⁶ (a diverging run has no answer to 4 decimals)',
    );
  });
});
