/** Thrown when a variant or exam cannot become a Moodle question that students can answer. */
export class MoodleExportError extends Error {
  override name = 'MoodleExportError';
}
