export { HtmlExportError } from './errors.js';
export { richTextToHtml } from './rich-text-html.js';
export {
  renderStudentCopy,
  renderAnswerKey,
  renderAnswerKeyChunks,
  renderSolutions,
  renderSolutionsChunks,
  renderQuestions,
  type HtmlExportOptions,
  type RenderQuestionOptions,
} from './documents.js';
export { answerKeyCsv, answerKeyCsvChunks } from './csv.js';
export { matchingLetters } from './answers.js';
export { katexAssets, type OutputFile } from './katex-assets.js';
export { toHtmlFiles, htmlFileStream, type HtmlFilePart } from './files.js';
export { type Paper } from './styles.js';
