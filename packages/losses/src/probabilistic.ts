import * as tf from '@dendrite/tensor';
import { alignPair, EPSILON } from './internal.js';

/**
 * Kullback-Leibler divergence over the last axis: `sum(t * log(t / p), -1)` with both
 * `t = clip(yTrue, 1e-7, 1)` and `p = clip(yPred, 1e-7, 1)`, as Keras.
 * @example kullbackLeiblerDivergence(tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[0.25, 0.75]]))
 * // [0.5 ln 2 + 0.5 ln(2/3)] ≈ [0.1438]
 */
export function kullbackLeiblerDivergence(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('kullbackLeiblerDivergence', yTrue, yPred);
    const tc = tf.clipByValue(t, EPSILON, 1);
    const pc = tf.clipByValue(p, EPSILON, 1);
    return tf.sum(tf.mul(tc, tf.log(tf.div(tc, pc))), -1);
  });
}

/**
 * Poisson loss over the last axis: `mean(yPred - yTrue * log(yPred + 1e-7), -1)`.
 * @example poisson(tf.tensor2d([[1]]), tf.tensor2d([[1]])) // [1 - ln(1 + 1e-7)] ≈ [1]
 */
export function poisson(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('poisson', yTrue, yPred);
    return tf.mean(tf.sub(p, tf.mul(t, tf.log(tf.add(p, EPSILON)))), -1);
  });
}
