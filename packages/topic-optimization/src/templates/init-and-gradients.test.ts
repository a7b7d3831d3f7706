import { describe, expect, it } from 'vitest';
import {
  droppedDistractors,
  formatNumericAnswer,
  generateFixture,
  generateVariant,
} from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  activationVariance,
  gradientFlow,
  initScale,
  initializationConcepts,
  type ActivationVarianceParams,
  type GradientFlowParams,
  type InitScaleParams,
} from '@dlexam/topic-optimization';
import {
  checkValidPins,
  commonTests,
  correctPlain,
  forSeeds,
  numericValue,
} from '@dlexam/generator/testing';
import { assertOneCorrectOfFourTagged } from '../../test/option-checks.js';
import { expectPartialPins, forNumericSeeds } from '../../test/property-checks.js';

const sig3 = (x: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 2) * (1 + 1e-9);

/**
 * Independent reference: PyTorch's torch.nn.init code path — fans from the weight tensor's shape
 * (_calculate_fan_in_and_fan_out), gain (1 for Xavier, √2 for ReLU), std, then bound = √3·std.
 */
function pytorchInit(p: InitScaleParams): number {
  const shape =
    p.layer === 'conv' ? [p.outSize, p.inSize, p.kernel, p.kernel] : [p.outSize, p.inSize];
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  const fanIn = shape[1]! * receptive;
  const fanOut = shape[0]! * receptive;
  const std =
    p.scheme === 'xavier' ? 1 * Math.sqrt(2 / (fanIn + fanOut)) : Math.SQRT2 / Math.sqrt(fanIn);
  if (p.quantity === 'bound') return Math.sqrt(3) * std;
  return p.quantity === 'std' ? std : std * std;
}

describe('optimization.init-scale', () => {
  commonTests(it, initScale, { minStems: 3 });
  it('matches the torch.nn.init code path over 10,000 seeds', () => {
    forNumericSeeds(initScale, (a, p: InitScaleParams) => {
      const want = pytorchInit(p);
      if (Math.abs(a.value - want) > sig3(want)) throw new Error(`got ${a.value}, want ${want}`);
    });
  });
  const initCheck = (v: Variant) => {
    const want = pytorchInit(v.params as InitScaleParams);
    if (v.kind === 'numeric' && Math.abs(numericValue(v) - want) > sig3(want))
      throw new Error(`got ${numericValue(v)}, want ${want}`);
    if (v.kind === 'single')
      expect(correctPlain(v)[0]).toBe(
        formatNumericAnswer({
          value: Number(want.toPrecision(3)),
          decimals: 0,
          tolerance: 0,
          sigFigs: 3,
        }),
      );
  };
  it('any valid layer size pinned (256 → 256, 1×1 convolutions) matches torch.nn.init', () => {
    const r = checkValidPins(initScale, {
      count: 1500,
      adjust(p, rng) {
        if (p.layer === 'linear') p.kernel = 1;
        if (rng.bool(0.2)) p.outSize = p.inSize as number;
      },
      check: initCheck,
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(600);
  });
  it('Xavier for 256 → 256 (fan-in = fan-out) is accepted; the mistakes it hides are named', () => {
    const v = generateVariant(initScale, 1, {
      pins: {
        scheme: 'xavier',
        distribution: 'normal',
        quantity: 'variance',
        layer: 'linear',
        inSize: 256,
        outSize: 256,
        kernel: 1,
      },
    });
    expect(numericValue(v)).toBe(0.00391);
    expect(droppedDistractors(v).map((d) => d.misconception)).toEqual(['used-one-over-fan-in']);
  });
});

describe('optimization.activation-variance', () => {
  commonTests(it, activationVariance, { minStems: 3 });
  it('matches a layer-by-layer loop over 10,000 seeds', () => {
    forNumericSeeds(activationVariance, (a, p: ActivationVarianceParams) => {
      let varA = p.inputVariance;
      for (let l = 0; l < p.layers; l++) {
        const secondMoment = p.activation === 'relu' ? varA / 2 : varA; // E[relu(a)²] = Var(a)/2 for symmetric a
        let sum = 0;
        for (let j = 0; j < p.width; j++) sum += (p.numerator / p.width) * secondMoment;
        varA = sum;
      }
      if (Math.abs(a.value - varA) > sig3(varA)) throw new Error(`got ${a.value}, want ${varA}`);
    });
  });
  it('a textbook 1 000-wide ReLU net with σ² = 2.5/n over one layer is accepted', () => {
    // Gain 1000 · (2.5/1000) · ½ = 1.25; from variance 0.8: 0.8 · 1.25 = 1.
    const v = generateVariant(activationVariance, 1, {
      kind: 'numeric',
      pins: { width: 1000, numerator: 2.5, activation: 'relu', layers: 1, inputVariance: 0.8 },
    });
    expect(numericValue(v)).toBe(1);
    expect(v.stem).toMatch(/1 layer later|1 more layer \(|l \+ 1\\\)/);
    expectPartialPins(activationVariance, 200, (v, p: ActivationVarianceParams) => {
      const gain = p.numerator * (p.activation === 'relu' ? 0.5 : 1);
      const want = p.inputVariance * gain ** p.layers;
      expect(Math.abs(numericValue(v) - want)).toBeLessThanOrEqual(sig3(want));
    });
  });
});

describe('optimization.gradient-flow', () => {
  commonTests(it, gradientFlow, { minStems: 6 });
  it('matches repeated multiplication and an explicit norm rescale over 10,000 seeds', () => {
    const modes = new Set<string>();
    forNumericSeeds(gradientFlow, (a, p: GradientFlowParams) => {
      modes.add(p.mode);
      const got = a.value;
      if (p.mode === 'repeated-factor') {
        let prod = 1;
        for (let k = 0; k < p.depth; k++) prod *= p.factor;
        if (Math.abs(got - prod) > sig3(prod)) throw new Error(`got ${got}, want ${prod}`);
      } else if (p.mode === 'layer-factors') {
        const prod = Math.exp(p.values.reduce((s, x) => s + Math.log(x), 0));
        if (Math.abs(got - prod) > sig3(prod)) throw new Error(`got ${got}, want ${prod}`);
      } else {
        let sq = 0;
        for (const x of p.values) sq += x * x;
        const want = p.values[p.coord - 1]! * Math.min(1, p.maxNorm / Math.sqrt(sq));
        if (Math.abs(got - want) > 0.5e-4 + 1e-9) throw new Error(`got ${got}, want ${want}`);
      }
    });
    expect(modes.size).toBe(3);
  });
  it('textbook pins off the draw lists: 0.95 over 60 layers, clipping (1, 2, 2, 0, 4) to 2.5', () => {
    const neutral = { factor: 1, depth: 1, values: [1, 1], maxNorm: 1, coord: 1 };
    // 0.95⁶⁰ = e^{60 · ln 0.95} ≈ 0.0461.
    const power = generateVariant(gradientFlow, 1, {
      kind: 'numeric',
      pins: { ...neutral, mode: 'repeated-factor', factor: 0.95, depth: 60 },
    });
    expect(numericValue(power)).toBe(0.0461);
    // ‖g‖ = √(1 + 4 + 4 + 0 + 16) = 5 > 2.5: scale by ½, component 5 becomes 2.
    const clip = generateVariant(gradientFlow, 1, {
      kind: 'numeric',
      pins: { ...neutral, mode: 'clip-norm', values: [1, 2, 2, 0, 4], maxNorm: 2.5, coord: 5 },
    });
    expect(numericValue(clip)).toBe(2);
    expect(() =>
      generateVariant(gradientFlow, 1, {
        pins: { ...neutral, mode: 'clip-norm', values: [0.3, 0.4], maxNorm: 1 },
      }),
    ).toThrow('the gradient norm exceeds the threshold');
  });

  it('any valid pin matches repeated multiplication and an explicit norm rescale', () => {
    expectPartialPins(gradientFlow, 300, (v, p: GradientFlowParams) => {
      const got = numericValue(v);
      if (p.mode === 'clip-norm') {
        let sq = 0;
        for (const x of p.values) sq += x * x;
        const want = (p.values[p.coord - 1] ?? NaN) * Math.min(1, p.maxNorm / Math.sqrt(sq));
        expect(Math.abs(got - want)).toBeLessThanOrEqual(0.5e-4 + 1e-9);
      } else {
        let prod = 1;
        if (p.mode === 'repeated-factor') for (let k = 0; k < p.depth; k++) prod *= p.factor;
        else for (const x of p.values) prod *= x;
        expect(Math.abs(got - prod)).toBeLessThanOrEqual(sig3(prod) * (1 + 1e-6));
      }
    });
  });
});

describe('optimization.initialization-concepts', () => {
  commonTests(it, initializationConcepts, { minStems: 6 });
  it('exactly one correct option, every wrong one tagged (10,000 seeds); symmetry answers mention identical units', () => {
    forSeeds(initializationConcepts, 10_000, 'single', (v) => {
      assertOneCorrectOfFourTagged(v);
      const right = v.choices.find((c) => c.correct)!.plain;
      if (
        (v.params as { scenario: string }).scenario === 'symmetry' &&
        !/same|identical|redundant/.test(right)
      )
        throw new Error(`not about symmetry: ${right}`);
    });
  });

  it('pinned statement indices anywhere in the bank are accepted', () => {
    // The third true and the last false statement of the symmetry scenario.
    const v = generateVariant(initializationConcepts, 1, {
      pins: { scenario: 'symmetry', trueIdx: [2], falseIdx: [4, 3, 0] },
    });
    expect(v.choices.find((c) => c.correct)?.plain).toMatch(/redundant/);
    const r = checkValidPins(initializationConcepts, { count: 200, partial: true });
    expect(r.accepted).toBeGreaterThan(0);
  });
});

describe('numeric answers of the fixtures worked by hand', () => {
  it.each([
    { t: initScale, fixture: 'T-xavier-uniform-100-50', numeric: { value: 0.2 } },
    { t: activationVariance, fixture: 'T-he-relu-constant', numeric: { value: 1 } },
    { t: gradientFlow, fixture: 'T-clip-3-4', numeric: { value: 0.6 } },
    { t: gradientFlow, fixture: 'T-explode-1.5-100', numeric: { value: 4.07e17, sigFigs: 3 } },
  ])('$fixture', ({ t, fixture, numeric }) => {
    expect(generateFixture(t, fixture).answer).toMatchObject({ kind: 'numeric', numeric });
  });
});
