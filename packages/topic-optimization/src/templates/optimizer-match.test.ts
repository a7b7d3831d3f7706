import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { OPTIMIZER_KEYS, OPTIMIZER_NAMES, optimizerMatch } from '@dlexam/topic-optimization';
import type { Variant } from '@dlexam/types';
import { commonTests, forSeeds } from '@dlexam/generator/testing';
import { expectPartialPins } from '../../test/property-checks.js';

/**
 * Independent check of each pair: identify the optimizer from the STRUCTURE of the rule text —
 * a weight-decay λ term, bias correction (^t), a squared-gradient accumulator, a look-ahead term.
 */
function classify(rule: string): string {
  const hasSqrt = rule.includes('\\sqrt');
  const corrected = /\^t\}?\)?/.test(rule) && rule.includes('1-\\beta_1^t');
  if (corrected) return rule.includes('\\lambda') ? 'AdamW' : 'Adam';
  if (hasSqrt) return /\(1-\\(rho|beta)\)/.test(rule) ? 'RMSProp' : 'AdaGrad';
  const steps = rule.split('\\quad').length;
  if (steps === 1) return 'Gradient descent';
  return /\((dW|g_t|\\nabla f\(x\)) \+ \\(beta|mu|rho)/.test(rule)
    ? 'Nesterov momentum'
    : 'Momentum';
}

describe('optimization.optimizer-match', () => {
  commonTests(it, optimizerMatch, { minStems: 3 });

  it('every pair matches the optimizer its rule structurally is, over 10,000 seeds', () => {
    forSeeds(optimizerMatch, 10_000, 'matching', (v) => {
      if (v.answer.kind !== 'matching') throw new Error('not matching');
      if (v.answer.pairs.length !== 4) throw new Error('expected 4 pairs');
      for (const pair of v.answer.pairs) {
        const got = classify(pair.answer);
        if (got !== pair.prompt)
          throw new Error(`rule ${pair.answer} classified as ${got}, paired with ${pair.prompt}`);
      }
      for (const d of v.answer.distractors)
        if (v.answer.pairs.some((p) => p.prompt === classify(d.text)))
          throw new Error('extra rule belongs to a prompt');
    });
  });

  it('single choice: the correct rule belongs to the optimizer named in the stem', () => {
    forSeeds(optimizerMatch, 2000, 'single', (v) => {
      if (v.answer.kind !== 'single') throw new Error('not single');
      const name = classify(v.choices[v.answer.correct]!.text);
      if (
        !v.stem.includes(`by ${name}?`) &&
        !v.stem.includes(`of ${name}.`) &&
        !v.stem.includes(`is ${name}.`)
      )
        throw new Error(`stem does not name ${name}`);
    });
    expect(Object.keys(OPTIMIZER_NAMES)).toHaveLength(7);
  });

  /** Every pair (and the correct single-choice rule) is the optimizer its rule's structure names. */
  function checkPairs(v: Variant, picks: number[]): void {
    const all = OPTIMIZER_KEYS.map((k) => OPTIMIZER_NAMES[k]);
    const names = picks.map((i) => all[i]);
    if (v.answer.kind === 'matching') {
      expect(v.answer.pairs.map((pair) => pair.prompt).sort()).toEqual([...names].sort());
      for (const pair of v.answer.pairs) expect(classify(pair.answer)).toBe(pair.prompt);
      for (const d of v.answer.distractors) expect(names).not.toContain(classify(d.text));
    }
    if (v.answer.kind === 'single')
      expect(names).toContain(classify(v.choices[v.answer.correct]?.text ?? ''));
  }

  it('a textbook order (Adam, GD, Momentum, RMSProp, not ascending) with the extra rule is accepted', () => {
    // Unpicked: Nesterov, AdaGrad, AdamW; extra 2 offers AdamW's rule as the unmatched one.
    const picks = [5, 0, 1, 4];
    const v = generateVariant(optimizerMatch, 1, {
      kind: 'matching',
      pins: { picks, notation: 'theta', momentumForm: 'pytorch', extra: 2 },
    });
    checkPairs(v, picks);
    if (v.answer.kind !== 'matching') throw new Error('not matching');
    expect(v.answer.distractors.map((d) => classify(d.text))).toEqual(['AdamW']);
    expect(() => generateVariant(optimizerMatch, 1, { pins: { picks: [5, 0, 0, 4] } })).toThrow(
      'the optimizers shown are distinct',
    );
  });

  it('all seven optimizers can be matched; a single choice from them shows four rules', () => {
    const picks = [0, 1, 2, 3, 4, 5, 6];
    const pins = { picks, notation: 'seed', momentumForm: 'ema', extra: -1 };
    const m = generateVariant(optimizerMatch, 1, { kind: 'matching', pins });
    checkPairs(m, picks);
    const s = generateVariant(optimizerMatch, 1, { kind: 'single', pins });
    expect(s.choices).toHaveLength(4);
    checkPairs(s, picks);
    expect(() =>
      generateVariant(optimizerMatch, 1, { kind: 'single', pins: { ...pins, picks: [0, 5] } }),
    ).toThrow('single choice needs 4 update rules');
    expect(() =>
      generateVariant(optimizerMatch, 1, { pins: { ...pins, picks: [0, 1, 2, 3, 4], extra: 2 } }),
    ).toThrow('the extra rule is one of the optimizers not picked');
  });

  it('any valid pin (picks in any order, any extra) pairs every rule with its optimizer', () => {
    expectPartialPins(optimizerMatch, 200, (v, p: { picks: number[] }) => checkPairs(v, p.picks));
  });
});
