import { type BuildContext, type QuestionBody, type Template } from '@dlexam/generator';
import { testTemplate } from './test-template.js';

export type P = { a: number; b: number };

/**
 * The generator's own test template: the answer is a + b, with three modelled mistakes. `build`
 * can be swapped to break it (harness tests).
 */
export function sumTemplate(
  id: string,
  build?: (p: P, ctx: BuildContext) => QuestionBody,
): Template<P> {
  return testTemplate<P>({
    id: `foundations.${id}`,
    title: 'Sum of two integers',
    objective: 'Add two integers.',
    kinds: ['numeric', 'single'],
    params: {
      a: { type: 'int', min: 1, max: 20, description: 'first addend' },
      b: { type: 'int', min: 1, max: 20, description: 'second addend' },
    },
    constraints: [{ description: 'a differs from b', check: (p) => p.a !== p.b }],
    build:
      build ??
      ((p, ctx) => ({
        stem: ctx.render(
          ctx.rng.choice(['What is \\({{a}} + {{b}}\\)?', 'Add {{a}} and {{b}}.']),
          p,
        ),
        solution: ctx.render('\\({{a}} + {{b}} = {{s}}\\)', { ...p, s: p.a + p.b }),
        answer: sumAnswer(p, p.a + p.b),
      })),
    fixtures: [{ id: 'T-sum', params: { a: 2, b: 3 } }],
  });
}

export function sumAnswer(p: P, value: number): QuestionBody['answer'] {
  return {
    type: 'numeric',
    value,
    decimals: 0,
    distractors: [
      {
        value: p.a * p.b,
        misconception: 'multiplied',
        feedback: 'You multiplied instead of adding.',
      },
      { value: p.a - p.b, misconception: 'subtracted', feedback: 'You subtracted.' },
      { value: value + 1, misconception: 'off-by-one', feedback: 'You added one too many.' },
    ],
  };
}
