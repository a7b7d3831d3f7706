/**
 * Helpers shared by the sequence-model templates: sampling small matrices on a grid, validating
 * json-typed matrix parameters, and formatting vectors for stems and solutions.
 */
import {
  GenerationError,
  NUMERIC_CHOICE_OPTIONS,
  intIn,
  listOf,
  numberIn,
  type JsonSchema,
  stepValue,
  type NumericDistractor,
  type OptionSpec,
  type Params,
  type Rng,
  type TableCellSpec,
  type Template,
} from '@dlexam/generator';
import { richTextToPlain, type QuestionKind } from '@dlexam/types';
import {
  formatFixed,
  roundTo,
  texMatrix,
  texNumber,
  texVector,
  type Matrix,
  type Vector,
} from '@dlexam/math';

/** Decimals every non-integer answer of this package is rounded to (stated in each stem). */
export const ANSWER_DECIMALS = 3;

/** A grid of parameter values: the multiples of `step` in [min, max]. */
export interface Grid {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Every grid value in increasing order, computed once without binary noise. */
  readonly values: readonly number[];
  /** TeX of matrices and vectors on this grid: per shape, keyed by value indices (see `texGrid`). */
  readonly tex: Map<number, string>[];
}

/**
 * A grid of multiples of `step` in [min, max]. Its values are those `rng.stepped(min, max, step)`
 * returns (exact decimal scaling, no −0), so drawing an index into `values` gives the same value
 * from the same random number as `rng.stepped`.
 */
export function grid(min: number, max: number, step: number): Grid {
  const n = Math.round((max - min) / step);
  const values: number[] = [];
  for (let k = 0; k <= n; k++) values.push(stepValue(min, step, k));
  return { min, max, step, values, tex: [] };
}

/** Validity of a pinned weight, bias, input or state entry: any number in [−10, 10] with at most 3 decimals. */
const VALID_ENTRY = numberIn(-10, 10, 0.001);
/** The validity of a pinned matrix of up to `rows` × `cols` entries, and of a vector of up to `n`. */
export const validMatrix = (rows: number, cols: number): JsonSchema =>
  listOf(listOf(VALID_ENTRY, 1, cols), 1, rows);
export const validVector = (n: number): JsonSchema => listOf(VALID_ENTRY, 1, n);

/** True when `m` is a `rows` × `cols` array of arrays (its entries are the schema's to check). */
export const isShape = (m: unknown, rows: number, cols: number): boolean =>
  Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols);
/** True when `v` is an array of length `n`. */
export const hasLength = (v: unknown, n: number): boolean => Array.isArray(v) && v.length === n;

/** A numeric table cell graded at `decimals`. */
export const numericCell = (value: number, decimals: number): TableCellSpec => ({
  type: 'numeric',
  value,
  decimals,
});
/** A table row: the text `label`, then a numeric cell graded at `decimals` per value. */
export const labelledRow = (
  label: string,
  values: readonly number[],
  decimals: number,
): TableCellSpec[] => [
  { type: 'text', text: label },
  ...values.map((v) => numericCell(v, decimals)),
];

/** The JSON Schema of a value on a grid, and of a vector of up to `n` of them. */
export const gridSchema = (g: Grid): JsonSchema =>
  g.step === 1 ? intIn(g.min, g.max) : numberIn(g.min, g.max, g.step);
export const gridVectorSchema = (g: Grid, n: number): JsonSchema => listOf(gridSchema(g), 1, n);

export function gridMatrix(rng: Rng, rows: number, cols: number, g: Grid): Matrix {
  const m: Matrix = [];
  for (let r = 0; r < rows; r++) m.push(gridVector(rng, cols, g));
  return m;
}

export function gridVector(rng: Rng, n: number, g: Grid): Vector {
  const v: Vector = [];
  for (let k = 0; k < n; k++) v.push(rng.choice(g.values));
  return v;
}

const onGrid = (x: unknown, g: Grid): boolean =>
  typeof x === 'number' &&
  Number.isFinite(x) &&
  x >= g.min - 1e-12 &&
  x <= g.max + 1e-12 &&
  Math.abs((x - g.min) / g.step - Math.round((x - g.min) / g.step)) < 1e-9;

/** True when `v` is an n-vector of values on grid `g`. */
export function isGridVector(v: unknown, n: number, g: Grid): v is Vector {
  if (!Array.isArray(v) || v.length !== n) return false;
  for (const x of v) if (!onGrid(x, g)) return false;
  return true;
}

/** True when `m` is a rows × cols matrix of values on grid `g`. */
export function isGridMatrix(m: unknown, rows: number, cols: number, g: Grid): m is Matrix {
  if (!Array.isArray(m) || m.length !== rows) return false;
  for (const r of m) if (!isGridVector(r, cols, g)) return false;
  return true;
}

/**
 * A single-choice variant of a numeric answer needs `NUMERIC_CHOICE_OPTIONS − 1` distractors that
 * stay distinct from each other and from the answer once rounded to `decimals`; otherwise the
 * generator rejects the attempt and draws new parameters. This check runs before the stem and
 * solution are written, so such an attempt costs less. It is looser than the generator's (it
 * drops only values exactly equal to the answer, and counts distinct rounded values), so it
 * rejects only attempts the generator would reject anyway: the variants are unchanged.
 */
export function assertSingleChoicePossible(
  kind: QuestionKind,
  value: number,
  distractors: readonly NumericDistractor[],
  decimals: number,
): void {
  if (kind !== 'single') return;
  const seen = new Set<number>();
  for (const d of distractors)
    if (Number.isFinite(d.value) && d.value !== value) seen.add(roundTo(d.value, decimals));
  if (seen.size < NUMERIC_CHOICE_OPTIONS - 1)
    throw new GenerationError(
      `at most ${seen.size} distinct distractors; single choice needs ${NUMERIC_CHOICE_OPTIONS - 1}`,
    );
}

/** `1st`, `2nd`… spelled for 1-based component positions in stems. */
export function ordinal(k: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][k] ?? `${k + 1}th`;
}

export const fixed = (x: number, decimals = ANSWER_DECIMALS): string => formatFixed(x, decimals);

/** A parameter matrix in TeX; a 1×1 matrix is written as a plain number. */
export const texM = (m: Matrix): string =>
  m.length === 1 && m[0]!.length === 1 ? texNumber(m[0]![0]!) : texMatrix(m);
/** A parameter vector in TeX; a 1-vector is written as a plain number. */
export const texV = (v: Vector): string => (v.length === 1 ? texNumber(v[0]!) : texVector(v));

const TEX_MEMO_LIMIT = 8192;

/**
 * `texM(m)` (or `texV(m)` for a vector) of a parameter on grid `g`, memoized: parameters repeat
 * across variants. Per shape, the key is the entries' indices in `g.values` read as digits in base
 * `g.values.length` (kept below 2³⁰, a small integer). An entry that is not exactly a grid value (a
 * pinned 0.5000000001, −0), a ragged or a larger matrix is formatted without the memo.
 */
function texGrid(m: Matrix | Vector, g: Grid, matrix: boolean): string {
  const rows = matrix ? m.length : 1;
  const cols = matrix ? ((m[0] as Vector | undefined)?.length ?? 0) : m.length;
  if (rows > 15 || cols > 15) return texPlain(m, matrix);
  const n = g.values.length;
  let key = 0;
  for (let r = 0; r < rows; r++) {
    const row = (matrix ? m[r] : m) as Vector;
    if (row.length !== cols) return texPlain(m, matrix);
    for (const x of row) {
      const i = Math.round((x - g.min) / g.step);
      if (!Object.is(g.values[i], x)) return texPlain(m, matrix);
      key = key * n + i;
      if (key >= 2 ** 30) return texPlain(m, matrix);
    }
  }
  const shape = (rows * 16 + cols) * 2 + (matrix ? 1 : 0);
  const memo = (g.tex[shape] ??= new Map());
  let tex = memo.get(key);
  if (tex === undefined) {
    tex = texPlain(m, matrix);
    if (memo.size >= TEX_MEMO_LIMIT) memo.clear();
    memo.set(key, tex);
  }
  return tex;
}
const texPlain = (m: Matrix | Vector, matrix: boolean): string =>
  matrix ? texM(m as Matrix) : texV(m as Vector);
/** `texM` of a parameter matrix on grid `g` (memoized). */
export const texGridM = (m: Matrix, g: Grid): string => texGrid(m, g, true);
/** `texV` of a parameter vector on grid `g` (memoized). */
export const texGridV = (v: Vector, g: Grid): string => texGrid(v, g, false);

/** A computed vector rounded to `decimals`; a 1-vector as a plain number. */
export const texR = (v: Vector, decimals = ANSWER_DECIMALS): string =>
  v.length === 1 ? formatFixed(v[0]!, decimals) : texVector(v, { decimals });

/**
 * Option feedback is plain text (the CLI and LMS exports show it verbatim), so TeX written in a
 * template's feedback is turned into Unicode here; the tilde is mapped first because the generic
 * TeX-to-Unicode fallback drops it. Feedback sentences are mostly fixed strings, so each distinct
 * one is converted once (bounded memo).
 */
export function plainText(s: string): string {
  let plain = plainMemo.get(s);
  if (plain === undefined) {
    plain = richTextToPlain(s.replace(/\\tilde\s*\{?h\}?/g, 'h̃'));
    if (plainMemo.size >= PLAIN_MEMO_LIMIT) plainMemo.clear();
    plainMemo.set(s, plain);
  }
  return plain;
}
const plainMemo = new Map<string, string>();
const PLAIN_MEMO_LIMIT = 4096;

/** Wraps a template so every distractor's and option's feedback is plain text. */
export function withPlainFeedback<P extends Params>(t: Template<P>): Template<P> {
  return {
    ...t,
    build(p, ctx) {
      const body = t.build(p, ctx);
      const a = body.answer;
      if (a.type === 'numeric') {
        const distractors: NumericDistractor[] = [];
        for (const d of a.distractors) distractors.push({ ...d, feedback: plainText(d.feedback) });
        return { ...body, answer: { ...a, distractors } };
      }
      if (a.type === 'choice') {
        const options: OptionSpec[] = [];
        for (const o of a.options) options.push({ ...o, feedback: plainText(o.feedback) });
        return { ...body, answer: { ...a, options } };
      }
      return body;
    },
  };
}
