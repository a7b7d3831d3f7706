import type { Exam, ExamSource } from '@dlexam/types';
import { answerKeyCsvChunks } from './csv.js';
import {
  renderAnswerKeyChunks,
  renderSolutionsChunks,
  resolveOptions,
  sourceOf,
  studentCopyHtml,
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
  exam: Exam | ExamSource,
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
 * one student copy at a time, and the answer key, its CSV and the solutions booklet one version at
 * a time, however many versions there are. The same paths and bytes as `toHtmlFiles`. Given an
 * `ExamSource`, each document materialises one version at a time (four passes over the exam).
 */
export function* htmlFileStream(
  exam: Exam | ExamSource,
  options?: HtmlExportOptions & { assets?: OutputFile[] },
): Generator<HtmlFilePart, void, undefined> {
  const slug = exam && ('header' in exam ? exam.header?.slug : exam.slug);
  if (
    typeof slug !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(slug) ||
    slug.includes('..')
  ) {
    throw new HtmlExportError(`exam slug ${JSON.stringify(slug)} is not a safe folder name`);
  }
  const dir = slug;
  const opts = { ...options, katexHref: 'katex/katex.min.css' };
  const src = sourceOf(exam);
  const resolved = resolveOptions(opts);
  for (let v = 0; v < src.versionCodes.length; v++) {
    const version = src.version(v);
    yield {
      path: `${dir}/version-${version.code}.html`,
      content: studentCopyHtml(src.header, version, resolved),
    };
  }
  yield { path: `${dir}/answer-key.html`, content: renderAnswerKeyChunks(src, opts) };
  yield { path: `${dir}/answer-key.csv`, content: answerKeyCsvChunks(src) };
  yield { path: `${dir}/solutions.html`, content: renderSolutionsChunks(src, opts) };
  // A browser passes the KaTeX files its bundler provides; Node reads them from the katex package.
  for (const asset of options?.assets ?? katexAssets())
    yield { path: `${dir}/${asset.path}`, content: asset.content };
}
