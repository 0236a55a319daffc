export {
  type BinaryAccuracyOptions,
  binaryAccuracy,
  categoricalAccuracy,
  categoricalHitsFromLogits,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  type TopKAccuracy,
  type TopKOptions,
  topKCategoricalAccuracy,
} from './accuracy.js';
export {
  BinaryAccuracy,
  type BinaryAccuracyConfig,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
  type TopKConfig,
} from './accuracy-metrics.js';
export {
  AUC,
  type AUCConfig,
  type AUCCurve,
  type AUCSummationMethod,
  aucThresholds,
} from './auc.js';
export {
  type AccuracyVariant,
  AutoAccuracy,
  type AutoAccuracyConfig,
  accuracyVariantForLoss,
} from './auto-accuracy.js';
export {
  ConfusionCount,
  FalseNegatives,
  FalsePositives,
  TrueNegatives,
  TruePositives,
} from './confusion-count-metrics.js';
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  type CategoricalCrossentropyMetricConfig,
  CategoricalHinge,
  CosineSimilarity,
  type CosineSimilarityConfig,
  type CrossentropyMetricConfig,
  Hinge,
  KLDivergence,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
  Poisson,
  SparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyMetricConfig,
  SquaredHinge,
} from './loss-metrics.js';
export { Mean } from './mean.js';
export {
  type FunctionMetric,
  lossMetricClass,
  type MeanMetricClass,
  type MeanMetricClassSpec,
  type MetricOptions,
  meanMetricClass,
} from './mean-metric-class.js';
export {
  MeanMetricWrapper,
  type MeanMetricWrapperConfig,
  type MetricFunction,
} from './mean-metric-wrapper.js';
export {
  type AccuracyLabels,
  type Metric,
  type MetricConfig,
  type MetricDirection,
  StatefulMetric,
} from './metric.js';
export { type NamedMetricClass, namedMetricClass } from './named-class.js';
export { Precision, type ThresholdConfig } from './precision.js';
export { type R2ClassAggregation, R2Score, type R2ScoreConfig } from './r2-score.js';
export { Recall } from './recall.js';
export {
  type GetMetricOptions,
  get,
  type MetricIdentifier,
  register,
  serialize,
} from './registry.js';
export { RootMeanSquaredError } from './root-mean-squared-error.js';
export {
  ConstrainedRate,
  type ConstrainedRateClass,
  type ConstrainedRateConfig,
  PrecisionAtRecall,
  type PrecisionAtRecallConfig,
  RecallAtPrecision,
  type RecallAtPrecisionConfig,
  SensitivityAtSpecificity,
  type SensitivityAtSpecificityConfig,
  SpecificityAtSensitivity,
  type SpecificityAtSensitivityConfig,
} from './sensitivity-specificity.js';
export { Sum } from './sum.js';
export { ThresholdedRate } from './thresholded-rate.js';
export { ThresholdedMetric, type Thresholds, type ThresholdsConfig } from './thresholds.js';
