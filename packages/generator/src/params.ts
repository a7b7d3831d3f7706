import type { Json } from '@dlexam/types';
import { DlexamError } from './errors.js';
import type { Rng } from './rng.js';
import { schemaProblem, type JsonSchema, type SchemaProblem } from './schema.js';

/**
 * What the math allows for a parameter (its **validity**), as opposed to the range, grid and
 * lengths random draws use (its **draw preferences**: `min`/`max`/`step`/`length`/`rows`/`cols` of
 * the spec). Random draws obey both; a pinned value (`--params`, `params:` in exam.yaml, the web
 * form) obeys validity only. Every field is optional: a bound left out is no bound (a number is
 * still finite), a length left out stays the draw's. A spec without `valid` is valid exactly on its
 * draw domain (grid included), as before the split.
 */
export interface ValidDomain {
  /** Lowest value (of the parameter, or of every element of a vector/matrix). */
  min?: number;
  /** Highest value. */
  max?: number;
  /** `min` itself is not allowed (a learning rate > 0). */
  minExclusive?: boolean;
  /** `max` itself is not allowed (a keep probability < 1). */
  maxExclusive?: boolean;
  /**
   * At most this many decimal places (what a stem can show exactly); no grid otherwise. On an
   * integer spec (`int`, `int-vector`, `int-matrix`: whole numbers drawn) it admits decimals in pins.
   */
  decimals?: number;
  /** Values that are not allowed (a divisor of zero). */
  not?: readonly number[];
  /**
   * Whole numbers only. For a numeric `enum` (a list of nice sizes to draw from), `valid` turns the
   * list into a draw preference: any number (integer with `integer: true`) in the domain is valid.
   */
  integer?: boolean;
  /** Vector lengths `[min, max]` (defaults to the draw's `length`). */
  length?: [number, number];
  /** Matrix rows `[min, max]` (defaults to the draw's `rows`). */
  rows?: [number, number];
  /** Matrix columns `[min, max]` (defaults to the draw's `cols`). */
  cols?: [number, number];
}

/**
 * Parameter schemas. Every template declares the type and domain of each parameter; the generator
 * uses the schema to sample (when a template has no sampler of its own), to validate pins and
 * narrowed ranges, to count pools, and to publish a JSON Schema (`dlexam describe`).
 *
 * `min`, `max`, `step`, `length`, `rows` and `cols` are the **draw preferences** (what a random
 * variant uses); `valid` is the **validity** a pin must meet (see `ValidDomain`).
 */
export type ParamSpec =
  | { type: 'int'; min: number; max: number; description: string; valid?: ValidDomain }
  | {
      type: 'number';
      min: number;
      max: number;
      step: number;
      description: string;
      valid?: ValidDomain;
    }
  | {
      type: 'enum';
      values: readonly (string | number | boolean)[];
      description: string;
      /** Numeric lists only: the values become draw preferences, `valid` what a pin may be. */
      valid?: ValidDomain;
    }
  | {
      type: 'int-matrix';
      rows: [number, number];
      cols: [number, number];
      min: number;
      max: number;
      description: string;
      valid?: ValidDomain;
    }
  | {
      type: 'int-vector';
      length: [number, number];
      min: number;
      max: number;
      description: string;
      valid?: ValidDomain;
    }
  | {
      type: 'number-vector';
      length: [number, number];
      min: number;
      max: number;
      step: number;
      description: string;
      valid?: ValidDomain;
    }
  /**
   * Structured values (an architecture, a graph): `schema` gives their shape element by element
   * (checked before any constraint sees a pinned value); the template's constraints check the rest.
   * The schema is their validity; the template's sampler is their draw preference.
   */
  | { type: 'json'; description: string; example: Json; schema?: JsonSchema };

export type ParamSchema = Record<string, ParamSpec>;

/** A narrowing from an exam spec: a range `[lo, hi]`, an allowed list `{ in: [...] }`, or a pin. */
export type Narrowing = [number, number] | { in: readonly Json[] } | Json;

export type Params = Record<string, Json>;

export function describeSpec(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
      return `an integer from ${spec.min} to ${spec.max}`;
    case 'number':
      return `a number from ${spec.min} to ${spec.max} in steps of ${spec.step}`;
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'int-matrix':
      return `a matrix of integers from ${spec.min} to ${spec.max}, ${spec.rows[0]}–${spec.rows[1]} rows × ${spec.cols[0]}–${spec.cols[1]} columns`;
    case 'int-vector':
      return `a list of ${spec.length[0]}–${spec.length[1]} integers from ${spec.min} to ${spec.max}`;
    case 'number-vector':
      return `a list of ${spec.length[0]}–${spec.length[1]} numbers from ${spec.min} to ${spec.max} in steps of ${spec.step}`;
    case 'json':
      return `a value shaped like ${JSON.stringify(spec.example)}`;
  }
}

/** The bounds of a validity domain in words: `from 0 to 1`, `> 0`, `≤ 64`, or '' (no bound). */
function boundsText(v: ValidDomain): string {
  const lo = v.min === undefined ? '' : `${v.minExclusive ? '>' : '≥'} ${v.min}`;
  const hi = v.max === undefined ? '' : `${v.maxExclusive ? '<' : '≤'} ${v.max}`;
  if (lo && hi)
    return v.minExclusive || v.maxExclusive ? `${lo} and ${hi}` : `from ${v.min} to ${v.max}`;
  return lo || hi;
}

/**
 * Whether a validity admits whole numbers only: `integer`, or an integer spec (`int`, `int-vector`,
 * `int-matrix`: whole numbers drawn) whose validity gives no `decimals` (with them, a pin may be
 * 1.5 where draws are whole).
 */
function wholeOnly(v: ValidDomain, intSpec: boolean): boolean {
  return !!v.integer || (intSpec && v.decimals === undefined);
}

function numberText(v: ValidDomain, whole: boolean, plural: boolean): string {
  const int = wholeOnly(v, whole);
  const noun = int ? (plural ? 'integers' : 'an integer') : plural ? 'numbers' : 'a number';
  const bounds = boundsText(v);
  const parts = [
    bounds ? `${noun} ${bounds}` : plural ? noun : `any ${noun.slice(noun.indexOf(' ') + 1)}`,
  ];
  if (!int && v.decimals !== undefined)
    parts.push(`with at most ${v.decimals} decimal${v.decimals === 1 ? '' : 's'}`);
  if (v.not?.length) parts.push(`other than ${v.not.join(', ')}`);
  return parts.join(' ');
}

/**
 * What a pinned value may be (the parameter's validity), in words: `a number > 0 with at most 4
 * decimals`. A spec without `valid` is valid on its draw domain (`describeSpec`).
 */
export function describeValid(spec: ParamSpec): string {
  if (spec.type === 'json' || !spec.valid) return describeSpec(spec);
  const v = spec.valid;
  switch (spec.type) {
    case 'int':
      return numberText(v, true, false);
    case 'number':
    case 'enum':
      return numberText(v, spec.type === 'enum' && !!v.integer, false);
    case 'int-vector':
    case 'number-vector': {
      const [a, b] = v.length ?? spec.length;
      return `a list of ${a === b ? a : `${a}–${b}`} ${numberText(v, spec.type === 'int-vector', true)}`;
    }
    case 'int-matrix': {
      const [r0, r1] = v.rows ?? spec.rows;
      const [c0, c1] = v.cols ?? spec.cols;
      return `a matrix of ${numberText(v, true, true)}, ${r0 === r1 ? r0 : `${r0}–${r1}`} rows × ${c0 === c1 ? c0 : `${c0}–${c1}`} columns`;
    }
  }
}

/** Whether one number meets a validity domain (integers when `int`). */
function validNumber(v: ValidDomain, x: unknown, whole: boolean): boolean {
  const int = wholeOnly(v, whole);
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  if (int && !Number.isInteger(x)) return false;
  if (v.min !== undefined && (v.minExclusive ? x <= v.min : x < v.min)) return false;
  if (v.max !== undefined && (v.maxExclusive ? x >= v.max : x > v.max)) return false;
  if (v.not?.includes(x)) return false;
  if (!int && v.decimals !== undefined) {
    const scaled = x * 10 ** v.decimals;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))) return false;
  }
  return true;
}

/**
 * Why `value` breaks the parameter's validity (what a pin must meet), or null. A spec without
 * `valid` is checked on its draw domain (`checkValue`).
 */
export function checkValid(spec: ParamSpec, value: unknown): string | null {
  if (spec.type === 'json' || !spec.valid) return checkValue(spec, value);
  const v = spec.valid;
  switch (spec.type) {
    case 'int':
    case 'number':
    case 'enum':
      return validNumber(v, value, spec.type === 'int' || !!v.integer) ? null : describeValid(spec);
    case 'int-vector':
    case 'number-vector': {
      const [a, b] = v.length ?? spec.length;
      const ok =
        Array.isArray(value) &&
        value.length >= a &&
        value.length <= b &&
        value.every((x) => validNumber(v, x, spec.type === 'int-vector'));
      return ok ? null : describeValid(spec);
    }
    case 'int-matrix': {
      const [r0, r1] = v.rows ?? spec.rows;
      const [c0, c1] = v.cols ?? spec.cols;
      const ok =
        Array.isArray(value) &&
        value.length >= r0 &&
        value.length <= r1 &&
        value.every(
          (r) =>
            Array.isArray(r) &&
            r.length === (value[0] as unknown[]).length &&
            r.length >= c0 &&
            r.length <= c1 &&
            r.every((x) => validNumber(v, x, true)),
        );
      return ok ? null : describeValid(spec);
    }
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const onStep = (v: number, min: number, step: number) =>
  Math.abs((v - min) / step - Math.round((v - min) / step)) < 1e-9;

/** Why `value` is outside `spec`, or null when it fits. */
export function checkValue(spec: ParamSpec, value: unknown): string | null {
  const inRange = (x: unknown, min: number, max: number, int: boolean) =>
    typeof x === 'number' &&
    Number.isFinite(x) &&
    (!int || Number.isInteger(x)) &&
    x >= min &&
    x <= max;
  switch (spec.type) {
    case 'int':
      return inRange(value, spec.min, spec.max, true) ? null : describeSpec(spec);
    case 'number':
      return inRange(value, spec.min, spec.max, false) &&
        onStep(value as number, spec.min, spec.step)
        ? null
        : describeSpec(spec);
    case 'enum':
      return spec.values.some((v) => v === value) ? null : describeSpec(spec);
    case 'int-matrix': {
      const ok =
        Array.isArray(value) &&
        value.length >= spec.rows[0] &&
        value.length <= spec.rows[1] &&
        value.every(
          (r) =>
            Array.isArray(r) &&
            r.length === (value[0] as unknown[]).length &&
            r.length >= spec.cols[0] &&
            r.length <= spec.cols[1] &&
            r.every((x) => inRange(x, spec.min, spec.max, true)),
        );
      return ok ? null : describeSpec(spec);
    }
    case 'int-vector':
    case 'number-vector': {
      const ok =
        Array.isArray(value) &&
        value.length >= spec.length[0] &&
        value.length <= spec.length[1] &&
        value.every((x) =>
          spec.type === 'int-vector'
            ? inRange(x, spec.min, spec.max, true)
            : inRange(x, spec.min, spec.max, false) && onStep(x as number, spec.min, spec.step),
        );
      return ok ? null : describeSpec(spec);
    }
    case 'json': {
      const p = valueProblem(spec, value);
      return p ? `${p.path ? `${p.path}: ` : ''}${p.message}` : null;
    }
  }
}

/**
 * Where a structured (`json`) value breaks its schema (`path` relative to the parameter, e.g.
 * `[1].p`), or null. Other specs are checked by `checkValue`.
 */
export function valueProblem(spec: ParamSpec, value: unknown): SchemaProblem | null {
  if (spec.type !== 'json') return null;
  if (value === undefined) return { path: '', message: 'missing' };
  return spec.schema ? schemaProblem(spec.schema, value) : null;
}

/** Every value of a finite scalar spec, or null when the domain is not a small finite list. */
export function domainOf(spec: ParamSpec, limit = 10_000): Json[] | null {
  switch (spec.type) {
    case 'int':
      return spec.max - spec.min + 1 <= limit
        ? Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i)
        : null;
    case 'number': {
      const n = Math.round((spec.max - spec.min) / spec.step) + 1;
      return n <= limit
        ? Array.from({ length: n }, (_, i) => Number((spec.min + i * spec.step).toPrecision(12)))
        : null;
    }
    case 'enum':
      return [...spec.values];
    default:
      return null;
  }
}

/** Applies an exam-spec narrowing to a spec: the result must lie inside the template's domain. */
export function narrowSpec(
  name: string,
  spec: ParamSpec,
  narrowing: Narrowing,
  at: string,
): ParamSpec {
  const where = `${at}.${name}`;
  const refuse = (v: unknown) => {
    // A structured value names the element at fault; a scalar names the value and the domain.
    const sp = valueProblem(spec, v);
    if (sp) throw new DlexamError(sp.message, `${where}${sp.path}`);
    const why = checkValid(spec, v);
    if (why) throw new DlexamError(`${JSON.stringify(v)} is not allowed; ${name} is ${why}`, where);
  };
  // Two numbers are a range, except for a vector parameter, whose value they are.
  if (
    spec.type !== 'json' &&
    spec.type !== 'int-vector' &&
    spec.type !== 'number-vector' &&
    Array.isArray(narrowing) &&
    narrowing.length === 2 &&
    narrowing.every((x) => typeof x === 'number')
  ) {
    const [lo, hi] = narrowing as [number, number];
    // A numeric list with a validity of its own (nice sizes drawn, any valid size allowed): a
    // valid range is drawn whole (integers) or on the validity's decimals.
    if (spec.type === 'enum' && spec.valid) {
      const v = spec.valid;
      if (lo > hi || checkValid(spec, lo) !== null || checkValid(spec, hi) !== null)
        throw new DlexamError(
          `range [${lo}, ${hi}] is outside what ${name} allows: ${describeValid(spec)}`,
          where,
        );
      const base = { min: lo, max: hi, description: spec.description, valid: v };
      return v.integer
        ? { type: 'int', ...base }
        : { type: 'number', step: 10 ** -(v.decimals ?? 4), ...base };
    }
    if (spec.type !== 'int' && spec.type !== 'number')
      throw new DlexamError(
        `a [min, max] range applies to numeric parameters; ${name} is ${describeSpec(spec)}`,
        where,
      );
    if (spec.type === 'int' && !(isInt(lo) && isInt(hi)))
      throw new DlexamError(
        `range [${lo}, ${hi}] needs whole numbers; ${name} is ${describeSpec(spec)}`,
        where,
      );
    if (spec.valid) {
      // A range inside the validity: drawn on the template's step from `lo` (the last step at or
      // below `hi`), the template's draw preferences (grid anchor, bounds) giving way to the range.
      if (lo > hi || checkValid(spec, lo) !== null || checkValid(spec, hi) !== null)
        throw new DlexamError(
          `range [${lo}, ${hi}] is outside what ${name} allows: ${describeValid(spec)}`,
          where,
        );
      if (spec.type === 'int') return { ...spec, min: lo, max: hi };
      const top = Number(
        (lo + Math.floor((hi - lo) / spec.step + 1e-9) * spec.step).toPrecision(12),
      );
      return { ...spec, min: lo, max: top };
    }
    if (
      spec.type === 'number' &&
      !(onStep(lo, spec.min, spec.step) && onStep(hi, spec.min, spec.step))
    )
      throw new DlexamError(
        `range [${lo}, ${hi}] must fall on steps of ${spec.step}; ${name} is ${describeSpec(spec)}`,
        where,
      );
    if (lo > hi || lo < spec.min || hi > spec.max)
      throw new DlexamError(`range [${lo}, ${hi}] is outside ${describeSpec(spec)}`, where);
    // A number range keeps its step grid anchored where the template's was.
    return { ...spec, min: lo, max: hi };
  }
  if (
    narrowing &&
    typeof narrowing === 'object' &&
    !Array.isArray(narrowing) &&
    Object.hasOwn(narrowing, 'in')
  ) {
    const values = (narrowing as { in: Json[] }).in;
    if (!Array.isArray(values) || !values.length)
      throw new DlexamError(`{ in: [...] } needs a non-empty list`, where);
    values.forEach(refuse);
    return {
      type: 'enum',
      values: values as (string | number | boolean)[],
      description: spec.description,
    };
  }
  refuse(narrowing);
  return {
    type: 'enum',
    values: [narrowing as string | number | boolean],
    description: spec.description,
  };
}

/** Draws one value uniformly from a spec. */
export function sampleSpec(spec: ParamSpec, rng: Rng): Json {
  switch (spec.type) {
    case 'int':
      return rng.int(spec.min, spec.max);
    case 'number':
      return rng.stepped(spec.min, spec.max, spec.step);
    case 'enum':
      return rng.choice(spec.values);
    case 'int-matrix':
      return rng.intMatrix(rng.int(...spec.rows), rng.int(...spec.cols), spec.min, spec.max);
    case 'int-vector':
      return rng.intVector(rng.int(...spec.length), spec.min, spec.max);
    case 'number-vector':
      return Array.from({ length: rng.int(...spec.length) }, () =>
        rng.stepped(spec.min, spec.max, spec.step),
      );
    case 'json':
      throw new Error('a json parameter needs the template to sample it');
  }
}

/** The JSON Schema of an array of `length[0]` to `length[1]` items, each of schema `items`. */
function arraySchema(
  length: readonly [number, number],
  items: Record<string, Json>,
): Record<string, Json> {
  return { type: 'array', minItems: length[0], maxItems: length[1], items };
}

/** The JSON Schema of a parameter's draw domain (its draw preferences: range, grid, lengths). */
function drawJsonSchema(spec: ParamSpec, base: Record<string, Json>): Record<string, Json> {
  switch (spec.type) {
    case 'int':
      return { ...base, type: 'integer', minimum: spec.min, maximum: spec.max };
    case 'number':
      return {
        ...base,
        type: 'number',
        minimum: spec.min,
        maximum: spec.max,
        multipleOf: spec.step,
      };
    case 'enum':
      return { ...base, enum: [...spec.values] };
    case 'int-matrix':
      return {
        ...base,
        ...arraySchema(
          spec.rows,
          arraySchema(spec.cols, { type: 'integer', minimum: spec.min, maximum: spec.max }),
        ),
      };
    case 'int-vector':
      return {
        ...base,
        ...arraySchema(spec.length, { type: 'integer', minimum: spec.min, maximum: spec.max }),
      };
    case 'number-vector':
      return {
        ...base,
        ...arraySchema(spec.length, { type: 'number', minimum: spec.min, maximum: spec.max }),
      };
    case 'json':
      return {
        ...((spec.schema ?? {}) as Record<string, Json>),
        ...base,
        examples: [spec.example],
      };
  }
}

/** JSON Schema keywords of one number's validity. */
function validNumberSchema(v: ValidDomain, whole: boolean): Record<string, Json> {
  const int = wholeOnly(v, whole);
  const out: Record<string, Json> = { type: int ? 'integer' : 'number' };
  if (v.min !== undefined) out[v.minExclusive ? 'exclusiveMinimum' : 'minimum'] = v.min;
  if (v.max !== undefined) out[v.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = v.max;
  if (v.not?.length) out.not = { enum: [...v.not] };
  if (!int && v.decimals !== undefined) out['x-decimals'] = v.decimals;
  return out;
}

/**
 * The JSON Schema (draft 2020-12) of one parameter: the keywords say what a pinned value may be
 * (its validity); `x-draw` holds the draw preferences (range, grid, lengths random variants use),
 * and `x-validity` the validity in words.
 */
export function specToJsonSchema(spec: ParamSpec): Record<string, Json> {
  // A structured value's schema is its validity; the template's sampler draws it.
  if (spec.type === 'json')
    return {
      ...drawJsonSchema(spec, { description: spec.description }),
      'x-draw': { 'x-text': "drawn by the template's own sampler" },
    };
  const draw = drawJsonSchema(spec, {});
  let valid: Record<string, Json>;
  if (!spec.valid) {
    valid = draw;
  } else {
    const v = spec.valid;
    switch (spec.type) {
      case 'int':
      case 'number':
      case 'enum':
        valid = validNumberSchema(v, spec.type === 'int' || !!v.integer);
        break;
      case 'int-vector':
      case 'number-vector': {
        const [a, b] = v.length ?? spec.length;
        valid = {
          type: 'array',
          minItems: a,
          maxItems: b,
          items: validNumberSchema(v, spec.type === 'int-vector'),
        };
        break;
      }
      case 'int-matrix': {
        const [r0, r1] = v.rows ?? spec.rows;
        const [c0, c1] = v.cols ?? spec.cols;
        valid = {
          type: 'array',
          minItems: r0,
          maxItems: r1,
          items: { type: 'array', minItems: c0, maxItems: c1, items: validNumberSchema(v, true) },
        };
        break;
      }
    }
  }
  return {
    description: spec.description,
    ...valid,
    'x-validity': describeValid(spec),
    'x-draw': { ...draw, 'x-text': describeSpec(spec) },
  };
}

type Range = readonly [number, number];

/** `spec` with `valid` when one is given (no `valid: undefined` under exact optional types). */
function withValid<S extends ParamSpec>(spec: S, valid: ValidDomain | undefined): S {
  return valid === undefined ? spec : { ...spec, valid };
}

/**
 * One-line constructors of parameter specs, description first, the draw preferences next, the
 * validity last: `k: param.int('kernel size', [1, 11], { min: 1, max: 1000 })` rather than a
 * five-line object literal per parameter.
 */
export const param = {
  int: (description: string, [min, max]: Range, valid?: ValidDomain): ParamSpec =>
    withValid({ type: 'int', min, max, description }, valid),
  number: (description: string, [min, max]: Range, step: number, valid?: ValidDomain): ParamSpec =>
    withValid({ type: 'number', min, max, step, description }, valid),
  /** A list of values to draw from; a numeric list with `valid` is a draw preference only. */
  choice: (
    description: string,
    values: readonly (string | number | boolean)[],
    valid?: ValidDomain,
  ): ParamSpec => withValid({ type: 'enum', values, description }, valid),
  intVector: (
    description: string,
    length: Range,
    [min, max]: Range,
    valid?: ValidDomain,
  ): ParamSpec =>
    withValid({ type: 'int-vector', length: [length[0], length[1]], min, max, description }, valid),
  numberVector: (
    description: string,
    length: Range,
    [min, max]: Range,
    step: number,
    valid?: ValidDomain,
  ): ParamSpec =>
    withValid(
      { type: 'number-vector', length: [length[0], length[1]], min, max, step, description },
      valid,
    ),
  intMatrix: (
    description: string,
    rows: Range,
    cols: Range,
    [min, max]: Range,
    valid?: ValidDomain,
  ): ParamSpec =>
    withValid(
      {
        type: 'int-matrix',
        rows: [rows[0], rows[1]],
        cols: [cols[0], cols[1]],
        min,
        max,
        description,
      },
      valid,
    ),
  json: (description: string, example: Json, schema?: JsonSchema): ParamSpec =>
    schema === undefined
      ? { type: 'json', description, example }
      : { type: 'json', description, example, schema },
};
