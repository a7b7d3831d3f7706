// Sequence-model templates (RNN, LSTM, GRU, attention) and the array the CLI and web app use.
import type { AnyTemplate } from '@dlexam/generator';
import { gruStepTemplate } from './templates/gru-step.js';
import { lstmStepTemplate } from './templates/lstm-step.js';
import { recurrentParamsTemplate } from './templates/recurrent-params.js';
import { recurrentShapesTemplate } from './templates/recurrent-shapes.js';
import { rnnStepTemplate } from './templates/rnn-step.js';
import { architectureForTask, architectureMatching } from './templates/architectures.js';
import { attention } from './templates/attention.js';
import {
  conceptAttention,
  conceptEncoderDecoder,
  conceptGruGates,
  conceptHiddenState,
  conceptLstmStates,
  conceptTransformerParallelism,
  conceptVanishingGradient,
} from './templates/concept-banks.js';
import { gradientClipping, gradientProduct } from './templates/gradient-through-time.js';
import { mhaParams, mhaShapes } from './templates/multi-head-attention.js';

export { rnnStepTemplate, type RnnStepParams } from './templates/rnn-step.js';
export {
  ARCHITECTURES,
  ARCHITECTURE_INFO,
  ARCHITECTURE_TASKS,
  architectureForTask,
  architectureMatching,
  type Architecture,
  type ArchitectureForTaskParams,
  type ArchitectureMatchingParams,
} from './templates/architectures.js';
export {
  recurrentParamsTemplate,
  type RecurrentParamsParams,
} from './templates/recurrent-params.js';
export {
  recurrentShapesTemplate,
  type RecurrentShapesParams,
} from './templates/recurrent-shapes.js';
export {
  lstmStepTemplate,
  type LstmStepParams,
  type LstmWeightsParam,
} from './templates/lstm-step.js';
export {
  CONCEPT_BANKS,
  attentionBank,
  conceptAttention,
  conceptEncoderDecoder,
  conceptGruGates,
  conceptHiddenState,
  conceptLstmStates,
  conceptTransformerParallelism,
  conceptVanishingGradient,
  encoderDecoderBank,
  gruGatesBank,
  hiddenStateBank,
  lstmStatesBank,
  transformerParallelBank,
  vanishingGradientBank,
} from './templates/concept-banks.js';
export {
  conceptTemplate,
  type ConceptBank,
  type ConceptParams,
  type FalseStatement,
  type TrueStatement,
} from './bank.js';
export { attention, type AttentionParams } from './templates/attention.js';
export {
  mhaParams,
  mhaShapes,
  type MhaParamsParams,
  type MhaShapesParams,
} from './templates/multi-head-attention.js';
export {
  gradientClipping,
  gradientProduct,
  type GradientClippingParams,
  type GradientProductParams,
} from './templates/gradient-through-time.js';
export { gruStepTemplate, type GruStepParams, type GruWeightsParam } from './templates/gru-step.js';

/** Every template of this package, in teaching order. */
export { bpttTemplate, bpttAnswer, type BpttParams, type BpttAsk } from './templates/bptt.js';
import { bpttTemplate } from './templates/bptt.js';
export {
  wordVectors,
  wordVectorsAnswer,
  type WordVectorsParams,
  type WordVectorTask,
  type WordEntry,
} from './templates/word-vectors.js';
import { wordVectors } from './templates/word-vectors.js';

export const rnnTemplates: AnyTemplate[] = [
  conceptHiddenState,
  architectureForTask,
  architectureMatching,
  rnnStepTemplate,
  recurrentShapesTemplate,
  recurrentParamsTemplate,
  conceptVanishingGradient,
  gradientProduct,
  bpttTemplate,
  gradientClipping,
  conceptLstmStates,
  lstmStepTemplate,
  conceptGruGates,
  gruStepTemplate,
  conceptTransformerParallelism,
  attention,
  conceptAttention,
  mhaShapes,
  mhaParams,
  conceptEncoderDecoder,
  wordVectors,
];
