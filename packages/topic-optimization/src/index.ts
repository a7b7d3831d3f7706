import type { AnyTemplate } from '@dlexam/generator';
import { activationVariance } from './templates/activation-variance.js';
import { batchVsMinibatchCurves } from './templates/batch-vs-minibatch-curves.js';
import { batchnormForward } from './templates/batchnorm-forward.js';
import { gradientFlow } from './templates/gradient-flow.js';
import { hyperparameters } from './templates/hyperparameters.js';
import { initScale } from './templates/init-scale.js';
import { initializationConcepts } from './templates/initialization-concepts.js';
import { iterationsPerEpochTemplate } from './templates/iterations-per-epoch.js';
import { learningRateBehaviour } from './templates/learning-rate-behaviour.js';
import { lrSchedule } from './templates/lr-schedule.js';
import { lrStability } from './templates/lr-stability.js';
import { momentumSteps } from './templates/momentum-steps.js';
import { ewmaTemplate } from './templates/ewma.js';
import { adaptiveRun } from './templates/adaptive-run.js';
import { normCompare } from './templates/norm-compare.js';
import { normalizationConcepts } from './templates/normalization-concepts.js';
import { normalizationModes } from './templates/normalization-modes.js';
import { optimizerMatch } from './templates/optimizer-match.js';
import { optimizerStep } from './templates/optimizer-step.js';

export {
  defineBankTemplate,
  type BankConfig,
  type BankParams,
  type Scenario,
  type Statement,
} from './bank.js';
export { lineChartSvg, noiseSequence, type Panel, type Series } from './svg.js';
export {
  activationVariance,
  type ActivationVarianceParams,
} from './templates/activation-variance.js';
export {
  batchCurves,
  batchVsMinibatchCurves,
  type BatchVsMinibatchCurvesParams,
} from './templates/batch-vs-minibatch-curves.js';
export { batchnormForward, type BatchnormForwardParams } from './templates/batchnorm-forward.js';
export { gradientFlow, type GradientFlowParams } from './templates/gradient-flow.js';
export { hyperparameters, type HyperparametersParams } from './templates/hyperparameters.js';
export { initScale, type InitScaleParams } from './templates/init-scale.js';
export {
  initializationConcepts,
  type InitializationConceptsParams,
} from './templates/initialization-concepts.js';
export {
  iterationsPerEpochTemplate,
  type IterationsPerEpochParams,
} from './templates/iterations-per-epoch.js';
export {
  learningRateBehaviour,
  type LearningRateBehaviourParams,
} from './templates/learning-rate-behaviour.js';
export { lrSchedule, type LrScheduleParams } from './templates/lr-schedule.js';
export { lrStability, type LrStabilityParams } from './templates/lr-stability.js';
export {
  momentumSteps,
  momentumTrajectory,
  type MomentumStepsParams,
} from './templates/momentum-steps.js';
export {
  normCompare,
  normCompareAnswer,
  type NormCompareParams,
} from './templates/norm-compare.js';
export {
  adaptiveRun,
  adaptiveAnswer,
  adaptiveTrajectory,
  type AdaptiveRunParams,
  type AdaptiveOptimizer,
} from './templates/adaptive-run.js';
export { ewmaTemplate, ewmaAnswer, type EwmaParams, type EwmaContext } from './templates/ewma.js';
export {
  normalizationConcepts,
  type NormalizationConceptsParams,
} from './templates/normalization-concepts.js';
export {
  normalizationModes,
  type NormalizationModesParams,
} from './templates/normalization-modes.js';
export {
  OPTIMIZER_KEYS,
  OPTIMIZER_NAMES,
  optimizerMatch,
  updateRuleTex,
  type MomentumForm,
  type Notation,
  type OptimizerKey,
  type OptimizerMatchParams,
} from './templates/optimizer-match.js';
export {
  STEP_OPTIMIZERS,
  optimizerStep,
  optimizerStepResult,
  type OptimizerStepParams,
  type StepOptimizer,
  type StepResult,
} from './templates/optimizer-step.js';

/** Every optimization template, in teaching order. */
export const optimizationTemplates: AnyTemplate[] = [
  // optimizers
  optimizerMatch,
  optimizerStep,
  momentumSteps,
  ewmaTemplate,
  adaptiveRun,
  // learning rate and batching
  learningRateBehaviour,
  lrStability,
  lrSchedule,
  batchVsMinibatchCurves,
  iterationsPerEpochTemplate,
  // initialization and gradient flow
  initializationConcepts,
  initScale,
  activationVariance,
  gradientFlow,
  // normalization
  batchnormForward,
  normalizationModes,
  normCompare,
  normalizationConcepts,
  // hyperparameters
  hyperparameters,
];
