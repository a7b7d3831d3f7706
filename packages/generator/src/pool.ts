import type { QuestionKind, Variant } from '@dlexam/types';
import { variantEffort } from './difficulty.js';
import { GenerationError } from './errors.js';
import { domainOf, type Narrowing, type Params } from './params.js';
import { createRng, hashText } from './rng.js';
import type { AnyTemplate } from './template.js';
import { primeWholeTemplates } from './prime.js';
import {
  drawParams,
  effectiveSchema,
  paramProblem,
  pinnedParams,
  resolveKind,
  variantFromParams,
  variantProblem,
} from './variant.js';

/**
 * How many distinct variants (distinct content, after every gate) and distinct answers a template
 * can produce for a kind.
 *
 * - `enumerated`: the parameter domain is small and drawn straight from the schema: every
 *   combination is built and gated, so the count is exact.
 * - `exhausted`: the space is small but drawn by a custom sampler: draws continue until a long run
 *   of them finds nothing new; `variants` counts the distinct contents actually drawn, every one of
 *   which an exam can reach (assembly falls back to them when random draws run dry).
 * - `estimated`: the space is large: `variants` is the number of distinct contents seen in the
 *   draws, a lower bound (`variantsAtLeast`), and `estimate` the Chao1 richness estimate.
 *
 * "Distinct" means different content (`contentKey`): two statement-bank or choice variants with the
 * same statements in another order and the same key are one variant.
 */
export interface PoolSize {
  variants: number;
  answers: number;
  method: 'enumerated' | 'exhausted' | 'estimated';
  /** `variants` is a lower bound: the space was not exhausted. */
  variantsAtLeast?: boolean;
  answersAtLeast?: boolean;
  /** Chao1 estimate of the distinct contents (estimated pools only). */
  estimate?: number;
}

export const ENUMERATION_LIMIT = 4096;
/** Draws of an estimated pool whose parameter sets are counted. */
export const ESTIMATION_DRAWS = 1200;
/** Draws of an estimated pool that are built and gated (all of them for statement banks, choices, matching, and whenever parameters do not stand for contents). */
export const SET_ESTIMATION_DRAWS = 400;
/** The former sample of builds of an estimate; every one of its first `SET_ESTIMATION_DRAWS` draws is built now. */
export const ANSWER_SAMPLE = SET_ESTIMATION_DRAWS;
/** The former name of `ANSWER_SAMPLE`. */
export const ANSWER_DRAWS = ANSWER_SAMPLE;
/** A sampled space whose Chao1 estimate is at most this is drawn until exhausted. */
export const EXHAUST_LIMIT = 2000;
/** At most this many draws when exhausting a sampled space. */
export const EXHAUST_DRAWS = 8_000;

/** One distinct content of an enumerated or exhausted pool. */
export interface PoolMember {
  params: Params;
  /** Its `contentKey`. */
  key: string;
  /** Its effort (`variantEffort`). */
  effort: number;
}

interface PoolEntry {
  size: PoolSize;
  /** One member per distinct content (enumerated and exhausted pools), in draw order. */
  members: PoolMember[] | null;
}

const cache = new Map<string, PoolEntry>();

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

/** Options, statements, pairs: a choice or matching question whose content is a set. */
function setLike(v: Variant): boolean {
  if (v.answer.kind === 'matching') return true;
  // A single choice made from a numeric answer carries values: its content is its parameters.
  return (
    (v.answer.kind === 'single' || v.answer.kind === 'multiple') &&
    v.choices.every((c) => c.value === undefined)
  );
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The text and option streams of every content build: wording never tells two contents apart. */
const CONTENT_RNG = 'dlexam/content';

/** A variant built from parameters as content keys see it (fixed wording and option order). */
function contentVariant(t: AnyTemplate, p: Params, kind: QuestionKind): Variant {
  return variantFromParams(t, p, kind, createRng(CONTENT_RNG), 'content', 1);
}

/**
 * The content key of a built variant: for statement-bank, choice and matching questions their
 * options or pairs as a set with their key, plus their parameters (top-level lists read as sets);
 * for any other, built by `contentVariant`, a hash of what the student sees — stem, figure,
 * options — and the key.
 */
function shownKey(v: Variant): string {
  if (setLike(v))
    return `${v.templateId}|${v.kind}|${canonicalParams(v.params as Params)}|${shownSet(v).join('\u0001')}`;
  const parts = [
    v.stem,
    v.figure?.svg ?? '',
    JSON.stringify(v.answer),
    ...v.choices.map((c) => `${c.correct ? '+' : '-'}${c.plain}`),
  ];
  return `${v.templateId}|${v.kind}|${hashText(parts.join('\u0001'))}`;
}

/** The options or pairs of a set-like variant with their key, sorted. */
function shownSet(v: Variant): string[] {
  let shown: string[];
  if (v.answer.kind === 'matching')
    shown = [
      ...v.answer.pairs.map((p) => `${p.promptPlain}\u2192${p.answerPlain}`),
      ...v.answer.distractors.map((d) => `\u2192${d.plain}`),
    ];
  else shown = v.choices.map((c) => `${c.correct ? '+' : '-'}${c.plain}`);
  return shown.sort(byText);
}

/**
 * A key for "the same content": what the student sees and the key, not the parameters or the
 * wording. Statement-bank, choice and matching variants are the same when they show the same
 * statements (options, pairs) in any order with the same key (their parameters, top-level lists
 * read as sets, tell apart questions about different data). Any other variant, given its template,
 * is rebuilt from its parameters with a fixed wording and option order, and two are the same when
 * that shows the same stem, figure, options and key, so parameters the asked kind does not use
 * (`cnn.same-padding`'s `symbolic` in a numeric question) and the wording drawn for a seed never
 * make two variants different; without the template it is its template and parameters.
 */
export function contentKey(v: Variant, t?: AnyTemplate): string {
  if (setLike(v)) return shownKey(v);
  if (t) return shownKey(contentVariant(t, v.params as Params, v.kind));
  return paramsKey(v.templateId, v.params as Params);
}

/** Orders plain values: numbers numerically, then by type and text. */
function byValue(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Parameters with top-level lists of plain values read as sets (sorted), keys sorted. */
function canonicalParams(p: Params): string {
  let out = '';
  for (const k of Object.keys(p).sort()) {
    const x = p[k];
    const set = Array.isArray(x) && x.every((e) => typeof e !== 'object' || e === null);
    out += `${JSON.stringify(k)}:${JSON.stringify(set ? [...(x as unknown[])].sort(byValue) : x)};`;
  }
  return out;
}

function chao1(counts: Map<string, number>): number {
  let f1 = 0;
  let f2 = 0;
  for (const c of counts.values()) {
    if (c === 1) f1++;
    else if (c === 2) f2++;
  }
  return Math.round(counts.size + (f1 * (f1 - 1)) / (2 * (f2 + 1)));
}

/**
 * Builds and gates one parameter set; null when it breaks a rule or a gate. Built with the fixed
 * wording of content keys, except statement-bank, choice and matching questions, whose options the
 * text stream may vary (kernel signs, which statements): those are built as drawn, with `rng`.
 */
function built(
  t: AnyTemplate,
  p: Params,
  kind: QuestionKind,
  schema: ReturnType<typeof effectiveSchema>,
  rng: ReturnType<typeof createRng>,
): Variant | null {
  if (paramProblem(t, p, schema, pinnedParams(t, schema))) return null;
  try {
    let v = contentVariant(t, p, kind);
    if (setLike(v)) v = variantFromParams(t, p, kind, rng, 'pool', 1);
    return variantProblem(t, v) ? null : v;
  } catch (e) {
    if (!(e instanceof GenerationError)) throw e;
    return null;
  }
}

function enumerate(
  t: AnyTemplate,
  kind: QuestionKind,
  narrow?: Record<string, Narrowing>,
): PoolEntry | null {
  if (t.sample) return null;
  const schema = effectiveSchema(t, narrow);
  const names = Object.keys(schema);
  const domains = names.map((n) => domainOf(schema[n]!, ENUMERATION_LIMIT));
  if (domains.some((d) => d === null)) return null;
  const total = domains.reduce((s, d) => s * d!.length, 1);
  if (total > ENUMERATION_LIMIT) return null;
  const answers = new Set<string>();
  const contents = new Set<string>();
  const members: PoolMember[] = [];
  const rng = createRng(`pool/${t.id}`);
  for (let i = 0; i < total; i++) {
    const p: Params = {};
    let r = i;
    names.forEach((n, j) => {
      const d = domains[j]!;
      p[n] = d[r % d.length]!;
      r = Math.floor(r / d.length);
    });
    const v = built(t, p, kind, schema, rng);
    if (!v) continue;
    const ck = shownKey(v);
    if (contents.has(ck)) continue;
    contents.add(ck);
    members.push({ params: p, key: ck, effort: variantEffort(t, v) });
    answers.add(answerKey(v));
  }
  return {
    size: { variants: contents.size, answers: answers.size, method: 'enumerated' },
    members,
  };
}

/**
 * A sampled pool. The first `SET_ESTIMATION_DRAWS` parameter draws are built and gated and their
 * contents counted. When those show two parameter sets with one content (parameters the kind does
 * not use, statements in another order), or the question is a statement bank, choice or matching,
 * distinct contents are what is counted; otherwise parameter sets stand for contents and counting
 * goes on, unbuilt, to `ESTIMATION_DRAWS` draws, scaled by the share of builds that passed the
 * gates. A small space (Chao1 ≤ `EXHAUST_LIMIT`) is then drawn on, every draw built and gated,
 * until a run of max(600, 2 × found) draws finds nothing new (or `EXHAUST_DRAWS`).
 */
function sampled(
  t: AnyTemplate,
  kind: QuestionKind,
  narrow?: Record<string, Narrowing>,
): PoolEntry {
  const schema = effectiveSchema(t, narrow);
  const pinned = pinnedParams(t, schema);
  const draw = (i: number) => {
    const rng = createRng(`pool/${t.id}/${i}`);
    return { rng, p: drawParams(t, rng.child('params'), schema, {}) };
  };
  // Phase 1: estimate.
  const contents = new Map<string, number>();
  const paramSets = new Map<string, number>();
  const paramsOf = new Map<string, string>();
  const answers = new Map<string, number>();
  let setKind: boolean | undefined;
  let merged = false;
  let builds = 0;
  let passed = 0;
  // Every draw built so far, by index (a null: it broke a rule or a gate), so exhausting the
  // space afterwards does not build them again.
  const outcomes: (Outcome | undefined)[] = [];
  for (let i = 0; i < ESTIMATION_DRAWS; i++) {
    const building = i < SET_ESTIMATION_DRAWS;
    if (!building && (setKind || merged)) break;
    const { rng, p } = draw(i);
    if (paramProblem(t, p, schema, pinned)) {
      outcomes[i] = null;
      continue;
    }
    const pk = JSON.stringify(p);
    paramSets.set(pk, (paramSets.get(pk) ?? 0) + 1);
    if (!building) continue;
    builds++;
    const v = built(t, p, kind, schema, rng);
    outcomes[i] = v && { p, v };
    if (!v) continue;
    passed++;
    setKind ??= setLike(v);
    const ck = shownKey(v);
    const first = paramsOf.get(ck);
    if (first === undefined) paramsOf.set(ck, pk);
    else if (first !== pk) merged = true;
    contents.set(ck, (contents.get(ck) ?? 0) + 1);
    const ak = answerKey(v);
    answers.set(ak, (answers.get(ak) ?? 0) + 1);
  }
  // Contents when parameters do not stand for them; parameter sets, scaled by the pass rate, else.
  const byContent = setKind || merged;
  const keys = byContent ? contents : paramSets;
  const rate = byContent || !builds ? 1 : passed / builds;
  let found: PoolEntry | null = null;
  if (chao1(keys) * rate <= EXHAUST_LIMIT) {
    found = exhaust(t, kind, schema, draw, outcomes, setKind ?? false);
    if (found.size.method === 'exhausted') return found;
  }
  // A large space: the distinct draws bound it below (or what an unfinished exhaustion found,
  // every one of them reachable).
  const repeats = [...keys.values()].some((c) => c > 1);
  const size: PoolSize = {
    variants: Math.max(Math.floor(keys.size * rate), found?.size.variants ?? 0),
    answers: Math.max(answers.size, found?.size.answers ?? 0),
    method: 'estimated',
    variantsAtLeast: true,
  };
  if (repeats) size.estimate = Math.max(size.variants, Math.floor(chao1(keys) * rate));
  // Answers: a lower bound too unless they repeat so much that every one was surely seen.
  if (chao1(answers) > answers.size) size.answersAtLeast = true;
  return { size, members: null };
}

/** A built draw that passed every gate, or null. */
type Outcome = { p: Params; v: Variant } | null;

/**
 * Draws, each built and gated, until a long run finds nothing new (`exhausted`), or
 * `EXHAUST_DRAWS` (then `estimated`: what was found, a lower bound).
 */
function exhaust(
  t: AnyTemplate,
  kind: QuestionKind,
  schema: ReturnType<typeof effectiveSchema>,
  draw: (i: number) => { rng: ReturnType<typeof createRng>; p: Params },
  outcomes: readonly (Outcome | undefined)[],
  setKind: boolean,
): PoolEntry {
  const contents = new Set<string>();
  const answers = new Set<string>();
  const members: PoolMember[] = [];
  // The options of a set-like question follow from its parameters read as sets: a draw whose
  // canonical parameters were already built adds nothing, and is not built again.
  const tried = new Set<string>();
  let sinceNew = 0;
  for (let i = 0; i < EXHAUST_DRAWS; i++) {
    if (sinceNew >= Math.max(600, 2 * contents.size))
      return {
        size: { variants: contents.size, answers: answers.size, method: 'exhausted' },
        members,
      };
    sinceNew++;
    let o = outcomes[i];
    if (o === undefined) {
      const { rng, p } = draw(i);
      const ck = setKind ? canonicalParams(p) : JSON.stringify(p);
      if (tried.has(ck)) continue;
      tried.add(ck);
      const v = built(t, p, kind, schema, rng);
      o = v && { p, v };
    } else if (o) tried.add(setKind ? canonicalParams(o.p) : JSON.stringify(o.p));
    if (!o) continue;
    const { p, v } = o;
    const ck = shownKey(v);
    if (contents.has(ck)) continue;
    contents.add(ck);
    sinceNew = 0;
    members.push({ params: p, key: ck, effort: variantEffort(t, v) });
    answers.add(answerKey(v));
  }
  return {
    size: {
      variants: contents.size,
      answers: answers.size,
      method: 'estimated',
      variantsAtLeast: true,
      answersAtLeast: true,
    },
    members: null,
  };
}

function entry(
  t: AnyTemplate,
  opts: { kind?: QuestionKind; narrow?: Record<string, Narrowing> },
): PoolEntry {
  const kind = resolveKind(t, opts.kind);
  const key = `${t.id}|${kind}|${JSON.stringify(opts.narrow ?? null)}`;
  let e = cache.get(key);
  if (!e) {
    e = enumerate(t, kind, opts.narrow) ?? sampled(t, kind, opts.narrow);
    cache.set(key, e);
  }
  return e;
}

/**
 * Hands the cache the pools of whole (un-narrowed) templates computed elsewhere — the CLI's build
 * writes every template × kind's `poolSize` beside its bundle — so an exam slot needing many
 * variants does not sample its templates again. Only estimated pools are taken: an enumerated or
 * exhausted pool also holds the members exam assembly walks, which the figures do not carry. The
 * figures must be this generator's own for these very templates (a test keeps the CLI's so).
 */
export function primePoolSizes(
  sizesById: Record<string, Partial<Record<QuestionKind, PoolSize>>>,
): void {
  primeWholeTemplates(cache, sizesById, (size) =>
    size.method === 'estimated' ? { size: { ...size }, members: null } : null,
  );
}

/** The pool of a template for a kind, optionally narrowed by an exam slot. Cached per process. */
export function poolSize(
  t: AnyTemplate,
  opts: { kind?: QuestionKind; narrow?: Record<string, Narrowing> } = {},
): PoolSize {
  return { ...entry(t, opts).size };
}

/**
 * One parameter set per distinct content of an enumerated or exhausted pool (null for an estimated
 * one): what exam assembly walks, deterministically, when random draws run dry.
 */
export function poolMembers(
  t: AnyTemplate,
  opts: { kind?: QuestionKind; narrow?: Record<string, Narrowing> } = {},
): readonly PoolMember[] | null {
  return entry(t, opts).members;
}
