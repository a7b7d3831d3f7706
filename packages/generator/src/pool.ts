import type { QuestionKind, Variant } from '@dlexam/types';
import { GenerationError } from './errors.js';
import { domainOf, type Narrowing, type Params } from './params.js';
import { createRng } from './rng.js';
import type { Template } from './template.js';
import {
  drawParams,
  effectiveSchema,
  gateProblem,
  paramProblem,
  resolveKind,
  variantFromParams,
} from './variant.js';

/**
 * How many distinct variants (distinct parameter sets) and distinct answers a template can produce.
 * Exact when the parameter domain is small and drawn straight from the schema (every combination
 * is built and gated); otherwise estimated from draws with the Chao1 richness estimator, which is a
 * lower-bound-style estimate: it never reports fewer than were actually seen.
 */
export interface PoolSize {
  variants: number;
  answers: number;
  method: 'enumerated' | 'estimated';
  /**
   * Set when every draw was different: no repeat was seen, so only a lower bound is known
   * (`variants` / `answers` is then the number of draws, not an estimate).
   */
  variantsAtLeast?: boolean;
  answersAtLeast?: boolean;
}

export const ENUMERATION_LIMIT = 4096;
/** Parameter draws (cheap: no text is built) and, of those, how many are built to count answers. */
export const ESTIMATION_DRAWS = 1200;
export const ANSWER_DRAWS = 100;

const cache = new Map<string, PoolSize>();

/** A key for "the same answer": the value, or the correct option(s), or the filled table. */
export function answerKey(v: Variant): string {
  const a = v.answer;
  switch (a.kind) {
    case 'numeric':
      return String(a.numeric.value);
    case 'single':
      return v.choices[a.correct]?.plain ?? '';
    case 'multiple':
      return a.correct
        .map((i) => v.choices[i]?.plain)
        .sort()
        .join('|');
    case 'matching':
      // Pair order is shuffled per seed; the answer is the set of pairs.
      return a.pairs
        .map((p) => `${p.promptPlain}→${p.answerPlain}`)
        .sort()
        .join('|');
    default:
      return JSON.stringify(a);
  }
}

export const paramsKey = (templateId: string, p: Params): string =>
  `${templateId}:${JSON.stringify(p)}`;

function chao1(counts: Map<string, number>): number {
  let f1 = 0;
  let f2 = 0;
  for (const c of counts.values()) {
    if (c === 1) f1++;
    else if (c === 2) f2++;
  }
  return Math.round(counts.size + (f1 * (f1 - 1)) / (2 * (f2 + 1)));
}

function enumerate(
  t: Template<any>,
  kind: QuestionKind,
  narrow?: Record<string, Narrowing>,
): PoolSize | null {
  if (t.sample) return null;
  const schema = effectiveSchema(t, narrow);
  const names = Object.keys(schema);
  const domains = names.map((n) => domainOf(schema[n]!, ENUMERATION_LIMIT));
  if (domains.some((d) => d === null)) return null;
  const total = domains.reduce((s, d) => s * d!.length, 1);
  if (total > ENUMERATION_LIMIT) return null;
  const answers = new Set<string>();
  let variants = 0;
  const rng = createRng(`pool/${t.id}`);
  for (let i = 0; i < total; i++) {
    const p: Params = {};
    let r = i;
    names.forEach((n, j) => {
      const d = domains[j]!;
      p[n] = d[r % d.length]!;
      r = Math.floor(r / d.length);
    });
    if (paramProblem(t, p, schema)) continue;
    try {
      const v = variantFromParams(t, p, kind, rng, 'pool', 1);
      if (gateProblem(v)) continue;
      variants++;
      answers.add(answerKey(v));
    } catch (e) {
      if (!(e instanceof GenerationError)) throw e;
    }
  }
  return { variants, answers: answers.size, method: 'enumerated' };
}

function estimate(
  t: Template<any>,
  kind: QuestionKind,
  narrow?: Record<string, Narrowing>,
): PoolSize {
  const schema = effectiveSchema(t, narrow);
  const params = new Map<string, number>();
  const answers = new Map<string, number>();
  let built = 0;
  for (let i = 0; i < ESTIMATION_DRAWS; i++) {
    const rng = createRng(`pool/${t.id}/${i}`);
    const p = drawParams(t, rng.child('params'), schema, {});
    if (paramProblem(t, p, schema)) continue;
    const pk = JSON.stringify(p);
    params.set(pk, (params.get(pk) ?? 0) + 1);
    if (built >= ANSWER_DRAWS) continue;
    try {
      const v = variantFromParams(t, p, kind, rng, 'pool', 1);
      if (gateProblem(v)) continue;
      built++;
      const ak = answerKey(v);
      answers.set(ak, (answers.get(ak) ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof GenerationError)) throw e;
    }
  }
  // Without a single repeat, Chao1 says nothing useful (n + n(n−1)/2): report the lower bound.
  const allDistinct = (m: Map<string, number>) =>
    m.size > 1 && [...m.values()].every((c) => c === 1);
  const out: PoolSize = { variants: chao1(params), answers: chao1(answers), method: 'estimated' };
  if (allDistinct(params)) {
    out.variants = params.size;
    out.variantsAtLeast = true;
  }
  if (allDistinct(answers)) {
    out.answers = answers.size;
    out.answersAtLeast = true;
  }
  // Answers were counted on a subsample: never more distinct answers than variants.
  if (!out.variantsAtLeast) out.answers = Math.min(out.answers, out.variants);
  return out;
}

/** The pool of a template for a kind, optionally narrowed by an exam slot. Cached per process. */
export function poolSize(
  t: Template<any>,
  opts: { kind?: QuestionKind; narrow?: Record<string, Narrowing> } = {},
): PoolSize {
  const kind = resolveKind(t, opts.kind);
  const key = `${t.id}|${kind}|${JSON.stringify(opts.narrow ?? null)}`;
  let p = cache.get(key);
  if (!p) {
    p = enumerate(t, kind, opts.narrow) ?? estimate(t, kind, opts.narrow);
    cache.set(key, p);
  }
  return p;
}

/**
 * Seeds the cache with figures computed earlier by this same `poolSize` (the CLI's build writes
 * them for every template × kind), so a process does not draw them again. Only un-narrowed
 * pools: a slot's `params` are sized live.
 */
export function primePoolSizes(
  entries: Iterable<[t: Template<any>, kind: QuestionKind, size: PoolSize]>,
): void {
  for (const [t, kind, size] of entries) {
    const key = `${t.id}|${resolveKind(t, kind)}|null`;
    if (!cache.has(key)) cache.set(key, size);
  }
}
