import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import { wordVectors as t } from '@dlexam/topic-rnn';
import {
  assertAnswer,
  checkTemplate,
  correctChoice,
  numericValue,
  runProperty,
  type PropertyCheck,
} from '@dlexam/generator/testing';
import { expectPartialPinsAccepted } from './valid-pins.js';

const sq = (v: number[]) => v.reduce((s, x) => s + x * x, 0);
/** Independent cosine: the law of cosines on the triangle a, b, a − b. */
const lawCos = (a: number[], b: number[]) =>
  (sq(a) + sq(b) - sq(a.map((x, i) => x - b[i]!))) / (2 * Math.sqrt(sq(a) * sq(b)));

/** Independent parameter count: the shapes of the arrays PyTorch would register. */
function shapes(V: number, d: number, output: string): number {
  const arrays: number[][] = [[V, d]];
  if (output === 'untied') arrays.push([V, d], [V]);
  if (output === 'tied') arrays.push([V]);
  return arrays.reduce((s, sh) => s + sh.reduce((a, b) => a * b, 1), 0);
}

type Entry = { word: string; vec: number[] };

/** The key against the law of cosines, a sorted search and counted arrays. */
function checkWordVectors(v: Variant, p: Parameters<PropertyCheck>[1]): void {
  if (p.task === 'cosine') assertAnswer(v, lawCos(p.a, p.b), 3);
  else if (p.task === 'params') expect(numericValue(v)).toBe(shapes(p.vocab, p.dim, p.output));
  else {
    const byWord = new Map<string, number[]>(p.words.map((w: Entry) => [w.word, w.vec]));
    const [a, b, c] = (p.query as string[]).map((q) => byWord.get(q)!);
    const target = a!.map((x, i) => x - b![i]! + c![i]!);
    const ranked = (p.words as Entry[])
      .filter((w) => !p.query.includes(w.word))
      .map((w) => ({ word: w.word, cos: lawCos(target, w.vec) }))
      .sort((x, y) => y.cos - x.cos);
    if (v.kind === 'single') expect(correctChoice(v)).toBe(ranked[0]!.word);
    else assertAnswer(v, ranked[0]!.cos, 3);
  }
}

describe('rnn.word-vectors', () => {
  it('answers match the law of cosines, a sorted search and counted arrays over 10,000 seeds', () => {
    runProperty(t, checkWordVectors);
  });

  it('accepts textbook values beyond the draws: 5-dimensional decimal vectors, GPT-2 sizes', () => {
    // a = (1, 2, 2, 0, 0), ‖a‖ = 3; b = (0, 0, 0.6, 0.8, 0), ‖b‖ = 1; a·b = 1.2: cos = 0.4.
    const cos = generateVariant(t, 1, {
      pins: { task: 'cosine', a: [1, 2, 2, 0, 0], b: [0, 0, 0.6, 0.8, 0] },
      kind: 'numeric',
    });
    expect(numericValue(cos)).toBe(0.4);
    expect(cos.stem).toContain('0.6');
    // GPT-2: V = 50,257, d = 768, tied output layer: 50,257·768 + 50,257 = 38,647,633.
    const gpt2 = generateVariant(t, 1, {
      pins: { task: 'params', vocab: 50_257, dim: 768, output: 'tied' },
      kind: 'numeric',
    });
    expect(numericValue(gpt2)).toBe(38_647_633);
    // A cosine needs two vectors of one length: b follows a's length.
    expectPartialPinsAccepted(t, checkWordVectors, (pins) => {
      const a = pins.a as number[];
      const b = pins.b as number[];
      pins.b = a.map((x, i) => b[i % b.length] ?? x);
    });
  });

  it('reproduces the examples worked by hand', () => {
    // (3·4 + 4·3) / (5 · 5) = 24/25.
    expect(numericValue(generateFixture(t, 'rnn-word-vectors-cosine'))).toBe(0.96);
    // king − man + woman = (0.9, 0, 0.9); queen (0.9, 0.1, 0.8) is nearest.
    expect(correctChoice(generateFixture(t, 'rnn-word-vectors-king-queen'))).toBe('queen');
    expect(numericValue(generateFixture(t, 'rnn-word-vectors-params'))).toBe(6_010_000);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 40 });
  });
});
