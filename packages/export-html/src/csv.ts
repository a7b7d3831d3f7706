import { examSource, isExamSource, type Exam, type ExamSource } from '@dlexam/types';
import { keyAnswer } from './answers.js';
import { HtmlExportError } from './errors.js';

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; inner quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The answer key as RFC 4180 CSV (CRLF line ends, header row): one row per question of every
 * version with columns version, question, template, answer, points, and — for exams assembled with
 * balanced versions — level and effort (the variant's difficulty). `answer` is the plain form the
 * answer key prints (option letters refer to the student copy of that version).
 */
export function answerKeyCsv(exam: Exam | ExamSource): string {
  return [...answerKeyCsvChunks(exam)].join('');
}

/**
 * `answerKeyCsv` piece by piece: the header row, then one version's rows at a time (each version
 * materialised when its turn comes). Joined, the same bytes.
 */
export function* answerKeyCsvChunks(exam: Exam | ExamSource): Generator<string, void, undefined> {
  if (
    !exam ||
    (!isExamSource(exam) && (!Array.isArray(exam.versions) || exam.versions.length === 0))
  )
    throw new HtmlExportError('exam has no versions');
  const src = isExamSource(exam) ? exam : examSource(exam);
  if (src.versionCodes.length === 0) throw new HtmlExportError('exam has no versions');
  let balanced = false;
  for (let v = 0; v < src.versionCodes.length && !balanced; v++)
    balanced = src.refs(v).some((q) => q.difficulty);
  const line = (r: string[]) => r.map(csvField).join(',') + '\r\n';
  yield line([
    'version',
    'question',
    'template',
    'answer',
    'points',
    ...(balanced ? ['level', 'effort'] : []),
  ]);
  for (let v = 0; v < src.versionCodes.length; v++) {
    const version = src.version(v);
    let rows = '';
    for (const q of version.questions) {
      let answer: string;
      try {
        answer = keyAnswer(q.variant).plain;
      } catch (err) {
        if (err instanceof HtmlExportError) {
          throw new HtmlExportError(
            `${q.variant.templateId} (seed ${q.variant.seed}), answer: ${err.message}`,
          );
        }
        throw err;
      }
      const row = [version.code, String(q.number), q.variant.templateId, answer, String(q.points)];
      if (balanced)
        row.push(
          q.difficulty ? String(q.difficulty.level) : '',
          q.difficulty ? String(q.difficulty.effort) : '',
        );
      rows += line(row);
    }
    yield rows;
  }
}
