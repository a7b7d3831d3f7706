import { expect } from 'vitest';
import {
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  type Template,
} from '@dlexam/generator';
import type { QuestionKind, Variant } from '@dlexam/types';

/**
 * The property loop every CNN template runs: N seeds spread over its kinds; each variant must
 * pass the gates, keep its params inside the schema and constraints, and `check` compares the
 * answer with an independent computation written in the test.
 */
export function propertyLoop(
  t: Template<any>,
  check: (v: Variant, params: any) => void,
  opts: { seeds?: number; kinds?: readonly QuestionKind[] } = {},
): void {
  const seeds = opts.seeds ?? 10_000;
  const kinds = opts.kinds ?? t.kinds;
  for (let i = 0; i < seeds; i++) {
    const kind = kinds[i % kinds.length]!;
    const v = generateVariant(t, i, { kind });
    const gate = gateProblem(v);
    if (gate) throw new Error(`seed ${i} (${kind}): ${gate}`);
    const pp = paramProblem(t, v.params);
    if (pp) throw new Error(`seed ${i} (${kind}): ${pp}`);
    try {
      check(v, v.params);
    } catch (e) {
      throw new Error(
        `seed ${i} (${kind}) params ${JSON.stringify(v.params)}: ${(e as Error).message}`,
      );
    }
  }
}

/** Same seed → deep-equal variant; at least `minStems` distinct stems over 200 seeds; fixtures pin. */
export function determinismAndVariety(t: Template<any>, minStems: number): void {
  for (const kind of t.kinds) {
    for (const seed of [0, 1, 'exam-a', 'x9'])
      expect(generateVariant(t, seed, { kind })).toEqual(generateVariant(t, seed, { kind }));
  }
  const stems = new Set<string>();
  for (let i = 0; i < 200; i++) stems.add(generateVariant(t, i).stem);
  expect(stems.size).toBeGreaterThanOrEqual(minStems);
  for (const f of t.fixtures ?? []) {
    const v = generateFixture(t, f.id);
    expect(gateProblem(v)).toBeNull();
    expect(v.params).toEqual(f.params);
    expect(
      generateVariant(t, 'fixture', { kind: f.kind ?? t.kinds[0], pins: f.params as any }),
    ).toEqual(v);
    // Every kind renders from the fixture's params (when the template supports them for it).
    for (const kind of t.kinds) {
      try {
        expect(
          gateProblem(generateVariant(t, 'fixture', { kind, pins: f.params as any })),
        ).toBeNull();
      } catch (e) {
        if (!(e as Error).message.includes('produced no valid variant')) throw e;
      }
    }
  }
}

// Answer extractors.
export const numericValue = (v: Variant): number => {
  if (v.answer.kind !== 'numeric') throw new Error(`expected numeric, got ${v.answer.kind}`);
  return v.answer.numeric.value;
};
export const correctChoice = (v: Variant): string => {
  if (v.answer.kind !== 'single') throw new Error(`expected single, got ${v.answer.kind}`);
  return v.choices[v.answer.correct]!.plain;
};
export const correctChoices = (v: Variant): string[] => {
  if (v.answer.kind !== 'multiple') throw new Error(`expected multiple, got ${v.answer.kind}`);
  return v.answer.correct.map((i) => v.choices[i]!.plain);
};
/** Numeric cells of a table answer, row by row (text cells skipped). */
export const tableNumbers = (v: Variant): number[][] => {
  if (v.answer.kind !== 'table') throw new Error(`expected table, got ${v.answer.kind}`);
  return v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])));
};
