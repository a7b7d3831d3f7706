import { formatFixed, formatScientific, roundTo, toScientific } from '@dlexam/math';
import {
  richTextProblem,
  richTextToPlain,
  VARIANT_SCHEMA_VERSION,
  type Answer,
  type Choice,
  type Json,
  type NumericAnswer,
  type QuestionKind,
  type TableCell,
  type Variant,
} from '@dlexam/types';
import { DlexamError, GenerationError } from './errors.js';
import {
  checkValid,
  checkValue,
  narrowSpec,
  valueProblem,
  sampleSpec,
  type Narrowing,
  type ParamSchema,
  type Params,
} from './params.js';
import { assertSeed, createRng, type Rng } from './rng.js';
import type {
  BodyAnswer,
  NumericDistractor,
  QuestionBody,
  TableCellSpec,
  Template,
  AnyTemplate,
} from './template.js';
import { renderText } from './text.js';
import { wrongValueAccepted } from './grading.js';
import { trivialProblem, type GenericGate } from './trivial.js';

/** How many parameter draws (each with a gate check) before giving up. */
export const MAX_ATTEMPTS = 200;

const ABOVE = /^(all|none|both|neither) of the (above|previous)\.?$/i;

/** Options of a single-choice question built from a numeric answer: the answer and 3 distractors. */
export const NUMERIC_CHOICE_OPTIONS = 4;

export interface VariantOptions {
  kind?: QuestionKind;
  points?: number;
  /** Parameters fixed to these values; the rest are drawn. */
  pins?: Params;
  /** Narrowed domains (exam-spec slots); pins win over narrowing. */
  narrow?: Record<string, Narrowing>;
  /**
   * Generic degeneracy gates the instructor waives (`all-options-correct`), or `'all'`: no gate
   * against degenerate variants at all, the template's own included (what `pnpm bench` compares
   * against to measure what the gates cost).
   */
  waive?: readonly GenericGate[] | 'all';
}

/** Checks that a kind is one the template supports, with a clear error otherwise. */
export function resolveKind(t: AnyTemplate, kind?: QuestionKind): QuestionKind {
  if (kind === undefined) return t.kinds[0] as QuestionKind;
  if (!t.kinds.includes(kind))
    throw new DlexamError(
      `template ${t.id} has no kind '${kind}'; it supports ${t.kinds.join(', ')}`,
      'kind',
    );
  return kind;
}

/** The schema after an exam slot's narrowing (validated against the template's domain). */
export function effectiveSchema(
  t: AnyTemplate,
  narrow?: Record<string, Narrowing>,
  at = 'params',
): ParamSchema {
  if (!narrow) return t.params;
  const schema: ParamSchema = { ...t.params };
  for (const [name, n] of Object.entries(narrow)) {
    const spec = Object.hasOwn(t.params, name) ? t.params[name] : undefined;
    if (!spec) throw new DlexamError(unknownParam(t, name), `${at}.${name}`);
    schema[name] = narrowSpec(name, spec, n, at);
  }
  return schema;
}

function unknownParam(t: AnyTemplate, name: string): string {
  return `template ${t.id} has no parameter '${name}'; its parameters are ${Object.keys(t.params).join(', ')}`;
}

/**
 * Validates pinned values against the parameters' validity (not their draw preferences: a pin may
 * lie off the draw grid or outside the draw range); throws a DlexamError naming the parameter, the
 * value and what is allowed.
 */
export function validatePins(
  t: AnyTemplate,
  pins: Params,
  schema: ParamSchema = t.params,
  at = 'params',
): void {
  for (const [name, value] of Object.entries(pins)) {
    // Own properties only: `constructor` or `toString` is no parameter of any template.
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!spec) throw new DlexamError(unknownParam(t, name), `${at}.${name}`);
    // A structured value names the element at fault (`params.layers[1]: expected an object`).
    const sp = valueProblem(spec, value);
    if (sp) throw new DlexamError(sp.message, `${at}.${name}${sp.path}`);
    const why = checkValid(spec, value);
    if (why)
      throw new DlexamError(
        `${JSON.stringify(value)} is not allowed; ${name} must be ${why}`,
        `${at}.${name}`,
      );
  }
}

/**
 * The parameters a variant holds fixed: those pinned, and those an exam slot narrowed to a single
 * value. They are checked against their validity only, and draw preferences involving them are set
 * aside (`Constraint.prefer`).
 */
export function pinnedParams(
  t: AnyTemplate,
  schema: ParamSchema = t.params,
  pins: Params = {},
): ReadonlySet<string> {
  const keys = Object.keys(pins);
  if (schema === t.params && !keys.length) return NONE;
  let narrowed = pinnedBySchema.get(schema);
  if (!narrowed) {
    const names = new Set<string>();
    for (const [name, spec] of entriesOf(schema))
      if (spec !== t.params[name] && spec.type === 'enum' && spec.values.length === 1)
        names.add(name);
    pinnedBySchema.set(schema, (narrowed = names));
  }
  return keys.length ? new Set([...narrowed, ...keys]) : narrowed;
}

const pinnedBySchema = new WeakMap<ParamSchema, ReadonlySet<string>>();

const NONE: ReadonlySet<string> = new Set();

/**
 * Why the parameters break the schema or a constraint, or null. Drawn parameters must lie in their
 * draw domain (range, grid) and meet every constraint; `pinned` ones only in their validity, and a
 * draw preference (`prefer: true`) involving a pinned parameter is set aside. The message names the
 * rule: `constraint violated: <validity rule>`, `draw preference not met: <preference>`, or
 * `<name> = <value> breaks its validity: <name> must be <what is allowed>`.
 */
export function paramProblem(
  t: AnyTemplate,
  p: Params,
  schema: ParamSchema = t.params,
  pinned: ReadonlySet<string> = NONE,
): string | null {
  for (const [name, spec] of entriesOf(schema)) {
    if (!Object.hasOwn(p, name)) return `parameter ${name} is missing`;
    if (pinned.has(name)) {
      const why = checkValid(spec, p[name]);
      if (why)
        return `${name} = ${JSON.stringify(p[name])} breaks its validity: ${name} must be ${why}`;
      continue;
    }
    const why = checkValue(spec, p[name]);
    if (why) return `${name} = ${JSON.stringify(p[name])} is outside its domain (${why})`;
  }
  for (const c of t.constraints ?? []) {
    if (c.prefer) {
      if (pinned.size && (!c.params || c.params.some((n) => pinned.has(n)))) continue;
      if (!c.check(p)) return `draw preference not met: ${c.description}`;
    } else if (!c.check(p)) return `constraint violated: ${c.description}`;
  }
  return null;
}

/**
 * Why the parameters break the template's validity (its parameters' `valid` domains and its
 * validity constraints), draw preferences ignored, or null: what a pinned exercise must meet.
 */
export function validityProblem(t: AnyTemplate, p: Params): string | null {
  return paramProblem(t, p, t.params, new Set(Object.keys(t.params)));
}

// Schemas are fixed objects (a template's, or an exam slot's narrowing): list their entries once.
const schemaEntries = new WeakMap<ParamSchema, [string, ParamSchema[string]][]>();
function entriesOf(schema: ParamSchema): [string, ParamSchema[string]][] {
  let entries = schemaEntries.get(schema);
  if (!entries) schemaEntries.set(schema, (entries = Object.entries(schema)));
  return entries;
}

/** Draws one parameter set (before constraints): the template's sampler, then narrowed specs, then pins. */
export function drawParams(t: AnyTemplate, rng: Rng, schema: ParamSchema, pins: Params): Params {
  // A copy: the sampler may return an object it keeps, and the variant must own its params.
  const drawn: Params = t.sample ? Object.assign({}, t.sample(rng)) : {};
  if (!t.sample || schema !== t.params) {
    for (const [name, spec] of entriesOf(schema)) {
      // A narrowed or unsampled parameter is drawn from its (narrowed) spec.
      if (!t.sample || spec !== t.params[name]) drawn[name] = sampleSpec(spec, rng);
    }
  }
  for (const name in pins) drawn[name] = pins[name] as Params[string];
  // A follower takes its leader's value when the leader is set (pinned or narrowed) and it is not.
  if (t.follows)
    for (const [name, leader] of Object.entries(t.follows)) {
      const set = (n: string) => Object.hasOwn(pins, n) || schema[n] !== t.params[n];
      if (set(leader) && !set(name)) drawn[name] = drawn[leader] as Params[string];
    }
  return drawn;
}

/** The answer's rounding and tolerance (a numeric body answer, or a numeric table cell). */
function numericAnswer(a: {
  value: number;
  decimals: number;
  sigFigs?: number;
  tolerance?: number;
  unit?: string;
}): NumericAnswer {
  if (!Number.isFinite(a.value))
    throw new GenerationError(`numeric answer ${a.value} is not finite`);
  let value: number;
  let unitTol: number;
  if (a.sigFigs) {
    const { mantissa, exponent } = toScientific(a.value, a.sigFigs);
    value = Number(`${mantissa}e${exponent}`);
    unitTol = 10 ** (exponent - a.sigFigs + 1);
  } else {
    value = roundTo(a.value, a.decimals);
    unitTol = a.decimals === 0 ? 0 : 10 ** -a.decimals;
  }
  // Float residue (9.999999999999999e-5) is dropped: an LMS reads the tolerance as a decimal.
  const tolerance = Number((a.tolerance ?? unitTol).toPrecision(12));
  const out: NumericAnswer = { value, decimals: a.sigFigs ? 0 : a.decimals, tolerance };
  if (a.sigFigs) out.sigFigs = a.sigFigs;
  if (a.unit) out.unit = a.unit;
  return out;
}

/** Formats a numeric answer as its stem asks (fixed decimals, or `4.07 × 10¹⁷` for sig figs). */
export function formatNumericAnswer(a: NumericAnswer, x = a.value): string {
  if (a.sigFigs) {
    const { mantissa, exponent } = toScientific(x, a.sigFigs);
    return exponent === 0 ? mantissa : formatScientific(x, a.sigFigs);
  }
  return formatFixed(x, a.decimals);
}

function numericChoiceText(a: NumericAnswer, x: number): { text: string; plain: string } {
  if (a.sigFigs) {
    const { mantissa, exponent } = toScientific(x, a.sigFigs);
    return {
      text: exponent === 0 ? mantissa : `\\(${mantissa} \\times 10^{${exponent}}\\)`,
      plain: formatNumericAnswer(a, x),
    };
  }
  const s = formatFixed(x, a.decimals) + (a.unit ? ` ${a.unit}` : '');
  return { text: s, plain: s };
}

/**
 * Statement banks repeat the same option texts across variants, so their plain forms are remembered
 * (bounded: templates that build texts per variant only churn it).
 */
const MEMO_LIMIT = 8192;
const plainMemo = new Map<string, string>();

function plainOf(text: string): string {
  let plain = plainMemo.get(text);
  if (plain === undefined) {
    plain = richTextToPlain(text);
    if (plainMemo.size >= MEMO_LIMIT) plainMemo.clear();
    plainMemo.set(text, plain);
  }
  return plain;
}

/**
 * Option feedback is plain text: the web app, the CLI and the printed booklet show it as it is.
 * Math or code a template wrote in feedback (`\(\lambda\)`, `` `x` ``) becomes its plain Unicode
 * form (λ, x), the form the option's `plain` uses; other feedback is kept as written.
 */
function plainFeedback(feedback: string): string {
  return feedback.includes('\\') || feedback.includes('`') ? plainOf(feedback) : feedback;
}

function toChoice(o: {
  text: string;
  plain?: string;
  correct: boolean;
  feedback: string;
  misconception?: string;
}): Choice {
  const c: Choice = {
    text: o.text,
    plain: o.plain ?? plainOf(o.text),
    correct: o.correct,
    feedback: plainFeedback(o.feedback),
  };
  if (o.misconception) c.misconception = o.misconception;
  return c;
}

/**
 * The wrong options of a numeric answer, up to `needed`, each a modelled distractor's value; and
 * the distractors left out because the key would accept them or another one already shows them.
 */
function numericDistractors(
  num: NumericAnswer,
  shownPlain: string,
  distractors: readonly NumericDistractor[],
  needed: number,
): { wrong: Choice[]; dropped: DroppedDistractor[] } {
  const seen = new Map([[shownPlain, '']]);
  const wrong: Choice[] = [];
  const dropped: DroppedDistractor[] = [];
  for (const d of distractors) {
    if (wrong.length >= needed) break;
    // A distractor the key would accept (as computed or rounded as the stem asks), or one shown
    // twice, is dropped: a student making that mistake must not earn the marks.
    if (!Number.isFinite(d.value)) continue;
    if (wrongValueAccepted(num, d.value)) {
      dropped.push({
        misconception: d.misconception,
        value: d.value,
        reason: 'accepted as the key',
      });
      continue;
    }
    const t = numericChoiceText(num, d.value);
    const twin = seen.get(t.plain);
    if (twin !== undefined) {
      dropped.push({
        misconception: d.misconception,
        value: d.value,
        reason: twin ? `same as ${twin}` : 'accepted as the key',
      });
      continue;
    }
    seen.set(t.plain, d.misconception);
    // Spelled out, not spread: a spread plus added keys is a slow object build in V8.
    wrong.push({
      text: t.text,
      plain: t.plain,
      correct: false,
      feedback: plainFeedback(d.feedback),
      misconception: d.misconception,
      value: d.value,
    });
  }
  return { wrong, dropped };
}

/** A table cell of the variant from the template's: plain text derived, numeric answers rounded. */
function tableCell(c: TableCellSpec): TableCell {
  if (c.type === 'text') return { type: 'text', text: c.text, plain: c.plain ?? plainOf(c.text) };
  if (c.type === 'numeric')
    return {
      type: 'numeric',
      answer: numericAnswer(c),
    };
  return {
    type: 'choice',
    options: c.options.map((o) => ({ text: o, plain: plainOf(o) })),
    correct: c.correct,
  };
}

interface Built {
  answer: Answer;
  choices: Choice[];
  dropped?: DroppedDistractor[];
}

/** A modelled distractor a variant leaves out: with its params it equals the key or another one. */
export interface DroppedDistractor {
  misconception: string;
  value: number;
  /** `accepted as the key` (its value, rounded as the stem asks, lies in the key's interval) or `same as <misconception>`. */
  reason: string;
}

const droppedOf = new WeakMap<Variant, readonly DroppedDistractor[]>();

/**
 * The modelled distractors the variant left out because, with its params, they coincide with the key
 * (a student making that mistake would earn the marks) or with another distractor. `dlexam preview`
 * names them. Empty for variants not built in this process or without numeric distractors.
 */
export function droppedDistractors(v: Variant): readonly DroppedDistractor[] {
  return droppedOf.get(v) ?? [];
}

function buildAnswer(kind: QuestionKind, body: QuestionBody, rng: Rng): Built {
  const a = body.answer;
  if (a.type === 'numeric' && (kind === 'numeric' || kind === 'single')) {
    const num = numericAnswer(a);
    const shown = numericChoiceText(num, num.value);
    // Single choice shows the first three distinct distractors; numeric keeps all for feedback.
    const needed = kind === 'single' ? NUMERIC_CHOICE_OPTIONS - 1 : Infinity;
    const { wrong, dropped } = numericDistractors(num, shown.plain, a.distractors, needed);
    const correct: Choice = {
      text: shown.text,
      plain: shown.plain,
      correct: true,
      feedback: 'Correct.',
      value: num.value,
    };
    if (kind === 'numeric')
      return { answer: { kind: 'numeric', numeric: num }, choices: [correct, ...wrong], dropped };
    if (wrong.length < NUMERIC_CHOICE_OPTIONS - 1)
      throw new GenerationError(
        `only ${wrong.length} distinct distractors; single choice needs ${NUMERIC_CHOICE_OPTIONS - 1}` +
          (dropped.length
            ? ` (with these params ${dropped.map((d) => `${d.misconception} is ${d.reason}`).join('; ')}; the numeric kind keeps the question)`
            : ''),
      );
    const options = rng.shuffle([correct, ...wrong.slice(0, NUMERIC_CHOICE_OPTIONS - 1)]);
    return {
      answer: { kind: 'single', correct: options.findIndex((o) => o.correct) },
      choices: options,
      dropped,
    };
  }
  if (a.type === 'choice' && (kind === 'single' || kind === 'multiple')) {
    // "All/None of the above" only reads right as the last option: shuffle the others.
    const all = a.options.map(toChoice);
    const last = all.filter((o) => ABOVE.test(o.plain));
    const options = [...rng.shuffle(all.filter((o) => !ABOVE.test(o.plain))), ...last];
    const correct = options.flatMap((o, i) => (o.correct ? [i] : []));
    if (kind === 'single') {
      if (correct.length !== 1)
        throw new GenerationError(
          `single choice needs exactly one correct option, got ${correct.length}`,
        );
      return { answer: { kind: 'single', correct: correct[0] as number }, choices: options };
    }
    if (!correct.length)
      throw new GenerationError('multiple answers needs at least one correct option');
    return { answer: { kind: 'multiple', correct }, choices: options };
  }
  if (a.type === 'matching' && kind === 'matching') {
    const pairs = a.pairs.map((p) => ({
      prompt: p.prompt,
      answer: p.answer,
      promptPlain: plainOf(p.prompt),
      answerPlain: plainOf(p.answer),
    }));
    const distractors = (a.distractors ?? []).map((d) => ({ text: d, plain: plainOf(d) }));
    return { answer: { kind: 'matching', pairs: rng.shuffle(pairs), distractors }, choices: [] };
  }
  if (a.type === 'short' && kind === 'short') {
    return {
      answer: { kind: 'short', accepted: a.accepted, caseSensitive: a.caseSensitive ?? false },
      choices: [],
    };
  }
  if (a.type === 'table' && kind === 'table') {
    const rows: TableCell[][] = a.rows.map((r) => r.map(tableCell));
    return { answer: { kind: 'table', header: a.header, rows }, choices: [] };
  }
  throw new GenerationError(
    `template answered with '${a.type}', which cannot make a '${kind}' question`,
  );
}

const TEX_COMMAND = /\\[a-zA-Z]/;

/** Ten times Moodle's numerical slack: the finest half-unit an exported answer may ask for. */
const LMS_SLACK = 1e-13;

/** The gates every variant passes; returns the first failure or null. */
export function gateProblem(v: Variant): string | null {
  const texts = v.choices.map((c) => c.plain.trim());
  if ((v.kind === 'single' || v.kind === 'multiple') && v.choices.length < 2)
    return 'fewer than 2 options';
  if (new Set(texts).size !== texts.length) return `options not distinct: ${texts.join(' | ')}`;
  for (const c of v.choices) {
    if (!c.correct && !c.feedback.trim()) return `option '${c.plain}' has no feedback`;
    // Math inside \( \) became plain Unicode (see `plainFeedback`); a TeX command left over was
    // written outside math delimiters, and students would see it raw.
    if (TEX_COMMAND.test(c.feedback))
      return `option '${c.plain}' has TeX outside math delimiters in its feedback: ${c.feedback}`;
  }
  if (v.answer.kind === 'single' && v.choices.filter((c) => c.correct).length !== 1)
    return 'single choice without exactly one correct option';
  const numerics: NumericAnswer[] = [];
  if (v.answer.kind === 'numeric') numerics.push(v.answer.numeric);
  else if (v.answer.kind === 'table')
    for (const row of v.answer.rows)
      for (const c of row) if (c.type === 'numeric') numerics.push(c.answer);
  for (const n of numerics) {
    if (!Number.isFinite(n.value) || !Number.isFinite(n.tolerance) || n.tolerance < 0)
      return `numeric answer ${n.value} ± ${n.tolerance} is not finite`;
    const sig = n.sigFigs;
    const unit = sig
      ? 10 ** (toScientific(n.value, sig).exponent - sig + 1)
      : n.decimals === 0
        ? 1
        : 10 ** -n.decimals;
    if (n.tolerance > unit * (1 + 1e-9))
      return `tolerance ${n.tolerance} is looser than the stated rounding (${unit})`;
    // An LMS must tell the key from its neighbours at the asked precision. Moodle widens every
    // numerical interval by 10⁻¹⁴ · max(1, |answer|) (qtype_numerical_answer::
    // get_tolerance_interval), so 6.22 × 10⁻⁶¹ would accept 0: such an answer is no question.
    if (unit / 2 <= LMS_SLACK * Math.max(1, Math.abs(n.value)))
      return `the answer ${n.value} asks for a precision (${unit}) finer than an LMS can grade`;
  }
  if (v.answer.kind === 'matching') {
    const answers = v.answer.pairs.map((p) => p.answerPlain);
    const prompts = v.answer.pairs.map((p) => p.promptPlain);
    if (new Set(prompts).size !== prompts.length) return 'matching prompts not distinct';
    if (
      new Set([...answers, ...v.answer.distractors.map((d) => d.plain)]).size !==
      answers.length + v.answer.distractors.length
    )
      return 'matching answers not distinct';
  }
  if (v.answer.kind === 'short' && !v.answer.accepted.length)
    return 'short answer without an accepted answer';
  for (const text of [v.stem, v.solution, ...v.choices.map((c) => c.text)]) {
    const problem = richTextProblem(text);
    if (problem) return `rich text: ${problem}`;
  }
  if (!v.stem.trim() || !v.solution.trim()) return 'empty stem or solution';
  return null;
}

/**
 * Every gate a drawn variant passes: the well-formedness gates (`gateProblem`), then the gates
 * against degenerate variants (`trivialProblem`: generic, and the template's own). Returns the
 * first failure or null.
 */
export function variantProblem(
  t: AnyTemplate,
  v: Variant,
  waive: readonly GenericGate[] | 'all' = [],
): string | null {
  return gateProblem(v) ?? (waive === 'all' ? null : trivialProblem(t, v, waive));
}

/** The rule a `paramProblem` message names, without its prefix. */
function ruleOf(problem: string): string {
  return problem.startsWith('constraint violated: ')
    ? problem.slice('constraint violated: '.length)
    : problem;
}

/**
 * Whether the pinned values alone break a validity constraint: a validity rule whose parameters
 * (`Constraint.params`) are all pinned. Rules without `params` are retried with other draws.
 */
function pinnedBreak(t: AnyTemplate, p: Params, pinned: ReadonlySet<string>): boolean {
  if (!pinned.size) return false;
  return (t.constraints ?? []).some(
    (c) => !c.prefer && c.params?.length && c.params.every((n) => pinned.has(n)) && !c.check(p),
  );
}

/**
 * Generates one variant. The same (template, seed, options) always gives a deep-equal variant:
 * parameters, wording and option order come from streams keyed by template id and seed.
 */
export function generateVariant<P extends Params>(
  t: Template<P>,
  seed: string | number,
  opts: VariantOptions = {},
): Variant {
  const s = assertSeed(seed, 'seed');
  const kind = resolveKind(t, opts.kind);
  const schema = effectiveSchema(t, opts.narrow);
  const pins = opts.pins ?? {};
  validatePins(t, pins, schema);
  const root = createRng(`dlexam/${t.id}/${s}`);
  // Parameters pinned one by one are the instructor's explicit question: only well-formedness
  // gates apply (a seed row may be easy on purpose); every drawn variant must also be non-trivial.
  const fullyPinned = Object.keys(pins).length === Object.keys(t.params).length;
  const pinned = pinnedParams(t, schema, pins);
  const waive = opts.waive ?? [];
  const somePinned = Object.keys(pins).length > 0;
  // Pins obey validity only (issue 21): when the pinned values make every draw trivial, the
  // instructor's question stands, as long as it is well-formed.
  let pinnedTrivial: Variant | undefined;
  let last = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = root.child(`attempt-${attempt}`);
    const params = drawParams(t, rng.child('params'), schema, pins);
    const problem = paramProblem(t, params, schema, pinned);
    if (problem) {
      last = problem;
      // Pinned values that break a validity rule: no redraw helps, and the refusal names the rule.
      if (fullyPinned || pinnedBreak(t, params, pinned))
        throw new GenerationError(
          `its params break a validity rule of ${t.id}: ${ruleOf(problem)}`,
        );
      continue;
    }
    try {
      const v = variantFromParams(t, params as P, kind, rng, s, opts.points ?? 1);
      const gate = fullyPinned ? gateProblem(v) : variantProblem(t, v, waive);
      if (!gate) return v;
      if (somePinned && !pinnedTrivial && !gateProblem(v)) pinnedTrivial = v;
      last = gate;
    } catch (e) {
      if (!(e instanceof GenerationError)) throw e;
      last = e.message;
    }
    if (fullyPinned) break; // no redraw helps
  }
  if (pinnedTrivial) return pinnedTrivial;
  throw new GenerationError(
    `template ${t.id} (seed ${s}, kind ${kind}) produced no valid variant${Object.keys(pins).length ? ' with the pinned parameters' : ''}: ${last}`,
  );
}

/**
 * Why a template's (narrowed) schema admits no valid question — the rule the last of
 * `MAX_ATTEMPTS` draws broke, as `generateVariant` would report it — or null once a draw passes.
 */
export function narrowingProblem(
  t: AnyTemplate,
  kind: QuestionKind,
  narrow?: Record<string, Narrowing>,
): string | null {
  const schema = effectiveSchema(t, narrow);
  const pinned = pinnedParams(t, schema);
  const root = createRng(`dlexam/${t.id}/narrowing`);
  let last = 'no draw passed';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = root.child(`attempt-${attempt}`);
    const params = drawParams(t, rng.child('params'), schema, {});
    const problem = paramProblem(t, params, schema, pinned);
    if (problem) {
      last = problem;
      continue;
    }
    try {
      const gate = variantProblem(t, variantFromParams(t, params, kind, rng, 'narrowing', 1));
      if (!gate) return null;
      last = gate;
    } catch (e) {
      if (!(e instanceof GenerationError)) throw e;
      last = e.message;
    }
  }
  return last;
}

/** Builds a variant from given parameters without any redraw (fixtures, pins). */
export function variantFromParams<P extends Params>(
  t: Template<P>,
  params: P,
  kind: QuestionKind,
  rng: Rng,
  seed: string,
  points: number,
): Variant {
  const body = t.build(params, { kind, rng: rng.child('text'), render: renderText });
  const { answer, choices, dropped } = buildAnswer(kind, body, rng.child('options'));
  const v: Variant = {
    schemaVersion: VARIANT_SCHEMA_VERSION,
    templateId: t.id,
    seed,
    kind,
    topic: t.topic,
    title: t.title,
    difficulty: t.difficulty,
    tags: [...t.tags],
    objective: t.objective,
    params: params,
    stem: body.stem,
    answer,
    choices,
    solution: body.solution,
    points,
  };
  if (body.figure) v.figure = body.figure;
  if (dropped?.length) droppedOf.set(v, dropped);
  return v;
}

/** Renders a seed-row fixture: the template with exactly that exercise's parameters. */
export function generateFixture(t: AnyTemplate, fixtureId: string, kind?: QuestionKind): Variant {
  const f = t.fixtures?.find((x) => x.id === fixtureId);
  if (!f) {
    const known = (t.fixtures ?? []).map((x) => x.id);
    throw new DlexamError(
      `template ${t.id} has no fixture '${fixtureId}'${known.length ? `; it has ${known.join(', ')}` : ''}`,
      'fixture',
    );
  }
  return generateVariant(t, 'fixture', { kind: kind ?? f.kind, pins: f.params });
}
