import type { Json } from '@dlexam/types';

/** Checks of json params (a pin may be any json value) shared by the layer-list templates. */

/** True when `x` is an integer in [lo, hi]. */
export const isIntIn = (x: Json | undefined, lo: number, hi: number): boolean =>
  typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/** `x` as a record when it is a json object (not null, not a list), else undefined. */
export const jsonRecord = (x: Json | undefined): Record<string, Json> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? x : undefined;

/** True when `x` is a list of `min` to `max` entries that all pass `valid`. */
export const isListOf = (
  x: Json | undefined,
  min: number,
  max: number,
  valid: (entry: Json) => boolean,
): boolean => Array.isArray(x) && x.length >= min && x.length <= max && x.every(valid);
