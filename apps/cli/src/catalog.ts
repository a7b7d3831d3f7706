import { TemplateRegistry, type AnyTemplate } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

/** Every template dlexam ships, in teaching order (foundations first). */
export const builtinTemplates: readonly AnyTemplate[] = [
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
];

/** The templates dlexam ships. */
export const builtinRegistry = new TemplateRegistry(builtinTemplates);

/**
 * The templates of the running command: the built-ins, plus an instructor's modules once
 * `--templates` or a spec's `templates:` loaded them (see templates.ts). A live binding: commands
 * read it after loading.
 */
export let registry: TemplateRegistry = builtinRegistry;

/** Replaces the running command's registry (templates.ts; `main` resets it on every run). */
export function setRegistry(r: TemplateRegistry): void {
  registry = r;
}
