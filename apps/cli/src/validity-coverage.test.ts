import { describe, expect, it } from 'vitest';
import { builtinTemplates } from './catalog.js';

/**
 * Issue 21: every template separates what the math allows (`valid`) from what random draws prefer
 * (`min`/`max`/`step`/`length`, a list of nice values). A numeric parameter without `valid` would
 * silently make its draw range the validity and refuse a textbook's numbers, so each one states
 * its validity, even where it is the draw range. Text and boolean choices are their own validity.
 */
describe('every numeric parameter states its validity', () => {
  for (const t of builtinTemplates)
    it(t.id, () => {
      const missing = Object.entries(t.params)
        .filter(([, spec]) => {
          if (spec.type === 'json' || spec.valid !== undefined) return false;
          if (spec.type !== 'enum') return true;
          // A numeric list (sizes, indices into a bank) states what a pin may be, even the list's range.
          return spec.values.some((v) => typeof v === 'number');
        })
        .map(([name]) => name);
      expect(missing, `${t.id}: parameters without \`valid\``).toEqual([]);
    });
});
