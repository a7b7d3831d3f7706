import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { CONCEPT_BANKS, conceptHiddenState, rnnTemplates, type ConceptParams } from '../index.js';
import { checkFixtures, checkValidPins, runProperty } from '@dlexam/generator/testing';

/** Every concept bank with the template the package registers for it (found by id), in bank order. */
const conceptPairs = CONCEPT_BANKS.map((bank) => {
  const t = rnnTemplates.find((r) => r.id === `rnn.concept-${bank.key}`);
  if (!t) throw new Error(`no registered template for concept bank ${bank.key}`);
  return { t, bank };
});
const templates = conceptPairs.map(({ t }) => t);

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

  it('are all registered: one template per bank, no other concept template', () => {
    expect(rnnTemplates.filter((r) => r.id.startsWith('rnn.concept-'))).toHaveLength(
      CONCEPT_BANKS.length,
    );
  });

  conceptPairs.forEach(({ t, bank }) => {
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

  it('accept pinned statement picks beyond the draws: 3 true and 5 false statements', () => {
    // Draws show 1–2 true and 3–4 false statements; an instructor may show more (validity: up to 4
    // and 6). Pinned: truths 0, 1, 2 and falsehoods 0–4 of the hidden-state bank → 8 options, the
    // first three correct.
    const bank = CONCEPT_BANKS[0];
    if (!bank) return expect.fail('no concept bank');
    const v = generateVariant(conceptHiddenState, 1, {
      kind: 'multiple',
      pins: { phrasing: 0, correct: [0, 1, 2], wrong: [0, 1, 2, 3, 4] },
    });
    // Options are shuffled: compare as sorted (text, truth) pairs.
    expect(v.choices.map((c) => [c.text, c.correct]).sort()).toEqual(
      [
        ...[0, 1, 2].map((i) => [bank.truths[i]?.text, true]),
        ...[0, 1, 2, 3, 4].map((i) => [bank.falsehoods[i]?.text, false]),
      ].sort(),
    );
    expect(v.stem).toBe(bank.multipleStems[0]);
    // A repeated statement breaks validity (a rule, not a preference).
    expect(() =>
      generateVariant(conceptHiddenState, 1, {
        kind: 'multiple',
        pins: { correct: [0, 0], wrong: [0, 1, 2] },
      }),
    ).toThrow(/statements are distinct/);
  });

  conceptPairs.forEach(({ t, bank }) => {
    it(`${t.id}: pinned valid indices are accepted and show exactly the picked statements`, () => {
      const r = checkValidPins(t, {
        count: 200,
        partial: true,
        // Random valid indices often repeat (a validity rule refuses those): half the time keep
        // the pinned lengths but pick distinct statements, as an instructor would.
        adjust(pins, rng) {
          if (!rng.bool(0.5)) return;
          for (const [name, n] of [
            ['correct', bank.truths.length],
            ['wrong', bank.falsehoods.length],
          ] as const) {
            const picked = pins[name];
            if (Array.isArray(picked))
              pins[name] = rng.sample(
                Array.from({ length: n }, (_, k) => k),
                picked.length,
              );
          }
        },
        check(v, p: ConceptParams) {
          // Independent truth flags: a shown text is correct iff it is one of the pinned truths.
          const truths = new Set(p.correct.map((k) => bank.truths[k]?.text));
          expect(v.choices.map((c) => c.text).sort()).toEqual(
            [...truths, ...p.wrong.map((k) => bank.falsehoods[k]?.text)].sort(),
          );
          for (const c of v.choices) expect(c.correct).toBe(truths.has(c.text));
        },
      });
      expect(r.accepted).toBeGreaterThan(0);
      expect(r.offDraw).toBeGreaterThan(0);
    });
  });
});
