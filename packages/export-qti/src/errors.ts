import { checkXmlText as check } from '@dlexam/markup';
import { UserError } from '@dlexam/types';
/** Thrown when an exam holds something Canvas QTI cannot express faithfully. */
export class QtiExportError extends UserError {
  override name = 'QtiExportError';
}

const qtiError = (message: string) => new QtiExportError(message);

/**
 * Throws a `QtiExportError` naming `where` if `text` holds a character XML 1.0 forbids (control
 * characters, lone surrogates, U+FFFE/U+FFFF), instead of writing a file no parser reads.
 */
export function checkXmlText(text: string, where: string): string {
  return check(text, where, qtiError);
}

/**
 * An attribute value: checked like text, and with tabs and line breaks turned into spaces, since
 * XML attribute-value normalization would turn them into spaces on import anyway.
 */
export function attrText(text: string, where: string): string {
  return checkXmlText(text, where).replace(/[\t\n\r]/g, ' ');
}
