import type { Exam } from '@dlexam/types';

/**
 * The builder's downloads, rendered by the exporter packages. This module runs in the export
 * worker (`export-worker.ts`), so a large exam (500 versions) never freezes the page. Each format
 * loads its own exporter: only the printable HTML and the answer key bring KaTeX.
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

export async function renderDownload({
  format,
  exam,
  katex,
}: DownloadRequest): Promise<DownloadFile> {
  switch (format) {
    case 'moodle': {
      const { toMoodleXml } = await import('@dlexam/export-moodle');
      return {
        name: `${exam.slug}.moodle.xml`,
        content: toMoodleXml(exam),
        type: 'application/xml',
      };
    }
    case 'qti': {
      const { toQtiZip } = await import('@dlexam/export-qti');
      return { name: `${exam.slug}.qti.zip`, content: toQtiZip(exam), type: 'application/zip' };
    }
    case 'csv': {
      const { answerKeyCsv } = await import('@dlexam/export-html');
      return { name: `${exam.slug}-answer-key.csv`, content: answerKeyCsv(exam), type: 'text/csv' };
    }
    case 'html': {
      if (!katex) throw new Error('the printable HTML zip needs the KaTeX files');
      const [{ toHtmlFiles }, { strToU8, zipSync }] = await Promise.all([
        import('@dlexam/export-html'),
        import('fflate'),
      ]);
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
