import * as tf from '@dendrite/tensor';
import {
  binaryAccuracy,
  categoricalAccuracy,
  categoricalHitsFromLogits,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './accuracy.js';
import { meanMetricClass } from './mean-metric-class.js';
import type { MetricConfig } from './metric.js';

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyConfig extends MetricConfig {
  /** Predictions strictly above it count as 1. @defaultValue 0.5 */
  readonly threshold?: number;
}

/**
 * Running {@link binaryAccuracy} (log name `'binary_accuracy'`).
 * @example const m = new BinaryAccuracy({ threshold: 0.7 }); m.update(yTrue, yPred); m.result();
 */
export const BinaryAccuracy = meanMetricClass<BinaryAccuracyConfig>({
  className: 'BinaryAccuracy',
  name: 'binary_accuracy',
  direction: 'max',
  options: { threshold: tf.numberOption(0.5) },
  fn: binaryAccuracy,
});
/** An instance of {@link BinaryAccuracy}. */
export type BinaryAccuracy = InstanceType<typeof BinaryAccuracy>;

/**
 * Running {@link categoricalAccuracy} (log name `'categorical_accuracy'`).
 * @example const m = new CategoricalAccuracy(); m.update(oneHot, probabilities); m.result();
 */
export const CategoricalAccuracy = meanMetricClass({
  className: 'CategoricalAccuracy',
  name: 'categorical_accuracy',
  direction: 'max',
  fn: categoricalAccuracy,
  sumFromLogits: categoricalHitsFromLogits,
  accuracyHits: 'categorical',
});
/** An instance of {@link CategoricalAccuracy}. */
export type CategoricalAccuracy = InstanceType<typeof CategoricalAccuracy>;

/**
 * Running {@link sparseCategoricalAccuracy} (log name `'sparse_categorical_accuracy'`).
 * @example const m = new SparseCategoricalAccuracy(); m.update(labels, probabilities); m.result();
 */
export const SparseCategoricalAccuracy = meanMetricClass({
  className: 'SparseCategoricalAccuracy',
  name: 'sparse_categorical_accuracy',
  direction: 'max',
  fn: sparseCategoricalAccuracy,
  accuracyHits: 'sparse',
});
/** An instance of {@link SparseCategoricalAccuracy}. */
export type SparseCategoricalAccuracy = InstanceType<typeof SparseCategoricalAccuracy>;

/** Options of {@link TopKCategoricalAccuracy} and {@link SparseTopKCategoricalAccuracy}. */
export interface TopKConfig extends MetricConfig {
  /** How many of the highest predictions count as a hit; a positive integer. @defaultValue 5 */
  readonly k?: number;
}

const k = tf.numberOption(5, { min: 1, integer: true });

/**
 * Running {@link topKCategoricalAccuracy} (log name `'top_k_categorical_accuracy'`).
 * @example const m = new TopKCategoricalAccuracy({ k: 3 }); m.update(oneHot, scores); m.result();
 */
export const TopKCategoricalAccuracy = meanMetricClass<TopKConfig>({
  className: 'TopKCategoricalAccuracy',
  name: 'top_k_categorical_accuracy',
  direction: 'max',
  options: { k },
  fn: topKCategoricalAccuracy,
});
/** An instance of {@link TopKCategoricalAccuracy}. */
export type TopKCategoricalAccuracy = InstanceType<typeof TopKCategoricalAccuracy>;

/**
 * Running {@link sparseTopKCategoricalAccuracy} (log name `'sparse_top_k_categorical_accuracy'`).
 * @example const m = new SparseTopKCategoricalAccuracy({ k: 3 }); m.update(labels, scores); m.result();
 */
export const SparseTopKCategoricalAccuracy = meanMetricClass<TopKConfig>({
  className: 'SparseTopKCategoricalAccuracy',
  name: 'sparse_top_k_categorical_accuracy',
  direction: 'max',
  options: { k },
  fn: sparseTopKCategoricalAccuracy,
});
/** An instance of {@link SparseTopKCategoricalAccuracy}. */
export type SparseTopKCategoricalAccuracy = InstanceType<typeof SparseTopKCategoricalAccuracy>;
