export { mlpParams, type MlpParamsParams } from './templates/mlp-params.js';
export { sequentialParams, seqLayerSource, seqProblem, seqTrainable, type SeqLayer, type SequentialParamsParams } from './templates/sequential-params.js';
export { bceGrad, type BceGradParams } from './templates/bce-grad.js';
export { softmaxCe, type SoftmaxCeParams } from './templates/softmax-ce.js';
export { shapeText, statementBankTemplate, type BankConfig, type BankParams, type Statement } from './util.js';

import type { Template } from '@dlexam/generator';
import { bceGrad } from './templates/bce-grad.js';
import { mlpParams } from './templates/mlp-params.js';
import { sequentialParams } from './templates/sequential-params.js';
import { softmaxCe } from './templates/softmax-ce.js';

/** Every foundations template, in teaching order. */
export const foundationsTemplates: Template<any>[] = [mlpParams, sequentialParams, bceGrad, softmaxCe];
