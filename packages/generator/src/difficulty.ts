import {
  type Difficulty,
  type QuestionKind,
  type Variant,
  type VariantDifficulty,
} from '@dlexam/types';
import type { Narrowing, Params } from './params.js';
import type { AnyTemplate } from './template.js';
import { primeWholeTemplates } from './prime.js';
import { contentKey } from './pool.js';
import { generateVariant, resolveKind } from './variant.js';

/**
 * The generic measure of the work a variant asks for, used by templates without their own
 * `effort`:
 *
 * - numeric (and single choice made from a numeric answer): one unit per number among the
 *   parameters (each given value enters the computation; a weight matrix counts every entry), plus
 *   one when the answer must be rounded to decimals or significant figures;
 * - table: two units per numeric cell to fill, one per choice cell;
 * - single / multiple choice from statements: one unit per option to judge, plus one per further
 *   correct option (a select-all with more right answers asks more decisions to hold);
 * - matching: one unit per prompt and per extra answer;
 * - short answer: one unit plus one per number among the parameters.
 *
 * It reads the parameters and the answer only, never the wording, so every wording of the same
 * parameters has the same effort.
 */
export function genericEffort(v: Variant): number {
  const a = v.answer;
  const givenNumbers = () => numericLeaves(v.params);
  switch (a.kind) {
    case 'numeric':
      return givenNumbers() + (a.numeric.decimals > 0 || a.numeric.sigFigs ? 1 : 0);
    case 'single': {
      const c = v.choices[a.correct];
      if (c?.value !== undefined) return givenNumbers() + 1;
      return v.choices.length;
    }
    case 'multiple':
      return v.choices.length + Math.max(0, a.correct.length - 1);
    case 'matching':
      return a.pairs.length + a.distractors.length;
    case 'table': {
      let e = 0;
      for (const row of a.rows)
        for (const c of row) e += c.type === 'numeric' ? 2 : c.type === 'choice' ? 1 : 0;
      return e;
    }
    case 'short':
      return 1 + givenNumbers();
  }
}

/** How many numbers a parameter value holds (a matrix: every entry). */
function numericLeaves(x: unknown): number {
  if (typeof x === 'number') return 1;
  if (Array.isArray(x)) return x.reduce((s: number, e) => s + numericLeaves(e), 0);
  if (typeof x === 'object' && x !== null)
    return Object.values(x).reduce((s: number, e) => s + numericLeaves(e), 0);
  return 0;
}

/** The effort of a variant by its template's measure (`effort`), or the generic one. */
export function variantEffort(t: AnyTemplate, v: Variant): number {
  return t.effort ? t.effort(v.params as Params, v.kind) : genericEffort(v);
}

/** Variants drawn to place a template's tercile cut points. */
export const DIFFICULTY_SAMPLE = 150;

export interface EffortScale {
  /** The efforts of the sampled variants, ascending. */
  sorted: number[];
  /** Share of the sample at each level (index 0 = level 1). */
  shares: [number, number, number];
  /** Distinct contents among the sampled variants: a cheap lower bound of the pool. */
  distinct: number;
}

const scales = new Map<string, EffortScale>();

/**
 * Seeds the cache with scales computed earlier (the CLI's build writes every built-in template ×
 * kind's scale beside its bundle, and a test keeps that file equal to `effortScale`), so exam
 * assembly does not draw `DIFFICULTY_SAMPLE` variants of every candidate on every run. Only
 * un-narrowed scales; a scale already computed in this process is kept.
 */
export function primeEffortScales(
  scalesById: Record<string, Partial<Record<QuestionKind, EffortScale>>>,
): void {
  primeWholeTemplates(scales, scalesById, (scale) => scale);
}

/**
 * A template's effort distribution for a kind (and a slot's narrowing), from `DIFFICULTY_SAMPLE`
 * seeded draws. Deterministic and cached per process.
 */
export function effortScale(
  t: AnyTemplate,
  opts: { kind?: QuestionKind; narrow?: Record<string, Narrowing> } = {},
): EffortScale {
  const kind = resolveKind(t, opts.kind);
  const key = `${t.id}|${kind}|${JSON.stringify(opts.narrow ?? null)}`;
  let scale = scales.get(key);
  if (scale) return scale;
  const sorted: number[] = [];
  const contents = new Set<string>();
  for (let i = 0; i < DIFFICULTY_SAMPLE; i++) {
    try {
      const v = generateVariant(t, `difficulty-${i}`, {
        kind,
        ...(opts.narrow ? { narrow: opts.narrow } : {}),
      });
      sorted.push(variantEffort(t, v));
      contents.add(contentKey(v, t));
    } catch {
      break; // a narrowing with no valid question: the slot is refused elsewhere
    }
  }
  sorted.sort((a, b) => a - b);
  scale = { sorted, shares: [0, 0, 0], distinct: contents.size };
  for (const e of sorted) scale.shares[levelOf(e, scale) - 1]! += 1 / sorted.length;
  scales.set(key, scale);
  return scale;
}

/**
 * The level of an effort on a template's scale, by its mid-rank among the sampled efforts (the
 * share below it plus half the share equal to it): under 1/3 is level 1 (easier), under 2/3 level 2
 * (typical), else level 3 (harder). A measure with one value throughout puts every variant at 2.
 */
export function levelOf(effort: number, scale: Pick<EffortScale, 'sorted'>): Difficulty {
  const s = scale.sorted;
  if (!s.length) return 2;
  let below = 0;
  let equal = 0;
  for (const e of s) {
    if (e < effort) below++;
    else if (e === effort) equal++;
    else break;
  }
  const rank = (below + equal / 2) / s.length;
  return rank < 1 / 3 ? 1 : rank < 2 / 3 ? 2 : 3;
}

/** The difficulty of a variant: its effort and its level on the template's scale for its kind. */
export function variantDifficulty(
  t: AnyTemplate,
  v: Variant,
  narrow?: Record<string, Narrowing>,
): VariantDifficulty {
  const effort = variantEffort(t, v);
  const scale = effortScale(t, { kind: v.kind, ...(narrow ? { narrow } : {}) });
  return { effort, level: levelOf(effort, scale) };
}
