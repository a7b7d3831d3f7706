import { describe, expect, it } from 'vitest';
import { checkValidPins } from '@dlexam/generator/testing';
import { builtinTemplates } from './catalog.js';

/**
 * Every built-in template, pinned with random valid values (off the draw grid, outside the draw
 * range, other vector lengths: `checkValidPins`), as an instructor typing a textbook exercise would:
 * each exercise is either refused by a validity rule between parameters (whose message names it)
 * or generated, well-formed and within its validity. The templates that widen their validity check
 * the key against their independent computation under the same pins in their own packages.
 */
describe('every template under random valid pins', () => {
  for (const t of builtinTemplates)
    it(t.id, () => {
      const r = checkValidPins(t, { count: 40, partial: true });
      // At least one pinned exercise is generated: validity never refuses everything.
      expect(r.accepted + r.tooFewOptions, `${t.id}: ${JSON.stringify(r)}`).toBeGreaterThan(0);
    });
});
