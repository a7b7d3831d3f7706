import { describe, expect, it } from 'vitest';
import {
  checkStatementBank,
  defineStatementBank,
  distinctIndices,
  generateVariant,
  indexRange,
  pickStatements,
  verdictLines,
  withStop,
  type BankStatement,
} from './index.js';

const truths: BankStatement[] = [
  { text: 'Yes one', feedback: 'Right 1.' },
  { text: 'Yes two', feedback: 'Right 2.' },
];
const falsehoods: BankStatement[] = [0, 1, 2, 3].map((i) => ({
  text: `No ${i}`,
  feedback: `Wrong ${i}.`,
  misconception: `m-${i}`,
}));

type P = { truths: number[]; falsehoods: number[] };

const bank = defineStatementBank<P>({
  id: 'test.bank',
  topic: 'foundations',
  title: 't',
  objective: 'o',
  difficulty: 1,
  tags: [],
  kinds: ['single', 'multiple'],
  params: {
    truths: { type: 'int-vector', length: [1, 2], min: 0, max: 1, description: 'true shown' },
    falsehoods: { type: 'int-vector', length: [3, 3], min: 0, max: 3, description: 'false shown' },
  },
  constraints: [
    {
      description: 'distinct',
      check: (p) => distinctIndices(p.truths) && distinctIndices(p.falsehoods),
    },
  ],
  sample: (rng) => ({
    truths: rng.sample(indexRange(2), rng.int(1, 2)),
    falsehoods: rng.sample(indexRange(4), 3),
  }),
  shown: (p) => pickStatements(truths, p.truths, falsehoods, p.falsehoods),
  stem: (_, ctx) => ctx.rng.choice(['Which is true?', 'Pick the true one.']),
  solution: (shown) => verdictLines(shown).join('\n'),
});

describe('defineStatementBank', () => {
  it('shows the picked statements as options (shuffled), false ones with their misconception', () => {
    const v = generateVariant(bank, 3, {
      kind: 'multiple',
      pins: { truths: [1, 0], falsehoods: [2, 0, 3] },
    });
    expect(v.choices.map((c) => [c.text, c.correct, c.misconception ?? null]).sort()).toEqual([
      ['No 0', false, 'm-0'],
      ['No 2', false, 'm-2'],
      ['No 3', false, 'm-3'],
      ['Yes one', true, null],
      ['Yes two', true, null],
    ]);
    expect(v.solution).toContain('- True: Yes two Right 2.');
    expect(v.solution).toContain('- False: No 3 Wrong 3.');
  });

  it('single choice shows exactly one true statement: other draws are redrawn, pins refused', () => {
    for (let s = 0; s < 200; s++) {
      const v = generateVariant(bank, s, { kind: 'single' });
      expect(v.choices.filter((c) => c.correct)).toHaveLength(1);
    }
    expect(() =>
      generateVariant(bank, 1, { kind: 'single', pins: { truths: [0, 1], falsehoods: [0, 1, 2] } }),
    ).toThrow(/single choice needs exactly one true statement; these parameters show 2/);
  });
});

describe('checkStatementBank', () => {
  it('refuses a false statement without a misconception and a bank too small', () => {
    expect(() =>
      checkStatementBank('b', truths, [...falsehoods, { text: 'x', feedback: 'y' }], {
        truths: 1,
        falsehoods: 1,
      }),
    ).toThrow('b: false statement without a misconception: x');
    expect(() => checkStatementBank('b', truths, falsehoods, { truths: 3, falsehoods: 4 })).toThrow(
      'b: a statement bank needs ≥ 3 true and ≥ 4 false statements, has 2 and 4',
    );
    expect(() =>
      checkStatementBank('b', truths, falsehoods, { truths: 2, falsehoods: 4 }),
    ).not.toThrow();
  });

  it('withStop ends a text with a full stop unless it has one', () => {
    expect(withStop('Dropout')).toBe('Dropout.');
    expect(withStop('Is it?')).toBe('Is it?');
    expect(withStop('(a)')).toBe('(a)');
  });
});
