import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import * as accuracy from './accuracy-metrics.js';
import { AUC } from './auc.js';
import { AutoAccuracy, accuracyVariantForLoss } from './auto-accuracy.js';
import * as confusion from './confusion-count-metrics.js';
import * as lossMetrics from './loss-metrics.js';
import { Mean } from './mean.js';
import { MeanMetricWrapper, type MetricFunction } from './mean-metric-wrapper.js';
import { type Metric, StatefulMetric } from './metric.js';
import { Precision } from './precision.js';
import { R2Score } from './r2-score.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import * as constrained from './sensitivity-specificity.js';
import { Sum } from './sum.js';

type Factory = (config: tf.ConfigDict) => StatefulMetric;

const BUILTINS: ReadonlyArray<readonly [{ fromConfig: Factory; className: string }, string[]]> = [
  [accuracy.BinaryAccuracy, ['binaryAccuracy', 'binary_accuracy']],
  [accuracy.CategoricalAccuracy, ['categoricalAccuracy', 'categorical_accuracy']],
  [
    accuracy.SparseCategoricalAccuracy,
    ['sparseCategoricalAccuracy', 'sparse_categorical_accuracy'],
  ],
  [accuracy.TopKCategoricalAccuracy, ['topKCategoricalAccuracy', 'top_k_categorical_accuracy']],
  [
    accuracy.SparseTopKCategoricalAccuracy,
    ['sparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy'],
  ],
  [Precision, ['precision']],
  [Recall, ['recall']],
  [AUC, ['auc']],
  [confusion.TruePositives, ['truePositives', 'true_positives']],
  [confusion.FalsePositives, ['falsePositives', 'false_positives']],
  [confusion.TrueNegatives, ['trueNegatives', 'true_negatives']],
  [confusion.FalseNegatives, ['falseNegatives', 'false_negatives']],
  [constrained.PrecisionAtRecall, ['precisionAtRecall', 'precision_at_recall']],
  [constrained.RecallAtPrecision, ['recallAtPrecision', 'recall_at_precision']],
  [
    constrained.SensitivityAtSpecificity,
    ['sensitivityAtSpecificity', 'sensitivity_at_specificity'],
  ],
  [
    constrained.SpecificityAtSensitivity,
    ['specificityAtSensitivity', 'specificity_at_sensitivity'],
  ],
  // Keras 3's `metrics.get` names: the class name, its snake_case and the short aliases.
  [lossMetrics.MeanSquaredError, ['meanSquaredError', 'mean_squared_error', 'mse', 'MSE']],
  [RootMeanSquaredError, ['rootMeanSquaredError', 'root_mean_squared_error']],
  [lossMetrics.MeanAbsoluteError, ['meanAbsoluteError', 'mean_absolute_error', 'mae', 'MAE']],
  [
    lossMetrics.MeanAbsolutePercentageError,
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'mape', 'MAPE'],
  ],
  [
    lossMetrics.MeanSquaredLogarithmicError,
    ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'msle', 'MSLE'],
  ],
  [lossMetrics.CosineSimilarity, ['cosineSimilarity', 'cosine_similarity']],
  [lossMetrics.LogCoshError, ['logCoshError', 'log_cosh_error', 'logcosh']],
  [R2Score, ['r2Score', 'r2_score']],
  [lossMetrics.BinaryCrossentropy, ['binaryCrossentropy', 'binary_crossentropy', 'bce', 'BCE']],
  [lossMetrics.CategoricalCrossentropy, ['categoricalCrossentropy', 'categorical_crossentropy']],
  [
    lossMetrics.SparseCategoricalCrossentropy,
    ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
  ],
  [lossMetrics.KLDivergence, ['klDivergence', 'kl_divergence', 'kullbackLeiblerDivergence', 'kld']],
  [lossMetrics.Poisson, ['poisson']],
  [lossMetrics.Hinge, ['hinge']],
  [lossMetrics.SquaredHinge, ['squaredHinge', 'squared_hinge']],
  [lossMetrics.CategoricalHinge, ['categoricalHinge', 'categorical_hinge']],
  [Mean, ['mean']],
  [Sum, ['sum']],
  [MeanMetricWrapper, []],
  [AutoAccuracy, []],
];

function builtinFactories(): Record<string, Factory> {
  const factories: Record<string, Factory> = {};
  for (const [cls, names] of BUILTINS) {
    for (const name of [cls.className, ...names]) factories[name] = (c) => cls.fromConfig(c);
  }
  return factories;
}

const registry = new tf.Registry<StatefulMetric>(
  'metric',
  builtinFactories(),
  (value): value is StatefulMetric => value instanceof StatefulMetric,
);

/** Anything {@link get} resolves to a {@link Metric}. */
export type MetricIdentifier = string | tf.SerializedObject | Metric | MetricFunction;

/** Options of {@link get}. */
export interface GetMetricOptions {
  /** The model's loss (name or `Loss`), used to resolve `'accuracy'` as Keras does. */
  readonly loss?: string | { readonly name: string };
}

function isMetric(value: unknown): value is Metric {
  const m = value as Metric;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof m.update === 'function' &&
    typeof m.result === 'function' &&
    typeof m.reset === 'function'
  );
}

/**
 * Resolves a metric. `'accuracy'`/`'acc'` become binary, categorical or sparse categorical
 * accuracy according to `options.loss` (or, without a loss Keras can use, the first batch's
 * shapes) and keep the log name given. Other names: Keras 3's metric names — the class name,
 * its snake_case and camelCase forms (`'AUC'`, `'auc'`, `'RootMeanSquaredError'`,
 * `'root_mean_squared_error'`, `'rootMeanSquaredError'`, ...) and the aliases `'mse'`, `'mae'`,
 * `'mape'`, `'msle'`, `'bce'` — then any other loss name (`'huber'` → a mean of the loss). Configs, ready metrics (returned unchanged) and plain per-sample
 * functions (wrapped in a {@link MeanMetricWrapper}) are accepted too.
 * @example get('accuracy', { loss: 'sparse_categorical_crossentropy' }).name // 'accuracy'
 */
export function get(identifier: MetricIdentifier, options: GetMetricOptions = {}): Metric {
  if (typeof identifier === 'function') return new MeanMetricWrapper({ fn: identifier });
  if (typeof identifier === 'string') {
    if (identifier === 'accuracy' || identifier === 'acc') {
      const loss = typeof options.loss === 'string' ? options.loss : options.loss?.name;
      const variant = loss === undefined ? undefined : accuracyVariantForLoss(loss);
      return new AutoAccuracy(
        variant === undefined ? { name: identifier } : { name: identifier, variant },
      );
    }
    if (!registry.has(identifier) && losses.names().includes(identifier)) {
      return new MeanMetricWrapper({ fn: identifier });
    }
    if (!registry.has(identifier)) {
      throw new tf.UnknownNameError(
        `Unknown metric ${tf.describeValue(identifier)}; expected 'accuracy', 'acc', a loss name or one of: ${registry.names().join(', ')}`,
      );
    }
    return registry.create(identifier);
  }
  if (isMetric(identifier)) return identifier;
  return registry.get(identifier);
}

/**
 * Adds a user metric class under `key` (by convention `package>ClassName`).
 * @example register('my>F1', (config) => F1.fromConfig(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => StatefulMetric): void {
  registry.register(key, create);
}

/**
 * The `{className, config}` form of a built-in metric.
 * @example serialize(new AUC({ curve: 'PR' })).className // 'AUC'
 */
export function serialize(metric: StatefulMetric): tf.SerializedObject {
  return tf.serialize(metric);
}
