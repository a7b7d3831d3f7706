import { describe } from 'vitest';
import { rnnTemplates } from '@dlexam/topic-rnn';
import { sweep } from './sweep.js';

describe('grading contract: rnn', () => sweep(rnnTemplates));
