import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import {
  CONCEPT_BANKS,
  conceptAttention,
  conceptEncoderDecoder,
  conceptGruGates,
  conceptHiddenState,
  conceptLstmStates,
  conceptTransformerParallelism,
  conceptVanishingGradient,
  type ConceptBank,
  type ConceptParams,
} from '../index.js';
import { checkFixtures, runProperty } from '@dlexam/generator/testing';

const templates = [
  conceptHiddenState,
  conceptVanishingGradient,
  conceptLstmStates,
  conceptGruGates,
  conceptTransformerParallelism,
  conceptEncoderDecoder,
  conceptAttention,
];

describe('concept banks', () => {
  it('hold enough distinct, tagged statements', () => {
    for (const bank of CONCEPT_BANKS) {
      expect(bank.truths.length).toBeGreaterThanOrEqual(4);
      expect(bank.falsehoods.length).toBeGreaterThanOrEqual(6);
      const texts = [...bank.truths, ...bank.falsehoods].map((s) => s.text);
      expect(new Set(texts).size).toBe(texts.length);
      for (const f of bank.falsehoods) {
        expect(f.misconception).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(f.feedback.length).toBeGreaterThan(20);
      }
    }
  });

  templates.forEach((t, i) => {
    const bank: ConceptBank = CONCEPT_BANKS[i]!;
    it(`${t.id}: options are exactly the picked statements, truth flags from the bank (10,000 seeds)`, () => {
      expect(t.id).toBe(`rnn.concept-${bank.key}`);
      const truths = new Set(bank.truths.map((s) => s.text));
      const falsehoods = new Map(bank.falsehoods.map((s) => [s.text, s]));
      runProperty(t, {
        kinds: ['single', 'multiple'],
        seeds: 10_000,
        check(v) {
          // Plain checks (expect() per option would dominate the run time); fail with a message.
          const p = v.params as ConceptParams;
          const problem = (msg: string) => expect.fail(`${t.id} seed ${v.seed}: ${msg}`);
          if (v.choices.length !== p.correct.length + p.wrong.length) problem('option count');
          for (const c of v.choices) {
            // Independent truth: a statement is correct iff it comes from the bank's true list.
            if (c.correct !== truths.has(c.text)) problem(`wrong truth flag on '${c.text}'`);
            if (!c.correct && c.misconception !== falsehoods.get(c.text)?.misconception)
              problem(`misconception of '${c.text}'`);
          }
          const shown = new Set(v.choices.map((c) => c.text));
          for (const k of p.correct)
            if (!shown.has(bank.truths[k]!.text)) problem(`true statement ${k} missing`);
          for (const k of p.wrong)
            if (!shown.has(bank.falsehoods[k]!.text)) problem(`false statement ${k} missing`);
          if (v.kind === 'single' && v.choices.filter((c) => c.correct).length !== 1)
            problem('single without one correct option');
        },
      });
    });
  });

  it('vary their content, are deterministic and reproduce their fixtures', () => {
    for (const t of templates) {
      const optionSets = new Set<string>();
      const stems = new Set<string>();
      for (let s = 0; s < 200; s++) {
        const v = generateVariant(t, s, { kind: 'single' });
        optionSets.add(
          v.choices
            .map((c) => c.text)
            .sort()
            .join('|'),
        );
        stems.add(v.stem);
      }
      expect(optionSets.size).toBeGreaterThanOrEqual(100);
      expect(stems.size).toBeGreaterThanOrEqual(2);
      expect(generateVariant(t, 5, { kind: 'multiple' })).toEqual(
        generateVariant(t, 5, { kind: 'multiple' }),
      );
      checkFixtures(t);
    }
  });
});
