import { describe, expect, it } from 'vitest';
import { collectTextSources } from '@dlexam/generator';
import { sumAnswer, sumTemplate } from '../test/sum-template.js';

describe('collectTextSources', () => {
  it('finds every source a template renders, both wordings and the solution, sorted', () => {
    expect(collectTextSources([sumTemplate('collect')])).toEqual([
      'Add {{a}} and {{b}}.',
      'What is \\({{a}} + {{b}}\\)?',
      '\\({{a}} + {{b}} = {{s}}\\)',
    ]);
  });

  it('skips the seeds a template refuses', () => {
    let refused = 0;
    const sources = collectTextSources(
      [
        sumTemplate('refusing', (p, ctx) => {
          if (p.a % 2) {
            refused++;
            throw new Error('refused');
          }
          return {
            stem: ctx.render('Even {{a}}', p),
            solution: ctx.render('{{a}} is even.', p),
            answer: sumAnswer(p, p.a + p.b),
          };
        }),
      ],
      { quiet: 5 },
    );
    expect(refused).toBeGreaterThan(0);
    expect(sources).toEqual(['Even {{a}}', '{{a}} is even.']);
  });
});
