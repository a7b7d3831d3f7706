import type { AnyTemplate } from '@dlexam/generator';
import { convArithmeticTemplate } from './templates/conv-arithmetic.js';
import { convOutputSizeTemplate } from './templates/conv-output-size.js';
import { convParamsTemplate } from './templates/conv-params.js';
import { convVsDenseTemplate } from './templates/conv-vs-dense.js';
import { conceptsTemplate } from './templates/concepts.js';
import { edgeDetectionTemplate } from './templates/edge-detection.js';
import { layerTableTemplate } from './templates/layer-table.js';
import { receptiveFieldTemplate } from './templates/receptive-field.js';
import { shrinkMostTemplate } from './templates/shrink-most.js';
import { poolingTemplate } from './templates/pooling.js';
import { samePaddingTemplate } from './templates/same-padding.js';
import { iouTemplate } from './templates/iou.js';
import { nmsTemplate } from './templates/nms.js';
import { yoloGridTemplate } from './templates/yolo-grid.js';
import { residualBlockTemplate } from './templates/residual-block.js';

export {
  convOutputSizeTemplate,
  outputSizes,
  totalPadding,
  type ConvOutputParams,
  type PadMode,
} from './templates/conv-output-size.js';
export {
  convParamsTemplate,
  convLayerParams,
  type ConvParamsParams,
  type ConvLayerKind,
  type SymbolSet,
} from './templates/conv-params.js';
export {
  convArithmeticTemplate,
  convArithmeticOutput,
  type ConvArithmeticParams,
} from './templates/conv-arithmetic.js';
export {
  layerTableTemplate,
  layerRows,
  layerLabel,
  type LayerTableParams,
  type ArchLayer,
  type LayerRow,
} from './templates/layer-table.js';
export {
  samePaddingTemplate,
  samePadding,
  type SamePaddingParams,
} from './templates/same-padding.js';
export {
  poolingTemplate,
  poolingOutput,
  type PoolingParams,
  type PoolingMode,
} from './templates/pooling.js';
export {
  edgeDetectionTemplate,
  edgeResponse,
  edgeKind,
  EDGE_KERNELS,
  BOX_BLUR,
  GAUSS_BLUR,
  SHARPEN,
  IDENTITY,
  type EdgeParams,
  type EdgeKernelName,
} from './templates/edge-detection.js';
export {
  shrinkMostTemplate,
  shrinkOutput,
  opText,
  type ShrinkParams,
  type ShrinkOp,
} from './templates/shrink-most.js';
export {
  receptiveFieldTemplate,
  stackReceptiveField,
  type ReceptiveFieldParams,
  type RfStackLayer,
} from './templates/receptive-field.js';
export { conceptsTemplate, type ConceptParams } from './templates/concepts.js';
export {
  STATEMENTS,
  CONCEPTS,
  CONCEPT_PHRASE,
  type Statement,
  type ConceptId,
} from './templates/concept-bank.js';
export {
  convVsDenseTemplate,
  denseParams,
  convParams,
  type ConvVsDenseParams,
} from './templates/conv-vs-dense.js';
export { iouTemplate, boxIou, toCorners, type IouParams, type BoxFormat } from './templates/iou.js';
export { nmsTemplate, nmsKept, nmsMistakes, type NmsParams, type NmsBox } from './templates/nms.js';
export {
  yoloGridTemplate,
  yoloAnswer,
  type YoloGridParams,
  type YoloTask,
} from './templates/yolo-grid.js';
export {
  residualBlockTemplate,
  residualAnswer,
  type ResidualBlockParams,
} from './templates/residual-block.js';
export { boxesSvg, type FigureBox } from './detection-svg.js';
export { gridsSvg, stackSvg, type GridPanel, type StackBox } from './svg.js';

/** Every CNN template, in teaching order. */
export const cnnTemplates: AnyTemplate[] = [
  convOutputSizeTemplate,
  samePaddingTemplate,
  convParamsTemplate,
  convVsDenseTemplate,
  convArithmeticTemplate,
  poolingTemplate,
  shrinkMostTemplate,
  edgeDetectionTemplate,
  layerTableTemplate,
  receptiveFieldTemplate,
  residualBlockTemplate,
  iouTemplate,
  nmsTemplate,
  yoloGridTemplate,
  conceptsTemplate,
];
