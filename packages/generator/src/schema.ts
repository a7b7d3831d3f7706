import type { Json } from '@dlexam/types';

/**
 * The part of JSON Schema (draft 2020-12) that structured parameters use: enough to say what shape
 * a value must have, element by element, so that a template's constraints and `build` only ever
 * see values of the declared shape. `dlexam describe --json` prints these schemas as they are.
 */
export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  enum?: readonly Json[];
  const?: Json;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  /** A union; when every branch fixes one property with `const` (a tag), the tag picks the branch. */
  oneOf?: readonly JsonSchema[];
  description?: string;
}

export type JsonType = 'object' | 'array' | 'integer' | 'number' | 'string' | 'boolean' | 'null';

/** Where a value breaks its schema (`[1].p`, '' for the value itself) and why. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const NOUN: Record<JsonType, string> = {
  object: 'an object',
  array: 'a list',
  integer: 'an integer',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  null: 'null',
};

function typeOf(v: unknown): JsonType | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number')
    return Number.isFinite(v) ? (Number.isInteger(v) ? 'integer' : 'number') : 'other';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'object')
    return typeof v as JsonType;
  return 'other';
}

/** A value as a message shows it: short scalars as JSON, containers by kind. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v !== null && typeof v === 'object') return 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const fits = (t: JsonType, v: unknown): boolean => {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
};

const key = (path: string, k: string) =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;

function rangeText(s: JsonSchema, noun: string): string {
  const step = s.multipleOf === undefined ? '' : ` in steps of ${s.multipleOf}`;
  if (s.minimum !== undefined && s.maximum !== undefined)
    return `${noun} from ${s.minimum} to ${s.maximum}${step}`;
  if (s.minimum !== undefined) return `${noun} of at least ${s.minimum}${step}`;
  if (s.maximum !== undefined) return `${noun} of at most ${s.maximum}${step}`;
  return `${noun}${step}`;
}

function itemsText(s: JsonSchema): string {
  const lo = s.minItems ?? 0;
  const hi = s.maxItems;
  if (hi === undefined) return `at least ${lo} item${lo === 1 ? '' : 's'}`;
  if (lo === hi) return `${lo} item${lo === 1 ? '' : 's'}`;
  return `${lo}–${hi} items`;
}

/** What a schema expects, in a few words (`an integer from 0 to 3`, `a list of 3 items`). */
function expected(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (s.oneOf) return 'an object';
  const types =
    s.type === undefined ? [] : ((Array.isArray(s.type) ? s.type : [s.type]) as JsonType[]);
  if (types.length !== 1) return types.map((t) => NOUN[t]).join(' or ') || 'a value';
  const t = types[0] as JsonType;
  if (t === 'integer' || t === 'number') return rangeText(s, NOUN[t]);
  if (t === 'array')
    return `a list of ${itemsText(s)}${s.items ? ` (each ${expected(s.items)})` : ''}`;
  return NOUN[t];
}

/** The tag property every branch of a union fixes with `const`, if any. */
function tagOf(branches: readonly JsonSchema[]): string | null {
  const first = branches[0]?.properties;
  if (!first) return null;
  for (const k of Object.keys(first))
    if (
      branches.every(
        (b) =>
          b.properties && Object.hasOwn(b.properties, k) && b.properties[k]!.const !== undefined,
      )
    )
      return k;
  return null;
}

/**
 * The first place `value` breaks `schema`, or null when it fits. Walks the schema, not the value,
 * so a deeply nested value costs no more than its schema is deep.
 */
export function schemaProblem(schema: JsonSchema, value: unknown, path = ''): SchemaProblem | null {
  const fail = (message: string, at = path): SchemaProblem => ({ path: at, message });
  if (schema.oneOf) {
    const tag = tagOf(schema.oneOf);
    if (tag !== null) {
      if (typeOf(value) !== 'object') return fail(`expected an object, got ${shown(value)}`);
      const o = value as Record<string, unknown>;
      const tags = schema.oneOf.map((b) => b.properties![tag]!.const as Json);
      const branch = schema.oneOf.find((b) => b.properties![tag]!.const === o[tag]);
      if (!branch)
        return fail(
          `expected one of ${tags.map((t) => JSON.stringify(t)).join(', ')}, got ${Object.hasOwn(o, tag) ? shown(o[tag]) : 'nothing'}`,
          key(path, tag),
        );
      return schemaProblem(branch, value, path);
    }
    let first: SchemaProblem | null = null;
    for (const b of schema.oneOf) {
      const p = schemaProblem(b, value, path);
      if (!p) return null;
      first ??= p;
    }
    return first;
  }
  if (schema.const !== undefined && value !== schema.const)
    return fail(`expected ${JSON.stringify(schema.const)}, got ${shown(value)}`);
  if (schema.enum && !schema.enum.some((e) => e === value))
    return fail(
      `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${shown(value)}`,
    );
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonType[];
    if (!types.some((t) => fits(t, value)))
      return fail(`expected ${types.map((t) => NOUN[t]).join(' or ')}, got ${shown(value)}`);
  }
  if (typeof value === 'number') {
    const noun = fits('integer', value) && schema.type === 'integer' ? 'an integer' : 'a number';
    if (
      (schema.minimum !== undefined && value < schema.minimum) ||
      (schema.maximum !== undefined && value > schema.maximum) ||
      (schema.multipleOf !== undefined &&
        Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9)
    )
      return fail(`expected ${rangeText(schema, noun)}, got ${shown(value)}`);
  }
  if (Array.isArray(value)) {
    if (
      (schema.minItems !== undefined && value.length < schema.minItems) ||
      (schema.maxItems !== undefined && value.length > schema.maxItems)
    )
      return fail(`expected a list of ${itemsText(schema)}, got ${shown(value)}`);
    if (schema.items)
      for (let i = 0; i < value.length; i++) {
        const p = schemaProblem(schema.items, value[i], `${path}[${i}]`);
        if (p) return p;
      }
  } else if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of schema.required ?? [])
      if (!Object.hasOwn(o, k) || o[k] === undefined)
        return fail(`missing; expected ${expected(schema.properties?.[k] ?? {})}`, key(path, k));
    const props = schema.properties ?? {};
    for (const k of Object.keys(o)) {
      if (Object.hasOwn(props, k)) {
        const p = schemaProblem(props[k]!, o[k], key(path, k));
        if (p) return p;
      } else if (schema.additionalProperties === false)
        return fail(
          `unknown field${Object.keys(props).length ? `; allowed: ${Object.keys(props).join(', ')}` : ''}`,
          key(path, k),
        );
    }
  }
  return null;
}

/** Schema helpers for templates: an integer or number range, a list of items. */
export const intIn = (minimum: number, maximum: number): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
});

export const numberIn = (minimum: number, maximum: number, multipleOf?: number): JsonSchema =>
  multipleOf === undefined
    ? { type: 'number', minimum, maximum }
    : { type: 'number', minimum, maximum, multipleOf };

export const listOf = (items: JsonSchema, minItems: number, maxItems: number): JsonSchema => ({
  type: 'array',
  minItems,
  maxItems,
  items,
});

/** An object with exactly these fields, all required. */
export const record = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
