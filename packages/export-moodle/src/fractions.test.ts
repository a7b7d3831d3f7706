import { describe, expect, it } from 'vitest';
import { MoodleExportError } from './errors.js';
import { correctShare, MOODLE_FRACTIONS, moodleFraction } from './fractions.js';

describe('Moodle grade fractions', () => {
  it('maps 1–10 and 20 correct options to shares that sum to 100 within Moodle’s tolerance', () => {
    for (const k of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]) {
      const share = correctShare(k, 'q');
      expect(MOODLE_FRACTIONS).toContain(share);
      expect(Math.abs(Number(share) / 100 - 1 / k)).toBeLessThan(0.00001);
      expect(Math.abs(Number(share) * k - 100)).toBeLessThan(0.001);
    }
    expect(correctShare(3, 'q')).toBe('33.33333');
  });

  it('refuses counts whose share is not a grade option', () => {
    for (const k of [0, 11, 12, 15, 19, 21])
      expect(() => correctShare(k, 'q')).toThrow(MoodleExportError);
  });

  it('matches negatives and rejects near misses like Moodle’s importer', () => {
    expect(moodleFraction(-100 / 3)).toBe('-33.33333');
    expect(moodleFraction(-25)).toBe('-25');
    expect(moodleFraction(0)).toBe('0');
    expect(moodleFraction(33.333)).toBe('33.33333');
    expect(moodleFraction(33.3)).toBeUndefined();
    expect(moodleFraction(Number.NaN)).toBeUndefined();
  });
});
