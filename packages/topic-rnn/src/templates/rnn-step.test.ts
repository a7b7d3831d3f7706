import { describe, expect, it } from 'vitest';
import { generateVariant, trivialProblem } from '@dlexam/generator';
import { rnnStep, type RnnStepParams } from '../index.js';
import {
  checkTemplate,
  checkFixtures,
  assertAnswer,
  assertNumeric,
  runProperty,
} from '@dlexam/generator/testing';

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
      next.push(Math.tanh(a));
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
    };
    const pinned = generateVariant(rnnStep, 'd09510764c1b', { kind: 'numeric', pins: degenerate });
    expect(trivialProblem(rnnStep, pinned)).toMatch(/trivial: the asked entry is 0/);
    const v = generateVariant(rnnStep, 'd09510764c1b', { kind: 'numeric' });
    expect(v.params).not.toEqual(degenerate);
    expect(trivialProblem(rnnStep, v)).toBeNull();
    // A zero row of W_hy makes y its bias: the answer without the recurrence.
    const bias = { ...degenerate, by: [0.5, 0] };
    expect(
      trivialProblem(rnnStep, generateVariant(rnnStep, 'b', { kind: 'numeric', pins: bias })),
    ).toMatch(/does not depend on the inputs|printed in the stem/);
  });

  it('answers equal a loop computation over 10,000 seeds (numeric, single, table)', () => {
    runProperty(rnnStep, {
      kinds: ['numeric', 'single', 'table'],
      check(v) {
        const p = v.params as RnnStepParams;
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
  });

  it('is deterministic, varies its wording and reproduces its fixtures', () => {
    checkTemplate(rnnStep, { kinds: ['numeric', 'table'], minStems: 150, minOpenings: 2 });
    checkFixtures(rnnStep);
  });

  it('tags every distractor with a misconception', () => {
    const v = rnnStep.build(rnnStep.fixtures![0]!.params, {
      kind: 'numeric',
      rng: { choice: <T>(a: readonly T[]) => a[0]! } as never,
      render: (s) => s,
    });
    if (v.answer.type !== 'numeric') throw new Error('numeric expected');
    for (const d of v.answer.distractors) expect(d.misconception).toMatch(/^[a-z-]+$/);
  });
});
