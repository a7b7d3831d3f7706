import { toHtmlFiles } from '@dlexam/export-html';
import { toMoodleXml } from '@dlexam/export-moodle';
import { toQtiZip } from '@dlexam/export-qti';
import type { Exam } from '@dlexam/types';
import { crc32, deflateRawSync } from 'node:zlib';
import type { OutputFile } from './io.js';

import { FORMATS, type Format } from './help.js';

export { FORMATS, type Format };

export interface RenderOptions {
  /** `categories`: one Moodle category / Canvas question group per slot; `plain`: fixed versions. */
  mode: 'categories' | 'plain';
  paper: 'a4' | 'letter';
  /** Print the exam seed in the answer key and solutions (default: the exam JSON only). */
  showSeed?: boolean;
  /**
   * Called as rendering goes: once per format before it starts, and for PDF once per printed
   * file (`done` of `total`), since printing takes a browser's time per version.
   */
  onProgress?: (step: RenderStep) => void;
}

/** A step of `renderFormats` (see `RenderOptions.onProgress`). */
export interface RenderStep {
  format: Format;
  /** PDF only: files printed so far, and how many there are. */
  done?: number;
  total?: number;
}

export const EXAM_JSON_SCHEMA = 'dlexam.exam/1';

/** Raw DEFLATE of one QTI zip entry with Node's zlib (`QtiOptions.deflate`). */
const deflateRawNode = (data: Uint8Array): Uint8Array => deflateRawSync(data, { level: 1 });

/** Renders the exam in every asked format, in memory. */
export async function renderFormats(
  exam: Exam,
  formats: readonly Format[],
  opts: RenderOptions,
): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await writeFormats(exam, formats, opts, (f) => void files.push(f));
  return files;
}

/** Lets signal handlers and pending writes run between files. */
const yieldToLoop = () => new Promise<void>((done) => setImmediate(done));

/**
 * Renders the exam in every asked format and hands each file to `write` as soon as it is ready
 * (awaiting it), so a caller that writes them to disk holds one file at a time.
 */
export async function writeFormats(
  exam: Exam,
  formats: readonly Format[],
  opts: RenderOptions,
  write: (file: OutputFile) => void | Promise<void>,
): Promise<void> {
  const files = {
    async push(...fs: OutputFile[]) {
      for (const f of fs) {
        await write(f);
        await yieldToLoop();
      }
    },
  };
  for (const f of formats) {
    opts.onProgress?.({ format: f });
    switch (f) {
      case 'json':
        await files.push({
          path: `${exam.slug}.exam.json`,
          content: JSON.stringify({ schema: EXAM_JSON_SCHEMA, ...exam }, null, 2) + '\n',
        });
        break;
      case 'moodle':
        await files.push({
          path: `${exam.slug}.moodle.xml`,
          content: toMoodleXml(exam, { mode: opts.mode }),
        });
        break;
      case 'qti':
        await files.push({
          path: `${exam.slug}.qti.zip`,
          content: toQtiZip(exam, {
            mode: opts.mode === 'plain' ? 'plain' : 'groups',
            // Node's zlib instead of the package's pure-JS fflate: several times faster on large
            // exams, and the same bytes on every run for a given Node. Level 1: fastest measured
            // (level 3: ~10 % more deflate time for a 5 % smaller zip; level 6: 2.5× the time).
            deflate: deflateRawNode,
            crc32,
          }),
        });
        break;
      case 'html':
        if (!formats.includes('pdf'))
          await files.push(
            ...toHtmlFiles(exam, { paper: opts.paper, showSeed: opts.showSeed ?? false }),
          );
        break;
      case 'pdf': {
        // PDF needs a local Chromium; loaded only when asked for, with a clear error when absent.
        const html = toHtmlFiles(exam, { paper: opts.paper, showSeed: opts.showSeed ?? false });
        // The HTML set when asked for; otherwise at least its CSV answer key beside the PDFs.
        await files.push(
          ...(formats.includes('html') ? html : html.filter((x) => x.path.endsWith('.csv'))),
        );
        const { openPdfPrinter } = await import('@dlexam/export-html/pdf');
        const printer = await openPdfPrinter();
        try {
          const pages = html.filter((x) => x.path.endsWith('.html'));
          for (const [i, file] of pages.entries()) {
            opts.onProgress?.({ format: 'pdf', done: i, total: pages.length });
            await files.push({
              path: file.path.replace(/\.html$/, '.pdf'),
              content: await printer.print(file.content as string, { paper: opts.paper }),
            });
          }
          opts.onProgress?.({ format: 'pdf', done: pages.length, total: pages.length });
        } finally {
          await printer.close();
        }
        break;
      }
    }
  }
}
