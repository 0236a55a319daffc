import * as tf from '@dendrite/tensor';
import { Loss, type LossConfig } from './loss.js';
import {
  cosineSimilarity,
  huber,
  logcosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/**
 * Class form of {@link meanSquaredError} (log name `'mean_squared_error'`).
 * @example new MeanSquaredError().apply(yTrue, yPred) // scalar
 */
export class MeanSquaredError extends Loss {
  static readonly className = 'MeanSquaredError';
  constructor(config: LossConfig = {}) {
    super('mean_squared_error', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredError(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): MeanSquaredError {
    return new MeanSquaredError(asConfig(config));
  }
}

/**
 * Class form of {@link meanAbsoluteError} (log name `'mean_absolute_error'`).
 * @example new MeanAbsoluteError({ reduction: 'sum' }).apply(yTrue, yPred)
 */
export class MeanAbsoluteError extends Loss {
  static readonly className = 'MeanAbsoluteError';
  constructor(config: LossConfig = {}) {
    super('mean_absolute_error', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): MeanAbsoluteError {
    return new MeanAbsoluteError(asConfig(config));
  }
}

/**
 * Class form of {@link meanAbsolutePercentageError} (log name `'mean_absolute_percentage_error'`).
 * @example new MeanAbsolutePercentageError().apply(yTrue, yPred)
 */
export class MeanAbsolutePercentageError extends Loss {
  static readonly className = 'MeanAbsolutePercentageError';
  constructor(config: LossConfig = {}) {
    super('mean_absolute_percentage_error', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(asConfig(config));
  }
}

/**
 * Class form of {@link meanSquaredLogarithmicError} (log name `'mean_squared_logarithmic_error'`).
 * @example new MeanSquaredLogarithmicError().apply(yTrue, yPred)
 */
export class MeanSquaredLogarithmicError extends Loss {
  static readonly className = 'MeanSquaredLogarithmicError';
  constructor(config: LossConfig = {}) {
    super('mean_squared_logarithmic_error', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredLogarithmicError(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): MeanSquaredLogarithmicError {
    return new MeanSquaredLogarithmicError(asConfig(config));
  }
}

/** Options of {@link Huber}. */
export interface HuberConfig extends LossConfig {
  /** Where the loss turns from quadratic to linear; must be > 0. @defaultValue 1 */
  readonly delta?: number;
}

/**
 * Class form of {@link huber} (log name `'huber_loss'`).
 * @example new Huber({ delta: 0.5 }).apply(yTrue, yPred)
 */
export class Huber extends Loss {
  static readonly className = 'Huber';
  readonly delta: number;
  constructor(config: HuberConfig = {}) {
    super('huber_loss', config);
    this.delta = tf.checkNumber('Huber', 'delta', config.delta ?? 1, {
      min: 0,
      minExclusive: true,
    });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return huber(yTrue, yPred, { delta: this.delta });
  }
  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), delta: this.delta };
  }
  static fromConfig(config: tf.ConfigDict): Huber {
    return new Huber(asConfig(config));
  }
}

/**
 * Class form of {@link logcosh} (log name `'log_cosh'`).
 * @example new LogCosh().apply(yTrue, yPred)
 */
export class LogCosh extends Loss {
  static readonly className = 'LogCosh';
  constructor(config: LossConfig = {}) {
    super('log_cosh', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return logcosh(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): LogCosh {
    return new LogCosh(asConfig(config));
  }
}

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityConfig extends LossConfig {
  /** The feature axis along which vectors are compared. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Class form of {@link cosineSimilarity} (log name `'cosine_similarity'`).
 * @example new CosineSimilarity({ axis: 1 }).apply(yTrue, yPred)
 */
export class CosineSimilarity extends Loss {
  static readonly className = 'CosineSimilarity';
  readonly axis: number;
  constructor(config: CosineSimilarityConfig = {}) {
    super('cosine_similarity', config);
    this.axis = tf.checkNumber('CosineSimilarity', 'axis', config.axis ?? -1, { integer: true });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return cosineSimilarity(yTrue, yPred, { axis: this.axis });
  }
  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
  static fromConfig(config: tf.ConfigDict): CosineSimilarity {
    return new CosineSimilarity(asConfig(config));
  }
}
