import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import { optimizerStep, type OptimizerStepParams } from '@dlexam/topic-optimization';
import { assertClose, checkValidPins, commonTests, forSeeds } from '@dlexam/generator/testing';
import { forNumericSeeds } from '../../test/property-checks.js';

/**
 * Independent reference: one step per coordinate written from PyTorch's documented torch.optim
 * pseudo-code, in its own arrangement (weight decay folded into g for SGD; AdamW's
 * θ ← θ − γλθ first; Adam's step_size = lr/bc1 and denom = √v/√bc2 + ε).
 */
function referenceStep(p: OptimizerStepParams, i: number): { theta: number; state: number[] } {
  const th = p.theta[i]!;
  const g = p.grad[i]!;
  const s1 = p.state1[i]!;
  const s2 = p.state2[i]!;
  const eps = 10 ** p.epsExp;
  switch (p.optimizer) {
    case 'sgd': {
      const gd = g + p.weightDecay * th;
      return { theta: th - p.lr * gd, state: [] };
    }
    case 'momentum': {
      const b = p.convention === 'pytorch' ? p.beta1 * s1 + g : p.beta1 * s1 + (1 - p.beta1) * g;
      return { theta: th - p.lr * b, state: [b] };
    }
    case 'nesterov': {
      const b = p.beta1 * s1 + g;
      return { theta: th - p.lr * (g + p.beta1 * b), state: [b] };
    }
    case 'adagrad': {
      const sum = s1 + g * g;
      return { theta: th - (p.lr * g) / (Math.sqrt(sum) + eps), state: [sum] };
    }
    case 'rmsprop': {
      const sq = p.beta1 * s1 + (1 - p.beta1) * g * g;
      return { theta: th - (p.lr * g) / (Math.sqrt(sq) + eps), state: [sq] };
    }
    case 'adam':
    case 'adamw': {
      let x = th;
      if (p.optimizer === 'adamw') x *= 1 - p.lr * p.weightDecay;
      const m = p.beta1 * s1 + (1 - p.beta1) * g;
      const v = p.beta2 * s2 + (1 - p.beta2) * g * g;
      const bc1 = 1 - p.beta1 ** p.t;
      const bc2 = 1 - p.beta2 ** p.t;
      const denom = Math.sqrt(v) / Math.sqrt(bc2) + eps;
      return { theta: x - (p.lr / bc1) * (m / denom), state: [m, v] };
    }
  }
}

describe('optimization.optimizer-step', () => {
  commonTests(it, optimizerStep, { minStems: 6 });

  it('matches the PyTorch reference step over 10,000 seeds (numeric), with rule and rounding stated', () => {
    const seen = new Set<string>();
    forNumericSeeds(optimizerStep, (a, p: OptimizerStepParams, v) => {
      seen.add(p.optimizer);
      assertClose(a.value, referenceStep(p, p.coord - 1).theta, 0.5e-4 + 1e-9);
      if (a.decimals !== 4 || !v.stem.includes('Round to 4 decimals'))
        throw new Error('rounding not stated');
      if (!v.stem.includes('\\[')) throw new Error('rule not stated');
    });
    expect(seen.size).toBe(7);
  });

  it('table kind: new state and parameters of every coordinate match the reference', () => {
    forSeeds(optimizerStep, 2000, 'table', (v) => {
      const p = v.params as OptimizerStepParams;
      if (v.answer.kind !== 'table') throw new Error('not a table');
      v.answer.rows.forEach((row, i) => {
        const ref = referenceStep(p, i);
        const want = [...ref.state, ref.theta];
        const got = row.slice(1).map((c) => (c.type === 'numeric' ? c.answer.value : NaN));
        if (got.length !== want.length) throw new Error(`expected ${want.length} cells`);
        got.forEach((x, k) => assertClose(x, want[k]!, 0.5e-4 + 1e-9, `cell ${k}`));
      });
    });
  });

  it('single choice: distractors are distinct named mistakes, Adam offers the no-bias-correction slip', () => {
    let sawNoBias = 0;
    forSeeds(optimizerStep, 1500, 'single', (v) => {
      if (v.answer.kind !== 'single') throw new Error('not single');
      const p = v.params as OptimizerStepParams;
      assertClose(
        v.choices[v.answer.correct]!.value!,
        referenceStep(p, p.coord - 1).theta,
        0.5e-4 + 1e-9,
      );
      if (v.choices.some((c) => c.misconception === 'no-bias-correction')) sawNoBias++;
    });
    expect(sawNoBias).toBeGreaterThan(50);
  });

  it('first Adam step moves by about α (T-adam-first-step)', () => {
    const v = generateFixture(optimizerStep, 'T-adam-first-step');
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: 0.9 } });
  });

  it('any valid pin (off the grid, t up to 10,000, λ = 0, β₁ ≥ β₂, up to 8 coordinates) matches the reference', () => {
    const r = checkValidPins(optimizerStep, {
      count: 1500,
      adjust(p, rng) {
        const n = (p.theta as number[]).length;
        const fit = (v: number[]) => Array.from({ length: n }, (_, k) => v[k % v.length]!);
        p.grad = fit(p.grad as number[]);
        p.state1 = fit(p.state1 as number[]);
        p.state2 = fit(p.state2 as number[]);
        p.coord = rng.int(1, n);
        const o = p.optimizer as string;
        const adam = o === 'adam' || o === 'adamw';
        if (!adam) p.state2 = p.state2.map(() => 0);
        if (o === 'sgd') p.state1 = p.state1.map(() => 0);
        if (o === 'adagrad' || o === 'rmsprop')
          p.state1 = (p.state1 as number[]).map((x) => Math.abs(x));
        if (o !== 'sgd' && o !== 'adamw') p.weightDecay = 0;
        if (adam && p.t === 1) p.t = rng.int(2, 10_000);
      },
      check(v, p: OptimizerStepParams) {
        if (v.answer.kind === 'numeric')
          assertClose(v.answer.numeric.value, referenceStep(p, p.coord - 1).theta, 0.5e-4 + 1e-9);
        if (v.answer.kind === 'table')
          v.answer.rows.forEach((row, i) => {
            const ref = referenceStep(p, i);
            const want = [...ref.state, ref.theta];
            const got = row.slice(1).map((c) => (c.type === 'numeric' ? c.answer.value : NaN));
            got.forEach((x, k) => assertClose(x, want[k]!, 0.5e-4 + 1e-9, `cell ${k}`));
          });
      },
    });
    expect(r.accepted).toBeGreaterThan(1000);
    expect(r.offDraw).toBeGreaterThan(900);
  });
});
