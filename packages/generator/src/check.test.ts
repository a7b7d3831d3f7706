import { describe, expect, it } from 'vitest';
import { checkResponse, parseNumber } from '@dlexam/generator';
import { sampleVariants } from '@dlexam/types/testing';

const byId = (id: string) => sampleVariants().find((v) => v.templateId === id)!;

describe('parseNumber', () => {
  it.each([
    ['6', 6],
    [' -0.1192 ', -0.1192],
    ['−3', -3],
    ['4.07e17', 4.07e17],
    ['4.07 × 10^17', 4.07e17],
    ['2.04x10^-10', 2.04e-10],
    ['.5', 0.5],
  ])('%s → %d', (s, x) => expect(parseNumber(s)).toBeCloseTo(x, 12));
  it.each(['', 'six', '1,5', '1.2.3', '--1'])('rejects %s', (s) =>
    expect(parseNumber(s)).toBeNull(),
  );
});

describe('checkResponse', () => {
  it('accepts numeric answers within tolerance and names a modelled mistake', () => {
    const v = byId('cnn.sample-numeric');
    expect(checkResponse(v, { kind: 'numeric', value: '6' })).toMatchObject({
      correct: true,
      score: 1,
    });
    expect(checkResponse(v, { kind: 'numeric', value: '5' })).toMatchObject({
      correct: false,
      misconception: 'forgot-plus-one',
    });
    expect(checkResponse(v, { kind: 'numeric', value: '7' }).misconception).toBeUndefined();
    expect(checkResponse(v, { kind: 'numeric', value: 'abc' }).feedback).toMatch(/Enter a number/);
    const d = byId('cnn.sample-decimal');
    expect(checkResponse(d, { kind: 'numeric', value: '-0.1193' }).correct).toBe(true);
    expect(checkResponse(d, { kind: 'numeric', value: '-0.1194' }).correct).toBe(false);
    expect(checkResponse(d, { kind: 'numeric', value: '0.8808' }).misconception).toBe(
      'forgot-label',
    );
  });

  it('grades choices, select-all, matching, short answers and tables', () => {
    const s = byId('cnn.sample-single');
    expect(checkResponse(s, { kind: 'single', choice: 1 }).correct).toBe(true);
    expect(checkResponse(s, { kind: 'single', choice: 0 })).toMatchObject({
      correct: false,
      misconception: 'forgot-bias',
    });
    const m = byId('cnn.sample-multiple');
    expect(checkResponse(m, { kind: 'multiple', choices: [2, 0] }).correct).toBe(true);
    expect(checkResponse(m, { kind: 'multiple', choices: [0] })).toMatchObject({
      correct: false,
      score: 0.5,
    });
    expect(checkResponse(m, { kind: 'multiple', choices: [0, 1, 2] })).toMatchObject({
      misconception: 'bias-per-channel',
      score: 0.5,
    });
    const mt = byId('cnn.sample-matching');
    if (mt.answer.kind !== 'matching') throw new Error('fixture');
    const right = mt.answer.pairs.map((p) => p.answer);
    expect(checkResponse(mt, { kind: 'matching', answers: right }).correct).toBe(true);
    expect(
      checkResponse(mt, { kind: 'matching', answers: [right[1]!, right[0]!, right[2]!] }).score,
    ).toBeCloseTo(1 / 3);
    const sh = byId('cnn.sample-short');
    expect(checkResponse(sh, { kind: 'short', text: '  Precision ' }).correct).toBe(true);
    expect(checkResponse(sh, { kind: 'short', text: 'recall' }).correct).toBe(false);
    const t = byId('cnn.sample-table');
    const good = {
      kind: 'table' as const,
      cells: [
        [null, '120', '7776', '32', 1],
        [null, 60, '0', '0.5', 0],
      ],
    };
    expect(checkResponse(t, good)).toMatchObject({ correct: true, score: 1 });
    const bad = checkResponse(t, {
      kind: 'table',
      cells: [
        [null, '121', '7776', '32', 0],
        [null, 60, '0', '0.5', 0],
      ],
    });
    expect(bad).toMatchObject({ correct: false, score: 0.75 });
    expect(bad.cells![0]).toEqual([null, false, true, true, false]);
  });

  it('refuses a response of the wrong kind', () => {
    expect(checkResponse(byId('cnn.sample-single'), { kind: 'numeric', value: '1' }).correct).toBe(
      false,
    );
  });
});
