export { main, VERSION } from './main.js';
export { registry } from './catalog.js';
export { variantAsText } from './text.js';
export {
  renderFormats,
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
