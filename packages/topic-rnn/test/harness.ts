/**
 * The property loop every template of this package runs: >= 10,000 seeds through the generator,
 * gates, schema and constraints, plus an answer check against an independent computation written
 * in the test file. Also determinism, wording variety and fixture reproducibility.
 */
import { expect } from 'vitest';
import {
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  type Template,
} from '@dlexam/generator';
import type { NumericAnswer, QuestionKind, Variant } from '@dlexam/types';

export const SEEDS = 10_000;

/** Checks a numeric answer against an unrounded reference value within its stated rounding. */
export function expectNumeric(a: NumericAnswer, reference: number): void {
  const unit = a.sigFigs
    ? Math.abs(reference) * 10 ** (1 - a.sigFigs)
    : a.decimals
      ? 10 ** -a.decimals
      : 1;
  const ok = Math.abs(a.value - reference) <= unit / 2 + 1e-9 * Math.max(1, Math.abs(reference));
  if (!ok)
    expect.fail(
      `answer ${a.value} is not ${reference} rounded (decimals ${a.decimals}, sigFigs ${a.sigFigs})`,
    );
}

/** The correct value of a numeric or numeric-derived single-choice variant. */
export function correctValue(v: Variant): NumericAnswer | number {
  if (v.answer.kind === 'numeric') return v.answer.numeric;
  if (v.answer.kind === 'single') return v.choices[v.answer.correct]!.value!;
  throw new Error(`no single numeric answer in a ${v.answer.kind} variant`);
}

/** Asserts a numeric or single variant's answer equals `reference` at the variant's rounding. */
export function expectAnswer(
  v: Variant,
  reference: number,
  decimals: number,
  sigFigs?: number,
): void {
  if (v.answer.kind === 'numeric') return expectNumeric(v.answer.numeric, reference);
  const c = v.choices[(v.answer as { correct: number }).correct]!;
  expectNumeric(
    { value: c.value!, decimals, tolerance: 0, ...(sigFigs ? { sigFigs } : {}) },
    reference,
  );
}

export interface PropertyOptions {
  kinds: QuestionKind[];
  /** Independent check of one variant's answer. */
  verify(v: Variant): void;
  /** Minimum distinct stems over 200 seeds (wording and numbers vary). */
  minStems?: number;
  seeds?: number;
}

export function runProperty(t: Template<any>, o: PropertyOptions): void {
  const seeds = o.seeds ?? SEEDS;
  for (let i = 0; i < seeds; i++) {
    const kind = o.kinds[i % o.kinds.length]!;
    const v = generateVariant(t, i, { kind });
    const gate = gateProblem(v);
    if (gate) expect.fail(`seed ${i} (${kind}): ${gate}`);
    const pp = paramProblem(t, v.params);
    if (pp) expect.fail(`seed ${i} (${kind}): ${pp}`);
    // Feedback is shown as plain text by the CLI and LMS exports: no TeX left in it.
    for (const c of v.choices)
      if (/\\[(\[]|\\[a-zA-Z]/.test(c.feedback))
        expect.fail(`seed ${i} (${kind}): TeX in feedback '${c.feedback}'`);
    o.verify(v);
  }
}

export function checkDeterminismAndVariety(
  t: Template<any>,
  kinds: QuestionKind[],
  minStems: number,
): void {
  for (const kind of kinds)
    for (const seed of [0, 1, 'abc', 9999])
      expect(generateVariant(t, seed, { kind })).toEqual(generateVariant(t, seed, { kind }));
  const stems = new Set<string>();
  for (let i = 0; i < 200; i++) stems.add(generateVariant(t, i, { kind: kinds[0]! }).stem);
  expect(stems.size).toBeGreaterThanOrEqual(minStems);
  // Wording, not only numbers: the first sentence differs across seeds.
  const openings = new Set([...stems].map((s) => s.split(/[.:?]/)[0]));
  expect(openings.size).toBeGreaterThanOrEqual(2);
}

export function checkFixtures(t: Template<any>): void {
  for (const f of t.fixtures ?? []) {
    const v = generateFixture(t, f.id);
    expect(gateProblem(v)).toBeNull();
    expect(v.params).toEqual(f.params);
    expect(generateVariant(t, 'fixture', { kind: f.kind ?? t.kinds[0], pins: f.params })).toEqual(
      v,
    );
  }
}
