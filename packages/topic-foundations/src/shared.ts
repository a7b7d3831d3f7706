/** A shape tuple as NumPy/PyTorch print it: `(16, 1)`, `(50,)`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
