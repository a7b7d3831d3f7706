import { bench, describe } from 'vitest';
import { renderQuestions, type RenderQuestionOptions } from '@dlexam/export-html';
import { benchVariants } from './variants.js';

// Target (issue 9): 1,000 variants to HTML with KaTeX in ≤ 2 s.
// Run: pnpm exec vitest bench --project export-html --run
// Every run renders 1,000 variants not rendered before, so KaTeX's formula cache stays cold; the
// warm-up run pays for JIT compilation and KaTeX's start-up.
const RUNS = 3;

function freshSets(first: number) {
  const sets = Array.from({ length: RUNS + 1 }, (_, k) => benchVariants(1000, first + k * 1000));
  let next = 0;
  return () => sets[next++ % sets.length]!;
}

function renderBench(name: string, mode: RenderQuestionOptions['mode'], first: number) {
  const nextSet = freshSets(first);
  bench(name, () => void renderQuestions(nextSet(), { mode }), {
    iterations: RUNS,
    warmupIterations: 1,
    time: 0,
    warmupTime: 0,
  });
}

describe('render 1,000 fresh variants', () => {
  renderBench('student blocks (stem, figure, answer space)', 'student', 0);
  renderBench('solution blocks (stem, answer, solution, feedback)', 'solution', 100_000);
});
