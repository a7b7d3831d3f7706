import type { AnyTemplate } from '@dlexam/generator';
import { convArithmetic } from './templates/conv-arithmetic.js';
import { convOutputSizeTemplate } from './templates/conv-output-size.js';
import { convParamsTemplate } from './templates/conv-params.js';
import { convVsDense } from './templates/conv-vs-dense.js';
import { concepts } from './templates/concepts.js';
import { edgeDetection } from './templates/edge-detection.js';
import { layerTable } from './templates/layer-table.js';
import { receptiveFieldTemplate } from './templates/receptive-field.js';
import { shrinkMost } from './templates/shrink-most.js';
import { pooling } from './templates/pooling.js';
import { samePaddingTemplate } from './templates/same-padding.js';
import { iouTemplate } from './templates/iou.js';
import { nmsTemplate } from './templates/nms.js';
import { yoloGrid } from './templates/yolo-grid.js';
import { residualBlockTemplate } from './templates/residual-block.js';

export {
  convOutputSizeTemplate,
  outputSizes,
  totalPadding,
  type ConvOutputSizeParams,
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
  convArithmetic,
  convArithmeticOutput,
  type ConvArithmeticParams,
} from './templates/conv-arithmetic.js';
export {
  layerTable,
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
  pooling,
  poolingOutput,
  type PoolingParams,
  type PoolingMode,
} from './templates/pooling.js';
export {
  edgeDetection,
  edgeResponse,
  edgeKind,
  EDGE_KERNELS,
  BOX_BLUR,
  GAUSS_BLUR,
  SHARPEN,
  IDENTITY,
  type EdgeDetectionParams,
  type EdgeKernelName,
} from './templates/edge-detection.js';
export {
  shrinkMost,
  shrinkOutput,
  opText,
  type ShrinkMostParams,
  type ShrinkOp,
} from './templates/shrink-most.js';
export {
  receptiveFieldTemplate,
  stackReceptiveField,
  type ReceptiveFieldParams,
  type RfStackLayer,
} from './templates/receptive-field.js';
export { concepts, type ConceptsParams } from './templates/concepts.js';
export {
  STATEMENTS,
  CONCEPTS,
  CONCEPT_PHRASE,
  type Statement,
  type ConceptId,
} from './templates/concept-bank.js';
export {
  convVsDense,
  denseParams,
  convParams,
  type ConvVsDenseParams,
} from './templates/conv-vs-dense.js';
export { iouTemplate, boxIou, toCorners, type IouParams, type BoxFormat } from './templates/iou.js';
export { nmsTemplate, nmsKept, nmsMistakes, type NmsParams, type NmsBox } from './templates/nms.js';
export { yoloGrid, yoloAnswer, type YoloGridParams, type YoloTask } from './templates/yolo-grid.js';
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
  convVsDense,
  convArithmetic,
  pooling,
  shrinkMost,
  edgeDetection,
  layerTable,
  receptiveFieldTemplate,
  residualBlockTemplate,
  iouTemplate,
  nmsTemplate,
  yoloGrid,
  concepts,
];
