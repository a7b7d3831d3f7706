import type { AnyTemplate } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { rnnTemplates } from '@dlexam/topic-rnn';

/** Every template dlexam ships: the contract covers each template × kind. */
export const allTemplates: readonly AnyTemplate[] = [
  ...foundationsTemplates,
  ...cnnTemplates,
  ...rnnTemplates,
  ...regularizationTemplates,
  ...optimizationTemplates,
];
