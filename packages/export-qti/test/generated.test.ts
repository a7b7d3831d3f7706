import { numericKey } from '@dlexam/generator/grading';
import { generateVariant } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { QuestionKind, Variant } from '@dlexam/types';
import { describe, expect, test } from 'vitest';
import { QtiExportError, toQtiFiles } from '@dlexam/export-qti';
import { assessmentsOf, examOf } from './fixtures.js';
import { numericCondition, parseAssessment, varequals } from './parse.js';
import { validateQtiDtd } from './validate.js';

/**
 * Real variants from the CNN templates (every kind each template supports, several seeds):
 * exported, DTD-validated and read back against the variant's own answer.
 */

const SEEDS = Array.from({ length: 12 }, (_, i) => `qti-${i}`);

describe.each(cnnTemplates.map((t) => [t.id, t] as const))('%s', (_id, template) => {
  test.each(template.kinds.map((k) => [k] as [QuestionKind]))(
    'kind %s exports, validates and reads back',
    (kind) => {
      const variants: Variant[] = SEEDS.map((seed) => generateVariant(template, seed, { kind }));
      let files;
      try {
        files = toQtiFiles(examOf(variants), { mode: 'plain' });
      } catch (e) {
        // A refusal must be a clear QtiExportError, never a crash.
        expect(e).toBeInstanceOf(QtiExportError);
        throw e;
      }
      const docs = assessmentsOf(files).map((f) => f.content);
      expect(validateQtiDtd(docs).errors).toEqual([]);
      const items = parseAssessment(docs[0]!).items;
      items.forEach((it, i) => {
        const v = variants[i]!;
        const a = v.answer;
        const scoring = it.conditions.filter((c) => c.setvar?.action === 'Set');
        if (a.kind === 'numeric') {
          // The grading model's exact interval, as a Canvas range.
          const key = numericKey(a.numeric);
          expect(numericCondition(scoring[0]!.conditionvar)).toEqual({
            gte: key.lower,
            lte: key.upper,
          });
        } else if (a.kind === 'single') {
          const correctId = it.responses[0]!.labels[a.correct]!.ident;
          expect(varequals(scoring[0]!.conditionvar)).toEqual([
            { respident: 'response1', value: correctId },
          ]);
        } else if (a.kind === 'table') {
          const blanks = a.rows.flat().filter((c) => c.type !== 'text').length;
          expect(it.responses).toHaveLength(blanks);
        }
      });
    },
  );
});
