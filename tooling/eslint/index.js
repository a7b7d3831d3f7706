import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The lint every package shares, run once from the root (`pnpm lint`): typescript-eslint's
 * recommended type-checked rules over all TypeScript, with the types of each package's own
 * tsconfig (the project service finds it). Non-null assertions (`x!`) are errors: say it with a
 * type or a check. Violations that predate a rule are listed in the root
 * `eslint-suppressions.json` (ESLint's bulk suppressions), so only new ones fail.
 */
export function dlexamConfig({ root, ignores = [] }) {
  return tseslint.config(
    {
      ignores: [
        '**/node_modules/**',
        '**/dist/**',
        '**/out/**',
        '**/coverage/**',
        '**/.turbo/**',
        '**/.vite/**',
        '**/test-results/**',
        // Type-checked by `pnpm check:publish` against the packed packages, not the workspace.
        'tooling/publish/consumer/**',
        ...ignores,
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        parserOptions: {
          projectService: { allowDefaultProject: ['vitest.config.ts'] },
          tsconfigRootDir: root,
        },
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'error',
        // `_`-prefixed parameters and rest siblings are deliberate.
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
        ],
      },
    },
    {
      // Plain JavaScript (tooling, scripts) and the tooling's hand-written declarations: no
      // tsconfig includes them, so they are linted without type information.
      files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'tooling/*/*.d.ts'],
      extends: [tseslint.configs.disableTypeChecked],
      languageOptions: { globals: { ...globals.node } },
    },
  );
}
