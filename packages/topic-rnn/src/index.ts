// Sequence-model templates (RNN, LSTM, GRU, attention) and the array the CLI and web app use.
import type { Template } from '@dlexam/generator';
import { rnnStep } from './templates/rnn-step.js';

export { rnnStep, type RnnStepParams } from './templates/rnn-step.js';

/** Every template of this package, in teaching order. */
export const rnnTemplates: Template<any>[] = [rnnStep];
