import type { Rng } from '@dlexam/generator';

/** `rng.intMatrix(rows, cols, min, max)`: the same draws in the same order, with plain loops. */
export function intMatrix(rng: Rng, rows: number, cols: number, min: number, max: number) {
  const m: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(rng.int(min, max));
    m.push(row);
  }
  return m;
}
