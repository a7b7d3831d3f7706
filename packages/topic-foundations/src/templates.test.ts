import { describe, expect, it } from 'vitest';
import {
  activationValues,
  bceGrad,
  foundationsTemplates,
  metrics,
  mlpParams,
  sequentialParams,
  softmaxCe,
  type SeqLayer,
} from '@dlexam/topic-foundations';
import { generateVariant, type AnyTemplate } from '@dlexam/generator';
import { checkFixtures, checkValidPins, numericValue } from '@dlexam/generator/testing';
import type { Variant } from '@dlexam/types';
import { quickProperty } from '../test/quick-property.js';

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Any valid pin of a template of one number z, z = 0 one time in ten: the numeric answer is the
 * `expected` value to 4 decimals and the stem shows z as pinned.
 */
function checkPinnedZ<P extends { z: number }>(t: AnyTemplate, expected: (p: P) => number) {
  return checkValidPins(t, {
    count: 1000,
    adjust(p, rng) {
      if (rng.bool(0.1)) p.z = 0;
    },
    check(v, p: P) {
      if (v.kind === 'numeric')
        expect(Math.abs(numericValue(v) - expected(p))).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(v.stem).toContain(`z = ${p.z}`);
    },
  });
}

describe('foundations templates', () => {
  it('have unique ids in the foundations topic, and fixtures that render', () => {
    const ids = foundationsTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of foundationsTemplates) {
      expect(t.id.startsWith('foundations.')).toBe(true);
      expect(t.topic).toBe('foundations');
      checkFixtures(t);
    }
  });

  it('mlp-params: count equals the number of entries of built weight and bias arrays', () => {
    quickProperty(mlpParams, 20, (v, p: { layers: number[] }) => {
      // Independent path: augment each layer's input with a constant 1, so a layer is one
      // (n_in + 1) × n_out matrix.
      let count = 0;
      for (let i = 1; i < p.layers.length; i++) count += (p.layers[i - 1]! + 1) * p.layers[i]!;
      expect(numericValue(v)).toBe(count);
    });
  });

  it('mlp-params: any valid widths (off the size list, up to 6 hidden layers) give the count', () => {
    // A 3-7-2 network (7 is off the drawn size list): 3·7 + 7 + 7·2 + 2 = 44.
    const v = generateVariant(mlpParams, 1, {
      kind: 'numeric',
      pins: { layers: [3, 7, 2], hidden: 'ReLU' },
    });
    expect(numericValue(v)).toBe(44);
    const r = checkValidPins(mlpParams, {
      count: 200,
      check(v, p: { layers: number[] }) {
        const count = p.layers.slice(1).reduce((s, n, i) => s + ((p.layers[i] ?? NaN) + 1) * n, 0);
        if (v.kind === 'numeric') expect(numericValue(v)).toBe(count);
      },
    });
    expect(r.accepted).toBeGreaterThan(150);
    expect(r.offDraw).toBeGreaterThan(100);
  });

  it('sequential-params: count equals the entries of the trainable tensors PyTorch would register', () => {
    quickProperty(sequentialParams, 20, (v, p: { layers: SeqLayer[] }) => {
      // Independent path: list the (rows, cols) of every trainable tensor PyTorch registers.
      const tensors: [number, number][] = [];
      for (const l of p.layers) {
        if (l.type === 'linear') {
          tensors.push([l.out, l.in]);
          if (l.bias) tensors.push([l.out, 1]);
        } else if (l.type === 'batchnorm') tensors.push([l.features, 1], [l.features, 1]);
      }
      expect(numericValue(v)).toBe(tensors.reduce((s, [r, c]) => s + r * c, 0));
    });
  });

  it('bce-grad: gradient matches a finite difference of the loss; loss matches the formula', () => {
    quickProperty(bceGrad, 6, (v, p: { z: number; y: number; ask: string }) => {
      const loss = (z: number) => -(p.y * Math.log(sig(z)) + (1 - p.y) * Math.log(1 - sig(z)));
      const expected = p.ask === 'grad' ? (loss(p.z + 1e-6) - loss(p.z - 1e-6)) / 2e-6 : loss(p.z);
      expect(Math.abs(numericValue(v) - expected)).toBeLessThanOrEqual(0.00005 + 1e-6);
    });
  });

  it('bce-grad: any valid logit (off the grid, |z| up to 30, z = 0) matches a stable reference', () => {
    // ℓ = softplus(z) − y·z, written with log1p so that |z| = 30 keeps its digits.
    const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    const r = checkPinnedZ(bceGrad, (p: { z: number; y: number; ask: string }) =>
      p.ask === 'grad' ? 1 / (1 + Math.exp(-p.z)) - p.y : softplus(p.z) - p.y * p.z,
    );
    expect(r.accepted).toBeGreaterThan(600);
  });

  type SoftmaxP = { logits: number[]; target: number; ask: string; j: number };
  const softmaxCheck = (v: Variant, p: SoftmaxP) => {
    const ex = p.logits.map((z) => Math.exp(z));
    const Z = ex.reduce((a, b) => a + b, 0);
    const loss = (zs: number[]) =>
      Math.log(zs.reduce((a, z) => a + Math.exp(z), 0)) - zs[p.target]!;
    let expected: number;
    if (p.ask === 'prob') expected = ex[p.j]! / Z;
    else if (p.ask === 'loss') expected = loss(p.logits);
    else {
      const h = 1e-6;
      const up = p.logits.map((z, k) => (k === p.j ? z + h : z));
      const dn = p.logits.map((z, k) => (k === p.j ? z - h : z));
      expected = (loss(up) - loss(dn)) / (2 * h);
    }
    if (v.kind === 'numeric')
      expect(Math.abs(numericValue(v) - expected)).toBeLessThanOrEqual(0.00005 + 1e-6);
    // The stem shows every logit as pinned (−2.85 stays −2.85).
    for (const z of p.logits) expect(v.stem).toContain(String(z));
  };

  it('softmax-ce: probabilities, loss and gradient match an independent computation', () => {
    quickProperty(softmaxCe, 20, softmaxCheck);
  });

  it('softmax-ce: pinned logits off the grid and up to 16 classes stay correct', () => {
    const r = checkValidPins(softmaxCe, {
      count: 1500,
      adjust(p, rng) {
        const K = (p.logits as number[]).length;
        p.target = rng.int(0, K - 1);
        p.j = rng.int(0, K - 1);
      },
      check: softmaxCheck,
    });
    expect(r.accepted).toBeGreaterThan(1000);
    expect(r.offDraw).toBeGreaterThan(800);
  });
});

describe('metrics from a confusion matrix under valid pins', () => {
  it('any valid count (0 included, up to 10⁶, FP = FN) gives the definition; an undefined metric is refused', () => {
    const r = checkValidPins(metrics, {
      count: 1500,
      adjust(p, rng) {
        if (rng.bool(0.2)) p.fn = p.fp as number;
        if (rng.bool(0.1)) p.tp = 0;
        if (p.format === 'lists')
          for (const k of ['tp', 'fp', 'fn', 'tn']) p[k] = (p[k] as number) % 7;
      },
      check(v, p: { tp: number; fp: number; fn: number; tn: number; metric: string }) {
        const { tp, fp, fn, tn } = p;
        const want = {
          accuracy: (tp + tn) / (tp + fp + fn + tn),
          precision: tp / (tp + fp),
          recall: tp / (tp + fn),
          specificity: tn / (tn + fp),
          f1: (2 * tp) / (2 * tp + fp + fn),
        }[p.metric]!;
        if (v.kind === 'numeric')
          expect(Math.abs(numericValue(v) - want)).toBeLessThanOrEqual(0.0005 + 1e-9);
      },
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(600);
  });
});

describe('activation values', () => {
  it('activation-values: value matches the definition, derivative matches finite differences', () => {
    const defs: Record<string, (z: number) => number> = {
      sigmoid: (z) => 1 / (1 + Math.exp(-z)),
      tanh: (z) => (Math.exp(2 * z) - 1) / (Math.exp(2 * z) + 1),
      relu: (z) => Math.max(0, z),
      'leaky-relu': (z) => Math.max(0.01 * z, z),
    };
    quickProperty(activationValues, 15, (v, p: { fn: string; z: number; ask: string }) => {
      const f = defs[p.fn]!;
      const expected = p.ask === 'value' ? f(p.z) : (f(p.z + 1e-6) - f(p.z - 1e-6)) / 2e-6;
      expect(Math.abs(numericValue(v) - expected)).toBeLessThanOrEqual(0.00005 + 1e-6);
    });
  });
  it('activation-values: any valid z (off the grid, |z| up to 50, z = 0 where defined) stays correct', () => {
    const r = checkPinnedZ(activationValues, (p: { fn: string; z: number; ask: string }) => {
      const s = 1 / (1 + Math.exp(-p.z));
      const t = Math.tanh(p.z);
      const want: Record<string, [number, number]> = {
        sigmoid: [s, s * (1 - s)],
        tanh: [t, 1 - t * t],
        relu: [Math.max(0, p.z), p.z > 0 ? 1 : 0],
        'leaky-relu': [p.z > 0 ? p.z : 0.01 * p.z, p.z > 0 ? 1 : 0.01],
      };
      return want[p.fn]![p.ask === 'value' ? 0 : 1];
    });
    expect(r.accepted).toBeGreaterThan(600);
    expect(r.refused).toBeGreaterThan(0);
  });
});
