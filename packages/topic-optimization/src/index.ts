import type { Template } from '@dlexam/generator';
import { batchVsMinibatchCurves } from './templates/batch-vs-minibatch-curves.js';
import { batchNormForward } from './templates/batchnorm-forward.js';
import { hyperparameters } from './templates/hyperparameters.js';
import { learningRateBehaviour } from './templates/learning-rate-behaviour.js';
import { momentumSteps } from './templates/momentum-steps.js';
import { optimizerMatch } from './templates/optimizer-match.js';
import { optimizerStep } from './templates/optimizer-step.js';

export { defineBankTemplate, type BankConfig, type BankParams, type Scenario, type Statement } from './bank.js';
export { lineChartSvg, noiseSequence, type Panel, type Series } from './svg.js';
export { batchCurves, batchVsMinibatchCurves, type BatchCurvesParams } from './templates/batch-vs-minibatch-curves.js';
export { batchNormForward, type BatchNormForwardParams } from './templates/batchnorm-forward.js';
export { hyperparameters, type HyperparametersParams } from './templates/hyperparameters.js';
export { learningRateBehaviour, type LearningRateBehaviourParams } from './templates/learning-rate-behaviour.js';
export { momentumSteps, momentumTrajectory, type MomentumStepsParams } from './templates/momentum-steps.js';
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
export const optimizationTemplates: Template<any>[] = [
  optimizerMatch,
  optimizerStep,
  momentumSteps,
  learningRateBehaviour,
  batchVsMinibatchCurves,
  batchNormForward,
  hyperparameters,
];
