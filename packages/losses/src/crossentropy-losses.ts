import * as tf from '@dendrite/tensor';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy.js';
import type { LossConfig } from './loss.js';
import { lossClass } from './loss-class.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyConfig extends LossConfig {
  /** Whether predictions are logits. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels become `y * (1 - labelSmoothing) + 0.5 * labelSmoothing`. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

const fromLogits = tf.booleanOption(false);
const labelSmoothing = tf.numberOption(0, { min: 0, max: 1 });

/**
 * Class form of {@link binaryCrossentropy} (log name `'binary_crossentropy'`).
 * @example new BinaryCrossentropy({ fromLogits: true }).apply(yTrue, logits)
 */
export const BinaryCrossentropy = lossClass<BinaryCrossentropyConfig>({
  className: 'BinaryCrossentropy',
  name: 'binary_crossentropy',
  options: { fromLogits, labelSmoothing },
  fn: binaryCrossentropy,
});
/** An instance of {@link BinaryCrossentropy}. */
export type BinaryCrossentropy = InstanceType<typeof BinaryCrossentropy>;

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyConfig extends BinaryCrossentropyConfig {
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Class form of {@link categoricalCrossentropy} (log name `'categorical_crossentropy'`).
 * @example new CategoricalCrossentropy({ labelSmoothing: 0.1 }).apply(oneHot, probabilities)
 */
export const CategoricalCrossentropy = lossClass<CategoricalCrossentropyConfig>({
  className: 'CategoricalCrossentropy',
  name: 'categorical_crossentropy',
  options: { fromLogits, labelSmoothing, axis: tf.numberOption(-1, { integer: true }) },
  fn: categoricalCrossentropy,
});
/** An instance of {@link CategoricalCrossentropy}. */
export type CategoricalCrossentropy = InstanceType<typeof CategoricalCrossentropy>;

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
export const SparseCategoricalCrossentropy = lossClass<SparseCategoricalCrossentropyConfig>({
  className: 'SparseCategoricalCrossentropy',
  name: 'sparse_categorical_crossentropy',
  options: { fromLogits, validateLabels: tf.booleanOption(true) },
  fn: sparseCategoricalCrossentropy,
});
/** An instance of {@link SparseCategoricalCrossentropy}. */
export type SparseCategoricalCrossentropy = InstanceType<typeof SparseCategoricalCrossentropy>;
