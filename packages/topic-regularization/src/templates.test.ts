import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import {
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
  fitDiagnosisConcepts,
  penalizedStep,
  penaltyFormula,
  regularizationTemplates,
  remediesSelectAll,
} from '@dlexam/topic-regularization';
import type { Variant } from '@dlexam/types';
import {
  assertClose,
  assertEqual,
  checkValidPins,
  commonTests,
  correctPlain,
  forSeeds,
} from '@dlexam/generator/testing';
import { bankCheck, expectValidPinsAccepted, pinnedVariant } from './bank-checks.js';
import type { PenalizedStepParams } from './templates/penalized-step.js';
import type { PenaltyFormulaParams } from './templates/penalty-formula.js';

const SEEDS = 10_000;

/**
 * Independent diagnosis: gaps compared with the threshold in integer hundredths of a point (every
 * valid value has at most 2 decimals; no shared code).
 */
function expectedDiagnosis(train: number, dev: number, human: number, threshold: number): string {
  const c = (x: number) => Math.round(x * 100);
  const hb = c(train) - c(human) >= c(threshold);
  const hv = c(dev) - c(train) >= c(threshold);
  if (hb && hv) return 'High bias and high variance';
  if (hb) return 'High bias, low variance (underfitting)';
  if (hv) return 'Low bias, high variance (overfitting)';
  return 'Low bias and low variance (a good fit)';
}

describe('regularizationTemplates', () => {
  it('honours an exam-spec narrowing of every enum parameter to each single value', () => {
    for (const t of regularizationTemplates)
      for (const [name, spec] of Object.entries(t.params)) {
        if (spec.type !== 'enum') continue;
        for (const value of spec.values)
          for (let i = 0; i < 20; i++)
            assertEqual(
              generateVariant(t, i, { narrow: { [name]: { in: [value] } } }).params[name],
              value,
              `${t.id} ${name}`,
            );
      }
  });

  it('lists every template once, with topic regularization and a regularization.* id', () => {
    assertEqual(
      new Set(regularizationTemplates.map((t) => t.id)).size,
      regularizationTemplates.length,
      'distinct ids',
    );
    for (const t of regularizationTemplates) {
      assertEqual(t.topic, 'regularization', `${t.id} topic`);
      if (!/^regularization\.[a-z0-9-]+$/.test(t.id)) throw new Error(`bad id ${t.id}`);
    }
  });
});

describe('fit-diagnosis-concepts', () => {
  commonTests(it, fitDiagnosisConcepts, { minStems: 12, seedsPerKind: 300 });
  it(`keeps one correct option over ${SEEDS} seeds`, () =>
    forSeeds(fitDiagnosisConcepts, SEEDS, 'single', bankCheck));
  it('takes any statements of a question by index (issue 21), and refuses one past the bank', () => {
    // Underfitting: the last remedy (better input features, index 4) against non-remedies 3, 2, 1.
    const v = pinnedVariant(
      fitDiagnosisConcepts,
      { scenario: 'underfitting', trueIdx: [4], falseIdx: [3, 2, 1] },
      bankCheck,
    );
    assertEqual(correctPlain(v), ['Adding more informative input features.'], 'key');
    expect(() =>
      generateVariant(fitDiagnosisConcepts, 1, {
        pins: { scenario: 'underfitting', trueIdx: [-1], falseIdx: [0, 1, 2] },
      }),
    ).toThrow(/is not allowed/);
    expectValidPinsAccepted(fitDiagnosisConcepts, bankCheck);
  });
});

describe('remedies-select-all', () => {
  commonTests(it, remediesSelectAll, { minStems: 5, seedsPerKind: 300 });
  // Independent key: the direction each change moves bias/variance, written here from seed 001's lists.
  const helpsOverfit =
    /regulariz|more training data|augmentation|early stopping|Reducing the size|Increasing the L2|ensembling/;
  const helpsUnderfit =
    /layers or neurons|more epochs|Reducing the amount of regularization|expressive|informative input/;
  const keyCheck = (v: Variant) => {
    bankCheck(v);
    const re =
      (v.params as { scenario: string }).scenario === 'overfitting' ? helpsOverfit : helpsUnderfit;
    for (const c of v.choices)
      assertEqual(
        c.correct,
        re.test(c.plain) &&
          !/Removing|Decreasing the weight-decay|Adding more regularization|Increasing the dropout/.test(
            c.plain,
          ),
        c.plain,
      );
  };
  it(`marks every remedy and only remedies over ${SEEDS} seeds`, () => {
    forSeeds(remediesSelectAll, SEEDS, 'multiple', keyCheck);
  });
  it('takes any statements by index (issue 21)', () => {
    // Overfitting, every shown option a remedy: more data (1), smaller model (4), larger λ (5),
    // ensembling (6).
    const v = pinnedVariant(
      remediesSelectAll,
      { scenario: 'overfitting', trueIdx: [1, 4, 5, 6], falseIdx: [] },
      keyCheck,
    );
    assertEqual(v.choices.filter((c) => c.correct).length, 4, 'all four correct');
    expectValidPinsAccepted(remediesSelectAll, keyCheck);
  });
});

describe('bias-variance-diagnose', () => {
  commonTests(it, biasVarianceDiagnose, { minStems: 20, seedsPerKind: 300 });
  it(`matches an independent diagnosis over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    forSeeds(biasVarianceDiagnose, SEEDS, 'single', (v) => {
      const p = v.params as DiagnoseParams & { ask: string };
      const want = expectedDiagnosis(p.train, p.dev, p.human, p.threshold);
      seen.add(want);
      if (p.ask === 'diagnosis') assertEqual(correctPlain(v), [want], 'diagnosis');
      else {
        const key = {
          'High bias and high variance': 'Both are needed',
          'High bias, low variance (underfitting)': 'Reduce bias',
          'Low bias, high variance (overfitting)': 'Reduce variance',
          'Low bias and low variance (a good fit)': 'No change',
        }[want]!;
        if (!correctPlain(v)[0]!.startsWith(key))
          throw new Error(`next step ${correctPlain(v)[0]} for ${want}`);
      }
    });
    assertEqual(seen.size, 4, 'all four diagnoses occur');
  });
  type DiagnoseParams = { train: number; dev: number; human: number; threshold: number };
  const diagnosisCheck = (v: Variant, p: DiagnoseParams & { ask: string }) => {
    if (p.ask === 'diagnosis')
      assertEqual(
        correctPlain(v),
        [expectedDiagnosis(p.train, p.dev, p.human, p.threshold)],
        'diagnosis',
      );
    for (const x of [p.train, p.dev]) expect(v.stem).toContain(`${x}%`);
  };
  it('takes textbook errors off the half-point grid, gaps on the threshold, dev below train (issue 21)', () => {
    const diagnose = (params: DiagnoseParams) => {
      const v = generateVariant(biasVarianceDiagnose, 1, { pins: { ...params, ask: 'diagnosis' } });
      diagnosisCheck(v, { ...params, ask: 'diagnosis' });
      return correctPlain(v)[0];
    };
    // Human 0.25%, train 1.25%, dev 11.75%, threshold 1.5: bias 1.0 < 1.5, variance 10.5 ≥ 1.5.
    expect(diagnose({ train: 1.25, dev: 11.75, human: 0.25, threshold: 1.5 })).toBe(
      'Low bias, high variance (overfitting)',
    );
    // Bias exactly at the threshold counts as high (5.5 − 0.5 = 5 ≥ 5); variance 0.3 < 5.
    expect(diagnose({ train: 5.5, dev: 5.8, human: 0.5, threshold: 5 })).toBe(
      'High bias, low variance (underfitting)',
    );
    // A dev error below the training error is a negative (low) variance: 8 − 0 = 8 ≥ 2 is the bias.
    expect(diagnose({ train: 8, dev: 7.5, human: 0, threshold: 2 })).toBe(
      'High bias, low variance (underfitting)',
    );
    expect(() =>
      generateVariant(biasVarianceDiagnose, 1, {
        pins: { train: 1, dev: 5, human: 2, threshold: 2, ask: 'diagnosis' },
      }),
    ).toThrow(/human-level error is at most the training error/);
    const r = checkValidPins(biasVarianceDiagnose, {
      count: 200,
      partial: true,
      adjust(p) {
        if (typeof p.human === 'number' && typeof p.train === 'number' && p.human > p.train)
          p.human = p.train;
      },
      check: diagnosisCheck,
    });
    expect(r.accepted).toBeGreaterThan(150);
    expect(r.offDraw).toBeGreaterThan(100);
  });
});

describe('bias-variance-diagnose-table', () => {
  commonTests(it, biasVarianceDiagnoseTable, { minStems: 2, seedsPerKind: 300 });
  type TableParams = { train: number[]; dev: number[]; threshold: number };
  const tableCheck = (v: Variant, p: TableParams) => {
    if (v.answer.kind !== 'table') throw new Error('not a table');
    assertEqual(v.answer.rows.length, p.train.length, 'one row per model');
    v.answer.rows.forEach((row, i) => {
      const [, bias, variance, diag] = row;
      if (bias?.type !== 'numeric' || variance?.type !== 'numeric' || diag?.type !== 'choice')
        throw new Error('row shape');
      const [train, dev] = [p.train[i] ?? NaN, p.dev[i] ?? NaN];
      assertClose(bias.answer.value, train, 1e-9, 'bias');
      assertClose(variance.answer.value, dev - train, 1e-9, 'variance');
      assertEqual(
        diag.options[diag.correct]?.plain,
        expectedDiagnosis(train, dev, 0, p.threshold),
        'diagnosis',
      );
    });
  };
  it(`fills every row like an independent computation over ${SEEDS} seeds`, () => {
    forSeeds(biasVarianceDiagnoseTable, SEEDS, 'table', (v) =>
      tableCheck(v, v.params as TableParams),
    );
  });
  it('takes any number of models and errors with 2 decimals (issue 21)', () => {
    // Two models, threshold 0.5 point: A 0.25%/0.5% (bias 0.25, variance 0.25: neither high);
    // B 2.75%/3% (bias 2.75 high, variance 0.25 low). Gaps asked to 2 decimals.
    const params = { train: [0.25, 2.75], dev: [0.5, 3], threshold: 0.5 };
    const v = generateVariant(biasVarianceDiagnoseTable, 1, { kind: 'table', pins: params });
    tableCheck(v, params);
    expect(v.stem).toMatch(/^(Two models|You compare two trained)/);
    expect(v.stem).toContain('to 2 decimals');
    if (v.answer.kind !== 'table') throw new Error('not a table');
    assertEqual(
      v.answer.rows.map((r) => (r[3]?.type === 'choice' ? r[3].options[r[3].correct]?.plain : '')),
      ['Low bias and low variance (a good fit)', 'High bias, low variance (underfitting)'],
      'diagnoses',
    );
    const r = checkValidPins(biasVarianceDiagnoseTable, {
      count: 200,
      partial: true,
      adjust(p) {
        const train = p.train as number[];
        const dev = p.dev as number[];
        p.dev = train.map((t, i) => dev[i % dev.length] ?? t);
      },
      check: tableCheck,
    });
    expect(r.accepted).toBeGreaterThan(150);
    expect(r.offDraw).toBeGreaterThan(100);
  });
});

describe('penalty-formula', () => {
  commonTests(it, penaltyFormula, { minStems: 12, seedsPerKind: 300 });
  it(`has the hand-derived formula as the correct option over ${SEEDS} seeds`, () => {
    forSeeds(penaltyFormula, SEEDS, 'single', (v) => {
      const p = v.params as PenaltyFormulaParams;
      const [J, a] = p.symbols === 'J-alpha' ? ['J', 'α'] : ['L', 'η'];
      const dJ = `∂${J}/∂wᵢ`;
      const half = p.convention === 'half-lambda';
      const want =
        p.ask === 'gradient'
          ? p.penalty === 'l1'
            ? `${dJ} + λ sign(wᵢ)`
            : `${dJ} + ${half ? '' : '2'}λwᵢ`
          : p.penalty === 'l1'
            ? `wᵢ - ${a}λ sign(wᵢ) - ${a}${dJ}`
            : p.form === 'factored'
              ? `(1 - ${half ? '' : '2'}${a}λ) wᵢ - ${a}${dJ}`
              : `wᵢ - ${half ? '' : '2'}${a}λwᵢ - ${a}${dJ}`;
      assertEqual(correctPlain(v), [want], 'formula');
      assertEqual(v.choices.length, 4, 'options');
    });
  });
});

describe('penalized-step', () => {
  commonTests(it, penalizedStep, { minStems: 20, seedsPerKind: 300 });
  /** Independent: the penalty's gradient by central differences (which gives exactly 0 for |w| at 0). */
  function expectedStep(p: PenalizedStepParams): number[] {
    const pen = (x: number) =>
      p.penalty === 'l1'
        ? p.lambda * Math.abs(x)
        : (p.convention === 'lambda' ? p.lambda : p.lambda / 2) * x * x;
    const h = 1e-4;
    const weights = p.w.map(
      (x, i) => x - p.alpha * (p.grad[i]! + (pen(x + h) - pen(x - h)) / (2 * h)),
    );
    return [...weights, p.b - p.alpha * p.gradB];
  }
  it(`matches finite-difference steps over ${SEEDS} seeds (numeric and table)`, () => {
    let zeros = 0;
    forSeeds(penalizedStep, SEEDS, 'numeric', (v) => {
      const p = v.params as PenalizedStepParams;
      if (v.answer.kind !== 'numeric') throw new Error('not numeric');
      assertClose(v.answer.numeric.value, expectedStep(p)[p.ask]!, 1e-6, 'updated parameter');
      if (p.penalty === 'l1' && p.w[p.ask] === 0) zeros++;
    });
    if (zeros < 200) throw new Error(`only ${zeros} variants ask for a zero L1 weight`);
    forSeeds(penalizedStep, 2000, 'table', (v) => {
      const want = expectedStep(v.params as PenalizedStepParams);
      if (v.answer.kind !== 'table') throw new Error('not a table');
      v.answer.rows.forEach((r, i) => {
        const c = r[2]!;
        if (c.type !== 'numeric') throw new Error('cell');
        assertClose(c.answer.value, want[i]!, 1e-6, `row ${i}`);
      });
    });
  });
  it('any valid pin (off the grid, α·λ > 0.1, zero gradients, up to 8 weights) matches the finite-difference step', () => {
    const r = checkValidPins(penalizedStep, {
      count: 1500,
      adjust(p, rng) {
        const w = p.w as number[];
        p.grad = w.map((_, i) => (p.grad as number[])[i % (p.grad as number[]).length]!);
        p.ask = rng.int(0, w.length);
        if (p.penalty === 'l1') p.convention = 'lambda';
        if (rng.bool(0.2)) p.gradB = 0;
      },
      check(v, p: PenalizedStepParams) {
        const want = expectedStep(p);
        if (v.answer.kind === 'numeric')
          assertClose(v.answer.numeric.value, want[p.ask]!, 0.5e-4 + 1e-9, 'updated parameter');
        if (v.answer.kind === 'table')
          v.answer.rows.forEach((row, i) => {
            const c = row[2]!;
            if (c.type !== 'numeric') throw new Error('cell');
            assertClose(c.answer.value, want[i]!, 0.5e-4 + 1e-9, `row ${i}`);
          });
        for (const x of [...p.w, ...p.grad, p.alpha, p.lambda]) expect(v.stem).toContain(String(x));
      },
    });
    expect(r.accepted).toBeGreaterThan(1200);
    expect(r.offDraw).toBeGreaterThan(1000);
  });
  it('makes single-choice variants from misconception-tagged distractors', () => {
    forSeeds(penalizedStep, 2000, 'single', (v) => {
      assertEqual(v.choices.length, 4, 'options');
      for (const c of v.choices)
        if (!c.correct && !c.misconception) throw new Error('untagged distractor');
    });
  });
});
