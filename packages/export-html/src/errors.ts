import { UserError } from '@dlexam/types';
/** Every failure of the HTML exporter: bad input, a TeX formula KaTeX rejects, no Chromium for PDF. */
export class HtmlExportError extends UserError {
  override name = 'HtmlExportError';
}
