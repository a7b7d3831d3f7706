import type { TableCellSpec } from '@dlexam/generator';

/**
 * A grid of numbers as a table answer: a header of `column 1 … column n` over a blank corner, and
 * one row per grid row, labelled `row i`, of numeric cells at `decimals`.
 */
export function gridTable(
  grid: readonly (readonly number[])[],
  decimals: number,
): { header: string[]; rows: TableCellSpec[][] } {
  return {
    header: ['', ...(grid[0] ?? []).map((_, j) => `column ${j + 1}`)],
    rows: grid.map((r, i) => [
      { type: 'text', text: `row ${i + 1}` },
      ...r.map((v): TableCellSpec => ({ type: 'numeric', value: v, decimals })),
    ]),
  };
}
