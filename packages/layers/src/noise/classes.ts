import type { LayerClass } from '../layer.js';
import { AlphaDropout } from './alpha-dropout.js';
import { GaussianDropout } from './gaussian-dropout.js';
import { GaussianNoise } from './gaussian-noise.js';
import { SpatialDropout1D } from './spatial-dropout1d.js';
import { SpatialDropout2D } from './spatial-dropout2d.js';

/** Noise and regularization layer classes for the registry. */
export const noiseLayerClasses: readonly LayerClass[] = [
  GaussianNoise,
  GaussianDropout,
  AlphaDropout,
  SpatialDropout1D,
  SpatialDropout2D,
];
