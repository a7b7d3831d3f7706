/**
 * The command line as one CommonJS file (`dist/cli.cjs`), the file `bin.cjs` runs through V8's code
 * cache (`compiled-cli.ts`). Its modules still initialise lazily: a command evaluates only what it
 * imports, as in the ES module build.
 */
export { main } from './main.js';
export { useModuleImport } from './templates.js';
