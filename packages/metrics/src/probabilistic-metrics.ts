import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { lossMetricClass, meanMetricClass } from './mean-metric-class.js';
import type { MetricConfig } from './metric.js';

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
export const BinaryCrossentropy = lossMetricClass<CrossentropyMetricConfig>(
  losses.BinaryCrossentropy,
);
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
export const CategoricalCrossentropy = lossMetricClass<CategoricalCrossentropyMetricConfig>(
  losses.CategoricalCrossentropy,
);
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
    options: { fromLogits: tf.booleanOption(false) },
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
export const KLDivergence = lossMetricClass(losses.KLDivergence);
/** An instance of {@link KLDivergence}. */
export type KLDivergence = InstanceType<typeof KLDivergence>;

/**
 * Running mean of `mean(yPred - yTrue * log(yPred + 1e-7), -1)` (log name `'poisson'`).
 * @example const m = new Poisson(); m.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]])); m.result() // ≈ 0.5
 */
export const Poisson = lossMetricClass(losses.Poisson);
/** An instance of {@link Poisson}. */
export type Poisson = InstanceType<typeof Poisson>;
