import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { CONCEPTS, STATEMENTS, conceptsTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  correctChoices,
  checkTemplate,
  runProperty,
} from '@dlexam/generator/testing';

describe('cnn.concepts', () => {
  it('every concept has at least 2 true and 3 false statements, each false one tagged', () => {
    for (const c of CONCEPTS) {
      const s = STATEMENTS.filter((x) => x.concept === c);
      expect(s.filter((x) => x.truth).length).toBeGreaterThanOrEqual(2);
      expect(s.filter((x) => !x.truth).length).toBeGreaterThanOrEqual(3);
    }
    for (const s of STATEMENTS) if (!s.truth) expect(s.misconception).toMatch(/^[a-z0-9-]+$/);
    expect(new Set(STATEMENTS.map((s) => s.text)).size).toBe(STATEMENTS.length);
  });

  it('marks exactly the bank-true statements correct over 10,000 seeds', () => {
    const seen = new Set<number>();
    runProperty(t, (v, p) => {
      const trueTexts = p.picks
        .filter((i: number) => STATEMENTS[i]!.truth)
        .map((i: number) => STATEMENTS[i]!.text);
      p.picks.forEach((i: number) => seen.add(i));
      if (v.kind === 'multiple') expect(correctChoices(v).sort()).toEqual([...trueTexts].sort());
      else expect([correctChoice(v)]).toEqual(trueTexts);
      for (const c of v.choices) expect(c.feedback).toMatch(c.correct ? /^True\./ : /^False\./);
    });
    // Content varies: every statement of the bank shows up.
    expect(seen.size).toBe(STATEMENTS.length);
  });

  it('is deterministic, varies its wording and content, and renders its fixtures', () => {
    checkTemplate(t, { minStems: 25, everyKind: true });
    const optionSets = new Set<string>();
    for (let i = 0; i < 200; i++)
      optionSets.add(
        generateVariant(t, i)
          .choices.map((c) => c.plain)
          .sort()
          .join('|'),
      );
    expect(optionSets.size).toBeGreaterThanOrEqual(120);
  });
});
