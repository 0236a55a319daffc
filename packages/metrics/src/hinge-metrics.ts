import * as losses from '@dendrite/losses';
import { lossMetricClass } from './mean-metric-class.js';

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0), -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'hinge'`).
 * @example const m = new Hinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1
 */
export const Hinge = lossMetricClass(losses.Hinge);
/** An instance of {@link Hinge}. */
export type Hinge = InstanceType<typeof Hinge>;

/**
 * Running mean of `mean(max(1 - yTrue * yPred, 0)^2, -1)`; labels in {0, 1} become {-1, 1} (log
 * name `'squared_hinge'`).
 * @example const m = new SquaredHinge(); m.update(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])); m.result() // 1.25
 */
export const SquaredHinge = lossMetricClass(losses.SquaredHinge);
/** An instance of {@link SquaredHinge}. */
export type SquaredHinge = InstanceType<typeof SquaredHinge>;

/**
 * Running mean of `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` for one-hot labels
 * (log name `'categorical_hinge'`).
 * @example const m = new CategoricalHinge(); m.update(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]])); m.result() // 0.6
 */
export const CategoricalHinge = lossMetricClass(losses.CategoricalHinge);
/** An instance of {@link CategoricalHinge}. */
export type CategoricalHinge = InstanceType<typeof CategoricalHinge>;
