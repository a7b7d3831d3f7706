import { describe, expect, it } from 'vitest';
import {
  TemplateRegistry,
  assembleExam,
  contentKey,
  effortScale,
  levelOf,
  generateVariant,
  genericTrivialProblem,
  parseExamSpec,
  poolMembers,
  poolSize,
  trivialProblem,
  variantDifficulty,
  type OptionSpec,
} from '@dlexam/generator';
import { testTemplate } from '../test/test-template.js';

/** Statements about a made-up topic: 4 true, 4 false. */
const STATEMENTS = Array.from({ length: 8 }, (_, i) => ({
  text: `Statement number ${i + 1} about the topic at hand`,
  truth: i < 4,
}));

/**
 * A select-all over a custom sampler that picks 4 statements in a random order, with no rule
 * against all of them being true: 70 sets (C(8,4)) × 24 orders as parameters, of which the
 * all-true and the all-false set are degenerate, so 68 distinct contents remain.
 */
const bank = testTemplate<{ picks: number[] }>({
  id: 'foundations.test-bank',
  title: 'Statements',
  objective: 'Judge statements.',
  kinds: ['multiple'],
  params: {
    picks: { type: 'int-vector', length: [4, 4], min: 0, max: 7, description: 'statements' },
  },
  constraints: [{ description: 'distinct', check: (p) => new Set(p.picks).size === 4 }],
  sample: (rng) => ({ picks: rng.sample([0, 1, 2, 3, 4, 5, 6, 7], 4) }),
  build: (p) => ({
    stem: 'Which statements are true? Select all that apply.',
    solution: 'The first four statements are true.',
    answer: {
      type: 'choice',
      options: p.picks.map((i): OptionSpec => ({
        text: STATEMENTS[i]!.text,
        correct: STATEMENTS[i]!.truth,
        feedback: STATEMENTS[i]!.truth ? 'True.' : 'False.',
      })),
    },
  }),
});

/** y = w·x + b; the answer is degenerate (by its own hook) when w = 0, and when it equals b + 0.5. */
const affine = testTemplate<{ w: number; x: number; b: number }>({
  id: 'foundations.test-affine',
  title: 'Affine',
  objective: 'Compute w·x + b.',
  kinds: ['numeric'],
  params: {
    w: { type: 'int', min: 0, max: 4, description: 'weight' },
    x: { type: 'int', min: 1, max: 6, description: 'input' },
    b: { type: 'number', min: 0.5, max: 2, step: 0.5, description: 'bias' },
  },
  trivial: (p) => (p.w === 0 ? 'w is 0: the answer is the bias' : null),
  effort: (p) => (p.w === 1 ? 1 : 2) + (p.x > 3 ? 2 : 0),
  build: (p) => ({
    stem: `Compute \\(y = w x + b\\) for \\(w = ${p.w}\\), \\(x = ${p.x}\\), \\(b = ${p.b}\\). Give one decimal.`,
    solution: `\\(y = ${p.w * p.x + p.b}\\).`,
    answer: {
      type: 'numeric',
      value: p.w * p.x + p.b,
      decimals: 1,
      distractors: [
        { value: p.w * p.x, misconception: 'forgot-bias', feedback: 'You left out b.' },
        { value: p.w + p.x + p.b, misconception: 'added', feedback: 'You added w and x.' },
        { value: p.x + p.b, misconception: 'no-weight', feedback: 'You left out w.' },
      ],
    },
  }),
});

describe('gates against degenerate variants', () => {
  it('redraw a select-all whose options are all correct', () => {
    for (let i = 0; i < 500; i++) {
      const v = generateVariant(bank, i);
      expect(v.choices.some((c) => !c.correct)).toBe(true);
      expect(trivialProblem(bank, v)).toBeNull();
    }
    const allTrue = generateVariant(bank, 'x', { pins: { picks: [0, 1, 2, 3] } });
    expect(genericTrivialProblem(allTrue)).toBe(
      'every option of the select-all question is correct',
    );
    // Pinning every parameter is the instructor's explicit choice: only well-formedness applies.
    expect(allTrue.choices.every((c) => c.correct)).toBe(true);
    // A waiver lets the instructor allow it.
    expect(genericTrivialProblem(allTrue, ['all-options-correct'])).toBeNull();
  });

  it('redraw an answer the stem prints, and what the template calls trivial', () => {
    for (let i = 0; i < 500; i++) {
      const v = generateVariant(affine, i);
      expect(v.params.w).not.toBe(0);
      // w = 0 prints the bias as the answer; so does nothing else here but the hook catches it.
      expect(trivialProblem(affine, v)).toBeNull();
    }
    const zero = generateVariant(affine, 'z', { pins: { w: 0, x: 3, b: 1.5 } });
    expect(genericTrivialProblem(zero)).toBe('the answer 1.5 is printed in the stem');
    expect(trivialProblem(affine, zero, ['answer-in-stem'])).toBe(
      'trivial: w is 0: the answer is the bias',
    );
    // An integer answer equal to a given number is no tell (sizes and counts share digits).
    const whole = generateVariant(affine, 'w', { pins: { w: 1, x: 1, b: 1 } });
    expect(genericTrivialProblem(whole)).toBeNull();
  });
});

describe('distinct means different content', () => {
  it('counts the same statements in another order with the same key as one variant', () => {
    const a = generateVariant(bank, 'a', { pins: { picks: [0, 5, 6, 7] } });
    const b = generateVariant(bank, 'b', { pins: { picks: [7, 6, 0, 5] } });
    const c = generateVariant(bank, 'c', { pins: { picks: [1, 5, 6, 7] } });
    expect(contentKey(a)).toBe(contentKey(b));
    expect(contentKey(a)).not.toBe(contentKey(c));
    // Numeric variants are their parameters.
    const x = generateVariant(affine, 1);
    expect(contentKey(x)).toBe(`${affine.id}:${JSON.stringify(x.params)}`);
  });

  it('sizes a sampled small pool by distinct content after the gates, and reaches all of it', () => {
    const pool = poolSize(bank);
    expect(pool).toMatchObject({ variants: 68, method: 'exhausted' });
    expect(poolMembers(bank)).toHaveLength(68);
    const reg = new TemplateRegistry([bank]);
    const spec = parseExamSpec(
      { title: 'Bank', versions: 68, slots: [{ template: bank.id, band: 2 }] },
      reg,
    );
    const exam = assembleExam(spec, reg, { seed: 'bank' });
    const keys = exam.versions.map((v) => contentKey(v.questions[0]!.variant));
    expect(new Set(keys).size).toBe(68);
    expect(() =>
      assembleExam(
        parseExamSpec({ title: 'Bank', versions: 69, slots: [{ template: bank.id }] }, reg),
        reg,
        { seed: 'bank' },
      ),
    ).toThrow(/needs 69 distinct variants .* but its pool holds 68/);
  });

  it('enumerates a small schema exactly, after the gates', () => {
    // 5 × 6 × 4 = 120 parameter sets; w = 0 (24) is trivial.
    expect(poolSize(affine)).toMatchObject({ variants: 96, method: 'enumerated' });
    const reg = new TemplateRegistry([affine]);
    const exam = assembleExam(
      parseExamSpec({ title: 'A', versions: 96, slots: [{ template: affine.id, band: 2 }] }, reg),
      reg,
      { seed: 'all' },
    );
    const params = exam.versions.map((v) => JSON.stringify(v.questions[0]!.variant.params));
    expect(new Set(params).size).toBe(96);
  });
});

/**
 * 2a with a wording drawn per seed; `style` only changes the single-choice question (it names the
 * options), so numeric questions of both styles are the same content.
 */
const doubling = testTemplate<{ a: number; style: string }>({
  id: 'foundations.test-doubling',
  title: 'Doubling',
  objective: 'Double a number.',
  kinds: ['numeric', 'single'],
  params: {
    a: { type: 'int', min: 1, max: 30, description: 'the number' },
    style: { type: 'enum', values: ['plain', 'lettered'], description: 'option style (single)' },
  },
  build: (p, ctx) => ({
    stem:
      ctx.rng.choice([`What is twice ${p.a}?`, `Double ${p.a}.`]) +
      (ctx.kind === 'single' && p.style === 'lettered' ? ' Pick option A, B, C or D.' : ''),
    solution: `${2 * p.a}.`,
    answer: {
      type: 'numeric',
      value: 2 * p.a,
      decimals: 0,
      distractors: [
        { value: p.a * p.a, misconception: 'squared', feedback: 'You squared it.' },
        { value: p.a + 1, misconception: 'plus-one', feedback: 'You added one.' },
        { value: 3 * p.a, misconception: 'tripled', feedback: 'You tripled it.' },
      ],
    },
  }),
});

describe('gate waivers in the exam spec', () => {
  const reg = new TemplateRegistry([bank]);
  const exam = (allow: unknown, seed: string) =>
    assembleExam(
      parseExamSpec(
        { title: 'W', versions: 30, slots: [{ template: bank.id, band: 2, allow }] },
        reg,
      ),
      reg,
      { seed },
    );
  const allRight = (e: ReturnType<typeof exam>) =>
    e.versions.filter((v) => v.questions[0]!.variant.choices.every((c) => c.correct)).length;

  it('lets a slot allow a generic gate', () => {
    const seeds = Array.from({ length: 12 }, (_, i) => `waive-${i}`);
    // Allowed, the all-true set (1 of the 70) turns up in some of these exams; never otherwise.
    expect(seeds.some((seed) => allRight(exam(['all-options-correct'], seed)) > 0)).toBe(true);
    expect(seeds.every((seed) => allRight(exam(undefined, seed)) === 0)).toBe(true);
  });

  it('refuses a gate it does not know, naming the gates', () => {
    expect(() => exam(['all-correct'], 'x')).toThrow(
      'spec.slots[0].allow[0]: unknown gate "all-correct"; the gates a slot may allow are all-options-correct, no-option-correct, answer-in-stem',
    );
    expect(() => exam(3, 'x')).toThrow(/spec.slots\[0\].allow: must be a list of gates to allow/);
    expect(
      parseExamSpec({ title: 'W', slots: [{ template: bank.id, allow: 'answer-in-stem' }] }, reg)
        .slots[0]!.allow,
    ).toEqual(['answer-in-stem']);
  });
});

describe('content, not parameters or wording', () => {
  it('merges variants that differ only in a parameter the asked kind does not use, or in wording', () => {
    const a = generateVariant(doubling, 's1', { pins: { a: 7, style: 'plain' } });
    const b = generateVariant(doubling, 's2', { pins: { a: 7, style: 'lettered' } });
    expect(contentKey(a, doubling)).toBe(contentKey(b, doubling));
    // Another wording of the same question is the same content.
    const wordings = new Set<string>();
    const keys = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const v = generateVariant(doubling, i, { pins: { a: 7, style: 'plain' } });
      wordings.add(v.stem);
      keys.add(contentKey(v, doubling));
    }
    expect(wordings.size).toBe(2);
    expect(keys.size).toBe(1);
    // In the single-choice kind the style shows, so it makes a different question.
    const sa = generateVariant(doubling, 's1', { kind: 'single', pins: { a: 7, style: 'plain' } });
    const sb = generateVariant(doubling, 's1', {
      kind: 'single',
      pins: { a: 7, style: 'lettered' },
    });
    expect(contentKey(sa, doubling)).not.toBe(contentKey(sb, doubling));
  });

  it('counts pools by content and lets an exam ask for exactly that many', () => {
    expect(poolSize(doubling)).toMatchObject({ variants: 30, method: 'enumerated' });
    // Single choice: both styles show, but a = 1, 2, 3 lack three distinct wrong values: 2 × 27.
    expect(poolSize(doubling, { kind: 'single' })).toMatchObject({ variants: 54 });
    const reg = new TemplateRegistry([doubling]);
    const spec = (versions: number) =>
      parseExamSpec({ title: 'D', versions, slots: [{ template: doubling.id, band: 2 }] }, reg);
    const exam = assembleExam(spec(30), reg, { seed: 'd' });
    const values = exam.versions.map((v) => v.questions[0]!.variant.params.a);
    expect(new Set(values).size).toBe(30);
    expect(() => assembleExam(spec(31), reg, { seed: 'd' })).toThrow(
      /needs 31 distinct variants .* but its pool holds 30/,
    );
  });
});

describe('balanced versions', () => {
  const reg = new TemplateRegistry([affine, bank]);

  it('draws every version of a slot at one difficulty level and reports it', () => {
    const spec = parseExamSpec(
      {
        title: 'Balanced',
        versions: 12,
        slots: [{ template: affine.id }, { template: bank.id }],
      },
      reg,
    );
    const exam = assembleExam(spec, reg, { seed: 'fair' });
    for (const [si, slot] of exam.slots.entries()) {
      expect(slot.balance).toMatchObject({ band: 0, spread: 0, pinned: false });
      const levels = exam.versions.map((v) => v.questions[si]!.difficulty!.level);
      expect(new Set(levels)).toEqual(new Set([slot.balance!.level]));
    }
    const t = affine;
    for (const v of exam.versions) {
      const q = v.questions[0]!;
      expect(q.difficulty).toEqual(variantDifficulty(t, q.variant));
    }
  });

  it('pins a level per slot, and refuses one its pool cannot supply', () => {
    // Efforts 1 (w = 1, x ≤ 3), 2, 3 and 4 (w > 1, x > 3): mid-ranks put 1–2 at level 1, 3 at 2, 4 at 3.
    const scale = effortScale(affine);
    expect([1, 2, 3, 4].map((e) => levelOf(e, scale))).toEqual([1, 1, 2, 3]);
    const exam = assembleExam(
      parseExamSpec(
        { title: 'Hard', versions: 5, slots: [{ template: affine.id, difficulty: 3 }] },
        reg,
      ),
      reg,
      { seed: 'hard' },
    );
    expect(exam.slots[0]!.balance).toMatchObject({ level: 3, pinned: true, spread: 0 });
    for (const v of exam.versions) expect(v.questions[0]!.difficulty!.level).toBe(3);
    expect(() =>
      assembleExam(
        parseExamSpec(
          { title: 'Hard', versions: 90, slots: [{ template: affine.id, difficulty: 3 }] },
          reg,
        ),
        reg,
        { seed: 'hard' },
      ),
    ).toThrow(/spec.slots\[0\].difficulty: needs 90 distinct variants at difficulty 3/);
    expect(() =>
      parseExamSpec({ title: 'X', slots: [{ template: affine.id, difficulty: 4 }] }, reg),
    ).toThrow(/difficulty: must be a difficulty level 1 \(easier\), 2 \(typical\) or 3/);
  });
});
