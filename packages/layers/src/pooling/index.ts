export {
  AveragePooling1D,
  AveragePooling2D,
  averagePooling1d,
  averagePooling2d,
} from './average-pooling.js';
export { POOLING_DEFAULTS, Pooling, type PoolingArgs, type PoolingMode } from './base-pooling.js';
export {
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalPooling,
  type GlobalPoolingArgs,
  globalAveragePooling1d,
  globalAveragePooling2d,
  globalMaxPooling1d,
  globalMaxPooling2d,
} from './global-pooling.js';
export { MaxPooling1D, MaxPooling2D, maxPooling1d, maxPooling2d } from './max-pooling.js';
