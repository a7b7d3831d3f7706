import type { OptionSpec } from '@dlexam/generator';
import { distinctWrong, type WrongOption } from './shared.js';

/**
 * A single-choice option list: the key first, then up to `limit` wrong options whose texts differ
 * from the key and from each other (the generator needs distinct options).
 */
export function keyAndDistinctWrong(
  key: string,
  wrong: readonly WrongOption[],
  limit = Infinity,
): OptionSpec[] {
  return [
    { text: key, correct: true, feedback: 'Correct.' },
    ...distinctWrong(key, wrong, limit).map((w): OptionSpec => ({
      text: w.text,
      correct: false,
      misconception: w.misconception,
      feedback: w.feedback,
    })),
  ];
}
