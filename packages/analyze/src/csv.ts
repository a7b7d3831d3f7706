import Papa from 'papaparse';
import { AnalyzeError } from './errors.js';

/** One parsed CSV record with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Parses a whole CSV text with papaparse (quotes, doubled quotes, newlines inside quotes). The
 * delimiter is the one of `,`, `;` or tab that splits the header line most (Excel in many European
 * locales saves with `;`). Every record must have as many cells as the header.
 */
export function parseCsv(text: string, file: string): { header: CsvRow; rows: CsvRow[] } {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const bad = result.errors.find((e) => e.type === 'Quotes' || e.code === 'InvalidQuotes');
  const records = result.data;
  // Line numbers: count the newlines each record spans (quoted cells may hold some).
  const rows: CsvRow[] = [];
  let line = 1;
  for (const cells of records) {
    const start = line;
    for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) line++;
    line++;
    if (cells.length === 1 && cells[0] === '') continue; // blank line (and the trailing newline)
    rows.push({ line: start, cells: cells.map((c) => c.replace(/\r$/, '')) });
  }
  if (bad) {
    const at = rows[bad.row ?? 0]?.line;
    throw new AnalyzeError(
      `malformed CSV (${bad.message.toLowerCase()}); expected an LMS export saved as CSV`,
      file,
      at,
    );
  }
  const header = rows.shift();
  if (!header)
    throw new AnalyzeError('the file is empty; expected a CSV export with a header line', file);
  for (const r of rows)
    if (r.cells.length !== header.cells.length)
      throw new AnalyzeError(
        `${r.cells.length} cells but the header has ${header.cells.length}; expected one cell per column`,
        file,
        r.line,
      );
  return { header, rows };
}

function count(s: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/** Writes CSV the way spreadsheets read it: quotes only when needed, `\n` line ends. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return (
    rows
      .map((r) =>
        r
          .map((c) => {
            const s =
              c === null || c === undefined ? '' : typeof c === 'number' ? formatNumber(c) : c;
            return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(','),
      )
      .join('\n') + '\n'
  );
}

/** Locale-free number text: up to 6 decimals, no trailing zeros, no exponent for usual values. */
export function formatNumber(x: number, decimals = 6): string {
  if (!Number.isFinite(x)) return '';
  const s = x.toFixed(decimals).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
