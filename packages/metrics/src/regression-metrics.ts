import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { lossMetricClass, meanMetricClass } from './mean-metric-class.js';
import type { MetricConfig } from './metric.js';

/**
 * Running mean of `mean((yPred - yTrue)^2, -1)` per sample (log name `'mean_squared_error'`).
 * @example const m = new MeanSquaredError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export const MeanSquaredError = lossMetricClass(losses.MeanSquaredError);
/** An instance of {@link MeanSquaredError}. */
export type MeanSquaredError = InstanceType<typeof MeanSquaredError>;

/**
 * Running mean of `mean(|yPred - yTrue|, -1)` per sample (log name `'mean_absolute_error'`).
 * @example const m = new MeanAbsoluteError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export const MeanAbsoluteError = lossMetricClass(losses.MeanAbsoluteError);
/** An instance of {@link MeanAbsoluteError}. */
export type MeanAbsoluteError = InstanceType<typeof MeanAbsoluteError>;

/**
 * Running mean of `100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7), -1)` per sample (log name
 * `'mean_absolute_percentage_error'`).
 * @example const m = new MeanAbsolutePercentageError(); m.update(tf.tensor2d([[2, 4]]), tf.tensor2d([[1, 4]])); m.result() // 25
 */
export const MeanAbsolutePercentageError = lossMetricClass(losses.MeanAbsolutePercentageError);
/** An instance of {@link MeanAbsolutePercentageError}. */
export type MeanAbsolutePercentageError = InstanceType<typeof MeanAbsolutePercentageError>;

/**
 * Running mean of `mean((log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1))^2, -1)` per
 * sample (log name `'mean_squared_logarithmic_error'`).
 * @example const m = new MeanSquaredLogarithmicError(); m.update(tf.tensor2d([[0]]), tf.tensor2d([[Math.E - 1]])); m.result() // 1
 */
export const MeanSquaredLogarithmicError = lossMetricClass(losses.MeanSquaredLogarithmicError);
/** An instance of {@link MeanSquaredLogarithmicError}. */
export type MeanSquaredLogarithmicError = InstanceType<typeof MeanSquaredLogarithmicError>;

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
