import { SVG_NS, svgProblem } from '@dlexam/svg-check';
import type { ExamSource, Json, NumericAnswer, QuestionKind, Variant } from '@dlexam/types';
import type { AnyTemplate } from './template.js';
import { DlexamError } from './errors.js';
import { parseExamSpec, type ExamSpec } from './exam.js';
import { TemplateRegistry } from './registry.js';
import type { ParamSpec, Params, ValidDomain } from './params.js';
import type { Rng } from './rng.js';
import { wrongValueAccepted } from './grading.js';
import { createRng } from './rng.js';
import { renderText } from './text.js';
import { poolSize } from './pool.js';
import {
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  validityProblem,
  variantProblem,
} from './variant.js';

/**
 * The test harness every topic package runs its templates through (`@dlexam/generator/testing`).
 * It imports no test framework: every check throws a plain `Error` naming the template, seed, kind
 * and parameters, and what differed, so it runs under any runner and keeps 10,000-seed loops fast.
 */

/** Seeds of a property loop unless the caller says otherwise. */
export const PROPERTY_SEEDS = 10_000;

/**
 * Seeds of every determinism check: the union of those the topic packages used before the harness
 * was shared (numbers and strings, small and large).
 */
export const DETERMINISM_SEEDS: readonly (string | number)[] = [
  0,
  1,
  77,
  9999,
  'abc',
  'exam-a',
  'x9',
];

/** Seeds the stem-variety checks draw (the first 200). */
export const VARIETY_SEEDS = 200;

/** A registrar with the shape of vitest's / jest's / node:test's `it`. */
export type TestRegistrar = (name: string, fn: () => void) => unknown;

const where = (t: AnyTemplate, seed: string | number, kind: QuestionKind): string =>
  `${t.id} seed ${JSON.stringify(seed)} (${kind})`;

const paramsLine = (params: unknown): string => `\nparams ${JSON.stringify(params)}`;

/**
 * `DLEXAM_QUICK_SEEDS=n` caps the property loops that opt in (`quick: true`) at n seeds, for quick
 * local iteration; CI leaves it unset and runs the full counts.
 */
function quickSeeds(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const n = Number(env?.DLEXAM_QUICK_SEEDS ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

// ---------------------------------------------------------------------------------------------
// Comparing variants

/**
 * The first difference between two values, as `path: a ≠ b`, or null when equal. Primitives
 * compare with `Object.is` (so `0` ≠ `-0`, `NaN` = `NaN`); object keys holding `undefined` count as
 * absent; arrays compare element by element.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  const show = (x: unknown) => (x === undefined ? 'undefined' : JSON.stringify(x));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${show(a)} ≠ ${show(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array ≠ object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) {
    const d = firstDifference(ra[k], rb[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/**
 * Throws unless two variants are the same: deep-equal (`firstDifference`) and the same JSON text
 * (so key order, which exports serialize, matches too).
 */
export function assertSameVariant(a: Variant, b: Variant, what: string): void {
  const d = firstDifference(a, b);
  if (d) throw new Error(`${what}: differs at ${d}${paramsLine(a.params)}`);
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(`${what}: same values but different JSON (key order)${paramsLine(a.params)}`);
}

// ---------------------------------------------------------------------------------------------
// Property loop

export interface PropertyOptions {
  /** Number of seeds (0, 1, …); default `PROPERTY_SEEDS`. */
  seeds?: number;
  /** Kinds to cycle through, seed i gets `kinds[i % kinds.length]`; default the template's kinds. */
  kinds?: readonly QuestionKind[];
  /** Checks the answer against an independent computation; throw to fail. */
  check?: (v: Variant, params: any, seed: number) => void;
  /** At least this many distinct stems among the loop's first 200 variants (capped at the seed count). */
  minStems?: number;
  /** Honour `DLEXAM_QUICK_SEEDS` (caps the seed count for local iteration; unset in CI). */
  quick?: boolean;
  /** Every display math `\[` in the stem, solution and option texts starts a line. */
  displayMathAtLineStart?: boolean;
}

/** What a property loop checks each variant with: throw to fail. */
export type PropertyCheck = NonNullable<PropertyOptions['check']>;

/** A failed property of one variant: what failed, ending with its params; `cause` is what `check` threw. */
export interface PropertyProblem {
  message: string;
  cause?: unknown;
}

/**
 * The checks of the property loop on one variant (seed `seed`): the gates, params inside the
 * schema and constraints, `displayMathAtLineStart` when asked for, and `check`. Returns the first
 * problem or null; `runProperty` throws it, `auditTemplate` collects it.
 */
export function propertyProblem(
  t: AnyTemplate,
  v: Variant,
  seed: number,
  opts: Pick<PropertyOptions, 'check' | 'displayMathAtLineStart'> = {},
): PropertyProblem | null {
  // The well-formedness gates and the gates against degenerate variants (generic and own).
  const gate = variantProblem(t, v);
  if (gate) return { message: `gate failed: ${gate}${paramsLine(v.params)}` };
  const pp = paramProblem(t, v.params);
  if (pp) return { message: `params break the schema: ${pp}${paramsLine(v.params)}` };
  if (opts.displayMathAtLineStart)
    for (const text of [v.stem, v.solution, ...v.choices.map((c) => c.text)])
      if (/\S[ \t]*\\\[/.test(text))
        return {
          message: `display math \\[ must start a line: ${text.slice(0, 80)}${paramsLine(v.params)}`,
        };
  if (opts.check) {
    try {
      opts.check(v, v.params, seed);
    } catch (e) {
      return { message: `${(e as Error).message}${paramsLine(v.params)}`, cause: e };
    }
  }
  return null;
}

/**
 * The property loop: for seeds 0 … n−1 (kinds cycled), each variant must pass the gates
 * (`gateProblem`, and the degeneracy gates of `trivialProblem`), keep its params inside the schema and constraints (`paramProblem`), and pass
 * `check` (plus `displayMathAtLineStart` when asked for). Then the same seeds
 * give the same variants (`DETERMINISM_SEEDS` × kinds), and `minStems` if given. Throws on the
 * first failure, naming template, seed, kind and params. The second argument is the options, or
 * just the `check`.
 */
export function runProperty(
  t: AnyTemplate,
  optsOrCheck: PropertyOptions | PropertyCheck = {},
): void {
  const opts = typeof optsOrCheck === 'function' ? { check: optsOrCheck } : optsOrCheck;
  const kinds = opts.kinds ?? t.kinds;
  if (kinds.length === 0) throw new Error(`${t.id}: no kinds to run`);
  const quick = opts.quick ? quickSeeds() : 0;
  const wanted = opts.seeds ?? PROPERTY_SEEDS;
  const seeds = quick > 0 ? Math.min(quick, wanted) : wanted;
  const stems = new Set<string>();
  for (let i = 0; i < seeds; i++) {
    const kind = kinds[i % kinds.length]!;
    const v = generateVariant(t, i, { kind });
    const problem = propertyProblem(t, v, i, opts);
    if (problem)
      throw new Error(
        `${where(t, i, kind)}: ${problem.message}`,
        problem.cause === undefined ? undefined : { cause: problem.cause },
      );
    if (i < VARIETY_SEEDS) stems.add(v.stem);
  }
  if (opts.minStems !== undefined) {
    const want = Math.min(opts.minStems, seeds);
    if (stems.size < want)
      throw new Error(
        `${t.id}: only ${stems.size} distinct stems over the first ${Math.min(seeds, VARIETY_SEEDS)} seeds, expected at least ${want}`,
      );
  }
  checkDeterminism(t, { kinds });
}

/**
 * `runProperty` for one kind, `count` seeds; `check(v, seed)`. The loop the optimization and
 * regularization packages write per kind.
 */
export function forSeeds(
  t: AnyTemplate,
  count: number,
  kind: QuestionKind,
  check: (v: Variant, seed: number) => void,
): void {
  runProperty(t, { seeds: count, kinds: [kind], check: (v, _p, seed) => check(v, seed) });
}

// ---------------------------------------------------------------------------------------------
// Determinism, variety, fixtures, figures

/** Same seed and kind → the same variant, for `seeds` (default `DETERMINISM_SEEDS`) × `kinds`. */
export function checkDeterminism(
  t: AnyTemplate,
  opts: { kinds?: readonly QuestionKind[]; seeds?: readonly (string | number)[] } = {},
): void {
  for (const kind of opts.kinds ?? t.kinds)
    for (const seed of opts.seeds ?? DETERMINISM_SEEDS)
      assertSameVariant(
        generateVariant(t, seed, { kind }),
        generateVariant(t, seed, { kind }),
        `${where(t, seed, kind)}: not deterministic`,
      );
}

export interface VarietyOptions {
  /** At least this many distinct stems over seeds 0 … 199. */
  minStems: number;
  /** Kind to generate; default the template's first. */
  kind?: QuestionKind;
  /** At least this many distinct first sentences (wording, not only numbers, varies). */
  minOpenings?: number;
}

/** Stem variety over the first `VARIETY_SEEDS` seeds. */
export function checkStemVariety(t: AnyTemplate, opts: VarietyOptions): void {
  const kind = opts.kind ?? t.kinds[0]!;
  const stems = new Set<string>();
  for (let i = 0; i < VARIETY_SEEDS; i++) stems.add(generateVariant(t, i, { kind }).stem);
  if (stems.size < opts.minStems)
    throw new Error(
      `${t.id} (${kind}): only ${stems.size} distinct stems over ${VARIETY_SEEDS} seeds, expected at least ${opts.minStems}`,
    );
  if (opts.minOpenings !== undefined) {
    const openings = new Set([...stems].map((s) => s.split(/[.:?]/)[0]));
    if (openings.size < opts.minOpenings)
      throw new Error(
        `${t.id} (${kind}): only ${openings.size} distinct opening sentences over ${VARIETY_SEEDS} seeds, expected at least ${opts.minOpenings}: ${JSON.stringify([...openings])}`,
      );
  }
}

export interface FixtureOptions {
  /** The template must have at least one fixture. */
  required?: boolean;
  /**
   * Every kind of the template also renders gate-clean from each fixture's params (a kind the
   * template cannot make from them, a `GenerationError` "produced no valid variant", is skipped).
   */
  everyKind?: boolean;
}

/**
 * Every fixture renders gate-clean with exactly its params, and generating with seed `fixture` and
 * its params pinned reproduces it.
 */
export function checkFixtures(t: AnyTemplate, opts: FixtureOptions = {}): void {
  const fixtures = t.fixtures ?? [];
  if (opts.required && fixtures.length === 0) throw new Error(`${t.id}: has no fixtures`);
  for (const f of fixtures) {
    const kind = f.kind ?? t.kinds[0]!;
    const at = `${t.id} fixture ${f.id} (${kind})`;
    const v = generateFixture(t, f.id);
    const gate = gateProblem(v);
    if (gate) throw new Error(`${at}: gate failed: ${gate}${paramsLine(v.params)}`);
    const d = firstDifference(v.params, f.params);
    if (d) throw new Error(`${at}: params differ from the fixture's at ${d}`);
    assertSameVariant(
      generateVariant(t, 'fixture', { kind, pins: f.params as never }),
      v,
      `${at}: pinning its params does not reproduce it`,
    );
    if (!opts.everyKind) continue;
    for (const k of t.kinds) {
      let other: Variant;
      try {
        other = generateVariant(t, 'fixture', { kind: k, pins: f.params as never });
      } catch (e) {
        if ((e as Error).message.includes('produced no valid variant')) continue;
        throw e;
      }
      const g = gateProblem(other);
      if (g) throw new Error(`${t.id} fixture ${f.id} (${k}): gate failed: ${g}`);
    }
  }
}

/**
 * Every figure among seeds 0 … n−1 (default 50, first kind) is a self-contained SVG browsers show
 * (namespace well-formed, parsed with `@dlexam/svg-check` as the QTI and HTML exporters do) with
 * alt text.
 */
export function checkFigures(t: AnyTemplate, seeds = 50): void {
  for (let i = 0; i < seeds; i++) {
    const v = generateVariant(t, i);
    const problem = figureProblem(v);
    if (problem) throw new Error(`${where(t, i, v.kind)}: ${problem}`);
  }
}

/** Why a variant's figure is not a self-contained SVG document with alt text, or null. */
function figureProblem(v: Variant): string | null {
  if (!v.figure) return null;
  if (!v.figure.svg.startsWith(`<svg xmlns="${SVG_NS}"`))
    return `figure does not start with <svg xmlns=…>: ${v.figure.svg.slice(0, 60)}`;
  const problem = svgProblem(v.figure.svg);
  if (problem !== null) return `figure is ${problem}`;
  // `url(#id)` points inside the figure itself (an arrowhead marker); any other address is refused.
  const bad = /href|url\((?!#[\w-]+\))|NaN|Infinity|undefined/.exec(v.figure.svg);
  if (bad) return `figure contains '${bad[0]}'`;
  if (!(v.figure.alt.length > 20)) return `figure alt text too short: '${v.figure.alt}'`;
  return null;
}

export interface TemplateCheckOptions extends FixtureOptions {
  /** At least this many distinct stems over 200 seeds. */
  minStems: number;
  /** Kinds checked for determinism (default all); stem variety uses the first. */
  kinds?: readonly QuestionKind[];
  /** At least this many distinct opening sentences among those stems. */
  minOpenings?: number;
}

/** Determinism, stem variety and fixtures in one call. */
export function checkTemplate(t: AnyTemplate, opts: TemplateCheckOptions): void {
  checkDeterminism(t, opts.kinds ? { kinds: opts.kinds } : {});
  checkStemVariety(t, {
    minStems: opts.minStems,
    ...(opts.kinds ? { kind: opts.kinds[0]! } : {}),
    ...(opts.minOpenings !== undefined ? { minOpenings: opts.minOpenings } : {}),
  });
  checkFixtures(t, opts);
}

/**
 * Registers the checks every template gets as separate tests through `it` (vitest's, or any
 * runner's): determinism, stem variety, the gates in every kind (`seedsPerKind`, default 500),
 * fixtures (at least one required) and figures.
 */
export function commonTests(
  it: TestRegistrar,
  t: AnyTemplate,
  opts: { minStems: number; seedsPerKind?: number },
): void {
  it('is deterministic per seed and kind', () => checkDeterminism(t));
  it(`varies its stem (>= ${opts.minStems} distinct over 200 seeds)`, () =>
    checkStemVariety(t, { minStems: opts.minStems }));
  it('passes the gates in every kind it supports', () => {
    for (const kind of t.kinds) forSeeds(t, opts.seedsPerKind ?? 500, kind, () => {});
  });
  it('renders every fixture, and pinning its params reproduces it', () =>
    checkFixtures(t, { required: true }));
  it('attaches only self-contained figures with alt text', () => checkFigures(t));
}

// ---------------------------------------------------------------------------------------------
// Answer extractors and assertions

/** The correct value of a numeric variant, or of a single-choice variant made from a numeric answer. */
export function numericValue(v: Variant): number {
  if (v.answer.kind === 'numeric') return v.answer.numeric.value;
  if (v.answer.kind === 'single') {
    const c = v.choices[v.answer.correct]!;
    if (c.value === undefined) throw new Error('single choice without a value');
    return c.value;
  }
  throw new Error(`no numeric value in a ${v.answer.kind} variant`);
}

/** The plain text of the correct option of a single-choice variant. */
export function correctChoice(v: Variant): string {
  if (v.answer.kind !== 'single') throw new Error(`expected single, got ${v.answer.kind}`);
  return v.choices[v.answer.correct]!.plain;
}

/** The plain texts of the correct options of a multiple-choice variant. */
export function correctChoices(v: Variant): string[] {
  if (v.answer.kind !== 'multiple') throw new Error(`expected multiple, got ${v.answer.kind}`);
  return v.answer.correct.map((i) => v.choices[i]!.plain);
}

/** The plain text of the correct option(s) of a single or multiple-choice variant. */
export function correctPlain(v: Variant): string[] {
  if (v.answer.kind === 'single') return [v.choices[v.answer.correct]!.plain];
  if (v.answer.kind === 'multiple') return v.answer.correct.map((i) => v.choices[i]!.plain);
  throw new Error(`variant of kind ${v.answer.kind} has no correct option`);
}

/** The (rich) texts of the options marked correct, in option order. */
export function correctTexts(v: Variant): string[] {
  return v.choices.filter((c) => c.correct).map((c) => c.text);
}

/** Numeric cells of a table answer, row by row (text and choice cells skipped). */
export function tableNumbers(v: Variant): number[][] {
  if (v.answer.kind !== 'table') throw new Error(`expected table, got ${v.answer.kind}`);
  return v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])));
}

/** Throws unless `got` and `want` have the same JSON text. */
export function assertEqual<T>(got: T, want: T, what = 'value'): void {
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

/** Throws unless |got − want| ≤ tol. */
export function assertClose(got: number, want: number, tol: number, what = 'value'): void {
  if (!(Math.abs(got - want) <= tol))
    throw new Error(`${what}: got ${got}, expected ${want} (±${tol})`);
}

/** Throws unless a numeric answer is an unrounded reference value rounded as the answer states. */
export function assertNumeric(a: NumericAnswer, reference: number): void {
  const unit = a.sigFigs
    ? Math.abs(reference) * 10 ** (1 - a.sigFigs)
    : a.decimals
      ? 10 ** -a.decimals
      : 1;
  const ok = Math.abs(a.value - reference) <= unit / 2 + 1e-9 * Math.max(1, Math.abs(reference));
  if (!ok)
    throw new Error(
      `answer ${a.value} is not ${reference} rounded (decimals ${a.decimals}, sigFigs ${a.sigFigs})`,
    );
}

/**
 * `assertNumeric` for a numeric variant, or for the correct option of a single-choice one at
 * `decimals` (or `sigFigs`).
 */
export function assertAnswer(
  v: Variant,
  reference: number,
  decimals: number,
  sigFigs?: number,
): void {
  if (v.answer.kind === 'numeric') return assertNumeric(v.answer.numeric, reference);
  if (v.answer.kind !== 'single')
    throw new Error(`expected a numeric or single variant, got ${v.answer.kind}`);
  const c = v.choices[v.answer.correct]!;
  if (c.value === undefined) throw new Error('single choice without a value');
  assertNumeric(
    { value: c.value, decimals, tolerance: 0, ...(sigFigs ? { sigFigs } : {}) },
    reference,
  );
}

// ---------------------------------------------------------------------------------------------
// The whole harness as a report (`dlexam check`)

/** One failing seed of an audit check. */
export interface AuditFailure {
  seed: number | string;
  kind: QuestionKind;
  message: string;
}

/** One check of `auditTemplate`: its name, whether it passed, a one-line summary, failing seeds. */
export interface AuditCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** The first failing seeds (at most `maxFailures`). */
  failures: AuditFailure[];
  /** How many seeds failed in all. */
  failed: number;
}

export interface AuditReport {
  templateId: string;
  ok: boolean;
  seeds: number;
  checks: AuditCheck[];
}

export interface AuditOptions {
  /** Seeds of the property loop (kinds cycled); default `PROPERTY_SEEDS`. */
  seeds?: number;
  /** Failing seeds kept per check; default 5. */
  maxFailures?: number;
  /** The author's independent computation; default the template's own `verify`. */
  check?: PropertyCheck;
  /** Distinct stems over the first 200 seeds; default 2. */
  minStems?: number;
  /** Distinct wordings (stems with their numbers masked) over those seeds; default 2. */
  minWordings?: number;
  /** Distinct variants the pool must hold; default 10. */
  minPool?: number;
}

/**
 * Why a variant's wrong answers cannot be told from its key, or null. Numeric: every modelled
 * wrong value must lie outside the accepted interval (`wrongValueAccepted`), else a student making
 * that mistake is graded right. Choice kinds: no wrong option reads like a correct one.
 */
export function separationProblem(v: Variant): string | null {
  if (v.answer.kind === 'numeric') {
    const a = v.answer.numeric;
    for (const c of v.choices)
      if (!c.correct && c.value !== undefined && wrongValueAccepted(a, c.value))
        return `distractor ${c.value}${c.misconception ? ` (${c.misconception})` : ''} is accepted as the answer ${a.value} ± ${a.tolerance}`;
  }
  const right = new Set(v.choices.filter((c) => c.correct).map((c) => c.plain.trim()));
  for (const c of v.choices)
    if (!c.correct && right.has(c.plain.trim()))
      return `wrong option '${c.plain}' reads like a correct one`;
  return null;
}

/** 10000 → '10,000', the same on every machine (no locale). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * The numeric distractors a template's `build` returned for a variant's params, each with whether
 * the key accepts it (`wrongValueAccepted`). The generator drops accepted ones (a student making
 * that mistake reaches the right answer anyway), so a mistake accepted in every variant never
 * reaches a student. Rebuilds the body from the variant's params; [] for other answers.
 */
export function modelledDistractors(
  t: AnyTemplate,
  v: Variant,
): { misconception: string; value: number; accepted: boolean }[] {
  if (v.answer.kind !== 'numeric') return [];
  const body = t.build(v.params, {
    kind: v.kind,
    rng: createRng(`dlexam-audit/${t.id}/${v.seed}`),
    render: renderText,
  });
  if (body.answer.type !== 'numeric') return [];
  const key = v.answer.numeric;
  return body.answer.distractors.map((d) => ({
    misconception: d.misconception,
    value: d.value,
    accepted: Number.isFinite(d.value) && wrongValueAccepted(key, d.value),
  }));
}

const masked = (stem: string): string => stem.replace(/-?\d+(\.\d+)?/g, '#');

/**
 * Runs the whole harness on a template and reports instead of throwing: the property loop over
 * `seeds` seeds (gates, schema, the author's check), distractor/key separation on the same
 * variants, determinism, wording variety, pool size, figures and fixtures. `ok` only when every
 * check passed. What `dlexam check` prints.
 */
export function auditTemplate(t: AnyTemplate, opts: AuditOptions = {}): AuditReport {
  const seeds = opts.seeds ?? PROPERTY_SEEDS;
  const max = opts.maxFailures ?? 5;
  const own = opts.check ?? (t.verify ? (v: Variant, p: unknown) => t.verify!(v, p) : undefined);
  const checks: AuditCheck[] = [];
  const once = (name: string, run: () => string): void => {
    const c = newCheck(name);
    try {
      c.detail = run();
    } catch (e) {
      c.ok = false;
      c.failed = 1;
      c.detail = (e as Error).message.split('\n')[0]!;
    }
    checks.push(c);
  };

  checks.push(...propertyChecks(t, seeds, own, max));

  once('determinism', () => {
    checkDeterminism(t);
    return `${DETERMINISM_SEEDS.length} seeds × ${t.kinds.length} kind(s) byte-identical`;
  });
  const pool = poolSize(t);
  once('pool size', () => {
    const min = opts.minPool ?? 10;
    const text = `${pool.variantsAtLeast ? '≥' : pool.method === 'estimated' ? '~' : ''}${pool.variants} variants, ${pool.answers} distinct answers`;
    if (pool.variants < min)
      throw new Error(`only ${text}; widen the parameter ranges to at least ${min} variants`);
    return text;
  });
  once('wording variety', () => {
    const minStems = Math.min(opts.minStems ?? 2, pool.variants);
    checkStemVariety(t, { minStems });
    const stems = new Set<string>();
    for (let i = 0; i < VARIETY_SEEDS; i++) stems.add(generateVariant(t, i).stem);
    const wordings = new Set([...stems].map(masked)).size;
    const want = opts.minWordings ?? 2;
    if (wordings < want)
      throw new Error(
        `only ${wordings} wording(s) over ${VARIETY_SEEDS} seeds (numbers masked), expected at least ${want}: write several stems and pick one with ctx.rng`,
      );
    return `${stems.size} distinct stems, ${wordings} wordings over ${VARIETY_SEEDS} seeds`;
  });
  once('figures', () => {
    checkFigures(t);
    return 'every figure of 50 seeds is self-contained SVG with alt text';
  });
  once('fixtures', () => {
    checkFixtures(t, { everyKind: true });
    const n = t.fixtures?.length ?? 0;
    return n ? `${n} fixture(s) reproduce` : 'none';
  });
  return { templateId: t.id, ok: checks.every((c) => c.ok), seeds, checks };
}

function newCheck(name: string): AuditCheck {
  return { name, ok: true, detail: '', failures: [], failed: 0 };
}

/** Marks the check failed, keeping the first `max` failures. */
function failCheck(c: AuditCheck, f: AuditFailure, max: number): void {
  c.ok = false;
  c.failed++;
  if (c.failures.length < max) c.failures.push(f);
}

/**
 * The property loop over `seeds` seeds (gates, params and the template's own check) and, on the
 * same variants, distractor/key separation: a modelled mistake the key accepts in every variant
 * that models it never reaches a student.
 */
function propertyChecks(
  t: AnyTemplate,
  seeds: number,
  own: PropertyCheck | undefined,
  max: number,
): [AuditCheck, AuditCheck] {
  const fail = (c: AuditCheck, f: AuditFailure) => failCheck(c, f, max);
  const property = newCheck(own ? 'gates, params and own verify' : 'gates and params');
  const separation = newCheck('distractor/key separation');
  let distractors = 0;
  const modelled = new Map<string, { count: number; accepted: AuditFailure[] }>();
  for (let i = 0; i < seeds; i++) {
    const kind = t.kinds[i % t.kinds.length]!;
    let v: Variant;
    try {
      v = generateVariant(t, i, { kind });
    } catch (e) {
      fail(property, { seed: i, kind, message: (e as Error).message.split('\n')[0]! });
      continue;
    }
    const p = propertyProblem(t, v, i, own ? { check: own } : {});
    if (p) fail(property, { seed: i, kind, message: p.message.replace('\n', '; ') });
    const s = separationProblem(v);
    if (s) fail(separation, { seed: i, kind, message: s });
    distractors += v.choices.filter((c) => !c.correct).length;
    for (const d of modelledDistractors(t, v)) {
      let m = modelled.get(d.misconception);
      if (!m) modelled.set(d.misconception, (m = { count: 0, accepted: [] }));
      m.count++;
      if (d.accepted)
        m.accepted.push({
          seed: i,
          kind,
          message: `distractor ${d.value} (${d.misconception}) is accepted as the answer ${v.answer.kind === 'numeric' ? `${v.answer.numeric.value} ± ${v.answer.numeric.tolerance}` : ''}`,
        });
    }
  }
  // A mistake the key accepts in every variant that models it never reaches a student.
  const coincide: string[] = [];
  for (const [tag, m] of modelled) {
    if (m.accepted.length === m.count)
      for (const f of m.accepted)
        fail(separation, {
          ...f,
          message: `${f.message} in every variant, so no student ever sees it: make the mistake give a value outside the accepted interval, or tighten the tolerance`,
        });
    else if (m.accepted.length)
      coincide.push(`${tag} ${Math.round((100 * m.accepted.length) / m.count) || '<1'} %`);
  }
  property.detail = `${thousands(seeds)} seeds (${t.kinds.join(', ')})${own ? '' : '; no verify: give the template verify(variant, params) to check its key independently'}`;
  separation.detail = `${thousands(distractors)} wrong answers shown, none the key would accept${coincide.length ? `; dropped where they coincide with the key: ${coincide.join(', ')} of the variants modelling them` : ''}`;
  return [property, separation];
}

// ---------------------------------------------------------------------------------------------
// Pinned values: validity, not draw preferences

/** One number of a validity domain: half the time inside the draw range, else anywhere valid. */
function validNumber(
  spec: { min: number; max: number; valid?: ValidDomain },
  rng: Rng,
  int: boolean,
): number | undefined {
  const v = spec.valid ?? {};
  const span = Math.max(1, spec.max - spec.min);
  const wide = rng.bool(0.5);
  const lo = wide ? (v.min ?? spec.min - span) : Math.max(spec.min, v.min ?? -Infinity);
  const hi = wide ? (v.max ?? spec.max + span) : Math.min(spec.max, v.max ?? Infinity);
  const decimals =
    v.integer || (int && v.decimals === undefined) ? 0 : Math.min(v.decimals ?? 3, 4);
  for (let i = 0; i < 30; i++) {
    const raw = lo + rng.next() * (hi - lo);
    const x = Number(raw.toFixed(decimals)) || 0; // no −0
    if (x < lo || x > hi) continue;
    if (v.min !== undefined && (v.minExclusive ? x <= v.min : x < v.min)) continue;
    if (v.max !== undefined && (v.maxExclusive ? x >= v.max : x > v.max)) continue;
    if (v.not?.includes(x)) continue;
    return x;
  }
  return undefined;
}

/**
 * A random value a pin may take (the spec's validity), or undefined for specs without `valid`
 * (their validity is their draw domain, which random draws already cover) and structured values.
 * Numbers come off the draw grid (up to the decimals validity allows, at most 4), half of them
 * outside the draw range; vector and matrix sizes range over the valid lengths.
 */
export function sampleValidValue(spec: ParamSpec, rng: Rng): Json | undefined {
  if (spec.type === 'json' || !spec.valid) return undefined;
  const v = spec.valid;
  const size = (valid: [number, number] | undefined, draw: [number, number]) =>
    rng.bool(0.5) ? rng.int(...draw) : rng.int(...(valid ?? draw));
  switch (spec.type) {
    case 'enum': {
      const nums = spec.values.filter((x): x is number => typeof x === 'number');
      if (!nums.length) return undefined;
      return validNumber(
        { min: Math.min(...nums), max: Math.max(...nums), valid: v },
        rng,
        !!v.integer,
      );
    }
    case 'int':
    case 'number':
      return validNumber(spec, rng, spec.type === 'int');
    case 'int-vector':
    case 'number-vector': {
      const out: number[] = [];
      for (let i = size(v.length, spec.length); i > 0; i--) {
        const x = validNumber(spec, rng, spec.type === 'int-vector');
        if (x === undefined) return undefined;
        out.push(x);
      }
      return out;
    }
    case 'int-matrix': {
      const rows = size(v.rows, spec.rows);
      const cols = size(v.cols, spec.cols);
      const out: number[][] = [];
      for (let r = 0; r < rows; r++) {
        const row: number[] = [];
        for (let c = 0; c < cols; c++) {
          const x = validNumber(spec, rng, true);
          if (x === undefined) return undefined;
          row.push(x);
        }
        out.push(row);
      }
      return out;
    }
  }
}

export interface ValidPinsReport {
  /** Pinned exercises generated and checked. */
  accepted: number;
  /** Pins refused by a validity rule between parameters (a constraint), as a user would be. */
  refused: number;
  /** Accepted exercises with at least one pinned value outside its draw domain. */
  offDraw: number;
  /** Single-choice exercises left with fewer than 3 distractors (the numeric kind keeps them). */
  tooFewOptions: number;
}

export interface ValidPinsOptions {
  /** Exercises tried (default 500). */
  count?: number;
  /** Kinds to cycle through; default the template's kinds. */
  kinds?: readonly QuestionKind[];
  /**
   * Every other exercise re-pins one parameter only (the rest as drawn), so templates whose
   * parameters depend on each other (vector lengths, neutral settings) get accepted pins without an
   * `adjust`.
   */
  partial?: boolean;
  /** Adjusts the random valid pins before use (tie dependent parameters together); may mutate. */
  adjust?: (p: Params, rng: Rng) => void;
  /** Checks the key against an independent computation; throw to fail. */
  check?: (v: Variant, params: any) => void;
}

/**
 * Pins random **valid** values (off the draw grid, outside the draw range: `sampleValidValue`) into
 * every parameter of a template, as an instructor typing a textbook exercise would, and checks each
 * exercise: it is accepted unless it breaks a validity rule (then the refusal names it); an accepted
 * one passes the well-formedness gates, meets its validity (`validityProblem`), has a sound figure
 * (as `checkFigures` asks), and passes `check`.
 * Throws naming the template and params on the first failure; returns the counts.
 */
export function checkValidPins(t: AnyTemplate, opts: ValidPinsOptions = {}): ValidPinsReport {
  const kinds = opts.kinds ?? t.kinds;
  const report: ValidPinsReport = { accepted: 0, refused: 0, offDraw: 0, tooFewOptions: 0 };
  const rng = createRng(`valid-pins/${t.id}`);
  for (let i = 0; i < (opts.count ?? 500); i++) {
    const kind = kinds[i % kinds.length] as QuestionKind;
    // A drawn exercise, then every parameter with a validity of its own re-pinned at random.
    const pins: Params = { ...generateVariant(t, `valid-pins-${i}`, { kind }).params } as Params;
    const r = rng.child(String(i));
    const names = Object.keys(t.params).filter((n) => {
      const spec = t.params[n]!;
      return spec.type !== 'json' && spec.valid !== undefined;
    });
    const only = opts.partial && i % 2 === 1 && names.length ? r.choice(names) : undefined;
    for (const [name, spec] of Object.entries(t.params)) {
      if (only !== undefined && name !== only) continue;
      const x = sampleValidValue(spec, r.child(name));
      if (x !== undefined) pins[name] = x;
    }
    opts.adjust?.(pins, r.child('adjust'));
    let v: Variant;
    try {
      v = generateVariant(t, `valid-pins-${i}`, { kind, pins });
    } catch (e) {
      if (!(e instanceof DlexamError)) throw e;
      if (e.message.includes('break a validity rule of')) {
        report.refused++;
        continue;
      }
      if (kind === 'single' && /single choice needs/.test(e.message)) {
        report.tooFewOptions++;
        continue;
      }
      throw new Error(`${t.id} refused valid pins: ${e.message}${paramsLine(pins)}`);
    }
    const problem = gateProblem(v) ?? validityProblem(t, v.params as Params) ?? figureProblem(v);
    if (problem) throw new Error(`${t.id} with pinned params: ${problem}${paramsLine(pins)}`);
    if (paramProblem(t, v.params as Params)) report.offDraw++;
    try {
      opts.check?.(v, v.params);
    } catch (e) {
      throw new Error(`${t.id} with pinned params: ${(e as Error).message}${paramsLine(pins)}`);
    }
    report.accepted++;
  }
  return report;
}

/** One template × kind of a degeneracy sweep. */
export interface DegeneratePair {
  templateId: string;
  kind: QuestionKind;
  /** Seeds generated (0 … seeds − 1). */
  seeds: number;
  /**
   * Raw draws (every degeneracy gate waived) that the generic gates or the template's own
   * `trivial` hook call degenerate: what the gates keep out of exams.
   */
  rawDegenerate: number;
  /** Generated variants that still fail a gate (must be none), with the first few reasons. */
  degenerate: number;
  /** Seeds that produced no variant at all (gates too strict: must be none). */
  failures: number;
  /** The first problems found, `seed: reason`. */
  examples: string[];
}

/**
 * The degeneracy property over templates × kinds: seeds 0 … n−1 of each kind generated as exams
 * draw them, each checked again by every gate (`variantProblem`: well-formedness, the generic
 * degeneracy gates and the template's own `trivial`), and — with `raw` — the same seeds drawn with
 * every degeneracy gate waived, to count what the gates keep out. A generation error is a failure
 * (a hook that rejects every draw). `pnpm bench` runs it over 10,000 seeds; tests over fewer.
 */
export function degenerateSweep(
  templates: readonly AnyTemplate[],
  opts: { seeds: number; raw?: boolean },
): DegeneratePair[] {
  const out: DegeneratePair[] = [];
  for (const t of templates)
    for (const kind of t.kinds) {
      const pair: DegeneratePair = {
        templateId: t.id,
        kind,
        seeds: opts.seeds,
        rawDegenerate: 0,
        degenerate: 0,
        failures: 0,
        examples: [],
      };
      for (let seed = 0; seed < opts.seeds; seed++) {
        try {
          const v = generateVariant(t, seed, { kind });
          const problem = variantProblem(t, v);
          if (problem) {
            pair.degenerate++;
            if (pair.examples.length < 3) pair.examples.push(`${seed}: ${problem}`);
          }
        } catch (e) {
          pair.failures++;
          if (pair.examples.length < 3) pair.examples.push(`${seed}: ${(e as Error).message}`);
        }
        if (opts.raw) {
          try {
            const raw = generateVariant(t, seed, { kind, waive: 'all' });
            if (variantProblem(t, raw)) pair.rawDegenerate++;
          } catch {
            // A draw that breaks a rule is no degenerate variant; the gated run reports failures.
          }
        }
      }
      out.push(pair);
    }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Exam sources for the exporters' streaming tests

/**
 * A small exam of `@dlexam/topic-cnn` templates for the exporters' exam-source tests, parsed
 * against a registry of `templates` (pass `cnnTemplates`): 5 versions of 6 questions, two numeric,
 * one single choice, one with a figure and two drawn from the topic.
 */
export function lazyCnnExam(templates: readonly AnyTemplate[]): {
  registry: TemplateRegistry;
  spec: ExamSpec;
} {
  const registry = new TemplateRegistry(templates);
  const spec = parseExamSpec(
    {
      title: 'Lazy CNN',
      versions: 5,
      slots: [
        { template: 'cnn.conv-output-size', kind: 'numeric', count: 2 },
        { template: 'cnn.conv-params', kind: 'single' },
        // Figures: their files are written from the variant again, after the question.
        { template: 'cnn.edge-detection' },
        { topic: 'cnn', count: 2 },
      ],
    },
    registry,
  );
  return { registry, spec };
}

/** `src` counting how often each question is materialised: `calls` maps `version/slot/k` to the count. */
export function countingSource(src: ExamSource): { src: ExamSource; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    src: {
      ...src,
      ref: src.ref.bind(src),
      refs: src.refs.bind(src),
      version: src.version.bind(src),
      question(v, slot, k) {
        const key = `${v}/${slot}/${k}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return src.question(v, slot, k);
      },
    },
  };
}
