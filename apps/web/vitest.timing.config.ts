import { configDefaults } from 'vitest/config';
import { packageProject } from '@dlexam/vitest-config';

/**
 * The web app's timed browser test (`*.timing.test.ts`) as a project of its own, in a later group
 * than every other project: vitest starts it once all other tests have finished, so its wall-clock
 * budget is measured on a machine no other test is loading.
 */
export default packageProject('web-timing', {
  include: ['test/**/*.timing.test.ts'],
  exclude: [...configDefaults.exclude],
  sequence: { groupOrder: 1 },
  testTimeout: 120_000,
  hookTimeout: 180_000,
});
