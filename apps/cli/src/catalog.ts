import { TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

/** Every template dlexam ships, in teaching order (foundations first). */
export const registry = new TemplateRegistry([
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
]);
