import * as tf from '@dendrite/tensor';
import {
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './accuracy.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricConfig } from './metric.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyConfig extends MetricConfig {
  /** Predictions strictly above it count as 1. @defaultValue 0.5 */
  readonly threshold?: number;
}

/**
 * Running {@link binaryAccuracy} (log name `'binary_accuracy'`).
 * @example const m = new BinaryAccuracy({ threshold: 0.7 }); m.update(yTrue, yPred); m.result();
 */
export class BinaryAccuracy extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'BinaryAccuracy';
  readonly threshold: number;
  constructor(config: BinaryAccuracyConfig = {}) {
    const threshold = tf.checkNumber('BinaryAccuracy', 'threshold', config.threshold ?? 0.5);
    super({
      name: config.name ?? 'binary_accuracy',
      fn: (t, p) => binaryAccuracy(t, p, { threshold }),
    });
    this.threshold = threshold;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, threshold: this.threshold };
  }
  static override fromConfig(config: tf.ConfigDict): BinaryAccuracy {
    return new BinaryAccuracy(asConfig(config));
  }
}

/**
 * Running {@link categoricalAccuracy} (log name `'categorical_accuracy'`).
 * @example const m = new CategoricalAccuracy(); m.update(oneHot, probabilities); m.result();
 */
export class CategoricalAccuracy extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'CategoricalAccuracy';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'categorical_accuracy', fn: categoricalAccuracy });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): CategoricalAccuracy {
    return new CategoricalAccuracy(asConfig(config));
  }
}

/**
 * Running {@link sparseCategoricalAccuracy} (log name `'sparse_categorical_accuracy'`).
 * @example const m = new SparseCategoricalAccuracy(); m.update(labels, probabilities); m.result();
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'SparseCategoricalAccuracy';
  constructor(config: MetricConfig = {}) {
    super({ name: config.name ?? 'sparse_categorical_accuracy', fn: sparseCategoricalAccuracy });
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name };
  }
  static override fromConfig(config: tf.ConfigDict): SparseCategoricalAccuracy {
    return new SparseCategoricalAccuracy(asConfig(config));
  }
}

/** Options of {@link TopKCategoricalAccuracy} and {@link SparseTopKCategoricalAccuracy}. */
export interface TopKConfig extends MetricConfig {
  /** How many of the highest predictions count as a hit; a positive integer. @defaultValue 5 */
  readonly k?: number;
}

/**
 * Running {@link topKCategoricalAccuracy} (log name `'top_k_categorical_accuracy'`).
 * @example const m = new TopKCategoricalAccuracy({ k: 3 }); m.update(oneHot, scores); m.result();
 */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'TopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: TopKConfig = {}) {
    const k = tf.checkNumber('TopKCategoricalAccuracy', 'k', config.k ?? 5, {
      min: 1,
      integer: true,
    });
    super({
      name: config.name ?? 'top_k_categorical_accuracy',
      fn: (t, p) => topKCategoricalAccuracy(t, p, { k }),
    });
    this.k = k;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, k: this.k };
  }
  static override fromConfig(config: tf.ConfigDict): TopKCategoricalAccuracy {
    return new TopKCategoricalAccuracy(asConfig(config));
  }
}

/**
 * Running {@link sparseTopKCategoricalAccuracy} (log name `'sparse_top_k_categorical_accuracy'`).
 * @example const m = new SparseTopKCategoricalAccuracy({ k: 3 }); m.update(labels, scores); m.result();
 */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: TopKConfig = {}) {
    const k = tf.checkNumber('SparseTopKCategoricalAccuracy', 'k', config.k ?? 5, {
      min: 1,
      integer: true,
    });
    super({
      name: config.name ?? 'sparse_top_k_categorical_accuracy',
      fn: (t, p) => sparseTopKCategoricalAccuracy(t, p, { k }),
    });
    this.k = k;
  }
  override getConfig(): tf.ConfigDict {
    return { name: this.name, k: this.k };
  }
  static override fromConfig(config: tf.ConfigDict): SparseTopKCategoricalAccuracy {
    return new SparseTopKCategoricalAccuracy(asConfig(config));
  }
}
