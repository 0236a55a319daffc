export {
  BATCH_NORMALIZATION_DEFAULTS,
  BatchNormalization,
  type BatchNormalizationArgs,
  batchNormalization,
} from './batch-normalization.js';
export {
  LAYER_NORMALIZATION_DEFAULTS,
  LayerNormalization,
  type LayerNormalizationArgs,
  layerNormalization,
} from './layer-normalization.js';
export type { ScaleOffsetArgs } from './scale-offset.js';
