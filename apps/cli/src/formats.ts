import { isExamSource, sourceVersions, type Exam, type ExamSource } from '@dlexam/types';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
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

/**
 * One QTI zip entry compressed as it is written (`QtiOptions.deflateStream`, handed a quarter
 * megabyte at a time): each piece is deflated on its own and sync-flushed, so the pieces join into
 * one raw DEFLATE stream (Node has no synchronous incremental zlib; a fresh window per piece costs
 * ~0.2 % in size). An entry of one piece gets the bytes `deflateRawNode` gives.
 */
const deflateRawStreamNode = () => (data: Uint8Array, final: boolean) =>
  deflateRawSync(data, {
    level: 1,
    finishFlush: final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
  });

/** Renders the exam in every asked format, in memory. */
export async function renderFormats(
  exam: Exam | ExamSource,
  formats: readonly Format[],
  opts: RenderOptions,
): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await writeFormats(exam, formats, opts, (f) => {
    const c = f.content;
    files.push({
      path: f.path,
      content: typeof c === 'string' || c instanceof Uint8Array ? c : joinPieces(c),
    });
  });
  return files;
}

/** A file's pieces as one string, or one byte array when they are bytes. */
function joinPieces(pieces: Iterable<string | Uint8Array>): string | Uint8Array {
  const all = [...pieces];
  if (all.every((p) => typeof p === 'string')) return all.join('');
  return Buffer.concat(all.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

/** A file `writeFormats` hands out: whole, or in pieces for the writer to stream. */
export interface StreamedFile {
  path: string;
  content: string | Uint8Array | Iterable<string | Uint8Array>;
}

/**
 * The exam JSON in pieces, one version at a time: the same bytes as
 * `JSON.stringify({ schema, ...exam }, null, 2) + '\n'`, without one string of the whole exam.
 * Given an `ExamSource`, each version is materialised when its turn comes and `versions` follows
 * `slots` (the key order of an assembled exam).
 */
export function* examJsonChunks(exam: Exam | ExamSource): Generator<string, void, undefined> {
  const MARK = '\u0000versions\u0000';
  let head: Record<string, unknown>;
  let versions: Iterable<Exam['versions'][number]>;
  let count: number;
  if (isExamSource(exam)) {
    head = { schema: EXAM_JSON_SCHEMA };
    for (const [key, value] of Object.entries(exam.header)) {
      head[key] = value;
      if (key === 'slots') head.versions = MARK;
    }
    versions = sourceVersions(exam);
    count = exam.versionCodes.length;
  } else {
    head = { schema: EXAM_JSON_SCHEMA, ...exam, versions: MARK };
    versions = exam.versions;
    count = exam.versions.length;
  }
  const whole = JSON.stringify(head, null, 2);
  const at = whole.indexOf(JSON.stringify(MARK));
  yield whole.slice(0, at);
  if (!count) yield '[]';
  else {
    let i = 0;
    for (const v of versions)
      // An array item at depth 2 of a two-space indent; JSON strings hold no raw newline.
      yield (i++ ? ',\n    ' : '[\n    ') + JSON.stringify(v, null, 2).replaceAll('\n', '\n    ');
  }
  if (count) yield '\n  ]';
  yield whole.slice(at + JSON.stringify(MARK).length) + '\n';
}

/** Lets signal handlers and pending writes run between files. */
const yieldToLoop = () => new Promise<void>((done) => setImmediate(done));

/**
 * Renders the exam in every asked format and hands each file to `write` as soon as it is ready
 * (awaiting it), so a caller that writes them to disk holds one file at a time. Given an
 * `ExamSource` (`assembleExamSource`), JSON and HTML hold one version at a time.
 */
export async function writeFormats(
  source: Exam | ExamSource,
  formats: readonly Format[],
  opts: RenderOptions,
  write: (file: StreamedFile) => void | Promise<void>,
): Promise<void> {
  const files = {
    async push(...fs: StreamedFile[]) {
      for (const f of fs) {
        await write(f);
        await yieldToLoop();
      }
    },
  };
  const header = isExamSource(source) ? source.header : source;
  for (const f of formats) {
    opts.onProgress?.({ format: f });
    switch (f) {
      case 'json':
        await files.push({
          path: `${header.slug}.exam.json`,
          content: examJsonChunks(source),
        });
        break;
      case 'moodle': {
        // Each exporter is loaded only when its format is asked for.
        const { moodleXmlChunks } = await import('@dlexam/export-moodle');
        // Written question by question, each question materialised when its turn comes.
        await files.push({
          path: `${header.slug}.moodle.xml`,
          content: moodleXmlChunks(source, { mode: opts.mode }),
        });
        break;
      }
      case 'qti': {
        const { qtiZipChunks } = await import('@dlexam/export-qti');
        await files.push({
          path: `${header.slug}.qti.zip`,
          content: qtiZipChunks(source, {
            mode: opts.mode === 'plain' ? 'plain' : 'groups',
            // Node's zlib instead of the package's pure-JS fflate: several times faster on large
            // exams, and the same bytes on every run for a given Node. Level 1: fastest measured
            // (level 3: ~10 % more deflate time for a 5 % smaller zip; level 6: 2.5× the time).
            deflate: deflateRawNode,
            crc32,
            deflateStream: deflateRawStreamNode,
          }),
        });
        break;
      }
      case 'html': {
        const { htmlFileStream } = await import('@dlexam/export-html');
        // One file at a time, the solutions booklet one version at a time.
        if (!formats.includes('pdf'))
          for (const file of htmlFileStream(source, {
            paper: opts.paper,
            showSeed: opts.showSeed ?? false,
          }))
            await files.push(file);
        break;
      }
      case 'pdf': {
        const { toHtmlFiles } = await import('@dlexam/export-html');
        // PDF needs a local Chromium; loaded only when asked for, with a clear error when absent.
        const html = toHtmlFiles(source, { paper: opts.paper, showSeed: opts.showSeed ?? false });
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
