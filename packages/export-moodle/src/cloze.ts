import { escapeHtml } from './html.js';

/**
 * Cloze (multianswer) embedded answers `{1:NUMERICAL:=6:0#feedback}` / `{1:MULTICHOICE:=a#fb~b#fb}`.
 *
 * Moodle's parser (`qtype_multianswer_extract_question`) ends an answer at an unescaped `~`, `#` or
 * `}` (a `#` right after `&` or `&amp;` does not count), ends feedback at `~` or `}`, reads a
 * leading `=` / `%n%` as the grade, then `html_entity_decode`s the text and only unescapes `\}` and
 * `\#`. Backslash escapes therefore leak (`\~` stays `\~`). Instead we write every special character
 * as an HTML character reference and encode the text twice: Moodle's single decode leaves the
 * HTML-escaped text (`&lt;`, `&#126;` …) that it stores as the answer's HTML, so what it shows is
 * exactly the input.
 */

const CLOZE_SPECIAL: Record<string, string> = {
  '}': '&#125;',
  '{': '&#123;',
  '#': '&#35;',
  '~': '&#126;',
  '\\': '&#92;',
  '=': '&#61;',
  '%': '&#37;',
  ':': '&#58;',
};

/** Text as stored HTML: escaped, with every Cloze-special character as a character reference. */
function storedHtml(text: string): string {
  return escapeHtml(text).replace(/[{}#~\\=%:]/g, (c) => CLOZE_SPECIAL[c] as string);
}

/**
 * Encodes plain text for a Cloze answer or feedback: after Moodle's `html_entity_decode` it is the
 * HTML-escaped text. The result holds no raw `~ } { \ = %` and every `#` directly follows `&amp;`.
 */
export function clozeText(text: string): string {
  // Whitespace runs and newlines are collapsed: Cloze answers live on one line of the question text.
  return storedHtml(text.replace(/\s+/g, ' ').trim()).replace(/&/g, '&amp;');
}

/**
 * A Cloze NUMERICAL part: the correct value with its absolute tolerance, both exact decimals
 * (`numericKey`), worth `weight` marks. Moodle sizes a blank from its longest answer
 * (`qtype_multianswer_textfield_renderer::subquestion`), which would hint at the answer's length;
 * `padWidth` adds a 0 % alternative of that many characters (a number nobody types, graded like any
 * unmatched response: 0) so every blank of a table gets the same size.
 */
export function clozeNumerical(
  value: string,
  tolerance: string,
  feedback: string,
  weight = 1,
  padWidth = 0,
): string {
  if (!DECIMAL.test(value) || !DECIMAL.test(tolerance))
    throw new RangeError(`Cloze numbers must be plain decimals, got ${value} and ${tolerance}`);
  const pad = padWidth > value.length ? `~%0%-${'9'.repeat(padWidth - 1)}:0` : '';
  return `{${weight}:NUMERICAL:=${value}:${tolerance}#${clozeText(feedback)}${pad}}`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A Cloze MULTICHOICE (drop-down) part. Options are plain text: drop-downs cannot render TeX. */
export function clozeMultichoice(
  options: string[],
  correct: number,
  feedback: { correct: string; wrong: string },
  weight = 1,
): string {
  const alternatives = options.map((option, i) =>
    i === correct
      ? `=${clozeText(option)}#${clozeText(feedback.correct)}`
      : `%0%${clozeText(option)}#${clozeText(feedback.wrong)}`,
  );
  return `{${weight}:MULTICHOICE:${alternatives.join('~')}}`;
}

/** Makes literal text of a Cloze question's HTML unable to open or close an embedded answer. */
export function neutralizeClozeBraces(html: string): string {
  return html.replace(/[{}]/g, (c) => CLOZE_SPECIAL[c] as string);
}
