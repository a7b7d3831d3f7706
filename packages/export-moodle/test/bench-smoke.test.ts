import { moodleBenchCase } from '@dlexam/export-moodle/bench';
import { expect, it } from 'vitest';
import { readQuiz } from './moodle-reader.js';

it('the bench case exports the requested number of variants (not timed here)', () => {
  const bench = moodleBenchCase(100);
  expect(bench.variants).toHaveLength(100);
  const questions = readQuiz(bench.run()).filter((q) => q['@_type'] !== 'category');
  expect(questions).toHaveLength(100);
});
