import type { Exam } from '@dlexam/types';
import { answerKeyCsv } from './csv.js';
import {
  renderAnswerKey,
  renderSolutionsChunks,
  renderStudentCopy,
  type HtmlExportOptions,
} from './documents.js';
import { HtmlExportError } from './errors.js';
import { katexAssets, type OutputFile } from './katex-assets.js';

/**
 * Every file `dlexam export --format html` writes into `out/`, under `<slug>/`: one student copy per
 * version, the answer key (HTML and CSV), the solutions booklet and the KaTeX stylesheet and fonts,
 * so each exam folder renders offline on its own. In a browser, pass `assets` (the KaTeX css and
 * fonts from your bundler); without them it reads the katex package, which needs Node.
 */
export function toHtmlFiles(
  exam: Exam,
  options?: HtmlExportOptions & { assets?: OutputFile[] },
): OutputFile[] {
  return [...htmlFileStream(exam, options)].map((f) => ({
    path: f.path,
    content:
      typeof f.content === 'string' || f.content instanceof Uint8Array
        ? f.content
        : [...f.content].join(''),
  }));
}

/** A file of `htmlFileStream`: its content whole, or (the solutions booklet) in pieces. */
export interface HtmlFilePart {
  path: string;
  content: string | Uint8Array | Iterable<string>;
}

/**
 * `toHtmlFiles` one file at a time, each rendered when the caller asks for the next: a writer holds
 * one student copy at a time, and the solutions booklet one version at a time, however many
 * versions there are. The same paths and bytes as `toHtmlFiles`.
 */
export function* htmlFileStream(
  exam: Exam,
  options?: HtmlExportOptions & { assets?: OutputFile[] },
): Generator<HtmlFilePart, void, undefined> {
  if (
    !exam ||
    typeof exam.slug !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(exam.slug) ||
    exam.slug.includes('..')
  ) {
    throw new HtmlExportError(`exam slug ${JSON.stringify(exam?.slug)} is not a safe folder name`);
  }
  const dir = exam.slug;
  const opts = { ...options, katexHref: 'katex/katex.min.css' };
  for (const v of exam.versions ?? [])
    yield { path: `${dir}/version-${v.code}.html`, content: renderStudentCopy(exam, v, opts) };
  yield { path: `${dir}/answer-key.html`, content: renderAnswerKey(exam, opts) };
  yield { path: `${dir}/answer-key.csv`, content: answerKeyCsv(exam) };
  yield { path: `${dir}/solutions.html`, content: renderSolutionsChunks(exam, opts) };
  // A browser passes the KaTeX files its bundler provides; Node reads them from the katex package.
  for (const asset of options?.assets ?? katexAssets())
    yield { path: `${dir}/${asset.path}`, content: asset.content };
}
