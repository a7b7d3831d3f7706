import { DlexamError } from '@dlexam/generator';

/**
 * Bad input to `analyze`: a results file from another exam, a missing column, an unknown layout.
 * The message names the file, the line (when there is one) and what was expected; apps print it as
 * one line and exit with code 2.
 */
export class AnalyzeError extends DlexamError {
  override name = 'AnalyzeError';
  constructor(message: string, file: string, line?: number) {
    super(message, line === undefined ? file : `${file} line ${line}`);
  }
}
