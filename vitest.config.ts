import { defineConfig } from 'vitest/config';

// One run over every workspace project; each package's own vitest.config.ts names it.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'apps/web/vitest.timing.config.ts'],
  },
});
