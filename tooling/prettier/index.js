/** Shared Prettier settings (format with `pnpm format`). */
export default {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
};
