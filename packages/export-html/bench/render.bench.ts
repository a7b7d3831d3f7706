import { bench, describe } from 'vitest';
import { renderQuestions } from '@dlexam/export-html';
import { benchVariants } from './variants.js';

// Target (issue 9): 1,000 variants to HTML with KaTeX in ≤ 2 s. Run: pnpm exec vitest bench --project export-html --run
const variants = benchVariants(1000);

describe('render 1,000 variants', () => {
  bench('student blocks + solution blocks', () => {
    renderQuestions(variants, { mode: 'student' });
    renderQuestions(variants, { mode: 'solution' });
  }, { iterations: 3, warmupIterations: 0 });
});
