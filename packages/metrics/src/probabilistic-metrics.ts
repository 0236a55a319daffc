import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { meanMetricClass } from './mean-metric-class.js';
import type { MetricConfig } from './metric.js';

/** Options of {@link BinaryCrossentropy} and {@link CategoricalCrossentropy}. */
export interface CrossentropyMetricConfig extends MetricConfig {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels are smoothed as by the matching loss. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

const fromLogits = tf.booleanOption(false);
const labelSmoothing = tf.numberOption(0, { min: 0, max: 1 });

/**
 * Running mean of the binary crossentropy per sample (log name `'binary_crossentropy'`).
 * @example const m = new BinaryCrossentropy(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.8149
 */
export const BinaryCrossentropy = meanMetricClass<CrossentropyMetricConfig>({
  className: 'BinaryCrossentropy',
  name: 'binary_crossentropy',
  direction: 'min',
  options: { fromLogits, labelSmoothing },
  fn: (yTrue, yPred, { fromLogits, labelSmoothing }) =>
    losses.binaryCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing }),
});
/** An instance of {@link BinaryCrossentropy}. */
export type BinaryCrossentropy = InstanceType<typeof BinaryCrossentropy>;

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
export const CategoricalCrossentropy = meanMetricClass<CategoricalCrossentropyMetricConfig>({
  className: 'CategoricalCrossentropy',
  name: 'categorical_crossentropy',
  direction: 'min',
  options: { fromLogits, labelSmoothing, axis: tf.numberOption(-1, { integer: true }) },
  fn: (yTrue, yPred, { fromLogits, labelSmoothing, axis }) =>
    losses.categoricalCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis }),
});
/** An instance of {@link CategoricalCrossentropy}. */
export type CategoricalCrossentropy = InstanceType<typeof CategoricalCrossentropy>;

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
export const SparseCategoricalCrossentropy =
  meanMetricClass<SparseCategoricalCrossentropyMetricConfig>({
    className: 'SparseCategoricalCrossentropy',
    name: 'sparse_categorical_crossentropy',
    direction: 'min',
    options: { fromLogits },
    fn: (yTrue, yPred, { fromLogits }) =>
      losses.sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, validateLabels: false }),
  });
/** An instance of {@link SparseCategoricalCrossentropy}. */
export type SparseCategoricalCrossentropy = InstanceType<typeof SparseCategoricalCrossentropy>;

/**
 * Running mean of `sum(t * log(t / p), -1)` with `t`, `p` clipped to [1e-7, 1] (log name
 * `'kl_divergence'`).
 * @example const m = new KLDivergence(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]])); m.result() // ≈ 0.4581
 */
export const KLDivergence = meanMetricClass({
  className: 'KLDivergence',
  name: 'kl_divergence',
  direction: 'min',
  options: {},
  fn: (yTrue, yPred) => losses.kullbackLeiblerDivergence(yTrue, yPred),
});
/** An instance of {@link KLDivergence}. */
export type KLDivergence = InstanceType<typeof KLDivergence>;

/**
 * Running mean of `mean(yPred - yTrue * log(yPred + 1e-7), -1)` (log name `'poisson'`).
 * @example const m = new Poisson(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.5
 */
export const Poisson = meanMetricClass({
  className: 'Poisson',
  name: 'poisson',
  direction: 'min',
  options: {},
  fn: (yTrue, yPred) => losses.poisson(yTrue, yPred),
});
/** An instance of {@link Poisson}. */
export type Poisson = InstanceType<typeof Poisson>;
