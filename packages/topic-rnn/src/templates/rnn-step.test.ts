import { describe, expect, it } from 'vitest';
import { generateVariant, trivialProblem } from '@dlexam/generator';
import { rnnStepTemplate, type RnnStepParams } from '../index.js';
import {
  checkFixtures,
  checkValidPins,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';
import { offGridEntries } from './valid-pins.js';
import { checkNumericAndTableVariety } from './variety-checks.js';

/** The hidden activations written out from their definitions (independent of the math core). */
const PHI: Record<string, (a: number) => number> = {
  tanh: (a) => (Math.exp(a) - Math.exp(-a)) / (Math.exp(a) + Math.exp(-a)),
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  relu: (a) => (a < 0 ? 0 : a),
};

/** h_T and y_T by plain loops over the nn.RNNCell formula (independent of the math core). */
export function referenceRnn(p: RnnStepParams): { hs: number[][]; ys: number[][] } {
  const hs: number[][] = [];
  const ys: number[][] = [];
  let h = p.h0;
  for (const x of p.xs) {
    const next: number[] = [];
    for (let k = 0; k < p.hiddenSize; k++) {
      let a = p.bh[k]!;
      for (let j = 0; j < p.hiddenSize; j++) a += p.Whh[k]![j]! * h[j]!;
      for (let j = 0; j < p.inputSize; j++) a += p.Wxh[k]![j]! * x[j]!;
      next.push(PHI[p.activation ?? 'tanh']!(a));
    }
    h = next;
    const y: number[] = [];
    for (let o = 0; o < p.outputSize; o++) {
      let s = p.by[o]!;
      for (let k = 0; k < p.hiddenSize; k++) s += p.Why[o]![k]! * h[k]!;
      y.push(s);
    }
    hs.push(h);
    ys.push(y);
  }
  return { hs, ys };
}

describe('rnn.rnn-step', () => {
  it('issue 18: seed d09510764c1b no longer asks an entry whose weights and bias are all zero', () => {
    // What that seed drew before the gates: y = W_hy h + b_y with row 1 of W_hy and b_y zero.
    const degenerate: RnnStepParams = {
      hiddenSize: 1,
      inputSize: 1,
      outputSize: 2,
      steps: 1,
      Wxh: [[-0.5]],
      Whh: [[0.5]],
      bh: [1],
      Why: [[0], [1]],
      by: [0, 0],
      xs: [[-2]],
      h0: [1],
      ask: 'y',
      unit: 0,
      activation: 'tanh',
    };
    const pinned = generateVariant(rnnStepTemplate, 'd09510764c1b', {
      kind: 'numeric',
      pins: degenerate,
    });
    expect(trivialProblem(rnnStepTemplate, pinned)).toMatch(/trivial: the asked entry is 0/);
    const v = generateVariant(rnnStepTemplate, 'd09510764c1b', { kind: 'numeric' });
    expect(v.params).not.toEqual(degenerate);
    expect(trivialProblem(rnnStepTemplate, v)).toBeNull();
    // A zero row of W_hy makes y its bias: the answer without the recurrence.
    const bias = { ...degenerate, by: [0.5, 0] };
    expect(
      trivialProblem(
        rnnStepTemplate,
        generateVariant(rnnStepTemplate, 'b', { kind: 'numeric', pins: bias }),
      ),
    ).toMatch(/does not depend on the inputs|printed in the stem/);
  });

  it('answers equal a loop computation over 10,000 seeds (numeric, single, table)', () => {
    const seen: Record<string, number> = {};
    runProperty(rnnStepTemplate, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as RnnStepParams;
        seen[p.activation] = (seen[p.activation] ?? 0) + 1;
        // The stem names the activation: its formula, and its definition when not tanh.
        const tex = { tanh: '\\tanh', sigmoid: '\\sigma', relu: '\\operatorname{ReLU}' };
        expect(v.stem).toContain(`h_t = ${tex[p.activation]}(W_{hh}`);
        if (p.activation === 'sigmoid') expect(v.stem).toContain('logistic sigmoid');
        if (p.activation === 'relu') expect(v.stem).toContain('\\max(0, z)');
        const ref = referenceRnn(p);
        if (v.answer.kind === 'table') {
          expect(v.answer.rows).toHaveLength(p.steps);
          v.answer.rows.forEach((row, t) => {
            const expected = [...ref.hs[t]!, ...ref.ys[t]!];
            const cells = row.slice(1);
            expect(cells).toHaveLength(expected.length);
            cells.forEach((c, i) => {
              if (c.type !== 'numeric') expect.fail('expected a numeric cell');
              else assertNumeric(c.answer, expected[i]!);
            });
          });
        } else {
          const last = p.ask === 'h' ? ref.hs[p.steps - 1]! : ref.ys[p.steps - 1]!;
          assertAnswer(v, last[p.unit]!, 3);
          expect(v.stem).toMatch(/Round to 3 decimals|rounded to 3 decimals/);
        }
      },
    });
    expect(seen.sigmoid).toBeGreaterThan(1000);
    expect(seen.relu).toBeGreaterThan(1000);
  });

  it('sigmoid and ReLU cells reproduce hand-worked values', () => {
    const sig = rnnStepTemplate.fixtures!.find((f) => f.id === 'sigmoid-rnn-2-steps')!.params;
    const v = generateVariant(rnnStepTemplate, 'fixture', { kind: 'numeric', pins: sig });
    // h₁ = σ(−1) = 0.268941; h₂ = σ(0.5·0.268941 + 1) = σ(1.134471) = 0.756663.
    assertAnswer(v, 0.756663, 3);
    expect(v.answer.kind === 'numeric' && v.answer.numeric.value).toBe(0.757);
    // The same cell with tanh: tanh(0.5·tanh(−1) + 1) = 0.550573.
    expect(v.choices.find((c) => c.misconception === 'tanh-for-sigmoid')?.value).toBeCloseTo(
      0.550573,
      6,
    );
    const relu = rnnStepTemplate.fixtures!.find((f) => f.id === 'relu-rnn-2-steps')!.params;
    const r = generateVariant(rnnStepTemplate, 'fixture', { kind: 'table', pins: relu });
    // h₁ = ReLU(1, −0.5) = (1, 0), y₁ = 1; h₂ = ReLU(2.5, −0.5) = (2.5, 0), y₂ = 2.5.
    expect(
      r.answer.kind === 'table' &&
        r.answer.rows.map((row) =>
          row.slice(1).map((c) => (c.type === 'numeric' ? c.answer.value : NaN)),
        ),
    ).toEqual([
      [1, 0, 1],
      [2.5, 0, 2.5],
    ]);
    // Leaving the ReLU out: h₁ = (1, −0.5), a₂ = (0.5 − 0.5 + 2, 1 − 0.25 − 2 + 0.5) = (2, −0.75); y₂ = 2.75.
    const n = generateVariant(rnnStepTemplate, 'fixture', { kind: 'numeric', pins: relu });
    expect(n.choices.find((c) => c.misconception === 'forgot-activation')?.value).toBe(2.75);
  });

  it('accepts textbook weights off the 0.5 grid, up to 4 hidden units and 6 steps', () => {
    const r = checkValidPins(rnnStepTemplate, {
      count: 600,
      adjust(p, rng) {
        const H = rng.int(1, 4);
        const I = rng.int(1, 4);
        const O = rng.int(1, 3);
        const T = rng.int(1, Math.floor(16 / H) > 6 ? 6 : Math.floor(16 / H));
        const { mat, vec } = offGridEntries(rng, 2);
        Object.assign(p, {
          hiddenSize: H,
          inputSize: I,
          outputSize: O,
          steps: T,
          Wxh: mat(H, I),
          Whh: mat(H, H),
          bh: vec(H),
          Why: mat(O, H),
          by: vec(O),
          xs: mat(T, I),
          h0: vec(H),
          unit: rng.int(0, (p.ask === 'h' ? H : O) - 1),
        });
      },
      check(v, p: RnnStepParams) {
        if (v.answer.kind === 'table') return;
        const ref = referenceRnn(p);
        const last = p.ask === 'h' ? ref.hs[p.steps - 1]! : ref.ys[p.steps - 1]!;
        assertAnswer(v, last[p.unit]!, 3);
      },
    });
    expect(r.accepted).toBeGreaterThan(400);
    expect(r.offDraw).toBeGreaterThan(400);
  });

  it('is deterministic, varies its wording and reproduces its fixtures', () => {
    checkNumericAndTableVariety(rnnStepTemplate);
    checkFixtures(rnnStepTemplate);
  });

  it('tags every distractor with a misconception', () => {
    const v = rnnStepTemplate.build(rnnStepTemplate.fixtures![0]!.params, {
      kind: 'numeric',
      rng: { choice: <T>(a: readonly T[]) => a[0]! } as never,
      render: (s) => s,
    });
    if (v.answer.type !== 'numeric') throw new Error('numeric expected');
    for (const d of v.answer.distractors) expect(d.misconception).toMatch(/^[a-z-]+$/);
  });
});
