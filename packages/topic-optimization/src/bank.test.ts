import { describe, expect, it } from 'vitest';
import { gateProblem, generateVariant } from '@dlexam/generator';
import { defineBankTemplate, type BankParams } from './bank.js';

const statements = (n: number, prefix: string, wrong: boolean) =>
  Array.from({ length: n }, (_, i) => ({
    text: `${prefix} {{word}} ${i}`,
    feedback: `because ${i}`,
    ...(wrong ? { misconception: `m-${i}` } : {}),
  }));

const scenario = {
  stems: ['Pick ({{word}}).'],
  trueStatements: statements(3, 'yes', false),
  falseStatements: statements(4, 'no', true),
  explanation: 'Done.',
};

/** A bank template with one scenario (`scenario` unless given) whose data renders {{word}} as W. */
const bankTemplate = (id: string, mode: 'single' | 'multiple', s = scenario) =>
  defineBankTemplate<BankParams>({
    id,
    title: 't',
    objective: 'o',
    difficulty: 1,
    tags: [],
    mode,
    scenarios: { s },
    data: () => ({ word: 'W' }),
  });

describe('defineBankTemplate', () => {
  it('single mode: one true and three false options, rendered with the data', () => {
    const t = bankTemplate('optimization.test-bank', 'single');
    for (let i = 0; i < 200; i++) {
      const v = generateVariant(t, i);
      expect(gateProblem(v)).toBeNull();
      expect(v.choices.filter((c) => c.correct).map((c) => c.plain.startsWith('yes W'))).toEqual([
        true,
      ]);
      expect(
        v.choices
          .filter((c) => !c.correct)
          .every((c) => c.plain.startsWith('no W') && c.misconception),
      ).toBe(true);
      expect(v.stem).toBe('Pick (W).');
    }
  });

  it('multiple mode: four statements with one to three true', () => {
    const t = bankTemplate('optimization.test-bank-m', 'multiple');
    const counts = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const v = generateVariant(t, i);
      expect(v.choices).toHaveLength(4);
      if (v.answer.kind === 'multiple') counts.add(v.answer.correct.length);
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  it('rejects a false statement without a misconception', () => {
    const bad = {
      ...scenario,
      falseStatements: [...scenario.falseStatements, { text: 'x', feedback: 'y' }],
    };
    expect(() => bankTemplate('optimization.bad', 'single', bad)).toThrow(
      /without a misconception/,
    );
  });
});
