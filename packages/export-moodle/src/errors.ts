import { UserError } from '@dlexam/types';
/** Thrown when a variant or exam cannot become a Moodle question that students can answer. */
export class MoodleExportError extends UserError {
  override name = 'MoodleExportError';
}
