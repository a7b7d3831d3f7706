import { MoodleExportError } from './errors.js';

/**
 * Moodle's grade options for answers, in percent, as Moodle prints them
 * (`question/engine/bank.php`). The importer accepts a fraction only if it is within 0.00001 of
 * one of them (as a fraction of 1), so `33.33333` passes and `33.3` is refused.
 */
export const MOODLE_FRACTIONS: readonly string[] = [
  '100',
  '90',
  '83.33333',
  '80',
  '75',
  '70',
  '66.66667',
  '60',
  '50',
  '40',
  '33.33333',
  '30',
  '25',
  '20',
  '16.66667',
  '14.28571',
  '12.5',
  '11.11111',
  '10',
  '5',
  '0',
];

/** The allowed grade option (as Moodle writes it) nearest to `percent`, if within Moodle's match tolerance. */
export function moodleFraction(percent: number): string | undefined {
  if (!Number.isFinite(percent)) return undefined;
  const sign = percent < 0 ? '-' : '';
  for (const option of MOODLE_FRACTIONS) {
    if (Math.abs(Math.abs(percent) - Number(option)) / 100 < 0.00001) {
      return option === '0' ? '0' : sign + option;
    }
  }
  return undefined;
}

/** The per-option fraction when `correctCount` correct options share 100 %; throws if no grade option fits. */
export function correctShare(correctCount: number, questionName: string): string {
  const share = correctCount > 0 ? moodleFraction(100 / correctCount) : undefined;
  if (share === undefined || share === '0') {
    throw new MoodleExportError(
      `${questionName}: ${correctCount} correct options cannot share 100 % with Moodle's grade options ` +
        `(possible counts: 1–10 and 20)`,
    );
  }
  return share;
}
