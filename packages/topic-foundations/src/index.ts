export { partialDerivatives, type PartialDerivativesParams, type TermParam } from './templates/partial-derivatives.js';
export { linearGrad, type LinearGradParams } from './templates/linear-grad.js';
export { linregShapes, type LinregShapesParams } from './templates/linreg-shapes.js';
export { numpyShapes, reducedShape, type NumpyShapesParams } from './templates/numpy-shapes.js';
export { gradShapes, type GradShapesParams } from './templates/grad-shapes.js';
export { mlpParams, type MlpParamsParams } from './templates/mlp-params.js';
export { sequentialParams, seqLayerSource, seqProblem, seqTrainable, type SeqLayer, type SequentialParamsParams } from './templates/sequential-params.js';
export { bceGrad, type BceGradParams } from './templates/bce-grad.js';
export { softmaxCe, type SoftmaxCeParams } from './templates/softmax-ce.js';
export { shapeText, statementBankTemplate, type BankConfig, type BankParams, type Statement } from './util.js';

import type { Template } from '@dlexam/generator';
import { bceGrad } from './templates/bce-grad.js';
import { gradShapes } from './templates/grad-shapes.js';
import { linearGrad } from './templates/linear-grad.js';
import { linregShapes } from './templates/linreg-shapes.js';
import { mlpParams } from './templates/mlp-params.js';
import { numpyShapes } from './templates/numpy-shapes.js';
import { partialDerivatives } from './templates/partial-derivatives.js';
import { sequentialParams } from './templates/sequential-params.js';
import { softmaxCe } from './templates/softmax-ce.js';

/** Every foundations template, in teaching order. */
export const foundationsTemplates: Template<any>[] = [
  partialDerivatives,
  linearGrad,
  linregShapes,
  numpyShapes,
  gradShapes,
  mlpParams,
  sequentialParams,
  bceGrad,
  softmaxCe,
];
