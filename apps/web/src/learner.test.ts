import { describe, expect, it } from 'vitest';
import {
  BKT,
  allMastered,
  bktUpdate,
  emptyState,
  guessProbability,
  parseLearnerState,
  pKnown,
  recordAttempt,
  topMisconceptions,
  topicMastery,
  type AttemptInput,
} from './learner.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 10);
const conv = (correct: boolean, extra: Partial<AttemptInput> = {}): AttemptInput => ({
  templateId: 'cnn.conv-output-size',
  topic: 'cnn',
  title: 'Convolution output size',
  kind: 'numeric',
  correct,
  ...extra,
});

describe('Bayesian Knowledge Tracing step', () => {
  it('matches the hand-computed posterior and learning step', () => {
    // Right answer from P(L)=0.2, G=0.05, S=0.1: 0.18 / (0.18 + 0.04) = 0.8181…, then + 0.1818… · 0.15.
    const post = (0.2 * 0.9) / (0.2 * 0.9 + 0.8 * 0.05);
    expect(bktUpdate(0.2, true, 0.05)).toBeCloseTo(post + (1 - post) * 0.15, 12);
    // Wrong answer: 0.02 / (0.02 + 0.76).
    const postW = (0.2 * 0.1) / (0.2 * 0.1 + 0.8 * 0.95);
    expect(bktUpdate(0.2, false, 0.05)).toBeCloseTo(postW + (1 - postW) * 0.15, 12);
  });

  it('a guessable answer is weaker evidence than a typed number', () => {
    expect(bktUpdate(0.2, true, guessProbability('single', 4))).toBeLessThan(
      bktUpdate(0.2, true, guessProbability('numeric')),
    );
    expect(guessProbability('single', 5)).toBe(0.2);
  });

  it('forgets with time and stays within [P(L0)/2, 1]', () => {
    let s = emptyState();
    for (let i = 0; i < 4; i++) s = recordAttempt(s, conv(true), T0 + i);
    const rec = s.templates['cnn.conv-output-size']!;
    expect(pKnown(rec, T0 + 3)).toBeGreaterThanOrEqual(BKT.mastery);
    expect(pKnown(rec, T0 + 30 * DAY)).toBeCloseTo(
      rec.p * Math.pow(1 - BKT.forget, 30 - 3 / DAY),
      6,
    );
    expect(pKnown(rec, T0 + 30 * DAY)).toBeLessThan(BKT.mastery);
    expect(pKnown(rec, T0 + 10_000 * DAY)).toBe(BKT.init / 2);
    expect(pKnown(undefined, T0)).toBe(BKT.init);
  });
});

describe('recordAttempt', () => {
  it('keeps attempts, right answers, misconceptions with their feedback, and the streaks', () => {
    let s = emptyState();
    s = recordAttempt(s, conv(true), T0);
    s = recordAttempt(
      s,
      conv(false, { misconception: 'kernel-as-stride', feedback: 'You divided by the kernel.' }),
      T0 + 1000,
    );
    s = recordAttempt(s, conv(true), T0 + DAY);
    expect(s.templates['cnn.conv-output-size']).toMatchObject({
      attempts: 3,
      correct: 2,
      run: 1,
      last: T0 + DAY,
    });
    expect(s.misconceptions['kernel-as-stride']).toMatchObject({
      hits: 1,
      templateId: 'cnn.conv-output-size',
      feedback: 'You divided by the kernel.',
      templates: { 'cnn.conv-output-size': 1 },
    });
    expect(s.streak).toMatchObject({ current: 1, best: 1, days: 2 });
    expect(s.log.map((a) => a.correct)).toEqual([true, false, true]);
    // A gap of more than a day restarts the day streak.
    s = recordAttempt(s, conv(true), T0 + 5 * DAY);
    expect(s.streak).toMatchObject({ current: 2, best: 2, days: 1 });
  });

  it('does not change the state it is given', () => {
    const s = emptyState();
    recordAttempt(s, conv(false, { misconception: 'x' }), T0);
    expect(s).toEqual(emptyState());
  });
});

describe('summaries', () => {
  const catalogue = [
    { id: 'cnn.conv-output-size', topic: 'cnn', title: 'Conv', difficulty: 1 },
    { id: 'cnn.pooling', topic: 'cnn', title: 'Pool', difficulty: 1 },
    { id: 'rnn.gru-step', topic: 'rnn', title: 'GRU', difficulty: 2 },
  ];

  it('topic mastery is the mean over its templates, unseen ones at P(L0)', () => {
    let s = emptyState();
    s = recordAttempt(s, conv(true), T0);
    const p = s.templates['cnn.conv-output-size']!.p;
    expect(topicMastery(s, catalogue, T0)).toEqual({ cnn: (p + BKT.init) / 2, rnn: BKT.init });
    expect(allMastered(s, ['cnn.conv-output-size'], T0)).toBe(false);
  });

  it('ranks misconceptions by hits, then recency', () => {
    let s = emptyState();
    s = recordAttempt(s, conv(false, { misconception: 'a' }), T0);
    s = recordAttempt(s, conv(false, { misconception: 'b' }), T0 + 1);
    s = recordAttempt(s, conv(false, { misconception: 'b' }), T0 + 2);
    s = recordAttempt(s, conv(false, { misconception: 'c' }), T0 + 3);
    expect(topMisconceptions(s).map((m) => [m.id, m.hits])).toEqual([
      ['b', 2],
      ['c', 1],
      ['a', 1],
    ]);
  });
});

describe('parseLearnerState (import)', () => {
  it('round-trips an export', () => {
    const s = recordAttempt(emptyState(), conv(false, { misconception: 'a' }), T0);
    expect(parseLearnerState(JSON.stringify(s))).toEqual(s);
  });

  it('refuses other files with one line', () => {
    expect(parseLearnerState('{oops')).toEqual({
      error: 'this file is not JSON; export your progress from this page to get one',
    });
    expect(parseLearnerState('{"schema":"dlexam.exam/1"}')).toEqual({
      error: 'this is not a dlexam progress file: expected "schema": "dlexam.learner/1"',
    });
    const bad = { ...emptyState(), templates: { x: { p: 3, attempts: 1, last: 0 } } };
    expect(parseLearnerState(JSON.stringify(bad))).toEqual({
      error: 'templates.x: expected attempts, last and p between 0 and 1',
    });
  });
});
