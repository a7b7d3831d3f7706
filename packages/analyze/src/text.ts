/**
 * The text form an LMS export and the exam JSON share, for matching one to the other: an LMS turns
 * paragraphs into runs of spaces, drops the backticks of code, and may pad TeX delimiters. So:
 * Unicode NFC, backticks removed, whitespace (incl. non-breaking) collapsed to one space, no space
 * just inside `\( \[` and `\) \]`, trimmed.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/`/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\\([([]) /g, '\\$1')
    .replace(/ \\([)\]])/g, '\\$1')
    .trim();
}
