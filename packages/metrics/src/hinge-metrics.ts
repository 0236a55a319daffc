import * as losses from '@dendrite/losses';
import type * as tf from '@dendrite/tensor';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricConfig } from './metric.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0), -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'hinge'`).
 * @example const m = new Hinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1
 */
export class Hinge extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'Hinge';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'hinge', fn: losses.hinge });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): Hinge {
    return new Hinge(asConfig(config));
  }
}

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0)^2, -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'squared_hinge'`).
 * @example const m = new SquaredHinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1.25
 */
export class SquaredHinge extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'SquaredHinge';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'squared_hinge', fn: losses.squaredHinge });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): SquaredHinge {
    return new SquaredHinge(asConfig(config));
  }
}

/**
 * Running mean of `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` for one-hot labels
 * (log name `'categorical_hinge'`).
 * @example const m = new CategoricalHinge(); m.update(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]])); m.result() // 0.6
 */
export class CategoricalHinge extends MeanMetricWrapper {
  override readonly direction = 'min' as const;
  static override readonly className: string = 'CategoricalHinge';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'categorical_hinge', fn: losses.categoricalHinge });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): CategoricalHinge {
    return new CategoricalHinge(asConfig(config));
  }
}
