import { describe, expect, it } from 'vitest';
import { generateFixture } from '@dlexam/generator';
import {
  iterationsPerEpochTemplate,
  lrSchedule,
  lrStability,
  type IterationsPerEpochParams,
  type LrScheduleParams,
  type LrStabilityParams,
} from '@dlexam/topic-optimization';
import { assertClose, checkValidPins, commonTests } from '@dlexam/generator/testing';
import { forNumericSeeds } from '../../test/property-checks.js';

/** Tolerance of a 3-significant-figure answer. */
const sig3 = (x: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 2) * (1 + 1e-9);

/**
 * Independent reference: PyTorch's schedulers in their RECURSIVE form, stepped epoch by epoch
 * (StepLR multiplies at multiples of step_size, ExponentialLR every epoch, CosineAnnealingLR by the
 * ratio (1 + cos(πe/T)) / (1 + cos(π(e−1)/T)) around η_min).
 */
function recursiveLr(p: LrScheduleParams): number {
  let lr = p.lr0;
  for (let e = 1; e <= p.epoch; e++) {
    if (p.schedule === 'step') {
      if (e % p.stepSize === 0) lr *= p.gamma;
    } else if (p.schedule === 'exponential') lr *= p.gamma;
    else
      lr =
        ((1 + Math.cos((Math.PI * e) / p.tMax)) / (1 + Math.cos((Math.PI * (e - 1)) / p.tMax))) *
          (lr - p.lrMin) +
        p.lrMin;
  }
  return lr;
}

describe('optimization.lr-schedule', () => {
  commonTests(it, lrSchedule, { minStems: 3 });
  it('matches the recursive PyTorch schedulers over 10,000 seeds', () => {
    const kinds = new Set<string>();
    forNumericSeeds(lrSchedule, (a, p: LrScheduleParams, v) => {
      kinds.add(p.schedule);
      const want = recursiveLr(p);
      if (Math.abs(a.value - want) > sig3(want)) throw new Error(`got ${a.value}, want ${want}`);
      if (a.sigFigs !== 3 || !/3 significant figures/.test(v.stem))
        throw new Error('rounding not stated');
      if (!v.figure) throw new Error('no figure');
    });
    expect(kinds.size).toBe(3);
  });
  it('any valid pin (η₀ and γ off the lists, any step size, epochs up to 1000, e = T_max) matches', () => {
    const r = checkValidPins(lrSchedule, {
      count: 1500,
      adjust(p, rng) {
        if (p.schedule === 'cosine') {
          p.gamma = 1;
          p.stepSize = 1;
          p.epoch = rng.int(0, p.tMax as number);
          p.lrMin = Math.min(p.lrMin as number, p.lr0 as number);
        } else {
          p.tMax = 1;
          p.lrMin = 0;
          if (p.schedule !== 'step') p.stepSize = 1;
        }
      },
      check(v, p: LrScheduleParams) {
        if (v.answer.kind !== 'numeric') return;
        const want = recursiveLr(p);
        if (Math.abs(v.answer.numeric.value - want) > sig3(want) + 1e-12)
          throw new Error(`got ${v.answer.numeric.value}, want ${want}`);
      },
    });
    // Long exponential decays fall below 10⁻¹⁰ and are refused by that rule.
    expect(r.accepted).toBeGreaterThan(800);
    expect(r.refused).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(700);
  });
});

/** Independent: walk through the dataset batch by batch, counting the updates asked for. */
function walkedUpdates(p: IterationsPerEpochParams): number {
  let per = 0;
  for (let start = 0; start < p.datasetSize; start += p.batchSize)
    if (!p.dropLast || start + p.batchSize <= p.datasetSize) per++;
  return p.ask === 'per-epoch' ? per : per * p.epochs;
}

describe('optimization.iterations-per-epoch', () => {
  commonTests(it, iterationsPerEpochTemplate, { minStems: 3 });
  it('matches walking through the dataset batch by batch over 10,000 seeds', () => {
    forNumericSeeds(iterationsPerEpochTemplate, (a, p: IterationsPerEpochParams, v) => {
      const want = walkedUpdates(p);
      if (a.value !== want) throw new Error(`got ${a.value}, want ${want}`);
      if (!v.stem.includes(p.dropLast ? 'drop_last=True' : 'drop_last=False'))
        throw new Error('last-batch convention not stated');
    });
  });
  it('any valid pin (N a multiple of B, B off the list, fewer than 3 batches) matches the walk', () => {
    const r = checkValidPins(iterationsPerEpochTemplate, {
      count: 1000,
      adjust(p, rng) {
        // Keep the walk short: at most 20,000 batches per epoch.
        p.batchSize = Math.max(
          p.batchSize as number,
          Math.ceil((p.datasetSize as number) / 20_000),
        );
        if (rng.bool(0.2)) p.datasetSize = Math.min(1e8, (p.batchSize as number) * rng.int(1, 50));
      },
      check(v, p: IterationsPerEpochParams) {
        if (v.answer.kind !== 'numeric') return;
        expect(v.answer.numeric.value).toBe(walkedUpdates(p));
      },
    });
    // B > N is refused by its rule (a third of the random pins).
    expect(r.accepted).toBeGreaterThan(600);
    expect(r.refused).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(500);
  });
});

describe('optimization.lr-stability', () => {
  commonTests(it, lrStability, { minStems: 6 });
  it('iterates match a GD loop; the threshold separates converging from diverging runs (10,000 seeds)', () => {
    const run = (a: number, lr: number, w0: number, steps: number) => {
      let w = w0;
      for (let k = 0; k < steps; k++) w -= lr * (a * w);
      return w;
    };
    forNumericSeeds(lrStability, (a, p: LrStabilityParams) => {
      const got = a.value;
      if (p.ask === 'iterate')
        assertClose(got, run(p.curvature, p.lr, p.w0, p.steps), 0.5e-4 + 1e-9);
      else {
        // Simulate just below and just above the stated threshold.
        if (!(Math.abs(run(p.curvature, got * 0.99, 1, 400)) < 1e-1))
          throw new Error('below the threshold does not converge');
        if (!(Math.abs(run(p.curvature, got * 1.01, 1, 400)) > 10))
          throw new Error('above the threshold does not diverge');
      }
    });
  });
  it('any valid pin (off the lists, up to 64 steps, αa = 1 or beyond 3) matches a GD loop and 2/a', () => {
    const run = (a: number, lr: number, w0: number, steps: number) => {
      let w = w0;
      for (let k = 0; k < steps; k++) w -= lr * (a * w);
      return w;
    };
    const r = checkValidPins(lrStability, {
      count: 1500,
      adjust(p, rng) {
        // Mostly stable runs, so that long ones stay within the validity rule.
        if (rng.bool(0.7))
          p.lr = Number(((rng.next() * 1.9) / (p.curvature as number)).toFixed(4)) || 0.0001;
      },
      check(v, p: LrStabilityParams) {
        if (v.answer.kind !== 'numeric') return;
        const want = p.ask === 'iterate' ? run(p.curvature, p.lr, p.w0, p.steps) : 2 / p.curvature;
        assertClose(v.answer.numeric.value, want, 0.5e-4 + 1e-9 * Math.abs(want));
        expect(v.stem).toContain(String(p.curvature));
      },
    });
    expect(r.accepted).toBeGreaterThan(1000);
    expect(r.offDraw).toBeGreaterThan(900);
  });
});

describe('numeric answers of the fixtures worked by hand', () => {
  it.each([
    { t: lrSchedule, fixture: 'T-step-lr', numeric: { value: 0.025 } },
    { t: iterationsPerEpochTemplate, fixture: 'T-iterations-1000-32', numeric: { value: 32 } },
    { t: lrStability, fixture: 'T-lr-diverges', numeric: { value: -3.375 } },
  ])('$fixture', ({ t, fixture, numeric }) => {
    expect(generateFixture(t, fixture).answer).toMatchObject({ kind: 'numeric', numeric });
  });
});
