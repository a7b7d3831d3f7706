import type { AnyTemplate } from '@dlexam/generator';
import { adamWeightDecay } from './templates/adam-weight-decay.js';
import { augmentationConcepts, augmentationLabelPreserving } from './templates/augmentation.js';
import {
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
} from './templates/bias-variance-diagnose.js';
import {
  biasVarianceEffect,
  biasVarianceEffectMatching,
  biasVarianceEffects,
} from './templates/bias-variance-effects.js';
import { dropoutArithmetic } from './templates/dropout.js';
import { earlyStoppingTemplate } from './templates/early-stopping.js';
import { fitDiagnosisConcepts, remediesSelectAll } from './templates/fit-diagnosis-concepts.js';
import { penalizedStep } from './templates/penalized-step.js';
import { penaltyFormula } from './templates/penalty-formula.js';
import { penaltyValue } from './templates/penalty-value.js';
import { techniquesSelectAll, regularizerConcepts } from './templates/regularizer-concepts.js';

export {
  defineBankTemplate,
  ALL_OF_THE_ABOVE,
  BANK_OPTIONS,
  type BankConfig,
  type BankParams,
  type Scenario,
  type Statement,
} from './bank.js';
export { lineChartSvg, type LineChartOptions, type Series } from './svg.js';
export { adamWeightDecay } from './templates/adam-weight-decay.js';
export { augmentationConcepts, augmentationLabelPreserving } from './templates/augmentation.js';
export {
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
  LABELS,
  LABEL_TEXT,
} from './templates/bias-variance-diagnose.js';
export {
  biasVarianceEffect,
  biasVarianceEffectMatching,
  biasVarianceEffects,
  EFFECTS,
  OPERATIONS,
  type Effect,
  type Operation,
} from './templates/bias-variance-effects.js';
export { dropoutArithmetic, DROPOUT_ASKS } from './templates/dropout.js';
export { earlyStoppingTemplate } from './templates/early-stopping.js';
export { fitDiagnosisConcepts, remediesSelectAll } from './templates/fit-diagnosis-concepts.js';
export { penalizedStep } from './templates/penalized-step.js';
export { penaltyFormula } from './templates/penalty-formula.js';
export { penaltyValue } from './templates/penalty-value.js';
export { techniquesSelectAll, regularizerConcepts } from './templates/regularizer-concepts.js';

/** Every regularization template, in teaching order. */
export const regularizationTemplates: AnyTemplate[] = [
  fitDiagnosisConcepts,
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
  biasVarianceEffects,
  biasVarianceEffect,
  biasVarianceEffectMatching,
  remediesSelectAll,
  techniquesSelectAll,
  penaltyValue,
  penaltyFormula,
  penalizedStep,
  adamWeightDecay,
  regularizerConcepts,
  dropoutArithmetic,
  earlyStoppingTemplate,
  augmentationLabelPreserving,
  augmentationConcepts,
];
