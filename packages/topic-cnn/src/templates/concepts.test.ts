import { describe, expect, it } from 'vitest';
import {
  TemplateRegistry,
  assembleExam,
  contentKey,
  generateVariant,
  parseExamSpec,
} from '@dlexam/generator';
import { CONCEPTS, STATEMENTS, concepts as t, type ConceptsParams } from '@dlexam/topic-cnn';
import {
  checkValidPins,
  correctChoice,
  correctChoices,
  checkTemplate,
  runProperty,
} from '@dlexam/generator/testing';

describe('cnn.concepts', () => {
  it('issue 18: the same statements in another order with the same key are one variant', () => {
    const a = generateVariant(t, 'ed0dd3f75d2f', { kind: 'multiple' });
    const b = generateVariant(t, 'd28f9e069f5d', { kind: 'multiple' });
    expect(a.params.picks).not.toEqual(b.params.picks);
    expect([...(a.params.picks as number[])].sort()).toEqual(
      [...(b.params.picks as number[])].sort(),
    );
    expect(contentKey(a)).toBe(contentKey(b));
    expect(contentKey(a, t)).toBe(contentKey(b, t));
    // So an exam never hands both out as different versions.
    const reg = new TemplateRegistry([t]);
    const exam = assembleExam(
      parseExamSpec(
        { title: 'C', versions: 40, slots: [{ template: t.id, kind: 'multiple' }] },
        reg,
      ),
      reg,
      { seed: 'concepts' },
    );
    const keys = exam.versions.map((v) => contentKey(v.questions[0]!.variant, t));
    expect(new Set(keys).size).toBe(40);
  });

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

  it('pins any 2–8 statements of a concept, beyond the drawn 4–5', () => {
    // Two statements of the receptive-field concept, one true and one false (indices from the bank).
    const rf = STATEMENTS.flatMap((s, i) => (s.concept === 'receptive-field' ? [{ s, i }] : []));
    const truth = rf.find((x) => x.s.truth);
    const lie = rf.find((x) => !x.s.truth);
    if (!truth || !lie) throw new Error('the receptive-field bank has true and false statements');
    const v = generateVariant(t, 'two', {
      kind: 'single',
      pins: { concept: 'receptive-field', picks: [lie.i, truth.i] },
    });
    expect(v.choices).toHaveLength(2);
    expect(correctChoice(v)).toBe(truth.s.text);
    // The first 8 statements as a mixed list: the key is exactly the bank's true ones.
    const m = generateVariant(t, 'eight', {
      kind: 'multiple',
      pins: { concept: 'mixed', picks: [0, 1, 2, 3, 4, 5, 6, 7] },
    });
    const eight = STATEMENTS.slice(0, 8);
    expect(correctChoices(m).sort()).toEqual(
      eight
        .filter((s) => s.truth)
        .map((s) => s.text)
        .sort(),
    );
  });

  it('accepts valid pinned statement lists, marking exactly the bank-true ones', () => {
    const r = checkValidPins(t, {
      count: 200,
      partial: true,
      adjust(p, rng) {
        // Half the lists drawn from the whole bank need a mixed concept to belong.
        if (rng.bool(0.5)) p.concept = 'mixed';
      },
      check(v, p: ConceptsParams) {
        const trueTexts = p.picks.flatMap((i) => {
          const s = STATEMENTS[i];
          return s?.truth ? [s.text] : [];
        });
        if (v.kind === 'multiple') expect(correctChoices(v).sort()).toEqual([...trueTexts].sort());
        else expect([correctChoice(v)]).toEqual(trueTexts);
      },
    });
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.offDraw).toBeGreaterThan(0);
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
