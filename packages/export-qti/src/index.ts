export {
  toQtiZip,
  toQtiFiles,
  toQtiAssessmentXml,
  toQtiManifestXml,
  type QtiOptions,
  qtiZipChunks,
  type RawDeflate,
  type RawDeflateStream,
  type EntryCrc32,
  type QtiFile,
} from './package.js';
export { QtiExportError } from './errors.js';
export { richTextToHtml, type MathStyle } from './html.js';
export {
  acceptedNumberStrings,
  withoutBrackets,
  MAX_ACCEPTED_STRINGS_PER_BLANK,
  type CanvasQuestionType,
} from './items.js';
