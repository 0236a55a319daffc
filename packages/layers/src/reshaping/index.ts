export { CROPPING_1D_DEFAULTS, Cropping1D, type Cropping1DArgs, cropping1d } from './cropping1d.js';
export { CROPPING_2D_DEFAULTS, Cropping2D, type Cropping2DArgs, cropping2d } from './cropping2d.js';
export { MASKING_DEFAULTS, Masking, type MaskingArgs, masking } from './masking.js';
export type { Pair, PairOfPairs } from './pairs.js';
export {
  UP_SAMPLING_1D_DEFAULTS,
  UpSampling1D,
  type UpSampling1DArgs,
  upSampling1d,
} from './up-sampling1d.js';
export {
  ZERO_PADDING_1D_DEFAULTS,
  ZeroPadding1D,
  type ZeroPadding1DArgs,
  zeroPadding1d,
} from './zero-padding1d.js';
