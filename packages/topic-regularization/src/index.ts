import type { Template } from '@dlexam/generator';
import { biasVarianceDiagnose, biasVarianceDiagnoseTable } from './templates/bias-variance-diagnose.js';
import { fitDiagnosisConcepts, remediesSelectAll } from './templates/fit-diagnosis-concepts.js';
import { penalizedStep } from './templates/penalized-step.js';
import { penaltyFormula } from './templates/penalty-formula.js';

export { defineBankTemplate, ALL_OF_THE_ABOVE, BANK_OPTIONS, type BankConfig, type BankParams, type Scenario, type Statement } from './bank.js';
export { biasVarianceDiagnose, biasVarianceDiagnoseTable } from './templates/bias-variance-diagnose.js';
export { fitDiagnosisConcepts, remediesSelectAll } from './templates/fit-diagnosis-concepts.js';
export { penalizedStep } from './templates/penalized-step.js';
export { penaltyFormula } from './templates/penalty-formula.js';

/** Every regularization template, in teaching order. */
export const regularizationTemplates: Template<any>[] = [
  fitDiagnosisConcepts,
  biasVarianceDiagnose,
  biasVarianceDiagnoseTable,
  remediesSelectAll,
  penaltyFormula,
  penalizedStep,
];
