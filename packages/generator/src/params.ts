import type { Json } from '@dlexam/types';
import { DlexamError } from './errors.js';
import type { Rng } from './rng.js';
import { schemaProblem, type JsonSchema, type SchemaProblem } from './schema.js';

/**
 * Parameter schemas. Every template declares the type and domain of each parameter; the generator
 * uses the schema to sample (when a template has no sampler of its own), to validate pins and
 * narrowed ranges, to count pools, and to publish a JSON Schema (`dlexam describe`).
 */
export type ParamSpec =
  | { type: 'int'; min: number; max: number; description: string }
  | { type: 'number'; min: number; max: number; step: number; description: string }
  | { type: 'enum'; values: readonly (string | number | boolean)[]; description: string }
  | {
      type: 'int-matrix';
      rows: [number, number];
      cols: [number, number];
      min: number;
      max: number;
      description: string;
    }
  | { type: 'int-vector'; length: [number, number]; min: number; max: number; description: string }
  | {
      type: 'number-vector';
      length: [number, number];
      min: number;
      max: number;
      step: number;
      description: string;
    }
  /**
   * Structured values (an architecture, a graph): `schema` gives their shape element by element
   * (checked before any constraint sees a pinned value); the template's constraints check the rest.
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
    const why = checkValue(spec, v);
    if (why) throw new DlexamError(`${JSON.stringify(v)} is not allowed; ${name} is ${why}`, where);
  };
  if (
    spec.type !== 'json' &&
    Array.isArray(narrowing) &&
    narrowing.length === 2 &&
    narrowing.every((x) => typeof x === 'number')
  ) {
    const [lo, hi] = narrowing as [number, number];
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

/** The JSON Schema (draft 2020-12) of one parameter. */
export function specToJsonSchema(spec: ParamSpec): Record<string, Json> {
  const base = { description: spec.description };
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
        type: 'array',
        minItems: spec.rows[0],
        maxItems: spec.rows[1],
        items: {
          type: 'array',
          minItems: spec.cols[0],
          maxItems: spec.cols[1],
          items: { type: 'integer', minimum: spec.min, maximum: spec.max },
        },
      };
    case 'int-vector':
      return {
        ...base,
        type: 'array',
        minItems: spec.length[0],
        maxItems: spec.length[1],
        items: { type: 'integer', minimum: spec.min, maximum: spec.max },
      };
    case 'number-vector':
      return {
        ...base,
        type: 'array',
        minItems: spec.length[0],
        maxItems: spec.length[1],
        items: { type: 'number', minimum: spec.min, maximum: spec.max },
      };
    case 'json':
      return {
        ...((spec.schema ?? {}) as Record<string, Json>),
        ...base,
        examples: [spec.example],
      };
  }
}
