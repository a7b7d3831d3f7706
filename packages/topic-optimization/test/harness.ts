import { expect, it } from 'vitest';
import {
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  type Template,
} from '@dlexam/generator';
import type { QuestionKind, Variant } from '@dlexam/types';

/**
 * Generates `count` variants of a template and runs `check` on each, after the gates and the
 * schema. Throws (with the seed) on the first failure; plain throws keep 10,000-seed loops fast.
 */
export function forSeeds(
  t: Template<any>,
  count: number,
  kind: QuestionKind,
  check: (v: Variant, seed: number) => void,
): void {
  for (let i = 0; i < count; i++) {
    const v = generateVariant(t, i, { kind });
    const gate = gateProblem(v);
    if (gate) throw new Error(`${t.id} seed ${i} (${kind}): gate failed: ${gate}`);
    const pp = paramProblem(t, v.params);
    if (pp) throw new Error(`${t.id} seed ${i} (${kind}): ${pp}`);
    try {
      check(v, i);
    } catch (e) {
      throw new Error(
        `${t.id} seed ${i} (${kind}): ${(e as Error).message}\nparams ${JSON.stringify(v.params)}`,
      );
    }
  }
}

export function assertClose(got: number, want: number, tol: number, what = 'value'): void {
  if (!(Math.abs(got - want) <= tol))
    throw new Error(`${what}: got ${got}, expected ${want} (±${tol})`);
}

/** Checks shared by every template: determinism, varied stems, every kind gated, fixtures reproduce under pins. */
export function commonTests(
  t: Template<any>,
  opts: { minStems: number; seedsPerKind?: number },
): void {
  it('is deterministic per seed and kind', () => {
    for (const kind of t.kinds)
      for (const seed of [0, 1, 'abc'])
        expect(JSON.stringify(generateVariant(t, seed, { kind }))).toBe(
          JSON.stringify(generateVariant(t, seed, { kind })),
        );
  });

  it(`varies its stem (>= ${opts.minStems} distinct over 200 seeds)`, () => {
    const stems = new Set<string>();
    for (let i = 0; i < 200; i++) stems.add(generateVariant(t, i).stem);
    expect(stems.size).toBeGreaterThanOrEqual(opts.minStems);
  });

  it('passes the gates in every kind it supports', () => {
    for (const kind of t.kinds) forSeeds(t, opts.seedsPerKind ?? 500, kind, () => {});
  });

  it('renders every fixture, and pinning its params reproduces it', () => {
    expect(t.fixtures?.length ?? 0).toBeGreaterThan(0);
    for (const f of t.fixtures ?? []) {
      const v = generateFixture(t, f.id);
      expect(gateProblem(v)).toBeNull();
      expect(v.params).toEqual(f.params);
      expect(
        generateVariant(t, 'fixture', { pins: f.params, ...(f.kind ? { kind: f.kind } : {}) }),
      ).toEqual(v);
    }
  });

  it('attaches only self-contained figures with alt text', () => {
    for (let i = 0; i < 50; i++) {
      const v = generateVariant(t, i);
      if (!v.figure) continue;
      expect(v.figure.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(v.figure.svg).not.toMatch(/href|url\(|NaN|Infinity|undefined/);
      expect(v.figure.alt.length).toBeGreaterThan(20);
    }
  });
}
