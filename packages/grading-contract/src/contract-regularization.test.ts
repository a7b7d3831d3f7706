import { describe } from 'vitest';
import { regularizationTemplates } from '@dlexam/topic-regularization';
import { sweep } from './sweep.js';

describe('grading contract: regularization', () => sweep(regularizationTemplates));
