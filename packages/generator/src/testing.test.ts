import { describe, expect, it } from 'vitest';
import type { BuildContext, QuestionBody, Template } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  assertAnswer,
  assertClose,
  assertEqual,
  assertNumeric,
  checkDeterminism,
  checkFigures,
  checkFixtures,
  checkStemVariety,
  checkTemplate,
  commonTests,
  firstDifference,
  forSeeds,
  numericValue,
  runProperty,
} from '@dlexam/generator/testing';
import { sumAnswer, sumTemplate, type P } from '../test/sum-template.js';

const good = sumTemplate('harness-good');
const checkSum = (v: Variant, p: P) => assertEqual(numericValue(v), p.a + p.b, 'sum');

/** The message `fn` throws (fails the test if it does not throw). */
function thrown(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a throw');
}

describe('@dlexam/generator/testing', () => {
  it('passes a correct template through every check', () => {
    runProperty(good, { seeds: 500, check: checkSum, minStems: 2 });
    runProperty(good, checkSum);
    forSeeds(good, 200, 'single', (v) => expect(v.choices).toHaveLength(4));
    checkTemplate(good, { minStems: 20, minOpenings: 2, required: true, everyKind: true });
    checkFigures(good);
  });

  it('fails on a gate failure (empty stem), naming template, seed and kind', () => {
    const broken = sumTemplate('harness-gate', (p) => ({
      stem: '',
      solution: 'x',
      answer: sumAnswer(p, p.a + p.b),
    }));
    const msg = thrown(() => runProperty(broken, { seeds: 10 }));
    expect(msg).toMatch(/foundations\.harness-gate/);
    expect(msg).toMatch(/seed 0/);
    expect(msg).toMatch(/numeric/);
    expect(msg).toMatch(/empty/);
  });

  it('fails on a wrong answer, naming template, seed, kind, params and what differed', () => {
    // Off by one whenever a is 7.
    const broken = sumTemplate('harness-wrong', (p, ctx) => ({
      stem: ctx.render('What is \\({{a}} + {{b}}\\)?', p),
      solution: 'Add them.',
      answer: sumAnswer(p, p.a + p.b + (p.a === 7 ? 1 : 0)),
    }));
    const msg = thrown(() => runProperty(broken, { check: checkSum }));
    const seed = Number(/seed (\d+)/.exec(msg)![1]);
    expect(msg).toMatch(
      /^foundations\.harness-wrong seed \d+ \((numeric|single)\): sum: got \d+, expected \d+/,
    );
    expect(msg).toMatch(/params \{"a":7,"b":\d+\}/);
    // Every earlier seed passed: the loop stops at the first failure.
    runProperty(broken, { seeds: seed, check: checkSum });
    // forSeeds reports the same way.
    expect(
      thrown(() => forSeeds(broken, 10_000, 'numeric', (v) => checkSum(v, v.params as P))),
    ).toMatch(/seed \d+ \(numeric\): sum: got/);
  });

  it('fails on a template that is not deterministic, saying what differed', () => {
    let calls = 0;
    const broken = sumTemplate('harness-random', (p) => ({
      stem: `Add ${p.a} and ${p.b} (call ${calls++}).`,
      solution: 'Add them.',
      answer: sumAnswer(p, p.a + p.b),
    }));
    const msg = thrown(() => checkDeterminism(broken));
    expect(msg).toMatch(/foundations\.harness-random seed 0 \(numeric\): not deterministic/);
    expect(msg).toMatch(/differs at \$\.stem/);
    // The property loop checks determinism too.
    expect(thrown(() => runProperty(broken, { seeds: 20, check: checkSum }))).toMatch(
      /not deterministic/,
    );
  });

  it('fails on too little stem variety, bad fixtures and bad figures', () => {
    const fixed = sumTemplate('harness-fixed', (p) => ({
      stem: 'Add the two numbers.',
      solution: 'Add them.',
      answer: sumAnswer(p, p.a + p.b),
      figure: { svg: '<svg><text>NaN</text></svg>', alt: 'short' },
    }));
    expect(thrown(() => checkStemVariety(fixed, { minStems: 2 }))).toMatch(
      /only 1 distinct stems over 200 seeds, expected at least 2/,
    );
    expect(thrown(() => runProperty(fixed, { seeds: 50, minStems: 2 }))).toMatch(/only 1 distinct/);
    expect(thrown(() => checkFigures(fixed))).toMatch(/figure/);
    // Starts like an SVG, but an unescaped `&` makes it XML no browser shows.
    const ampersand = sumTemplate('harness-amp', (p) => ({
      stem: `Add \\(${p.a}\\) and \\(${p.b}\\).`,
      solution: 'Add them.',
      answer: sumAnswer(p, p.a + p.b),
      figure: {
        svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>',
        alt: 'Two numbers a and b, drawn side by side.',
      },
    }));
    expect(thrown(() => checkFigures(ampersand))).toMatch(
      /foundations\.harness-amp seed 0 .*figure is not well-formed XML/,
    );
    const noFixtures: Template<P> = { ...good, id: 'foundations.harness-nofix', fixtures: [] };
    expect(thrown(() => checkFixtures(noFixtures, { required: true }))).toMatch(/no fixtures/);
    checkFixtures(noFixtures);
  });

  it('registers the common tests through the runner it is given', () => {
    const names: string[] = [];
    const runs: (() => void)[] = [];
    commonTests((name, fn) => (names.push(name), runs.push(fn)), good, {
      minStems: 5,
      seedsPerKind: 50,
    });
    expect(names).toEqual([
      'is deterministic per seed and kind',
      'varies its stem (>= 5 distinct over 200 seeds)',
      'passes the gates in every kind it supports',
      'renders every fixture, and pinning its params reproduces it',
      'attaches only self-contained figures with alt text',
    ]);
    for (const run of runs) run();
  });

  it('compares values strictly and checks rounded answers', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('$.a[1].b: 2 ≠ 3');
    expect(firstDifference({ a: 1, u: undefined }, { a: 1 })).toBeNull();
    expect(firstDifference(0, -0)).toBe('$: 0 ≠ 0');
    expect(() => assertEqual([1, 2], [1, 3], 'row')).toThrow('row: got [1,2], expected [1,3]');
    expect(() => assertClose(1.2, 1, 0.1)).toThrow('value: got 1.2, expected 1 (±0.1)');
    assertNumeric({ value: 0.123, decimals: 3, tolerance: 0.001 }, 0.12304);
    expect(() => assertNumeric({ value: 0.124, decimals: 3, tolerance: 0.001 }, 0.12304)).toThrow(
      /not 0.12304 rounded/,
    );
    assertNumeric({ value: 4.07e17, decimals: 0, sigFigs: 3, tolerance: 1e15 }, 1.5 ** 100);
    const v = runOne(good);
    assertAnswer(v, numericValue(v), 0);
    expect(() => assertAnswer(v, numericValue(v) + 1, 0)).toThrow(/rounded/);
  });
});

function runOne(t: Template<P>): Variant {
  let got: Variant | undefined;
  forSeeds(t, 1, 'single', (v) => {
    got = v;
  });
  return got!;
}
