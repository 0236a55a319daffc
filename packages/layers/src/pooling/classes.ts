import type { LayerClass } from '../layer.js';
import { AveragePooling1D, AveragePooling2D } from './average-pooling.js';
import {
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
} from './global-pooling.js';
import { MaxPooling1D, MaxPooling2D } from './max-pooling.js';

/** Pooling layer classes for the registry. */
export const poolingLayerClasses: readonly LayerClass[] = [
  MaxPooling1D,
  MaxPooling2D,
  AveragePooling1D,
  AveragePooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
];
