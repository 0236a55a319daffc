import type { LayerClass } from '../layer.js';
import { BatchNormalization } from './batch-normalization.js';
import { LayerNormalization } from './layer-normalization.js';

/** Normalization layer classes for the registry. */
export const normalizationLayerClasses: readonly LayerClass[] = [
  BatchNormalization,
  LayerNormalization,
];
