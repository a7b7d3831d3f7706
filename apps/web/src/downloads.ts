import { answerKeyCsv, toHtmlFiles } from '@dlexam/export-html';
import { toMoodleXml } from '@dlexam/export-moodle';
import { toQtiZip } from '@dlexam/export-qti';
import type { Exam } from '@dlexam/types';
import { strToU8, zipSync } from 'fflate';

/**
 * The builder's downloads, rendered by the exporter packages. This module runs in the export
 * worker (`export-worker.ts`), so a large exam (500 versions) never freezes the page.
 */

export type DownloadFormat = 'moodle' | 'qti' | 'html' | 'csv';

/** KaTeX's stylesheet and fonts for the HTML zip (fetched on the page, see `katex-files.ts`). */
export type KatexFiles = { path: string; content: string | Uint8Array }[];

export interface DownloadRequest {
  format: DownloadFormat;
  exam: Exam;
  /** `html` only. */
  katex?: KatexFiles;
}

export interface DownloadFile {
  name: string;
  content: string | Uint8Array;
  type: string;
}

export function renderDownload({ format, exam, katex }: DownloadRequest): DownloadFile {
  switch (format) {
    case 'moodle':
      return {
        name: `${exam.slug}.moodle.xml`,
        content: toMoodleXml(exam),
        type: 'application/xml',
      };
    case 'qti':
      return { name: `${exam.slug}.qti.zip`, content: toQtiZip(exam), type: 'application/zip' };
    case 'csv':
      return { name: `${exam.slug}-answer-key.csv`, content: answerKeyCsv(exam), type: 'text/csv' };
    case 'html': {
      if (!katex) throw new Error('the printable HTML zip needs the KaTeX files');
      const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
      for (const f of toHtmlFiles(exam, { assets: katex }))
        entries[f.path] = [
          typeof f.content === 'string' ? strToU8(f.content) : f.content,
          { mtime: new Date(1980, 0, 1) },
        ];
      return { name: `${exam.slug}-html.zip`, content: zipSync(entries), type: 'application/zip' };
    }
    default:
      throw new Error(`unknown download format '${String(format)}'`);
  }
}
