import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { chooseNext, offersMisconception, preferVariant } from './coach.js';
import { emptyState, recordAttempt, type AttemptInput } from './learner.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 10);
const catalogue = [
  { id: 'cnn.conv-output-size', topic: 'cnn', title: 'Convolution output size', difficulty: 1 },
  { id: 'cnn.pooling', topic: 'cnn', title: 'Pooling', difficulty: 1 },
  { id: 'cnn.layer-table', topic: 'cnn', title: 'CNN layer table', difficulty: 2 },
  { id: 'rnn.gru-step', topic: 'rnn', title: 'GRU step', difficulty: 2 },
  { id: 'rnn.rnn-step', topic: 'rnn', title: 'RNN step', difficulty: 1 },
];
const at = (id: string, correct: boolean, extra: Partial<AttemptInput> = {}): AttemptInput => {
  const t = catalogue.find((x) => x.id === id)!;
  return { templateId: id, topic: t.topic, title: t.title, kind: 'numeric', correct, ...extra };
};
const first = () => 0;

describe('chooseNext', () => {
  it('after a misconception, the same template targeting it, explained in one line', () => {
    const s = recordAttempt(
      emptyState(),
      at('cnn.conv-output-size', false, {
        misconception: 'kernel-as-stride',
        feedback: 'You divided by the kernel size instead of the stride.',
      }),
      T0,
    );
    expect(chooseNext(s, catalogue, T0 + 1000, first)).toEqual({
      templateId: 'cnn.conv-output-size',
      misconception: 'kernel-as-stride',
      reason:
        'Last time you divided by the kernel size instead of the stride — here is another “Convolution output size” question with that trap.',
    });
  });

  it('otherwise the weakest practised template, not the one just asked', () => {
    let s = emptyState();
    s = recordAttempt(s, at('rnn.gru-step', false), T0);
    s = recordAttempt(s, at('cnn.pooling', true), T0 + 1);
    s = recordAttempt(s, at('cnn.conv-output-size', false), T0 + 2);
    const c = chooseNext(s, catalogue, T0 + 3, first);
    // Both GRU and conv are weak, but conv was just asked.
    expect(c.templateId).toBe('rnn.gru-step');
    expect(c.reason).toMatch(
      /^“GRU step” is your weakest so far \(mastery \d+ %\) — practise it\.$/,
    );
  });

  it('a recent misconception outweighs a slightly lower mastery', () => {
    let s = emptyState();
    s = recordAttempt(s, at('rnn.gru-step', false), T0);
    s = recordAttempt(s, at('rnn.gru-step', false), T0 + 1);
    s = recordAttempt(s, at('cnn.pooling', false, { misconception: 'm' }), T0 + 2);
    s = recordAttempt(s, at('rnn.rnn-step', true), T0 + 3);
    expect(chooseNext(s, catalogue, T0 + 4, first)).toMatchObject({
      templateId: 'cnn.pooling',
      reason: expect.stringMatching(/tripped you up recently/),
    });
  });

  it('mastered templates come back for spaced review when due', () => {
    let s = emptyState();
    for (const c of catalogue)
      for (let i = 0; i < 6; i++) s = recordAttempt(s, at(c.id, true), T0 + i);
    expect(chooseNext(s, catalogue, T0 + 10, first).reason).toMatch(/^Everything is mastered/);
    const later = chooseNext(s, catalogue, T0 + 40 * DAY, first);
    expect(later.reason).toMatch(/^Review: you mastered “.+” 39 days ago/);
  });

  it('a new student starts with difficulty 1 of the first topic listed', () => {
    expect(chooseNext(emptyState(), catalogue, T0, first)).toEqual({
      templateId: 'cnn.conv-output-size',
      reason: 'New for you: “Convolution output size” (cnn, difficulty 1).',
    });
    // Listed first, not first alphabetically.
    expect(chooseNext(emptyState(), [...catalogue].reverse(), T0, first)).toEqual({
      templateId: 'rnn.rnn-step',
      reason: 'New for you: “RNN step” (rnn, difficulty 1).',
    });
  });

  it('new templates start at difficulty 1 in the least-mastered topic', () => {
    let s = emptyState();
    s = recordAttempt(s, at('cnn.pooling', true), T0);
    const c = chooseNext(s, catalogue, T0 + 1, first);
    expect(c.templateId).toBe('rnn.rnn-step');
    expect(c.reason).toBe('New for you: “RNN step” (rnn, difficulty 1).');
  });
});

describe('preferVariant', () => {
  const t = cnnTemplates.find((x) => x.id === 'cnn.conv-output-size')!;
  const seeds = Array.from(
    { length: 12 },
    (_, i) => `p${(0xa00 + i).toString(16).padStart(10, '0')}`,
  );

  it('picks a variant whose wrong options include the misconception', () => {
    for (const m of ['kernel-as-stride', 'ignored-padding', 'ceil-instead-of-floor']) {
      const r = preferVariant(t, seeds, m);
      expect(r.matched).toBe(true);
      const v = generateVariant(t, r.seed, r.kind ? { kind: r.kind } : {});
      expect(offersMisconception(v, m)).toBe(true);
    }
  });

  it('falls back to the first seed when no variant offers it', () => {
    expect(preferVariant(t, seeds, 'no-such-misconception')).toEqual({
      seed: seeds[0],
      matched: false,
    });
    expect(preferVariant(t, seeds, undefined)).toEqual({ seed: seeds[0], matched: false });
  });
});
