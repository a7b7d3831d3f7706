/** Shared Prettier settings (format with `pnpm format`). */
export default {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
  // htm templates are whitespace-sensitive like JSX: never reformat code embedded in tagged templates.
  embeddedLanguageFormatting: 'off',
};
