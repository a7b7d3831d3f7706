import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_FUNCTIONS,
  backpropGraph,
  metricChoice,
  metrics,
  perceptronSteps,
  linearSeparability,
} from '@dlexam/topic-foundations';
import { generateVariant } from '@dlexam/generator';
import { checkValidPins, correctTexts, numericValue } from '@dlexam/generator/testing';
import { quickProperty } from '../test/quick-property.js';

type In = { x: number; y: number; z: number; w: number };
const relu = (a: number) => (a > 0 ? a : 0);
/** The topologies written out as plain functions (independent of the graph evaluator). */
const FORMULAS: Record<string, (v: In) => number> = {
  A: ({ x, y, z, w }) => relu(Math.max(x * y, z) + w),
  B: ({ x, y, z, w }) => relu((x + y) * Math.max(z, w)),
  C: ({ x, y, z, w }) => relu(x * y + Math.max(z, w)),
  D: ({ x, y, z, w }) => Math.max(relu(x + y) * z, w),
  E: ({ x, y, z, w }) => (x * y + relu(z)) * w,
};

/** The four inputs of a two-input logic function, and the labels of the separable ones. */
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const TABLES: Record<string, number[]> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  NAND: [1, 1, 1, 0],
  NOR: [1, 0, 0, 0],
};

describe('graph, perceptron and metric templates', () => {
  it('backprop-graph: forward value and gradients match the formula and its finite differences', () => {
    quickProperty(
      backpropGraph,
      20,
      (v, p: { topology: string; inputs: number[]; ask: string }) => {
        const at: In = { x: p.inputs[0]!, y: p.inputs[1]!, z: p.inputs[2]!, w: p.inputs[3]! };
        const fn = FORMULAS[p.topology]!;
        // Inputs are integers and kinks are excluded, so a step of 1e-3 stays on one linear piece.
        const grad = (k: keyof In) =>
          (fn({ ...at, [k]: at[k] + 1e-3 }) - fn({ ...at, [k]: at[k] - 1e-3 })) / 2e-3;
        if (v.answer.kind === 'table') {
          const got = v.answer.rows.map(
            (r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : []))[0],
          );
          expect(got[0]).toBe(fn(at));
          (['x', 'y', 'z', 'w'] as const).forEach((k, i) =>
            expect(got[i + 1]).toBeCloseTo(grad(k), 6),
          );
        } else if (p.ask === 'f') expect(numericValue(v)).toBe(fn(at));
        else expect(numericValue(v)).toBeCloseTo(grad(p.ask as keyof In), 6);
        expect(v.figure?.svg.startsWith('<svg')).toBe(true);
        expect(v.figure?.alt.length).toBeGreaterThan(20);
      },
    );
  });

  it('perceptron-steps: matches a separately written training loop', () => {
    quickProperty(
      perceptronSteps,
      30,
      (v, p: { fn: string; init: number[]; eta: number; steps: number; ask: string }) => {
        const ys = TABLES[p.fn]!;
        let [w1, w2, b] = p.init as [number, number, number];
        let updates = 0;
        let t = 0;
        let cleanPass = false;
        const history: number[][] = [];
        while (!cleanPass && t < 400) {
          cleanPass = true;
          for (let i = 0; i < 4; i++, t++) {
            const a = w1 * X[i]![0]! + w2 * X[i]![1]! + b;
            const err = ys[i]! - (a > 0 ? 1 : 0);
            if (err !== 0) {
              cleanPass = false;
              updates++;
              w1 += p.eta * err * X[i]![0]!;
              w2 += p.eta * err * X[i]![1]!;
              b += p.eta * err;
            }
            history.push([w1, w2, b]);
          }
        }
        X.forEach((x, i) =>
          expect(v.figure?.alt).toContain(`(${x[0]}, ${x[1]}) has label ${ys[i]}`),
        );
        if (p.ask === 'updates-to-converge') expect(numericValue(v)).toBe(updates);
        else {
          const [hw1, hw2, hb] = history[p.steps - 1]!;
          expect(numericValue(v)).toBeCloseTo(
            p.ask === 'w1' ? hw1! : p.ask === 'w2' ? hw2! : hb!,
            9,
          );
        }
      },
    );
  });

  it('perceptron-steps: 2-decimal starts and η (off the draw) follow exact arithmetic', () => {
    // AND from w = (0.1, 0.2), b = −0.3, η = 0.1: at step 4, (1, 1) has w·x + b = 0 exactly, so
    // ŷ = 0 ≠ 1 and w becomes (0.2, 0.3), b = −0.2 (floating point would see 5.6·10⁻¹⁷ > 0 and
    // skip the update). Step 6 ((0, 1): 0.3 − 0.2 > 0, y = 0) is the only other mistake: 2 updates.
    const pins = { fn: 'AND', init: [0.1, 0.2, -0.3], eta: 0.1, steps: 4 };
    const at = (ask: string) =>
      numericValue(
        generateVariant(perceptronSteps, 1, { kind: 'numeric', pins: { ...pins, ask } }),
      );
    expect(at('w1')).toBe(0.2);
    expect(at('b')).toBe(-0.2);
    expect(at('updates-to-converge')).toBe(2);
    const r = checkValidPins(perceptronSteps, {
      count: 300,
      partial: true,
      check(v, p: { fn: string; init: number[]; eta: number; steps: number; ask: string }) {
        if (v.kind !== 'numeric') return;
        // Independent: floating point with every value rounded back to hundredths after each
        // update, and an activation within 10⁻⁹ of 0 read as 0.
        const hundredths = (x: number) => Math.round(x * 100) / 100;
        const ys = TABLES[p.fn] ?? [];
        let [w1, w2, b] = p.init as [number, number, number];
        const history: [number, number, number][] = [];
        let updates = 0;
        let clean = false;
        for (let t = 0; !clean && t < 200;) {
          clean = true;
          for (let i = 0; i < 4; i++, t++) {
            const [x1 = NaN, x2 = NaN] = X[i] ?? [];
            const a = w1 * x1 + w2 * x2 + b;
            const err = (ys[i] ?? NaN) - (a > 1e-9 ? 1 : 0);
            if (err !== 0) {
              clean = false;
              updates++;
              w1 = hundredths(w1 + p.eta * err * x1);
              w2 = hundredths(w2 + p.eta * err * x2);
              b = hundredths(b + p.eta * err);
            }
            history.push([w1, w2, b]);
          }
        }
        if (p.ask === 'updates-to-converge') expect(numericValue(v)).toBe(updates);
        else {
          // After a clean pass nothing changes: later steps keep the last weights.
          const [hw1, hw2, hb] = history[Math.min(p.steps, history.length) - 1] ?? [NaN, NaN, NaN];
          expect(numericValue(v)).toBeCloseTo(p.ask === 'w1' ? hw1 : p.ask === 'w2' ? hw2 : hb, 9);
        }
      },
    });
    expect(r.accepted).toBeGreaterThan(200);
    expect(r.offDraw).toBeGreaterThan(100);
  });

  it('linear-separability: correct options agree with a weight-grid search', () => {
    const grid = [-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3];
    const sep = (ys: number[]) =>
      grid.some((a) =>
        grid.some((b) =>
          grid.some((c) => X.every((x, i) => (a * x[0]! + b * x[1]! + c > 0 ? 1 : 0) === ys[i])),
        ),
      );
    quickProperty(linearSeparability, 4, (v, p: { fns: number[] }) => {
      for (const c of v.choices) {
        const fn = BOOLEAN_FUNCTIONS.find((f) => c.text.startsWith(`${f.name}:`))!;
        expect(c.correct).toBe(v.kind === 'single' ? !sep(fn.ys) : sep(fn.ys));
      }
      expect(v.choices).toHaveLength(p.fns.length);
    });
  });

  it('metrics: the value equals counting predictions of a generated label list', () => {
    quickProperty(
      metrics,
      20,
      (
        v,
        p: { tp: number; fp: number; fn: number; tn: number; metric: string; format: string },
      ) => {
        expect(v.stem.includes('`true:')).toBe(p.format === 'lists');
        const actual: number[] = [];
        const predicted: number[] = [];
        const push = (a: number, pr: number, n: number) => {
          for (let i = 0; i < n; i++) (actual.push(a), predicted.push(pr));
        };
        const shown = /`true: +([01 ]+)`[\s\S]*`predicted: ([01 ]+)`/.exec(v.stem);
        if (shown) {
          // The stem lists the labels: count from exactly what the student sees.
          actual.push(...shown[1]!.trim().split(' ').map(Number));
          predicted.push(...shown[2]!.trim().split(' ').map(Number));
        } else {
          push(1, 1, p.tp);
          push(0, 1, p.fp);
          push(1, 0, p.fn);
          push(0, 0, p.tn);
        }
        const idx = actual.map((_, i) => i);
        const count = (f: (i: number) => boolean) => idx.filter(f).length;
        const prec =
          count((i) => actual[i] === 1 && predicted[i] === 1) / count((i) => predicted[i] === 1);
        const rec =
          count((i) => actual[i] === 1 && predicted[i] === 1) / count((i) => actual[i] === 1);
        const expected: Record<string, number> = {
          accuracy: count((i) => actual[i] === predicted[i]) / actual.length,
          precision: prec,
          recall: rec,
          specificity:
            count((i) => actual[i] === 0 && predicted[i] === 0) / count((i) => actual[i] === 0),
          f1: (2 * prec * rec) / (prec + rec),
        };
        expect(Math.abs(numericValue(v) - expected[p.metric]!)).toBeLessThanOrEqual(0.0005 + 1e-9);
      },
    );
  });

  it('metric-choice: exactly one metric is correct, and it follows the cost of each error', () => {
    quickProperty(metricChoice, 15, (v) => {
      expect(correctTexts(v)).toHaveLength(1);
      // A second, hand-written answer key keyed by each story's opening words.
      const KEY: [string, string][] = [
        ['Your best friend is Roger Federer', 'Precision'],
        ['A screening model flags patients', 'Recall'],
        ['A stock-picking model', 'Precision'],
        ['An airport scanner', 'Recall'],
        ['An email filter', 'Precision'],
        ['A model sorts photos of cats and dogs', 'Accuracy'],
        ['A model detects a rare manufacturing defect', 'F1 score'],
        ['A bank’s model blocks card transactions', 'Recall'],
        ['A content-moderation model', 'Precision'],
        ['A model screens newborns', 'Recall'],
        ['A handwriting recognizer', 'Accuracy'],
        ['A search engine', 'Precision'],
        ['An early-warning model', 'Recall'],
        ['A model flags rare insurance claims', 'F1 score'],
      ];
      const hits = KEY.filter(([start]) => v.stem.startsWith(start));
      expect(hits).toHaveLength(1);
      expect(correctTexts(v)[0]).toBe(hits[0]![1]);
    });
  });
});
