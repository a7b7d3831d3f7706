export { main, VERSION } from './main.js';
export { registry } from './catalog.js';
export { variantAsText } from './text.js';
export {
  renderFormats,
  writeFormats,
  examJsonChunks,
  type StreamedFile,
  FORMATS,
  type Format,
  type RenderOptions,
  type RenderStep,
} from './formats.js';
export {
  writeFilesAtomically,
  ensureWritableDir,
  processIo,
  type Io,
  type OutputFile,
} from './io.js';
export {
  OutputSet,
  recoverOutput,
  examFingerprint,
  MANIFEST_SCHEMA,
  type OutputSetOptions,
} from './output-set.js';
