import { expect } from 'vitest';
import {
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  type Template,
} from '@dlexam/generator';
import type { QuestionKind, Variant } from '@dlexam/types';

export interface PropertyOptions {
  seeds?: number;
  /** Kinds to cycle through (defaults to all the template's kinds). */
  kinds?: readonly QuestionKind[];
  /** Minimum number of distinct stems over the first 200 seeds. */
  minStems?: number;
  /** Asserts the answer against an independent computation. */
  check: (v: Variant, params: any) => void;
}

/** The correct numeric value of a numeric or numeric-derived single-choice variant. */
export function numericValue(v: Variant): number {
  if (v.answer.kind === 'numeric') return v.answer.numeric.value;
  if (v.answer.kind === 'single') {
    const c = v.choices[v.answer.correct]!;
    if (c.value === undefined) throw new Error('single choice without a value');
    return c.value;
  }
  throw new Error(`no numeric value in a ${v.answer.kind} variant`);
}

/** The correct option texts of a choice variant. */
export function correctTexts(v: Variant): string[] {
  return v.choices.filter((c) => c.correct).map((c) => c.text);
}

/**
 * The shared property loop: every seed gives a gate-clean variant whose params satisfy the schema
 * and constraints, and whose answer passes `check`. Also: determinism and wording variety.
 */
export function runProperty(t: Template<any>, opts: PropertyOptions): void {
  const kinds = opts.kinds ?? t.kinds;
  // DLEXAM_QUICK_SEEDS shortens local iteration only; CI runs the full count.
  const quick = Number(process.env.DLEXAM_QUICK_SEEDS ?? 0);
  const seeds = quick > 0 ? Math.min(quick, opts.seeds ?? 10_000) : (opts.seeds ?? 10_000);
  const stems = new Set<string>();
  for (let i = 0; i < seeds; i++) {
    const kind = kinds[i % kinds.length]!;
    const v = generateVariant(t, i, { kind });
    const gate = gateProblem(v);
    if (gate) throw new Error(`seed ${i} (${kind}): ${gate}`);
    const pp = paramProblem(t, v.params);
    if (pp) throw new Error(`seed ${i}: ${pp}`);
    for (const text of [v.stem, v.solution, ...v.choices.map((c) => c.text)])
      if (/\S[ \t]*\\\[/.test(text))
        throw new Error(`seed ${i}: display math \\[ must start a line: ${text.slice(0, 80)}`);
    opts.check(v, v.params);
    if (i < 200) stems.add(v.stem);
  }
  expect(stems.size).toBeGreaterThanOrEqual(Math.min(opts.minStems ?? 20, seeds));
  for (const seed of [1, 77, 'abc'])
    for (const kind of kinds)
      expect(generateVariant(t, seed, { kind })).toEqual(generateVariant(t, seed, { kind }));
}

/** Every fixture renders, and pinning its params reproduces it exactly. */
export function checkFixtures(t: Template<any>): void {
  for (const fx of t.fixtures ?? []) {
    const v = generateFixture(t, fx.id);
    expect(gateProblem(v)).toBeNull();
    expect(generateVariant(t, 'fixture', { kind: fx.kind ?? t.kinds[0], pins: fx.params })).toEqual(
      v,
    );
    expect(v.params).toEqual(fx.params);
  }
}
