import { bench, describe } from 'vitest';
import { toQtiFiles, toQtiZip } from '@dlexam/export-qti';
import { qtiBenchExam } from '@dlexam/export-qti/bench';

// `pnpm exec vitest bench --project export-qti`: the target is ≤ 1 s for 10,000 variants.
const exam = qtiBenchExam(10_000);

describe('export 10,000 variants', () => {
  bench(
    'toQtiFiles (XML only)',
    () => {
      toQtiFiles(exam);
    },
    { iterations: 3, warmupIterations: 1 },
  );
  bench(
    'toQtiZip (XML + deflate)',
    () => {
      toQtiZip(exam);
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
