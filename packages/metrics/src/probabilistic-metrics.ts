import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricConfig } from './metric.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/** Options of {@link BinaryCrossentropy} and {@link CategoricalCrossentropy}. */
export interface CrossentropyMetricConfig extends MetricConfig {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels are smoothed as by the matching loss. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

/**
 * Running mean of the binary crossentropy per sample (log name `'binary_crossentropy'`).
 * @example const m = new BinaryCrossentropy(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.8149
 */
export class BinaryCrossentropy extends MeanMetricWrapper {
  static override readonly className: string = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(config: CrossentropyMetricConfig = {}) {
    const owner = 'BinaryCrossentropy';
    const fromLogits = tf.checkBoolean(owner, 'fromLogits', config.fromLogits ?? false);
    const labelSmoothing = tf.checkNumber(owner, 'labelSmoothing', config.labelSmoothing ?? 0, {
      min: 0,
      max: 1,
    });
    super({
      name: config.name ?? 'binary_crossentropy',
      fn: (t, p) => losses.binaryCrossentropy(t, p, { fromLogits, labelSmoothing }),
    });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
  static override fromConfig(config: tf.ConfigDict): BinaryCrossentropy {
    return new BinaryCrossentropy(asConfig(config));
  }
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyMetricConfig extends CrossentropyMetricConfig {
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Running mean of the categorical crossentropy per sample for one-hot labels (log name
 * `'categorical_crossentropy'`).
 * @example const m = new CategoricalCrossentropy(); m.update(oneHot, probabilities); m.result();
 */
export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className: string = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: CategoricalCrossentropyMetricConfig = {}) {
    const owner = 'CategoricalCrossentropy';
    const fromLogits = tf.checkBoolean(owner, 'fromLogits', config.fromLogits ?? false);
    const labelSmoothing = tf.checkNumber(owner, 'labelSmoothing', config.labelSmoothing ?? 0, {
      min: 0,
      max: 1,
    });
    const axis = tf.checkNumber(owner, 'axis', config.axis ?? -1, { integer: true });
    super({
      name: config.name ?? 'categorical_crossentropy',
      fn: (t, p) => losses.categoricalCrossentropy(t, p, { fromLogits, labelSmoothing, axis }),
    });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }
  override getConfig(): tf.ConfigDict {
    return {
      name: this.name,
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }
  static override fromConfig(config: tf.ConfigDict): CategoricalCrossentropy {
    return new CategoricalCrossentropy(asConfig(config));
  }
}

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
export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className: string = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  constructor(config: SparseCategoricalCrossentropyMetricConfig = {}) {
    const owner = 'SparseCategoricalCrossentropy';
    const fromLogits = tf.checkBoolean(owner, 'fromLogits', config.fromLogits ?? false);
    super({
      name: config.name ?? 'sparse_categorical_crossentropy',
      fn: (t, p) =>
        losses.sparseCategoricalCrossentropy(t, p, { fromLogits, validateLabels: false }),
    });
    this.fromLogits = fromLogits;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, fromLogits: this.fromLogits };
  }
  static override fromConfig(config: tf.ConfigDict): SparseCategoricalCrossentropy {
    return new SparseCategoricalCrossentropy(asConfig(config));
  }
}

/**
 * Running mean of `sum(t * log(t / p), -1)` with `t`, `p` clipped to [1e-7, 1] (log name
 * `'kl_divergence'`).
 * @example const m = new KLDivergence(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.4581
 */
export class KLDivergence extends MeanMetricWrapper {
  static override readonly className: string = 'KLDivergence';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'kl_divergence', fn: losses.kullbackLeiblerDivergence });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): KLDivergence {
    return new KLDivergence(asConfig(config));
  }
}

/**
 * Running mean of `mean(yPred - yTrue * log(yPred + 1e-7), -1)` (log name `'poisson'`).
 * @example const m = new Poisson(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.5
 */
export class Poisson extends MeanMetricWrapper {
  static override readonly className: string = 'Poisson';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'poisson', fn: losses.poisson });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): Poisson {
    return new Poisson(asConfig(config));
  }
}
