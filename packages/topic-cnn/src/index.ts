import type { Template } from '@dlexam/generator';
import { convArithmeticTemplate } from './templates/conv-arithmetic.js';
import { convOutputSizeTemplate } from './templates/conv-output-size.js';
import { convParamsTemplate } from './templates/conv-params.js';
import { layerTableTemplate } from './templates/layer-table.js';
import { poolingTemplate } from './templates/pooling.js';
import { samePaddingTemplate } from './templates/same-padding.js';

export { convOutputSizeTemplate, outputSizes, totalPadding, type ConvOutputParams, type PadMode } from './templates/conv-output-size.js';
export { convParamsTemplate, convLayerParams, type ConvParamsParams, type ConvLayerKind, type SymbolSet } from './templates/conv-params.js';
export { convArithmeticTemplate, convArithmeticOutput, type ConvArithmeticParams } from './templates/conv-arithmetic.js';
export { layerTableTemplate, layerRows, layerLabel, type LayerTableParams, type ArchLayer, type LayerRow } from './templates/layer-table.js';
export { samePaddingTemplate, samePadding, type SamePaddingParams } from './templates/same-padding.js';
export { poolingTemplate, poolingOutput, type PoolingParams, type PoolingMode } from './templates/pooling.js';
export { gridsSvg, stackSvg, type GridPanel, type StackBox } from './svg.js';

/** Every CNN template, in teaching order. */
export const cnnTemplates: Template<any>[] = [
  convOutputSizeTemplate,
  samePaddingTemplate,
  convParamsTemplate,
  convArithmeticTemplate,
  poolingTemplate,
  layerTableTemplate,
];
