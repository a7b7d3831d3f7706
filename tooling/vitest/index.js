import { defineProject } from 'vitest/config';

/**
 * The vitest project every package shares. The `source` condition resolves workspace packages to
 * their TypeScript sources, so tests run without a build.
 */
export function packageProject(name, extra = {}) {
  return defineProject({
    resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 300_000,
      hookTimeout: 300_000,
      ...extra,
    },
  });
}
