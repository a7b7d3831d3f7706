import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  adamWeightDecay,
  biasVarianceEffect,
  biasVarianceEffectMatching,
  biasVarianceEffects,
  dropoutArithmetic,
  earlyStoppingTemplate,
  penaltyValue,
} from '@dlexam/topic-regularization';
import {
  assertClose,
  assertEqual,
  checkValidPins,
  commonTests,
  correctPlain,
  forSeeds,
} from '@dlexam/generator/testing';
import type { AdamWeightDecayParams } from './templates/adam-weight-decay.js';
import type { DropoutArithmeticParams } from './templates/dropout.js';
import type { PenaltyValueParams } from './templates/penalty-value.js';

const SEEDS = 10_000;

/** Independent key for the effect bank, written from the usual rules of thumb (capacity vs regularization vs data). */
function expectedEffect(op: string): [string, string] {
  if (/more training data/.test(op)) return ['no change', 'decreases'];
  if (/smaller subset/.test(op)) return ['no change', 'increases'];
  if (
    /Increasing the size|more hidden layers|Decreasing the L2|Removing the dropout|many more input features/.test(
      op,
    )
  )
    return ['decreases', 'increases'];
  if (
    /Regularizing|dropout to train|Increasing the L2|smaller network|early stopping|Removing most input|Increasing the dropout/.test(
      op,
    )
  )
    return ['increases', 'decreases'];
  throw new Error(`no key for ${op}`);
}

describe('bias-variance-effects (table)', () => {
  commonTests(it, biasVarianceEffects, { minStems: 3, seedsPerKind: 300 });
  const tableCheck = (v: Variant) => {
    if (v.answer.kind !== 'table') throw new Error('not a table');
    for (const [op, bias, variance] of v.answer.rows) {
      if (op?.type !== 'text' || bias?.type !== 'choice' || variance?.type !== 'choice')
        throw new Error('row shape');
      assertEqual(
        [bias.options[bias.correct]!.plain, variance.options[variance.correct]!.plain],
        expectedEffect(op.plain),
        op.plain,
      );
    }
  };
  it(`fills every cell like the independent key over ${SEEDS} seeds`, () => {
    forSeeds(biasVarianceEffects, SEEDS, 'table', tableCheck);
  });
  it('takes any number of distinct operations, both directions of λ included (issue 21)', () => {
    // Five rows (draws use four), λ up and λ down together (draws avoid the pair): by hand
    // λ up ↑/↓, λ down ↓/↑, smaller subset no change/↑, higher dropout p ↑/↓, more data no change/↓.
    const v = generateVariant(biasVarianceEffects, 1, {
      kind: 'table',
      pins: { ops: [4, 5, 10, 13, 3] },
    });
    tableCheck(v);
    if (v.answer.kind !== 'table') throw new Error('not a table');
    assertEqual(
      v.answer.rows.map(([, b, va]) =>
        b?.type === 'choice' && va?.type === 'choice'
          ? `${b.options[b.correct]?.plain}/${va.options[va.correct]?.plain}`
          : '',
      ),
      [
        'increases/decreases',
        'decreases/increases',
        'no change/increases',
        'increases/decreases',
        'no change/decreases',
      ],
      'rows',
    );
    expect(() =>
      generateVariant(biasVarianceEffects, 1, { kind: 'table', pins: { ops: [0, 0, 1, 2] } }),
    ).toThrow(/distinct operations/);
    const r = checkValidPins(biasVarianceEffects, {
      count: 200,
      partial: true,
      adjust(p) {
        p.ops = [...new Set(p.ops as number[])];
      },
      check: tableCheck,
    });
    expect(r.accepted).toBeGreaterThan(150);
    expect(r.offDraw).toBeGreaterThan(0);
  });
});

describe('bias-variance-effect (single)', () => {
  commonTests(it, biasVarianceEffect, { minStems: 20, seedsPerKind: 300 });
  it(`marks the independent key correct over ${SEEDS} seeds`, () => {
    const say = (e: string) => (e === 'no change' ? 'does not change' : e);
    forSeeds(biasVarianceEffect, SEEDS, 'single', (v) => {
      const op =
        /following change generally have on the bias and the variance of a model\? (.*)\.$|^Change: (.*)\. How|neural network: (.*)\. Which/.exec(
          v.stem,
        );
      const text = op?.[1] ?? op?.[2] ?? op?.[3];
      if (!text) throw new Error(`cannot read operation from ${v.stem}`);
      const [b, va] = expectedEffect(text);
      assertEqual(correctPlain(v), [`Bias ${say(b)}, variance ${say(va)}`], 'effect');
      assertEqual(v.choices.length, 4, 'options');
    });
  });
  it('takes every operation of the bank by index (issue 21)', () => {
    // Operation 10, a smaller subset of the data: the model family is unchanged, the fit noisier.
    const v = generateVariant(biasVarianceEffect, 1, { pins: { op: 10 } });
    assertEqual(correctPlain(v), ['Bias does not change, variance increases'], 'key');
    expect(() => generateVariant(biasVarianceEffect, 1, { pins: { op: 14 } })).toThrow(
      /is not allowed/,
    );
    const r = checkValidPins(biasVarianceEffect, { count: 200, partial: true });
    assertEqual(r.accepted, 200, 'accepted');
  });
});

describe('bias-variance-effect-matching', () => {
  commonTests(it, biasVarianceEffectMatching, { minStems: 2, seedsPerKind: 300 });
  it(`pairs every change with the independent key over ${SEEDS} seeds`, () => {
    const say = (e: string) => (e === 'no change' ? 'does not change' : e);
    forSeeds(biasVarianceEffectMatching, SEEDS, 'matching', (v) => {
      if (v.answer.kind !== 'matching') throw new Error('not matching');
      assertEqual(v.answer.pairs.length, 3, 'pairs');
      for (const pair of v.answer.pairs) {
        const [b, va] = expectedEffect(pair.promptPlain);
        assertEqual(pair.answerPlain, `Bias ${say(b)}, variance ${say(va)}`, pair.promptPlain);
      }
      assertEqual(v.answer.distractors.length, 3, 'extra answers');
    });
  });
  it('takes two to four operations with different effects (issue 21)', () => {
    // Four prompts (draws use three), one per effect class of the bank: more data no change/↓,
    // smaller subset no change/↑, regularizing ↑/↓, bigger layers ↓/↑; two effects stay unused.
    const v = generateVariant(biasVarianceEffectMatching, 1, { pins: { ops: [3, 10, 0, 1] } });
    if (v.answer.kind !== 'matching') throw new Error('not matching');
    assertEqual(
      v.answer.pairs.map((x) => `${x.promptPlain.slice(0, 12)}: ${x.answerPlain}`).sort(),
      [
        'Getting more: Bias does not change, variance decreases',
        'Training on : Bias does not change, variance increases',
        'Regularizing: Bias increases, variance decreases',
        'Increasing t: Bias decreases, variance increases',
      ].sort(),
      'pairs',
    );
    assertEqual(v.answer.distractors.length, 2, 'unused effects');
    const r = checkValidPins(biasVarianceEffectMatching, {
      count: 200,
      partial: true,
      check(w) {
        if (w.answer.kind !== 'matching') throw new Error('not matching');
        const say = (e: string) => (e === 'no change' ? 'does not change' : e);
        for (const pair of w.answer.pairs) {
          const [b, va] = expectedEffect(pair.promptPlain);
          assertEqual(pair.answerPlain, `Bias ${say(b)}, variance ${say(va)}`, pair.promptPlain);
        }
      },
    });
    expect(r.accepted).toBeGreaterThan(0);
  });
});

describe('dropout-arithmetic', () => {
  commonTests(it, dropoutArithmetic, { minStems: 30, seedsPerKind: 300 });
  /** Binomial mean by summing the pmf, and single-unit expectations by enumerating keep/drop. */
  function independent(p: DropoutArithmeticParams): number {
    if (p.ask === 'dropped' || p.ask === 'kept') {
      const q = p.ask === 'dropped' ? p.p : 1 - p.p;
      let pmf = (1 - q) ** p.n;
      let mean = 0;
      for (let k = 1; k <= p.n; k++) {
        pmf *= ((p.n - k + 1) / k) * (q / (1 - q));
        mean += k * pmf;
      }
      return mean;
    }
    const trainOut = (kept: boolean) => (kept ? (p.inverted ? p.a / (1 - p.p) : p.a) : 0);
    if (p.ask === 'scale') return trainOut(true) / p.a;
    if (p.ask === 'kept-value') return trainOut(true);
    const expectation = (1 - p.p) * trainOut(true) + p.p * trainOut(false);
    // Test time: dropout off; the output must match the training expectation in both schemes.
    return expectation;
  }
  it(`matches binomial sums and mask enumeration over ${SEEDS} seeds`, () => {
    const asks = new Set<string>();
    forSeeds(dropoutArithmetic, SEEDS, 'numeric', (v) => {
      const p = v.params as DropoutArithmeticParams;
      asks.add(p.ask);
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(
        v.answer.numeric.value,
        independent(p),
        v.answer.numeric.decimals === 0 ? 1e-6 : 0.00005 + 1e-9,
        p.ask,
      );
    });
    assertEqual(asks.size, 6, 'every question type occurs');
  });
  it('makes single-choice variants with 4 distinct options', () => {
    forSeeds(dropoutArithmetic, 3000, 'single', (v) => assertEqual(v.choices.length, 4, 'options'));
  });
  it('any valid pin (p off the list, a fractional n·p, any activation) matches the binomial sums', () => {
    const r = checkValidPins(dropoutArithmetic, {
      count: 1500,
      adjust(p) {
        // The pmf sum underflows for long layers: keep n and p where it can check them
        // (min(p, 1 − p) ≥ 0.001 and n ≤ 100 keep every term of the sum above 10⁻³⁰⁰.)
        p.n = Math.min(p.n as number, 100);
        p.p = Math.min(Math.max(p.p as number, 0.001), 0.999);
        if (p.a === 0) p.a = 1.5;
        if (p.ask === 'scale') p.inverted = true;
      },
      check(v, p: DropoutArithmeticParams) {
        if (v.answer.kind !== 'numeric') return;
        const d = v.answer.numeric.decimals;
        assertClose(
          v.answer.numeric.value,
          independent(p),
          d === 0 ? 1e-6 : 0.5 * 10 ** -d + 1e-9,
          p.ask,
        );
        if (d === 2) expect(v.stem).toContain('Round to 2 decimals.');
      },
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(1000);
  });
});

describe('early-stopping', () => {
  commonTests(it, earlyStoppingTemplate, { minStems: 20, seedsPerKind: 300 });
  /** Independent: replay training epoch by epoch with a counter of epochs since the last new minimum. */
  function replay(val: number[], patience: number): { stop: number; restored: number } {
    let bestIdx = 0;
    for (let e = 2; e <= val.length; e++) {
      if (val[e - 1]! < val[bestIdx]!) bestIdx = e - 1;
      if (e - 1 - bestIdx >= patience) return { stop: e, restored: bestIdx + 1 };
    }
    return { stop: val.length, restored: bestIdx + 1 };
  }
  type EarlyParams = { train: number[]; val: number[]; patience: number; ask: string };
  const replayCheck = (v: Variant, p: EarlyParams) => {
    if (v.answer.kind !== 'numeric') return;
    const r = replay(p.val, p.patience);
    const want =
      p.ask === 'best-checkpoint'
        ? p.val.indexOf(Math.min(...p.val)) + 1
        : p.ask === 'stop-epoch'
          ? r.stop
          : r.restored;
    assertEqual(v.answer.numeric.value, want, p.ask);
  };
  it(`matches a replay of training over ${SEEDS} seeds`, () => {
    let stoppedEarly = 0;
    forSeeds(earlyStoppingTemplate, SEEDS, 'numeric', (v) => {
      const p = v.params as EarlyParams;
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      replayCheck(v, p);
      if (replay(p.val, p.patience).stop < p.val.length) stoppedEarly++;
      if (!v.figure || !v.figure.svg.includes('<polyline')) throw new Error('missing figure');
    });
    if (stoppedEarly < SEEDS / 3)
      throw new Error(`patience ran out in only ${stoppedEarly} variants`);
  });
  it('makes single-choice variants', () => {
    forSeeds(earlyStoppingTemplate, 2000, 'single', (v) =>
      assertEqual(v.choices.length, 4, 'options'),
    );
  });
  it('takes a 15-epoch curve with 3 decimals, a plateau and patience 5 (issue 21)', () => {
    // Worked by hand with patience 5: new bests at epochs 1–5 (0.4); epoch 6 ties 0.4, which is
    // no improvement (1), then 0.405 (2), 0.41 (3); epoch 9 is a new best (0.398); epochs 10–14
    // do not improve, so training stops after epoch 14 and restores epoch 9, the lowest loss.
    const val = [0.693, 0.52, 0.45, 0.41, 0.4, 0.4, 0.405, 0.41, 0.398, 0.402, 0.41, 0.42, 0.43];
    const base = {
      // A training loss with an uptick at epoch 8 (draws never have one).
      train: [
        0.7, 0.5, 0.42, 0.36, 0.31, 0.27, 0.24, 0.245, 0.19, 0.17, 0.155, 0.14, 0.13, 0.12, 0.11,
      ],
      val: [...val, 0.44, 0.45],
      patience: 5,
    };
    const key = (ask: string, patience = 5) => {
      const p = { ...base, patience, ask };
      const v = generateVariant(earlyStoppingTemplate, 1, { kind: 'numeric', pins: p });
      replayCheck(v, p);
      expect(v.stem).toContain('0.693 & 0.520');
      expect(v.figure?.alt).toContain('Training loss goes from 0.7 to 0.11');
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      return v.answer.numeric.value;
    };
    assertEqual(key('stop-epoch'), 14, 'stop');
    assertEqual(key('restored-epoch'), 9, 'restored');
    assertEqual(key('best-checkpoint'), 9, 'best checkpoint');
    // Patience longer than the run: training runs all 15 epochs.
    assertEqual(key('stop-epoch', 20), 15, 'no early stop');
    // A tie for the lowest loss leaves the best checkpoint without a rule: refused for that ask.
    expect(() =>
      generateVariant(earlyStoppingTemplate, 1, {
        kind: 'numeric',
        pins: { ...base, val: [...val, 0.398, 0.45], ask: 'best-checkpoint' },
      }),
    ).toThrow(/unique when the best checkpoint is asked/);
    const r = checkValidPins(earlyStoppingTemplate, {
      count: 300,
      partial: true,
      adjust(p) {
        const train = p.train as number[];
        const v = p.val as number[];
        p.val = train.map((_, i) => v[i % v.length] ?? 1);
      },
      check: replayCheck,
    });
    // Refusals: a cycled validation curve can tie its lowest loss when the best checkpoint is asked.
    expect(r.accepted).toBeGreaterThan(200);
    expect(r.offDraw).toBeGreaterThan(100);
  });
});

describe('adam-weight-decay', () => {
  commonTests(it, adamWeightDecay, { minStems: 20, seedsPerKind: 300 });
  /** Independent reference: Adam as in Loshchilov & Hutter's Algorithm 2, written for one scalar step. */
  function reference(p: AdamWeightDecayParams): number {
    const [b1, b2, eps] = [0.9, 0.999, 1e-8];
    const grad = p.mode === 'decoupled' ? p.g : p.g + p.lambda * p.w;
    const mHat = ((1 - b1) * grad) / (1 - b1);
    const vHat = ((1 - b2) * grad * grad) / (1 - b2);
    const adam = (p.lr * mHat) / (Math.sqrt(vHat) + eps);
    return p.mode === 'decoupled' ? p.w - p.lr * p.lambda * p.w - adam : p.w - adam;
  }
  it(`matches an independent Adam reference over ${SEEDS} seeds`, () => {
    forSeeds(adamWeightDecay, SEEDS, 'numeric', (v) => {
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(
        v.answer.numeric.value,
        reference(v.params as Parameters<typeof reference>[0]),
        0.000005,
        'w after one step',
      );
    });
  });
  it('makes single-choice variants', () =>
    forSeeds(adamWeightDecay, 2000, 'single', (v) => assertEqual(v.choices.length, 4, 'options')));
  it("takes PyTorch's defaults and other textbook values off the lists (issue 21)", () => {
    const value = (params: Parameters<typeof reference>[0]) => {
      const v = generateVariant(adamWeightDecay, 1, { kind: 'numeric', pins: params });
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      return v.answer.numeric.value;
    };
    // AdamW(lr=0.001, weight_decay=0.01), w = 0.8, g = −0.05: decay 0.8·(1 − 0.00001) = 0.799992,
    // then the first Adam step +0.001 (sign of g is −1): 0.800992, the key 0.80099 (5 decimals).
    const adamw = { w: 0.8, g: -0.05, lr: 0.001, lambda: 0.01, mode: 'decoupled' };
    assertClose(value(adamw), 0.80099, 1e-9, 'AdamW');
    // Adam(weight_decay=0.01): g' = −0.05 + 0.008 = −0.042, still negative: 0.8 + 0.001 = 0.801.
    assertClose(value({ ...adamw, mode: 'l2-in-gradient' }), 0.801, 1e-9, 'Adam + L2');
    // g = −λw makes g' = 0: Adam's first step is 0 and the weight stays 0.8.
    assertClose(
      value({ w: 0.8, g: -0.08, lr: 0.001, lambda: 0.1, mode: 'l2-in-gradient' }),
      0.8,
      1e-12,
      "g' = 0",
    );
    // |g| = 0.0001 < lr/100 = 0.0005: ε = 10⁻⁸ would show in the step, refused with the reason.
    expect(() =>
      generateVariant(adamWeightDecay, 1, {
        kind: 'numeric',
        pins: { ...adamw, lr: 0.05, g: 0.0001 },
      }),
    ).toThrow(/at least lr\/100/);
    const r = checkValidPins(adamWeightDecay, {
      count: 300,
      partial: true,
      check(v, p: AdamWeightDecayParams) {
        if (v.answer.kind === 'numeric')
          assertClose(v.answer.numeric.value, reference(p), 0.5e-5 + 1e-9, 'w after one step');
        for (const x of [p.w, p.g, p.lr, p.lambda]) expect(v.stem).toContain(String(x));
      },
    });
    expect(r.accepted).toBeGreaterThan(250);
    expect(r.offDraw).toBeGreaterThan(200);
  });
});

describe('penalty-value', () => {
  commonTests(it, penaltyValue, { minStems: 20, seedsPerKind: 300 });
  it(`matches a loop over the weights over ${SEEDS} seeds`, () => {
    forSeeds(penaltyValue, SEEDS, 'numeric', (v) => {
      const p = v.params as PenaltyValueParams;
      let pen = 0;
      for (const x of p.w) pen += p.penalty === 'l1' ? (x < 0 ? -x : x) : x * x;
      const scale = p.penalty === 'l2' && p.convention === 'half-lambda' ? p.lambda / 2 : p.lambda;
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(v.answer.numeric.value, p.J + scale * pen, 0.00005, 'regularized cost');
    });
  });
  it('makes single-choice variants', () =>
    forSeeds(penaltyValue, 2000, 'single', (v) => assertEqual(v.choices.length, 4, 'options')));
  it('any valid pin (no negative weight, b = 0, λ off the list, up to 8 weights) matches the loop', () => {
    const r = checkValidPins(penaltyValue, {
      count: 1500,
      adjust(p, rng) {
        if (p.penalty === 'l1') p.convention = 'lambda';
        if (rng.bool(0.3)) p.w = (p.w as number[]).map(Math.abs);
        if (rng.bool(0.2)) p.b = 0;
      },
      check(v, p: PenaltyValueParams) {
        let pen = 0;
        for (const x of p.w) pen += p.penalty === 'l1' ? Math.abs(x) : x * x;
        const scale =
          p.penalty === 'l2' && p.convention === 'half-lambda' ? p.lambda / 2 : p.lambda;
        if (v.answer.kind === 'numeric')
          assertClose(v.answer.numeric.value, p.J + scale * pen, 0.5e-4 + 1e-9, 'regularized cost');
        for (const x of p.w) expect(v.stem).toContain(String(x));
      },
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(1000);
  });
});
