import { describe, expect, it } from 'vitest';
import {
  gradientClipping,
  gradientProduct,
  type GradientClippingParams,
  type GradientProductParams,
} from '../index.js';
import { checkTemplate, assertAnswer, assertNumeric, runProperty } from '@dlexam/generator/testing';

describe('rnn.gradient-product', () => {
  it('answers equal a loop of multiplications to 3 significant figures over 10,000 seeds', () => {
    runProperty(gradientProduct, {
      kinds: ['numeric', 'single'],
      check(v) {
        const p = v.params as GradientProductParams;
        let prod = 1;
        for (let t = 0; t < p.steps; t++) prod *= p.factor;
        assertAnswer(v, prod, 0, 3);
        if (v.answer.kind === 'numeric') expect(v.answer.numeric.sigFigs).toBe(3);
        expect(v.stem).toMatch(/3 significant figures/);
        expect(v.solution).toMatch(p.factor > 1 ? /exploding/ : /vanishing/);
      },
    });
  });
  it('is deterministic and varies', () =>
    checkTemplate(gradientProduct, { kinds: ['numeric'], minStems: 150, minOpenings: 2 }));
});

describe('rnn.gradient-clipping', () => {
  it('answers equal a direct rescaling loop over 10,000 seeds', () => {
    runProperty(gradientClipping, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as GradientClippingParams;
        let sq = 0;
        for (const x of p.g) sq += x * x;
        const norm = Math.sqrt(sq);
        const clipped = p.g.map((x) => (norm > p.maxNorm ? (x * p.maxNorm) / norm : x));
        if (v.answer.kind === 'table') {
          const cells = v.answer.rows[0]!;
          [norm, ...clipped].forEach((x, i) => {
            const c = cells[i]!;
            if (c.type !== 'numeric') expect.fail('numeric cell expected');
            else assertNumeric(c.answer, x);
          });
        } else assertAnswer(v, clipped[p.unit]!, 3);
      },
    });
  });
  it('is deterministic and varies', () =>
    checkTemplate(gradientClipping, {
      kinds: ['numeric', 'table'],
      minStems: 150,
      minOpenings: 2,
    }));
});
