import type { Exam } from '@dlexam/types';
import { answerKeyCsv } from './csv.js';
import {
  renderAnswerKey,
  renderSolutions,
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
  if (
    !exam ||
    typeof exam.slug !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(exam.slug) ||
    exam.slug.includes('..')
  ) {
    throw new HtmlExportError(`exam slug ${JSON.stringify(exam?.slug)} is not a safe folder name`);
  }
  const dir = exam.slug;
  const files: OutputFile[] = [];
  const opts = { ...options, katexHref: 'katex/katex.min.css' };
  for (const v of exam.versions ?? []) {
    files.push({
      path: `${dir}/version-${v.code}.html`,
      content: renderStudentCopy(exam, v, opts),
    });
  }
  files.push({ path: `${dir}/answer-key.html`, content: renderAnswerKey(exam, opts) });
  files.push({ path: `${dir}/answer-key.csv`, content: answerKeyCsv(exam) });
  files.push({ path: `${dir}/solutions.html`, content: renderSolutions(exam, opts) });
  // A browser passes the KaTeX files its bundler provides; Node reads them from the katex package.
  for (const asset of options?.assets ?? katexAssets())
    files.push({ path: `${dir}/${asset.path}`, content: asset.content });
  return files;
}
