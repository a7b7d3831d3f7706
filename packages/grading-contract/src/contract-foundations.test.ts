import { describe } from 'vitest';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { sweep } from './sweep.js';

describe('grading contract: foundations', () => sweep(foundationsTemplates));
