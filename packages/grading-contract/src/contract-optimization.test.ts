import { describe } from 'vitest';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { sweep } from './sweep.js';

describe('grading contract: optimization', () => sweep(optimizationTemplates));
