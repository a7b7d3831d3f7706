/**
 * Small dense tensors as plain nested arrays. Exam-sized data (a 5×5 image, a 3-unit RNN) is tiny,
 * so clarity beats speed here; every function checks shapes and throws on a mismatch.
 */

export type Vector = number[];
export type Matrix = number[][];

export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function shapeOf(m: Matrix): [number, number] {
  const rows = m.length;
  const cols = rows ? (m[0] as Vector).length : 0;
  for (const r of m) if (r.length !== cols) throw new ShapeError('ragged matrix');
  return [rows, cols];
}

export function transpose(m: Matrix): Matrix {
  const [r, c] = shapeOf(m);
  return Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => m[i]![j]!));
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  const [ar, ac] = shapeOf(a);
  const [br, bc] = shapeOf(b);
  if (ac !== br) throw new ShapeError(`matmul: (${ar}×${ac}) · (${br}×${bc})`);
  const out = zeros(ar, bc);
  for (let i = 0; i < ar; i++)
    for (let k = 0; k < ac; k++) {
      const aik = a[i]![k]!;
      for (let j = 0; j < bc; j++) out[i]![j]! += aik * b[k]![j]!;
    }
  return out;
}

export function matvec(m: Matrix, v: Vector): Vector {
  const [r, c] = shapeOf(m);
  if (c !== v.length) throw new ShapeError(`matvec: (${r}×${c}) · (${v.length})`);
  return m.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
}

/** `Σ_j a[j]·b[j]`, summed from 0 in index order (the order `matvec` and `matmul` add in). */
export function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new ShapeError(`dot: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

export function outer(a: Vector, b: Vector): Matrix {
  return a.map((x) => b.map((y) => x * y));
}

/** `f(a[i], b[i])` for every i, for vectors of one length (a ShapeError otherwise). */
export function zipWith(a: Vector, b: Vector, f: (x: number, y: number) => number): Vector {
  if (a.length !== b.length) throw new ShapeError(`elementwise: ${a.length} vs ${b.length}`);
  // (b[i] is always there: the lengths match.)
  return a.map((x, i) => f(x, b[i] ?? Number.NaN));
}

export const addVec = (a: Vector, b: Vector): Vector => zipWith(a, b, (x, y) => x + y);
export const subVec = (a: Vector, b: Vector): Vector => zipWith(a, b, (x, y) => x - y);
export const mulVec = (a: Vector, b: Vector): Vector => zipWith(a, b, (x, y) => x * y);
export const scaleVec = (a: Vector, k: number): Vector => a.map((x) => x * k);

function zipMat(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const [ar, ac] = shapeOf(a);
  const [br, bc] = shapeOf(b);
  if (ar !== br || ac !== bc) throw new ShapeError(`elementwise: (${ar}×${ac}) vs (${br}×${bc})`);
  return a.map((row, i) => row.map((x, j) => f(x, b[i]![j]!)));
}

export const addMat = (a: Matrix, b: Matrix): Matrix => zipMat(a, b, (x, y) => x + y);
export const subMat = (a: Matrix, b: Matrix): Matrix => zipMat(a, b, (x, y) => x - y);
/** Hadamard (elementwise) product. */
export const mulMat = (a: Matrix, b: Matrix): Matrix => zipMat(a, b, (x, y) => x * y);
export const scaleMat = (a: Matrix, k: number): Matrix => a.map((r) => r.map((x) => x * k));
export const mapMat = (a: Matrix, f: (x: number, i: number, j: number) => number): Matrix =>
  a.map((r, i) => r.map((x, j) => f(x, i, j)));

export const sum = (v: Vector): number => v.reduce((s, x) => s + x, 0);
export const mean = (v: Vector): number => {
  if (!v.length) throw new ShapeError('mean of an empty vector');
  return sum(v) / v.length;
};
export function argmax(v: Vector): number {
  if (!v.length) throw new ShapeError('argmax of an empty vector');
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}
export const norm2 = (v: Vector): number => Math.sqrt(dot(v, v));
