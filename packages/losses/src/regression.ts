import * as tf from '@dendrite/tensor';
import { alignPair, EPSILON, resolveAxis } from './internal.js';

/**
 * Mean squared error over the last axis: `mean((yPred - yTrue)^2, -1)`.
 * @example meanSquaredError(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 1]])) // [0.5]
 */
export function meanSquaredError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('meanSquaredError', yTrue, yPred);
    return tf.mean(tf.square(tf.sub(p, t)), -1);
  });
}

/**
 * Mean absolute error over the last axis: `mean(|yPred - yTrue|, -1)`.
 * @example meanAbsoluteError(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 1]])) // [0.5]
 */
export function meanAbsoluteError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('meanAbsoluteError', yTrue, yPred);
    return tf.mean(tf.abs(tf.sub(p, t)), -1);
  });
}

/**
 * Mean absolute percentage error: `100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7), -1)`.
 * @example meanAbsolutePercentageError(tf.tensor2d([[2, 4]]), tf.tensor2d([[1, 4]])) // [25]
 */
export function meanAbsolutePercentageError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('meanAbsolutePercentageError', yTrue, yPred);
    const diff = tf.abs(tf.div(tf.sub(t, p), tf.maximum(tf.abs(t), EPSILON)));
    return tf.mul(100, tf.mean(diff, -1));
  });
}

/**
 * Mean squared logarithmic error:
 * `mean((log(max(yPred, 1e-7) + 1) - log(max(yTrue, 1e-7) + 1))^2, -1)`.
 * @example meanSquaredLogarithmicError(tf.tensor2d([[0]]), tf.tensor2d([[Math.E - 1]])) // [1]
 */
export function meanSquaredLogarithmicError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('meanSquaredLogarithmicError', yTrue, yPred);
    const first = tf.log(tf.add(tf.maximum(p, EPSILON), 1));
    const second = tf.log(tf.add(tf.maximum(t, EPSILON), 1));
    return tf.mean(tf.square(tf.sub(first, second)), -1);
  });
}

/** Options of {@link huber}. */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear; must be > 0. @defaultValue 1 */
  readonly delta?: number;
}

/**
 * Huber loss over the last axis: `0.5 e^2` where `|e| <= delta`, else `delta |e| - 0.5 delta^2`,
 * with `e = yPred - yTrue`.
 * @example huber(tf.tensor2d([[0, 0]]), tf.tensor2d([[0.5, 3]])) // [(0.125 + 2.5) / 2]
 */
export function huber(yTrue: tf.Tensor, yPred: tf.Tensor, options: HuberOptions = {}): tf.Tensor {
  const delta = tf.checkNumber('huber', 'delta', options.delta ?? 1, {
    min: 0,
    minExclusive: true,
  });
  return tf.tidy(() => {
    const [t, p] = alignPair('huber', yTrue, yPred);
    // Split |e| into min(|e|, delta) and the rest instead of branching with `where`: the same
    // values, and differentiable (tfjs has no gradient for comparisons).
    const absError = tf.abs(tf.sub(p, t));
    const quadratic = tf.minimum(absError, delta);
    const linear = tf.sub(absError, quadratic);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)), -1);
  });
}

/**
 * Log-cosh loss over the last axis: `mean(log(cosh(yPred - yTrue)), -1)`, computed as
 * `x + softplus(-2x) - log 2` so large errors do not overflow `cosh`.
 * @example logcosh(tf.tensor2d([[0]]), tf.tensor2d([[1]])) // [log(cosh(1))] ≈ [0.4338]
 */
export function logcosh(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('logcosh', yTrue, yPred);
    const x = tf.sub(p, t);
    return tf.mean(tf.sub(tf.add(x, tf.softplus(tf.mul(-2, x))), Math.log(2)), -1);
  });
}

/** Options of {@link cosineSimilarity}. */
export interface CosineSimilarityOptions {
  /** The feature axis along which vectors are compared. @defaultValue -1 */
  readonly axis?: number;
}

/**
 * Negative cosine similarity along `axis`: `-sum(l2Normalize(yTrue) * l2Normalize(yPred))`.
 * Vectors are normalized by `sqrt(max(sum(x^2), 1e-12))`, so a zero vector gives 0.
 * @example cosineSimilarity(tf.tensor2d([[1, 1]]), tf.tensor2d([[2, 2]])) // [-1]
 */
export function cosineSimilarity(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: CosineSimilarityOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('cosineSimilarity', yTrue, yPred);
    const axis = resolveAxis('cosineSimilarity', options.axis ?? -1, p.rank);
    const normalize = (x: tf.Tensor) =>
      tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12)));
    return tf.neg(tf.sum(tf.mul(normalize(t), normalize(p)), axis));
  });
}
