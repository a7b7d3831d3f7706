import { describe, expect, it } from 'vitest';
import {
  TemplateRegistry,
  checkValid,
  checkValue,
  describeValid,
  droppedDistractors,
  generateVariant,
  narrowSpec,
  paramProblem,
  parseExamSpec,
  poolSize,
  templateJsonSchema,
  validityProblem,
  type ParamSpec,
} from '@dlexam/generator';
import { testTemplate } from '../test/test-template.js';

/**
 * A template with both kinds of rule: w is drawn on a 0.5 grid in [−2, 2] but any number with at
 * most 3 decimals in [−100, 100] is valid; n is drawn 2–4 but valid up to 64; "n ≠ 3" is a draw
 * preference on n only, "w ≠ 0" a validity rule.
 */
const scaled = testTemplate<{ w: number; n: number; x: number[] }>({
  id: 'foundations.test-scaled',
  title: 'Scaled sum',
  objective: 'Scale a sum.',
  kinds: ['numeric', 'single'],
  params: {
    w: {
      type: 'number',
      min: -2,
      max: 2,
      step: 0.5,
      description: 'weight',
      valid: { min: -100, max: 100, decimals: 3 },
    },
    n: { type: 'int', min: 2, max: 4, description: 'factor', valid: { min: 1, max: 64 } },
    x: {
      type: 'number-vector',
      length: [2, 3],
      min: -1,
      max: 1,
      step: 0.5,
      description: 'inputs',
      valid: { length: [1, 8], min: -10, max: 10, decimals: 2 },
    },
  },
  constraints: [
    {
      description: 'w ≠ 0 (the product would not depend on x)',
      check: (p) => p.w !== 0,
      params: ['w'],
    },
    { description: 'n ≠ 3 (draws only)', check: (p) => p.n !== 3, prefer: true, params: ['n'] },
    { description: 'w ≠ 1 (so w·n ≠ n)', check: (p) => p.w !== 1, prefer: true, params: ['w'] },
  ],
  build: (p) => {
    const s = p.x.reduce((a, b) => a + b, 0);
    const value = p.w * p.n * s;
    return {
      stem: `Compute \\(${p.w} \\cdot ${p.n} \\cdot (${p.x.join(' + ')})\\) to 3 decimals.`,
      solution: `The product is ${value}.`,
      answer: {
        type: 'numeric',
        value,
        decimals: 3,
        distractors: [
          { value: p.n * s, misconception: 'forgot-w', feedback: 'You left out w.' },
          { value: p.w * s, misconception: 'forgot-n', feedback: 'You left out n.' },
          { value: p.w * p.n, misconception: 'forgot-x', feedback: 'You left out the sum.' },
          { value: -value, misconception: 'sign', feedback: 'You flipped the sign.' },
        ],
      },
    };
  },
});

describe('validity vs draw preferences', () => {
  const w = scaled.params.w as ParamSpec;

  it('draws stay on the grid and range, pins only need validity', () => {
    for (let seed = 0; seed < 200; seed++) {
      const v = generateVariant(scaled, seed);
      const p = v.params as { w: number; n: number };
      expect(checkValue(w, p.w), `seed ${seed}`).toBeNull();
      expect(p.n).not.toBe(3);
      expect(p.w).not.toBe(1);
    }
    expect(checkValue(w, -2.85)).not.toBeNull();
    expect(checkValid(w, -2.85)).toBeNull();
    expect(checkValid(w, 0.1234)).toMatch(/at most 3 decimals/);
    const v = generateVariant(scaled, 1, { pins: { w: -2.85, n: 10, x: [0.25, 1.75, -3] } });
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: 28.5 } });
  });

  it('sets aside a draw preference on a pinned parameter, never a validity rule', () => {
    // n = 3 and w = 1 are draw preferences only: pinned, they are fine.
    const v = generateVariant(scaled, 2, { pins: { n: 3, w: 1 } });
    expect(v.params).toMatchObject({ n: 3, w: 1 });
    expect(validityProblem(scaled, { w: 1, n: 3, x: [1] })).toBeNull();
    expect(validityProblem(scaled, { w: 0, n: 3, x: [1] })).toBe(
      'constraint violated: w ≠ 0 (the product would not depend on x)',
    );
    // A partial pin still keeps the other preference for the drawn parameter.
    for (let seed = 0; seed < 50; seed++)
      expect(generateVariant(scaled, seed, { pins: { w: 1 } }).params.n).not.toBe(3);
    expect(paramProblem(scaled, { w: 1, n: 2, x: [1, 1] })).toBe(
      'draw preference not met: w ≠ 1 (so w·n ≠ n)',
    );
  });

  it('refuses a pin by the validity rule it breaks, with parameter, value and what is allowed', () => {
    expect(() => generateVariant(scaled, 1, { pins: { w: 0 } })).toThrow(
      'its params break a validity rule of foundations.test-scaled: w ≠ 0 (the product would not depend on x)',
    );
    expect(() => generateVariant(scaled, 1, { pins: { n: 65 } })).toThrow(
      'params.n: 65 is not allowed; n must be an integer from 1 to 64',
    );
    expect(() => generateVariant(scaled, 1, { pins: { x: Array(9).fill(1) } })).toThrow(
      'params.x: [1,1,1,1,1,1,1,1,1] is not allowed; x must be a list of 1–8 numbers from -10 to 10 with at most 2 decimals',
    );
    expect(
      describeValid({
        type: 'number',
        min: 0.1,
        max: 1,
        step: 0.1,
        description: 'lr',
        valid: { min: 0, minExclusive: true },
      }),
    ).toBe('a number > 0');
  });

  it('narrows exam slots by validity: pins and lists off the grid, ranges beyond the draws', () => {
    expect(narrowSpec('w', w, -2.85, 'params')).toMatchObject({ type: 'enum', values: [-2.85] });
    expect(narrowSpec('w', w, { in: [0.3, 7] }, 'params')).toMatchObject({ values: [0.3, 7] });
    expect(narrowSpec('w', w, [5, 7.2], 'params')).toMatchObject({ min: 5, max: 7, step: 0.5 });
    expect(() => narrowSpec('w', w, [5, 700], 'params')).toThrow(
      'params.w: range [5, 700] is outside what w allows: a number from -100 to 100 with at most 3 decimals',
    );
    const reg = new TemplateRegistry([scaled]);
    const spec = parseExamSpec(
      {
        title: 'T',
        versions: 1,
        slots: [{ template: scaled.id, params: { n: 3, w: 1, x: [2, 2] } }],
      },
      reg,
    );
    expect(spec.slots[0]?.params).toEqual({ n: 3, w: 1, x: [2, 2] });
    // A single value in exam.yaml is a pin: the pool holds it although draws would avoid it.
    expect(poolSize(scaled, { kind: 'numeric', narrow: { n: 3, w: 1, x: [2, 2] } }).variants).toBe(
      1,
    );
  });

  it('narrows a numeric list with a validity by a range: drawn whole or on its decimals', () => {
    const sizes: ParamSpec = {
      type: 'enum',
      values: [16, 32, 64],
      description: 'width',
      valid: { integer: true, min: 1, max: 4096 },
    };
    expect(narrowSpec('n', sizes, [100, 300], 'params')).toMatchObject({
      type: 'int',
      min: 100,
      max: 300,
    });
    expect(narrowSpec('n', sizes, 37, 'params')).toMatchObject({ type: 'enum', values: [37] });
    expect(() => narrowSpec('n', sizes, [0, 300], 'params')).toThrow(
      'params.n: range [0, 300] is outside what n allows: an integer from 1 to 4096',
    );
    const rates: ParamSpec = {
      type: 'enum',
      values: [0.1, 0.5],
      description: 'rate',
      valid: { min: 0, minExclusive: true, max: 1, decimals: 3 },
    };
    expect(narrowSpec('lr', rates, [0.2, 0.3], 'params')).toMatchObject({
      type: 'number',
      min: 0.2,
      max: 0.3,
      step: 0.001,
    });
  });

  it('says which modelled distractors a pin drops', () => {
    // w = 1: "forgot w" equals the key; x = [1] with n = 1: every "forgot" distractor does.
    const one = generateVariant(scaled, 1, { pins: { w: 1, n: 2, x: [1, 2] } });
    expect(droppedDistractors(one)).toEqual([
      { misconception: 'forgot-w', value: 6, reason: 'accepted as the key' },
    ]);
    expect(one.choices.map((c) => c.misconception)).toEqual([
      undefined,
      'forgot-n',
      'forgot-x',
      'sign',
    ]);
    const v = generateVariant(scaled, 1, { pins: { w: 2, n: 1, x: [1] } });
    expect(droppedDistractors(v).map((d) => `${d.misconception}: ${d.reason}`)).toEqual([
      'forgot-n: accepted as the key',
      'forgot-x: accepted as the key',
    ]);
    expect(() =>
      generateVariant(scaled, 1, { kind: 'single', pins: { w: 2, n: 1, x: [1] } }),
    ).toThrow(
      /only 2 distinct distractors; single choice needs 3 \(with these params forgot-n is accepted as the key; forgot-x is accepted as the key; the numeric kind keeps the question\)/,
    );
  });

  it('describes validity and draw preferences apart', () => {
    const s = templateJsonSchema(scaled) as any;
    expect(s.properties.w).toMatchObject({
      type: 'number',
      minimum: -100,
      maximum: 100,
      'x-decimals': 3,
      'x-validity': 'a number from -100 to 100 with at most 3 decimals',
      'x-draw': { type: 'number', minimum: -2, maximum: 2, multipleOf: 0.5 },
    });
    expect(s.properties.w.multipleOf).toBeUndefined();
    expect(s.properties.x).toMatchObject({
      minItems: 1,
      maxItems: 8,
      'x-draw': { minItems: 2, maxItems: 3 },
    });
    expect(s['x-constraints']).toEqual(['w ≠ 0 (the product would not depend on x)']);
    expect(s['x-draw-preferences']).toEqual(['n ≠ 3 (draws only)', 'w ≠ 1 (so w·n ≠ n)']);
  });
});
