export {
  type BinaryCrossentropyOptions,
  binaryCrossentropy,
  type CategoricalCrossentropyOptions,
  categoricalCrossentropy,
} from './crossentropy.js';
export { categoricalHinge, hinge, squaredHinge } from './hinge.js';
export { squeezeOrExpand } from './internal.js';
export {
  broadcastWeights,
  Loss,
  type LossConfig,
  type LossFunction,
  LossFunctionWrapper,
  type LossFunctionWrapperConfig,
  REDUCTIONS,
  type Reduction,
  reduceWeightedLoss,
} from './loss.js';
export {
  type FunctionLoss,
  type LossClass,
  type LossClassSpec,
  type LossOptions,
  lossClass,
} from './loss-class.js';
// Every Keras loss class and its config type.
export * from './loss-classes.js';
export {
  kullbackLeiblerDivergence,
  kullbackLeiblerDivergence as kld,
  poisson,
} from './probabilistic.js';
export { get, type LossIdentifier, type LossName, names, register, serialize } from './registry.js';
export {
  type CosineSimilarityOptions,
  cosineSimilarity,
  type HuberOptions,
  huber,
  logcosh,
  meanAbsoluteError,
  meanAbsoluteError as mae,
  meanAbsolutePercentageError,
  meanAbsolutePercentageError as mape,
  meanSquaredError,
  meanSquaredError as mse,
  meanSquaredLogarithmicError,
  meanSquaredLogarithmicError as msle,
} from './regression.js';
export {
  type SoftmaxCrossentropyOptions,
  softmaxCrossentropyWithLogits,
} from './softmax-crossentropy.js';
export {
  type SparseCategoricalCrossentropyOptions,
  sparseCategoricalCrossentropy,
  validateClassIndices,
} from './sparse-categorical-crossentropy.js';
