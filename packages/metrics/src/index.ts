export {
  type BinaryAccuracyOptions,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
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
export { Mean } from './mean.js';
export {
  MeanMetricWrapper,
  type MeanMetricWrapperConfig,
  type MetricFunction,
} from './mean-metric-wrapper.js';
export { type Metric, type MetricConfig, StatefulMetric } from './metric.js';
export { Precision, type ThresholdConfig } from './precision.js';
export { Recall } from './recall.js';
export {
  type GetMetricOptions,
  get,
  type MetricIdentifier,
  register,
  serialize,
} from './registry.js';
export { Sum } from './sum.js';
