import * as tf from '@dendrite/tensor';
import type { LossConfig } from './loss.js';
import { lossClass } from './loss-class.js';
import * as regression from './regression.js';

/**
 * Class form of {@link regression.meanSquaredError} (log name `'mean_squared_error'`).
 * @example new MeanSquaredError().apply(yTrue, yPred) // scalar
 */
export const MeanSquaredError = lossClass({
  className: 'MeanSquaredError',
  name: 'mean_squared_error',
  fn: regression.meanSquaredError,
});
/** An instance of {@link MeanSquaredError}. */
export type MeanSquaredError = InstanceType<typeof MeanSquaredError>;

/**
 * Class form of {@link regression.meanAbsoluteError} (log name `'mean_absolute_error'`).
 * @example new MeanAbsoluteError({ reduction: 'sum' }).apply(yTrue, yPred)
 */
export const MeanAbsoluteError = lossClass({
  className: 'MeanAbsoluteError',
  name: 'mean_absolute_error',
  fn: regression.meanAbsoluteError,
});
/** An instance of {@link MeanAbsoluteError}. */
export type MeanAbsoluteError = InstanceType<typeof MeanAbsoluteError>;

/**
 * Class form of {@link regression.meanAbsolutePercentageError} (log name
 * `'mean_absolute_percentage_error'`).
 * @example new MeanAbsolutePercentageError().apply(yTrue, yPred)
 */
export const MeanAbsolutePercentageError = lossClass({
  className: 'MeanAbsolutePercentageError',
  name: 'mean_absolute_percentage_error',
  fn: regression.meanAbsolutePercentageError,
});
/** An instance of {@link MeanAbsolutePercentageError}. */
export type MeanAbsolutePercentageError = InstanceType<typeof MeanAbsolutePercentageError>;

/**
 * Class form of {@link regression.meanSquaredLogarithmicError} (log name
 * `'mean_squared_logarithmic_error'`).
 * @example new MeanSquaredLogarithmicError().apply(yTrue, yPred)
 */
export const MeanSquaredLogarithmicError = lossClass({
  className: 'MeanSquaredLogarithmicError',
  name: 'mean_squared_logarithmic_error',
  fn: regression.meanSquaredLogarithmicError,
});
/** An instance of {@link MeanSquaredLogarithmicError}. */
export type MeanSquaredLogarithmicError = InstanceType<typeof MeanSquaredLogarithmicError>;

/** Options of {@link Huber}. */
export interface HuberConfig extends LossConfig {
  /** Where the loss turns from quadratic to linear; must be > 0. @defaultValue 1 */
  readonly delta?: number;
}

/**
 * Class form of {@link regression.huber} (log name `'huber_loss'`).
 * @example new Huber({ delta: 0.5 }).apply(yTrue, yPred)
 */
export const Huber = lossClass<HuberConfig>({
  className: 'Huber',
  name: 'huber_loss',
  options: { delta: tf.numberOption(1, { min: 0, minExclusive: true }) },
  fn: regression.huber,
});
/** An instance of {@link Huber}. */
export type Huber = InstanceType<typeof Huber>;

/**
 * Class form of {@link regression.logcosh} (log name `'log_cosh'`).
 * @example new LogCosh().apply(yTrue, yPred)
 */
export const LogCosh = lossClass({
  className: 'LogCosh',
  name: 'log_cosh',
  fn: regression.logcosh,
});
/** An instance of {@link LogCosh}. */
export type LogCosh = InstanceType<typeof LogCosh>;

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityConfig extends LossConfig {
  /** The feature axis along which vectors are compared. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Class form of {@link regression.cosineSimilarity} (log name `'cosine_similarity'`).
 * @example new CosineSimilarity({ axis: 1 }).apply(yTrue, yPred)
 */
export const CosineSimilarity = lossClass<CosineSimilarityConfig>({
  className: 'CosineSimilarity',
  name: 'cosine_similarity',
  options: { axis: tf.numberOption(-1, { integer: true }) },
  fn: regression.cosineSimilarity,
});
/** An instance of {@link CosineSimilarity}. */
export type CosineSimilarity = InstanceType<typeof CosineSimilarity>;
