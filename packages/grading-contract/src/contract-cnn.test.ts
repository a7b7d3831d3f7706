import { describe } from 'vitest';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { sweep } from './sweep.js';

describe('grading contract: cnn', () => sweep(cnnTemplates));
