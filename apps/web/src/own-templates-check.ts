/**
 * The checks a loaded module goes through (the CLI's own): a chunk of its own, fetched only when an
 * instructor loads a module, so the first page does not carry them.
 */
export { registryWith, templatesOfModule } from '@dlexam/generator';
