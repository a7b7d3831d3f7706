/**
 * What the GRU and LSTM step templates share: their sizes and grids, the parameter specs of the
 * sizes, the input and the asked unit, and each cell's per-gate weights described once as an
 * ordered list of names and roles, from which the schema, the sampler and the shape and grid checks
 * are derived.
 */
import { param, record, type JsonSchema, type Rng } from '@dlexam/generator';
import type { Matrix, Vector } from '@dlexam/math';
import {
  ANSWER_DECIMALS,
  grid,
  gridMatrix,
  gridVector,
  hasLength,
  isGridMatrix,
  isGridVector,
  isShape,
  ordinal,
  validMatrix,
  validVector,
} from '../shared.js';

/** Exercise-size limits of the validity (a stem shows every matrix). */
const MAX_HIDDEN = 3;
const MAX_INPUT = 3;

/** Weights, biases and states are drawn as multiples of 0.5 in [−1, 1], inputs as integers. */
export const W = grid(-1, 1, 0.5);
export const X = grid(-2, 2, 1);

/** A weight of a cell: an input weight (H×I), a recurrent weight (H×H) or a bias (H). */
type WeightRole = 'input' | 'recurrent' | 'bias';
/** A cell's weights by name and role, in the order the stem, the schema and the sampler use. */
export type CellWeights = readonly (readonly [name: string, role: WeightRole])[];

const schemaOf = (role: WeightRole): JsonSchema =>
  role === 'input'
    ? validMatrix(MAX_HIDDEN, MAX_INPUT)
    : role === 'recurrent'
      ? validMatrix(MAX_HIDDEN, MAX_HIDDEN)
      : validVector(MAX_HIDDEN);

/** The schema of a cell's `weights` parameter: every weight, each up to the size limits. */
export const weightsSchema = (weights: CellWeights): JsonSchema =>
  record(Object.fromEntries(weights.map(([name, role]) => [name, schemaOf(role)])));

/** The parameter specs every gated cell step has, in their order around `weights` and the states. */
export const SIZE_PARAMS = {
  hiddenSize: param.int('hidden size H', [1, 2], { min: 1, max: MAX_HIDDEN }),
  inputSize: param.int('input size I', [1, 2], { min: 1, max: MAX_INPUT }),
};
export const INPUT_PARAM = param.json(
  'input x_t (I) (drawn as integers in [-2, 2])',
  [1],
  validVector(MAX_INPUT),
);
export const UNIT_PARAM = param.int('0-based component asked', [0, 1], {
  min: 0,
  max: MAX_HIDDEN - 1,
});
/** The validity of a previous state h_{t−1} or c_{t−1}. */
export const STATE_SCHEMA = validVector(MAX_HIDDEN);

/** The activation (its own random stream: a seed that draws tanh keeps its question), H and I. */
export function sampleSizes(rng: Rng): {
  activation: 'tanh' | 'relu';
  hiddenSize: number;
  inputSize: number;
} {
  const activation = rng.child('activation').bool(0.2) ? 'relu' : 'tanh';
  const hiddenSize = rng.int(1, 2);
  const inputSize = rng.int(1, 2);
  return { activation, hiddenSize, inputSize };
}

/** Every weight of a cell drawn on the grid `W`, in the list's order. */
export function sampleWeights(
  rng: Rng,
  weights: CellWeights,
  hiddenSize: number,
  inputSize: number,
): Record<string, Matrix | Vector> {
  const drawn: Record<string, Matrix | Vector> = {};
  for (const [name, role] of weights)
    drawn[name] =
      role === 'bias'
        ? gridVector(rng, hiddenSize, W)
        : gridMatrix(rng, hiddenSize, role === 'input' ? inputSize : hiddenSize, W);
  return drawn;
}

/** True when `w` holds exactly the cell's weights, each of the shape H and I state. */
export function weightsFit(w: unknown, weights: CellWeights, H: number, I: number): boolean {
  if (!w || typeof w !== 'object' || Object.keys(w).length !== weights.length) return false;
  const given = w as Record<string, unknown>;
  return weights.every(([name, role]) =>
    role === 'bias' ? hasLength(given[name], H) : isShape(given[name], H, role === 'input' ? I : H),
  );
}

/** True when `w` holds exactly the cell's weights, each on the grid `W`. */
export function weightsOnGrid(w: unknown, weights: CellWeights, H: number, I: number): boolean {
  if (!w || typeof w !== 'object' || Object.keys(w).length !== weights.length) return false;
  const given = w as Record<string, unknown>;
  return weights.every(([name, role]) =>
    role === 'bias'
      ? isGridVector(given[name], H, W)
      : isGridMatrix(given[name], H, role === 'input' ? I : H, W),
  );
}

/**
 * Trivial (numeric, single): the asked entry `real` is 0 at the asked precision, or it equals
 * `blind`, the same entry with the input and the previous state(s) all zero.
 */
export function trivialEntry(real: number, blind: number, states: string): string | null {
  if (Math.abs(real) < 5e-4) return 'the asked entry is 0';
  if (Math.abs(real - blind) < 1e-12)
    return `the asked entry does not depend on the input or the previous ${states}`;
  return null;
}

/** Data of the wording sources (plain `{{name}}` only, so they render as a join). */
export const cellWords = (H: number, unit: number) => ({
  H,
  units: H === 1 ? 'unit' : 'units',
  places: ANSWER_DECIMALS,
  ord: ordinal(unit),
});
