export {
  partialDerivatives,
  type PartialDerivativesParams,
  type TermParam,
} from './templates/partial-derivatives.js';
export { linearGrad, type LinearGradParams } from './templates/linear-grad.js';
export {
  linearGradNumeric,
  type LinearGradNumericParams,
} from './templates/linear-grad-numeric.js';
export {
  linregGradNumeric,
  type LinregGradNumericParams,
} from './templates/linreg-grad-numeric.js';
export { linregShapes, type LinregShapesParams } from './templates/linreg-shapes.js';
export { numpyShapes, reducedShape, type NumpyShapesParams } from './templates/numpy-shapes.js';
export { gradShapes, type GradShapesParams } from './templates/grad-shapes.js';
export {
  backpropGraph,
  buildGraph,
  graphHasKink,
  graphSvg,
  INPUT_NAMES,
  TOPOLOGIES,
  type BackpropGraphParams,
} from './templates/backprop-graph.js';
export {
  expressionGraphTemplate,
  type ExpressionGraphParams,
} from './templates/expression-graph.js';
export {
  gateRoles,
  knnFacts,
  regressionLosses,
  activationFacts,
  nonlinearity,
  trainDevTest,
} from './templates/concepts.js';
export { activationValues, type ActivationValuesParams } from './templates/activation-values.js';
export { trainingTerms, TERMS, type TrainingTermsParams } from './templates/training-terms.js';
export { mlpParams, type MlpParamsParams } from './templates/mlp-params.js';
export {
  sequentialParams,
  seqLayerSource,
  seqProblem,
  seqTrainable,
  type SeqLayer,
  type SequentialParamsParams,
} from './templates/sequential-params.js';
export { bceGrad, type BceGradParams } from './templates/bce-grad.js';
export { softmaxCe, type SoftmaxCeParams } from './templates/softmax-ce.js';
export {
  outputLayer,
  ACTIVATIONS,
  LOSSES,
  TASKS,
  type OutputLayerParams,
} from './templates/output-layer.js';
export {
  perceptronSteps,
  logicConverges,
  truthTableSvg,
  type PerceptronStepsParams,
} from './templates/perceptron-steps.js';
export {
  linearSeparability,
  BOOLEAN_FUNCTIONS,
  type LinearSeparabilityParams,
} from './templates/separability.js';
export { labelLists, metrics, type MetricsParams } from './templates/metrics.js';
export {
  multiclassMetricsTemplate,
  multiclassAnswer,
  MULTICLASS_METRICS,
  type MulticlassMetricName,
  type MulticlassMetricsParams,
} from './templates/multiclass-metrics.js';
export {
  metricChoice,
  METRIC_SCENARIOS,
  type MetricChoiceParams,
} from './templates/metric-choice.js';
export {
  transferLearning,
  SCENARIOS as TRANSFER_SCENARIOS,
  type TransferLearningParams,
} from './templates/transfer-learning.js';
export { statementBankTemplate, type BankConfig, type BankParams, type Statement } from './bank.js';
export { shapeText } from './shared.js';

import type { AnyTemplate } from '@dlexam/generator';
import { activationValues } from './templates/activation-values.js';
import { backpropGraph } from './templates/backprop-graph.js';
import { expressionGraphTemplate } from './templates/expression-graph.js';
import { bceGrad } from './templates/bce-grad.js';
import {
  activationFacts,
  trainDevTest,
  gateRoles,
  knnFacts,
  nonlinearity,
  regressionLosses,
} from './templates/concepts.js';
import { gradShapes } from './templates/grad-shapes.js';
import { linearGrad } from './templates/linear-grad.js';
import { linearGradNumeric } from './templates/linear-grad-numeric.js';
import { linregGradNumeric } from './templates/linreg-grad-numeric.js';
import { linregShapes } from './templates/linreg-shapes.js';
import { metricChoice } from './templates/metric-choice.js';
import { metrics } from './templates/metrics.js';
import { multiclassMetricsTemplate } from './templates/multiclass-metrics.js';
import { mlpParams } from './templates/mlp-params.js';
import { numpyShapes } from './templates/numpy-shapes.js';
import { outputLayer } from './templates/output-layer.js';
import { partialDerivatives } from './templates/partial-derivatives.js';
import { perceptronSteps } from './templates/perceptron-steps.js';
import { linearSeparability } from './templates/separability.js';
import { sequentialParams } from './templates/sequential-params.js';
import { softmaxCe } from './templates/softmax-ce.js';
import { trainingTerms } from './templates/training-terms.js';
import { transferLearning } from './templates/transfer-learning.js';

/** Every foundations template, in teaching order. */
export const foundationsTemplates: AnyTemplate[] = [
  knnFacts,
  trainDevTest,
  perceptronSteps,
  linearSeparability,
  mlpParams,
  sequentialParams,
  activationFacts,
  activationValues,
  nonlinearity,
  outputLayer,
  regressionLosses,
  bceGrad,
  softmaxCe,
  partialDerivatives,
  linearGrad,
  linearGradNumeric,
  linregShapes,
  linregGradNumeric,
  numpyShapes,
  gradShapes,
  trainingTerms,
  gateRoles,
  backpropGraph,
  expressionGraphTemplate,
  metrics,
  multiclassMetricsTemplate,
  metricChoice,
  transferLearning,
];
