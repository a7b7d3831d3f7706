import { configDefaults } from 'vitest/config';
import { packageProject } from '@dlexam/vitest-config';

export default packageProject('web', {
  // The timed test is the `web-timing` project (vitest.timing.config.ts), run after all others.
  exclude: [...configDefaults.exclude, 'test/**/*.timing.test.ts'],
  testTimeout: 120_000,
  hookTimeout: 180_000,
});
