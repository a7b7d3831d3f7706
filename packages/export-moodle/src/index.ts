export {
  toMoodleXml,
  variantsToMoodleXml,
  moodleXmlChunks,
  variantsToMoodleXmlChunks,
  variantIdNumber,
  type MoodleOptions,
  type AnswerNumbering,
} from './moodle.js';
export { MoodleExportError } from './errors.js';
export { richTextToHtml, richTextToInlineHtml, plainTextToHtml, escapeHtml } from './html.js';
export { clozeText } from './cloze.js';
export { MOODLE_FRACTIONS, moodleFraction } from './fractions.js';
