export {
  ALPHA_DROPOUT_SATURATION,
  AlphaDropout,
  type AlphaDropoutArgs,
  alphaDropout,
} from './alpha-dropout.js';
export { GaussianDropout, type GaussianDropoutArgs, gaussianDropout } from './gaussian-dropout.js';
export { GaussianNoise, type GaussianNoiseArgs, gaussianNoise } from './gaussian-noise.js';
export { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';
export {
  SpatialDropout1D,
  type SpatialDropout1DArgs,
  spatialDropout1d,
} from './spatial-dropout1d.js';
export {
  SPATIAL_DROPOUT_2D_DEFAULTS,
  SpatialDropout2D,
  type SpatialDropout2DArgs,
  spatialDropout2d,
} from './spatial-dropout2d.js';
