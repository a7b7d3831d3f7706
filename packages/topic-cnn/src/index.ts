import type { Template } from '@dlexam/generator';
import { convArithmeticTemplate } from './templates/conv-arithmetic.js';
import { convOutputSizeTemplate } from './templates/conv-output-size.js';
import { convParamsTemplate } from './templates/conv-params.js';

export { convOutputSizeTemplate, outputSizes, totalPadding, type ConvOutputParams, type PadMode } from './templates/conv-output-size.js';
export { convParamsTemplate, convLayerParams, type ConvParamsParams, type ConvLayerKind, type SymbolSet } from './templates/conv-params.js';
export { convArithmeticTemplate, convArithmeticOutput, type ConvArithmeticParams } from './templates/conv-arithmetic.js';
export { gridsSvg, stackSvg, type GridPanel, type StackBox } from './svg.js';

/** Every CNN template, in teaching order. */
export const cnnTemplates: Template<any>[] = [convOutputSizeTemplate, convParamsTemplate, convArithmeticTemplate];
