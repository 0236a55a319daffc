import * as tf from '@dendrite/tensor';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy.js';
import { Loss, type LossConfig } from './loss.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyConfig extends LossConfig {
  /** Whether predictions are logits. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels become `y * (1 - labelSmoothing) + 0.5 * labelSmoothing`. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

/**
 * Class form of {@link binaryCrossentropy} (log name `'binary_crossentropy'`).
 * @example new BinaryCrossentropy({ fromLogits: true }).apply(yTrue, logits)
 */
export class BinaryCrossentropy extends Loss {
  static readonly className = 'BinaryCrossentropy';
  override readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(config: BinaryCrossentropyConfig = {}) {
    super('binary_crossentropy', config);
    this.fromLogits = tf.checkBoolean(
      'BinaryCrossentropy',
      'fromLogits',
      config.fromLogits ?? false,
    );
    this.labelSmoothing = tf.checkNumber(
      'BinaryCrossentropy',
      'labelSmoothing',
      config.labelSmoothing ?? 0,
      { min: 0, max: 1 },
    );
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return binaryCrossentropy(yTrue, yPred, {
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
    });
  }
  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
    };
  }
  static fromConfig(config: tf.ConfigDict): BinaryCrossentropy {
    return new BinaryCrossentropy(asConfig(config));
  }
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyConfig extends BinaryCrossentropyConfig {
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Class form of {@link categoricalCrossentropy} (log name `'categorical_crossentropy'`).
 * @example new CategoricalCrossentropy({ labelSmoothing: 0.1 }).apply(oneHot, probabilities)
 */
export class CategoricalCrossentropy extends Loss {
  static readonly className = 'CategoricalCrossentropy';
  override readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: CategoricalCrossentropyConfig = {}) {
    super('categorical_crossentropy', config);
    const owner = 'CategoricalCrossentropy';
    this.fromLogits = tf.checkBoolean(owner, 'fromLogits', config.fromLogits ?? false);
    this.labelSmoothing = tf.checkNumber(owner, 'labelSmoothing', config.labelSmoothing ?? 0, {
      min: 0,
      max: 1,
    });
    this.axis = tf.checkNumber(owner, 'axis', config.axis ?? -1, { integer: true });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return categoricalCrossentropy(yTrue, yPred, {
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    });
  }
  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }
  static fromConfig(config: tf.ConfigDict): CategoricalCrossentropy {
    return new CategoricalCrossentropy(asConfig(config));
  }
}

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyConfig extends LossConfig {
  /** Whether predictions are logits. @defaultValue false */
  readonly fromLogits?: boolean;
  /** Read labels back once per call and throw on the first bad one. @defaultValue true */
  readonly validateLabels?: boolean;
}

/**
 * Class form of {@link sparseCategoricalCrossentropy} (log name
 * `'sparse_categorical_crossentropy'`).
 * @example new SparseCategoricalCrossentropy({ fromLogits: true }).apply(labels, logits)
 */
export class SparseCategoricalCrossentropy extends Loss {
  static readonly className = 'SparseCategoricalCrossentropy';
  override readonly fromLogits: boolean;
  readonly validateLabels: boolean;
  constructor(config: SparseCategoricalCrossentropyConfig = {}) {
    super('sparse_categorical_crossentropy', config);
    const owner = 'SparseCategoricalCrossentropy';
    this.fromLogits = tf.checkBoolean(owner, 'fromLogits', config.fromLogits ?? false);
    this.validateLabels = tf.checkBoolean(owner, 'validateLabels', config.validateLabels ?? true);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return sparseCategoricalCrossentropy(yTrue, yPred, {
      fromLogits: this.fromLogits,
      validateLabels: this.validateLabels,
    });
  }
  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      fromLogits: this.fromLogits,
      validateLabels: this.validateLabels,
    };
  }
  static fromConfig(config: tf.ConfigDict): SparseCategoricalCrossentropy {
    return new SparseCategoricalCrossentropy(asConfig(config));
  }
}
