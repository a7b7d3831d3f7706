import { describe, expect, it } from 'vitest';
import type { Template } from '@dlexam/generator';
import { checkValidPins } from '@dlexam/generator/testing';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

/**
 * Every built-in template, pinned with random valid values (off the draw grid, outside the draw
 * range, other vector lengths: `checkValidPins`), as an instructor typing a textbook exercise would:
 * each exercise is either refused by a validity rule between parameters (whose message names it)
 * or generated, well-formed and within its validity. The templates that widen their validity check
 * the key against their independent computation under the same pins in their own packages.
 */
const all: readonly Template<any>[] = [
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
];

describe('every template under random valid pins', () => {
  for (const t of all)
    it(t.id, () => {
      const r = checkValidPins(t, { count: 40, partial: true });
      // At least one pinned exercise is generated: validity never refuses everything.
      expect(r.accepted + r.tooFewOptions, `${t.id}: ${JSON.stringify(r)}`).toBeGreaterThan(0);
    });
});
