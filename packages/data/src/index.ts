export { type BatchOptions, Dataset, type DatasetShuffleOptions } from './dataset.js';
export {
  type ArraySource,
  type FromIterableOptions,
  fromArrays,
  fromIterable,
  fromTensors,
  type IterableSource,
  type XY,
} from './dataset-sources.js';
export { type IdxArray, type IdxDataType, type ParseIdxOptions, parseIdx } from './idx.js';
export { MinMaxScaler, type MinMaxScalerArgs, minMaxScaler } from './min-max-scaler.js';
export { type LabelInput, oneHot, toCategorical } from './one-hot.js';
export type { NumericTypedArray, Samples } from './samples.js';
export type { ScalerInput } from './scaler-input.js';
export { type ShuffleOptions, shuffle } from './shuffle.js';
export { resolveSplitSizes, type SplitSizes } from './split-sizes.js';
export type { Batched } from './stack-batch.js';
export { StandardScaler, type StandardScalerArgs, standardScaler } from './standard-scaler.js';
export { type SplitPairs, type TrainTestSplitOptions, trainTestSplit } from './train-test-split.js';
