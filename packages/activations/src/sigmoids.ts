import * as tf from '@dendrite/tensor';

/**
 * The identity, `x` (returned unchanged, not copied).
 * @example linear(x) === x; // true
 */
export function linear(x: tf.Tensor): tf.Tensor {
  return x;
}

/**
 * The logistic sigmoid, `1 / (1 + exp(-x))`; exactly 0 and 1 in float32 at ±1e4, with
 * finite gradients there.
 * @example sigmoid(tf.tensor([0])); // [0.5]
 */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  return tf.sigmoid(x);
}

/**
 * Hard sigmoid as in Keras 3, `relu6(x + 3) / 6` (0 below -3, 1 above 3, slope 1/6).
 * tfjs-layers' `hardSigmoid` instead uses `clip(0.2 * x + 0.5, 0, 1)` (Keras 2).
 * @example hardSigmoid(tf.tensor([-4, 0, 1.5])); // [0, 0.5, 0.75]
 */
export function hardSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(tf.relu6(tf.add(x, 3)), 6));
}

/**
 * Hyperbolic tangent.
 * @example tanh(tf.tensor([0])); // [0]
 */
export function tanh(x: tf.Tensor): tf.Tensor {
  return tf.tanh(x);
}

/**
 * The exponential, `exp(x)`.
 * @example exponential(tf.tensor([0])); // [1]
 */
export function exponential(x: tf.Tensor): tf.Tensor {
  return tf.exp(x);
}

/**
 * Softplus, `log(exp(x) + 1)`, computed without overflow: `x` at +1e4, 0 at -1e4.
 * @example softplus(tf.tensor([0])); // [0.6931]
 */
export function softplus(x: tf.Tensor): tf.Tensor {
  return tf.softplus(x);
}

/**
 * Softsign, `x / (|x| + 1)`.
 * @example softsign(tf.tensor([1])); // [0.5]
 */
export function softsign(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(x, tf.add(tf.abs(x), 1)));
}
