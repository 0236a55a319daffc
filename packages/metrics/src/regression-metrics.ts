import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricConfig } from './metric.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/**
 * Running mean of `mean((yPred - yTrue)^2, -1)` per sample (log name `'mean_squared_error'`).
 * @example const m = new MeanSquaredError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export class MeanSquaredError extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'MeanSquaredError';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'mean_squared_error', fn: losses.meanSquaredError });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): MeanSquaredError {
    return new MeanSquaredError(asConfig(config));
  }
}

/**
 * Running mean of `mean(|yPred - yTrue|, -1)` per sample (log name `'mean_absolute_error'`).
 * @example const m = new MeanAbsoluteError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // 0.25
 */
export class MeanAbsoluteError extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'MeanAbsoluteError';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'mean_absolute_error', fn: losses.meanAbsoluteError });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): MeanAbsoluteError {
    return new MeanAbsoluteError(asConfig(config));
  }
}

/**
 * Running mean of `100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7), -1)` per sample (log name
 * `'mean_absolute_percentage_error'`).
 * @example const m = new MeanAbsolutePercentageError(); m.update(tf.tensor2d([[2, 4]]), tf.tensor2d([[1, 4]])); m.result() // 25
 */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'MeanAbsolutePercentageError';
  constructor(config: MetricConfig = {}) {
    super({
      name: config.name ?? 'mean_absolute_percentage_error',
      fn: losses.meanAbsolutePercentageError,
    });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(asConfig(config));
  }
}

/**
 * Running mean of `mean((log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1))^2, -1)` per
 * sample (log name `'mean_squared_logarithmic_error'`).
 * @example const m = new MeanSquaredLogarithmicError(); m.update(tf.tensor2d([[0]]), tf.tensor2d([[Math.E - 1]])); m.result() // 1
 */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'MeanSquaredLogarithmicError';
  constructor(config: MetricConfig = {}) {
    super({
      name: config.name ?? 'mean_squared_logarithmic_error',
      fn: losses.meanSquaredLogarithmicError,
    });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): MeanSquaredLogarithmicError {
    return new MeanSquaredLogarithmicError(asConfig(config));
  }
}

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
export class CosineSimilarity extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'CosineSimilarity';
  readonly axis: number;
  constructor(config: CosineSimilarityConfig = {}) {
    const axis = tf.checkNumber('CosineSimilarity', 'axis', config.axis ?? -1, { integer: true });
    super({
      name: config.name ?? 'cosine_similarity',
      fn: (t, p) => tf.neg(losses.cosineSimilarity(t, p, { axis })),
    });
    this.axis = axis;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, axis: this.axis };
  }
  static override fromConfig(config: tf.ConfigDict): CosineSimilarity {
    return new CosineSimilarity(asConfig(config));
  }
}

/**
 * Running mean of `mean(log(cosh(yPred - yTrue)), -1)` per sample (Keras' log name `'logcosh'`).
 * @example const m = new LogCoshError(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.10845
 */
export class LogCoshError extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'LogCoshError';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'logcosh', fn: losses.logcosh });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): LogCoshError {
    return new LogCoshError(asConfig(config));
  }
}
