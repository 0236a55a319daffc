import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { lossMetricClass, meanMetricClass } from './mean-metric-class.js';
import type { MetricConfig } from './metric.js';

// Keras' metrics named after a loss: each is the running mean of that loss class's per-sample
// function, under its class name, log name and options, where lower is better.

/** Options of {@link BinaryCrossentropy} and {@link CategoricalCrossentropy}. */
export interface CrossentropyMetricConfig extends MetricConfig {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels are smoothed as by the matching loss. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyMetricConfig extends CrossentropyMetricConfig {
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Running mean of `mean((yPred - yTrue)^2, -1)` per sample (log name `'mean_squared_error'`).
 * @example const m = new MeanSquaredError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export const MeanSquaredError = lossMetricClass(losses.MeanSquaredError);

/**
 * Running mean of `mean(|yPred - yTrue|, -1)` per sample (log name `'mean_absolute_error'`).
 * @example const m = new MeanAbsoluteError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export const MeanAbsoluteError = lossMetricClass(losses.MeanAbsoluteError);

/**
 * Running mean of `100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7), -1)` per sample (log name
 * `'mean_absolute_percentage_error'`).
 * @example const m = new MeanAbsolutePercentageError(); m.update(tf.tensor2d([[2, 4]]), tf.tensor2d([[1, 4]])); m.result() // 25
 */
export const MeanAbsolutePercentageError = lossMetricClass(losses.MeanAbsolutePercentageError);

/**
 * Running mean of `mean((log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1))^2, -1)` per
 * sample (log name `'mean_squared_logarithmic_error'`).
 * @example const m = new MeanSquaredLogarithmicError(); m.update(tf.tensor2d([[0]]), tf.tensor2d([[Math.E - 1]])); m.result() // 1
 */
export const MeanSquaredLogarithmicError = lossMetricClass(losses.MeanSquaredLogarithmicError);

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0), -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'hinge'`).
 * @example const m = new Hinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1
 */
export const Hinge = lossMetricClass(losses.Hinge);

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0)^2, -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'squared_hinge'`).
 * @example const m = new SquaredHinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1.25
 */
export const SquaredHinge = lossMetricClass(losses.SquaredHinge);

/**
 * Running mean of `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` for one-hot labels
 * (log name `'categorical_hinge'`).
 * @example const m = new CategoricalHinge(); m.update(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]])); m.result() // 0.6
 */
export const CategoricalHinge = lossMetricClass(losses.CategoricalHinge);

/**
 * Running mean of the binary crossentropy per sample (log name `'binary_crossentropy'`).
 * @example const m = new BinaryCrossentropy(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.8149
 */
export const BinaryCrossentropy = lossMetricClass(losses.BinaryCrossentropy);

/**
 * Running mean of the categorical crossentropy per sample for one-hot labels (log name
 * `'categorical_crossentropy'`).
 * @example const m = new CategoricalCrossentropy(); m.update(oneHot, probabilities); m.result();
 */
export const CategoricalCrossentropy = lossMetricClass(losses.CategoricalCrossentropy);

/**
 * Running mean of `sum(t * log(t / p), -1)` with `t`, `p` clipped to [1e-7, 1] (log name
 * `'kl_divergence'`).
 * @example const m = new KLDivergence(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.4581
 */
export const KLDivergence = lossMetricClass(losses.KLDivergence);

/**
 * Running mean of `mean(yPred - yTrue * log(yPred + 1e-7), -1)` (log name `'poisson'`).
 * @example const m = new Poisson(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.5
 */
export const Poisson = lossMetricClass(losses.Poisson);

/** An instance of {@link MeanSquaredError}. */
export type MeanSquaredError = InstanceType<typeof MeanSquaredError>;
/** An instance of {@link MeanAbsoluteError}. */
export type MeanAbsoluteError = InstanceType<typeof MeanAbsoluteError>;
/** An instance of {@link MeanAbsolutePercentageError}. */
export type MeanAbsolutePercentageError = InstanceType<typeof MeanAbsolutePercentageError>;
/** An instance of {@link MeanSquaredLogarithmicError}. */
export type MeanSquaredLogarithmicError = InstanceType<typeof MeanSquaredLogarithmicError>;
/** An instance of {@link Hinge}. */
export type Hinge = InstanceType<typeof Hinge>;
/** An instance of {@link SquaredHinge}. */
export type SquaredHinge = InstanceType<typeof SquaredHinge>;
/** An instance of {@link CategoricalHinge}. */
export type CategoricalHinge = InstanceType<typeof CategoricalHinge>;
/** An instance of {@link BinaryCrossentropy}. */
export type BinaryCrossentropy = InstanceType<typeof BinaryCrossentropy>;
/** An instance of {@link CategoricalCrossentropy}. */
export type CategoricalCrossentropy = InstanceType<typeof CategoricalCrossentropy>;
/** An instance of {@link KLDivergence}. */
export type KLDivergence = InstanceType<typeof KLDivergence>;
/** An instance of {@link Poisson}. */
export type Poisson = InstanceType<typeof Poisson>;

// Metrics that adapt a loss: a sign, a log name or the label check differs from the loss.

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityConfig extends MetricConfig {
  /** The axis along which vectors are compared. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Running mean of the cosine similarity `sum(l2Normalize(yTrue) * l2Normalize(yPred), axis)`
 * (positive, unlike the loss; log name `'cosine_similarity'`).
 * @example const m = new CosineSimilarity(); m.update(tf.tensor2d([[0, 1], [1, 1]]), tf.tensor2d([[1, 0], [1, 1]])); m.result() // 0.5
 */
export const CosineSimilarity = meanMetricClass<CosineSimilarityConfig>({
  ...losses.CosineSimilarity.spec,
  direction: 'max',
  fn: (yTrue, yPred, { axis }) => tf.neg(losses.cosineSimilarity(yTrue, yPred, { axis })),
});
/** An instance of {@link CosineSimilarity}. */
export type CosineSimilarity = InstanceType<typeof CosineSimilarity>;

/**
 * Running mean of `mean(log(cosh(yPred - yTrue)), -1)` per sample (Keras' log name `'logcosh'`).
 * @example const m = new LogCoshError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.10845
 */
export const LogCoshError = meanMetricClass({
  className: 'LogCoshError',
  name: 'logcosh',
  direction: 'min',
  fn: losses.logcosh,
});
/** An instance of {@link LogCoshError}. */
export type LogCoshError = InstanceType<typeof LogCoshError>;

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyMetricConfig extends MetricConfig {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
}

/**
 * Running mean of the sparse categorical crossentropy per sample for integer labels (log name
 * `'sparse_categorical_crossentropy'`). Labels are not read back to be checked (the metric
 * never syncs in `update`); out-of-range labels count as a one-hot row of zeros.
 * @example const m = new SparseCategoricalCrossentropy(); m.update(tf.tensor1d([1, 2]), probabilities); m.result();
 */
export const SparseCategoricalCrossentropy =
  meanMetricClass<SparseCategoricalCrossentropyMetricConfig>({
    className: 'SparseCategoricalCrossentropy',
    name: 'sparse_categorical_crossentropy',
    direction: 'min',
    options: { fromLogits: tf.booleanOption(false) },
    fn: (yTrue, yPred, { fromLogits }) =>
      losses.sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, validateLabels: false }),
  });
/** An instance of {@link SparseCategoricalCrossentropy}. */
export type SparseCategoricalCrossentropy = InstanceType<typeof SparseCategoricalCrossentropy>;
