import { describe, expect, it } from 'vitest';
import {
  DlexamError,
  TemplateRegistry,
  assembleExam,
  createRng,
  gateProblem,
  generateFixture,
  generateVariant,
  parseExamSpec,
  poolSize,
  templateJsonSchema,
  versionCode,
  type OptionSpec,
} from '@dlexam/generator';
import { sumTemplate } from '../test/sum-template.js';
import { testTemplate } from '../test/test-template.js';

/** A small but complete template: the answer is a + b, with three modelled mistakes. */
const sum = sumTemplate('test-sum');

const registry = new TemplateRegistry([sum]);

describe('createRng', () => {
  it('is deterministic per key and independent across keys', () => {
    const a = createRng('x').intVector(20, 0, 9);
    expect(createRng('x').intVector(20, 0, 9)).toEqual(a);
    expect(createRng('y').intVector(20, 0, 9)).not.toEqual(a);
    const r = createRng('bounds');
    for (let i = 0; i < 2000; i++) {
      const v = r.int(-3, 3);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThanOrEqual(3);
    }
    expect(createRng('s').sample([1, 2, 3, 4, 5], 5).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((createRng('st').stepped(0, 1, 0.1) * 10) % 1).toBeCloseTo(0, 9);
  });
});

describe('rng.stepped', () => {
  it('gives exactly the double of the decimal min + k·step, never binary noise', () => {
    const grids: [number, number, number][] = [
      [0, 1, 0.1],
      [-2.5, 2.5, 0.05],
      [0.001, 0.1, 0.001],
      [-1, 1, 0.25],
      [0, 3, 0.3],
      [1e-7, 1e-5, 1e-7],
      [-0.9, 0.9, 0.3],
      [100, 100000, 0.5],
      [0.123456789, 0.5, 0.000000001],
    ];
    for (const [min, max, step] of grids) {
      for (let i = 0; i < 500; i++) {
        const key = `stepped/${min}/${step}/${i}`;
        const n = Math.round((max - min) / step);
        const k = createRng(key).int(0, n);
        // Every grid here has ≤ 9 decimals, so rounding the float sum to 12 decimals is exact.
        const expected = Number((min + k * step).toFixed(12));
        const got = createRng(key).stepped(min, max, step);
        expect(Object.is(got, expected + 0), `${min}+${k}·${step}`).toBe(true);
      }
    }
  });
});

describe('stream seeding', () => {
  // Chi-square over 20 equal buckets (19 degrees of freedom): 43.8 is the 0.1% critical value.
  const chiSquare = (xs: number[]) => {
    const counts = new Array<number>(20).fill(0);
    for (const x of xs) counts[Math.floor(x * 20)]!++;
    const expected = xs.length / 20;
    return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  };

  it('gives uniform first draws across neighbouring keys (seeds 0, 1, 2, … of one template)', () => {
    const firsts = Array.from({ length: 20_000 }, (_, i) =>
      createRng(`dlexam/t/${i}/params`).next(),
    );
    expect(chiSquare(firsts)).toBeLessThan(43.8);
  });

  it('gives uncorrelated streams to keys that differ in one character', () => {
    const pairs = Array.from({ length: 20_000 }, (_, i) => [
      createRng(`k${i}/a`).next(),
      createRng(`k${i}/b`).next(),
    ]);
    // The difference of two independent uniforms, folded into [0, 1), is uniform again.
    expect(chiSquare(pairs.map(([a, b]) => (a! - b! + 1) % 1))).toBeLessThan(43.8);
    const mean = (f: (p: number[]) => number) => pairs.reduce((s, p) => s + f(p), 0) / pairs.length;
    const cov = mean(([a, b]) => a! * b!) - mean(([a]) => a!) * mean(([, b]) => b!);
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(0.03); // correlation ≈ 0
  });

  it('keeps a stream uniform over a long run', () => {
    const r = createRng('long');
    expect(chiSquare(Array.from({ length: 100_000 }, () => r.next()))).toBeLessThan(43.8);
  });
});

describe('generateVariant', () => {
  it('gives deep-equal variants for the same template, seed and kind', () => {
    for (const seed of ['1', '42', 'abc']) {
      expect(generateVariant(sum, seed)).toEqual(generateVariant(sum, seed));
      expect(JSON.stringify(generateVariant(sum, seed, { kind: 'single' }))).toBe(
        JSON.stringify(generateVariant(sum, seed, { kind: 'single' })),
      );
    }
  });

  it('solves correctly and passes the gates over many seeds', () => {
    for (let i = 0; i < 2000; i++) {
      const v = generateVariant(sum, i, { kind: i % 2 ? 'numeric' : 'single' });
      const p = v.params as { a: number; b: number };
      expect(p.a).not.toBe(p.b);
      expect(gateProblem(v)).toBeNull();
      if (v.answer.kind === 'numeric') expect(v.answer.numeric.value).toBe(p.a + p.b);
      else if (v.answer.kind === 'single')
        expect(v.choices[v.answer.correct]!.plain).toBe(String(p.a + p.b));
    }
  });

  it('builds four distinct options with misconception feedback for single choice', () => {
    const v = generateVariant(sum, 7, { kind: 'single' });
    expect(v.choices).toHaveLength(4);
    expect(new Set(v.choices.map((c) => c.plain)).size).toBe(4);
    for (const c of v.choices.filter((x) => !x.correct)) expect(c.misconception).toBeTruthy();
  });

  it('drops distractors inside the tolerance or equal to the answer', () => {
    // a·b = a+b only for (2,2), excluded; a−b = a+b never; check 1+2: a·b = 2, a−b = −1, +1 = 4.
    const v = generateVariant(sum, 'x', { pins: { a: 1, b: 2 } });
    expect(v.choices.map((c) => c.value)).toEqual([3, 2, -1, 4]);
  });

  it('honours pins and rejects invalid ones with a clear message', () => {
    expect(generateVariant(sum, 1, { pins: { a: 5 } }).params.a).toBe(5);
    expect(() => generateVariant(sum, 1, { pins: { a: 50 } })).toThrow(
      /a must be an integer from 1 to 20/,
    );
    expect(() => generateVariant(sum, 1, { pins: { c: 1 } })).toThrow(/has no parameter 'c'/);
    expect(() => generateVariant(sum, 1, { pins: { a: 4, b: 4 } })).toThrow(/a differs from b/);
    expect(() => generateVariant(sum, 1, { kind: 'table' })).toThrow(DlexamError);
    expect(() => generateVariant(sum, 'bad seed!')).toThrow(/invalid seed/);
  });

  it('renders fixtures with the seed exercise parameters', () => {
    const v = generateFixture(sum, 'T-sum');
    expect(v.params).toEqual({ a: 2, b: 3 });
    expect(v.answer).toMatchObject({ kind: 'numeric', numeric: { value: 5 } });
    expect(() => generateFixture(sum, 'nope')).toThrow(/has no fixture 'nope'; it has T-sum/);
  });
});

/** A single-choice template of fixed options (its one parameter only varies the seed). */
function choiceTemplate(id: string, stem: string, solution: string, options: OptionSpec[]) {
  return testTemplate<{ x: number }>({
    id,
    title: 'Choice',
    objective: 'Pick.',
    kinds: ['single'],
    params: { x: { type: 'int', min: 1, max: 50, description: 'anything' } },
    build: () => ({ stem, solution, answer: { type: 'choice', options } }),
  });
}

describe('choice options', () => {
  const bank = choiceTemplate('foundations.test-above', 'Which is true?', 'All of them.', [
    { text: 'All of the above.', correct: true, feedback: 'Yes.' },
    { text: 'One.', correct: false, feedback: 'Also true.', misconception: 'partial' },
    { text: 'Two.', correct: false, feedback: 'Also true.', misconception: 'partial' },
    { text: 'Three.', correct: false, feedback: 'Also true.', misconception: 'partial' },
  ]);

  it('keeps "All of the above" last while shuffling the rest', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const v = generateVariant(bank, i);
      expect(v.choices.at(-1)!.plain).toBe('All of the above.');
      orders.add(v.choices.map((c) => c.plain).join('|'));
    }
    expect(orders.size).toBeGreaterThan(3);
  });
});

describe('option feedback', () => {
  const withFeedback = (wrong: string) =>
    choiceTemplate(
      'foundations.test-feedback',
      'Which is the regularization strength?',
      'It is \\(\\lambda\\).',
      [
        { text: '\\(\\lambda\\)', correct: true, feedback: 'Correct: \\(\\lambda\\) scales it.' },
        { text: '\\(\\eta\\)', correct: false, feedback: wrong, misconception: 'lr' },
        { text: '\\(p\\)', correct: false, feedback: 'That is `p`, a probability.' },
        { text: '\\(k\\)', correct: false, feedback: 'That counts neighbours.' },
      ],
    );

  it('is plain text: math and code a template wrote become their Unicode form', () => {
    const v = generateVariant(
      withFeedback('\\(\\eta\\) is the learning rate, \\(2\\eta\\) twice it.'),
      1,
    );
    const byText = new Map(v.choices.map((c) => [c.plain, c.feedback]));
    expect(byText.get('λ')).toBe('Correct: λ scales it.');
    expect(byText.get('η')).toBe('η is the learning rate, 2η twice it.');
    expect(byText.get('p')).toBe('That is p, a probability.');
    expect(byText.get('k')).toBe('That counts neighbours.');
    expect(gateProblem(v)).toBeNull();
  });

  it('refuses TeX written outside math delimiters, which students would see raw', () => {
    expect(() => generateVariant(withFeedback('\\eta is the learning rate.'), 1)).toThrow(
      /TeX outside math delimiters in its feedback: \\eta is/,
    );
  });
});

describe('pool size', () => {
  it('enumerates small domains exactly', () => {
    // 20 × 20 pairs minus 20 with a = b; sums range over 3..39.
    expect(poolSize(sum)).toEqual({ variants: 380, answers: 37, method: 'enumerated' });
    expect(poolSize(sum, { narrow: { a: [1, 2], b: { in: [5, 6] } } })).toMatchObject({
      variants: 4,
    });
  });
});

describe('pool size of a huge domain', () => {
  const big = testTemplate<{ a: number }>({
    id: 'foundations.test-big',
    title: 'Big',
    objective: 'Echo a number.',
    kinds: ['numeric'],
    params: { a: { type: 'int', min: 1, max: 1_000_000_000, description: 'a number' } },
    build: (p) => ({
      stem: `Write ${p.a}.`,
      solution: 'Copy it.',
      answer: { type: 'numeric', value: p.a, decimals: 0, distractors: [] },
    }),
  });

  it('reports a lower bound when every draw differs, and does not refuse a large exam on it', () => {
    const pool = poolSize(big);
    expect(pool).toMatchObject({
      method: 'estimated',
      variantsAtLeast: true,
      answersAtLeast: true,
    });
    expect(pool.variants).toBeGreaterThan(1000);
    const reg = new TemplateRegistry([big]);
    const spec = parseExamSpec(
      { title: 'Big', versions: 2000, slots: [{ template: 'foundations.test-big' }] },
      reg,
    );
    expect(assembleExam(spec, reg, { seed: 'b' }).versions).toHaveLength(2000);
  });
});

describe('exam assembly', () => {
  const spec = parseExamSpec(
    {
      title: 'Quiz 1',
      versions: 3,
      slots: [{ template: 'foundations.test-sum', count: 2, points: 2 }],
    },
    registry,
  );

  it('is deterministic and never repeats a parameter set', () => {
    const a = assembleExam(spec, registry, { seed: 's1' });
    expect(assembleExam(spec, registry, { seed: 's1' })).toEqual(a);
    expect(a.versions.map((v) => v.code)).toEqual(['A', 'B', 'C']);
    const keys = a.versions.flatMap((v) =>
      v.questions.map((q) => JSON.stringify(q.variant.params)),
    );
    expect(new Set(keys).size).toBe(6);
    expect(a.totalPoints).toBe(4);
    expect(assembleExam(spec, registry, { seed: 's2' })).not.toEqual(a);
  });

  it('refuses more versions than the pool holds', () => {
    const big = parseExamSpec(
      { title: 'Big', versions: 400, slots: [{ template: 'foundations.test-sum' }] },
      registry,
    );
    expect(() => assembleExam(big, registry, { seed: 'x' })).toThrow(
      /needs 400 distinct variants .* pool holds 380/,
    );
  });

  it('names the field at fault in a bad spec', () => {
    expect(() =>
      parseExamSpec({ title: 'x', slots: [{ template: 'foundations.test-sun' }] }, registry),
    ).toThrow(
      /spec.slots\[0\].template: unknown template 'foundations.test-sun'; did you mean foundations.test-sum/,
    );
    expect(() =>
      parseExamSpec({ title: 'x', slots: [{ topic: 'cnn', count: 0 }] }, registry),
    ).toThrow(/spec.slots\[0\]/);
    expect(() =>
      parseExamSpec(
        { title: 'x', slots: [{ template: 'foundations.test-sum', count: 0 }] },
        registry,
      ),
    ).toThrow(/spec.slots\[0\].count: must be a whole number from 1/);
    expect(() => parseExamSpec({ title: 'x', slots: [], extra: 1 }, registry)).toThrow(
      /unknown field 'extra'/,
    );
    expect(() =>
      parseExamSpec(
        { title: 'x', slots: [{ template: 'foundations.test-sum', params: { a: [0, 3] } }] },
        registry,
      ),
    ).toThrow(/spec.slots\[0\].params.a: range \[0, 3\] is outside an integer from 1 to 20/);
  });

  it('narrows number parameters to ranges on their step grid', () => {
    const lr = testTemplate<{ lr: number }>({
      id: 'optimization.test-lr',
      title: 'Learning rate',
      objective: 'Read a learning rate.',
      kinds: ['numeric'],
      params: {
        lr: { type: 'number', min: 0.05, max: 0.5, step: 0.05, description: 'learning rate' },
      },
      // The answer is printed in the stem on purpose: this template only exercises narrowing.
      allowTrivial: ['answer-in-stem'],
      build: (p) => ({
        stem: `What is the learning rate \\(${p.lr}\\)?`,
        solution: 'Read it.',
        answer: { type: 'numeric', value: p.lr, decimals: 2, distractors: [] },
      }),
    });
    const reg = new TemplateRegistry([lr]);
    const spec = parseExamSpec(
      {
        title: 'LR',
        versions: 3,
        slots: [{ template: 'optimization.test-lr', params: { lr: [0.1, 0.2] } }],
      },
      reg,
    );
    const exam = assembleExam(spec, reg, { seed: 'lr' });
    for (const v of exam.versions)
      expect([0.1, 0.15, 0.2]).toContain(v.questions[0]!.variant.params.lr);
    expect(poolSize(lr, { narrow: { lr: [0.1, 0.2] } })).toMatchObject({
      variants: 3,
      method: 'enumerated',
    });
    expect(() =>
      parseExamSpec(
        { title: 'LR', slots: [{ template: 'optimization.test-lr', params: { lr: [0.12, 0.2] } }] },
        reg,
      ),
    ).toThrow(/params.lr: range \[0.12, 0.2\] must fall on steps of 0.05/);
  });

  it('labels versions A…Z, AA…', () => {
    expect([0, 25, 26, 27, 701, 702].map(versionCode)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('describe', () => {
  it('publishes a JSON Schema of the parameters', () => {
    expect(templateJsonSchema(sum)).toMatchObject({
      type: 'object',
      properties: { a: { type: 'integer', minimum: 1, maximum: 20 } },
      required: ['a', 'b'],
      'x-constraints': ['a differs from b'],
    });
  });
});

describe('the shared sample fixtures', () => {
  it('pass every gate, so exporter tests start from valid variants', async () => {
    const { sampleVariants, sampleExam } = await import('@dlexam/types/testing');
    for (const v of sampleVariants()) expect(gateProblem(v), v.templateId).toBeNull();
    expect(sampleExam().versions).toHaveLength(2);
  });
});

describe('significant-figure answers', () => {
  const power = testTemplate<{ e: number }>({
    id: 'foundations.test-power',
    title: '1.5 to a power',
    objective: 'Evaluate a power.',
    kinds: ['numeric', 'single'],
    params: { e: { type: 'int', min: 40, max: 60, description: 'exponent' } },
    build: (p) => ({
      stem: `Compute \\(1.5^{${p.e}}\\) to 3 significant figures.`,
      solution: 'Use logarithms.',
      answer: {
        type: 'numeric',
        value: 1.5 ** p.e,
        decimals: 0,
        sigFigs: 3,
        distractors: [
          { value: 1.5 * p.e, misconception: 'multiplied', feedback: 'You multiplied.' },
          { value: 1.5 ** (p.e - 1), misconception: 'off-by-one', feedback: 'One factor short.' },
          { value: 2 ** p.e, misconception: 'wrong-base', feedback: 'Wrong base.' },
        ],
      },
    }),
  });

  it('rounds to the significant figures and writes options with a real superscript', () => {
    const v = generateVariant(power, 1, { pins: { e: 50 } });
    expect(v.answer).toMatchObject({
      kind: 'numeric',
      numeric: { value: 6.38e8, sigFigs: 3, tolerance: 1e6 },
    });
    const s = generateVariant(power, 1, { kind: 'single', pins: { e: 50 } });
    const correct = s.choices.find((c) => c.correct)!;
    expect(correct.plain).toBe('6.38 × 10⁸');
    expect(correct.text).toBe('\\(6.38 \\times 10^{8}\\)');
  });
});
