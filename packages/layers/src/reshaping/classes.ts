import type { LayerClass } from '../layer.js';
import { Cropping1D } from './cropping1d.js';
import { Cropping2D } from './cropping2d.js';
import { Masking } from './masking.js';
import { UpSampling1D } from './up-sampling1d.js';
import { ZeroPadding1D } from './zero-padding1d.js';

/** Reshaping layer classes for the registry. */
export const reshapingLayerClasses: readonly LayerClass[] = [
  Cropping1D,
  Cropping2D,
  ZeroPadding1D,
  UpSampling1D,
  Masking,
];
