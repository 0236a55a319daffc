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
 * Hard sigmoid as in Keras 3, `relu6(x + 3) / 6` (0 below -3, 1 above 3, slope 1/6): what
 * `hard_sigmoid` means in files written by Keras 3. For Keras 2's formula (also tfjs-layers'
 * `hardSigmoid`) see {@link hardSigmoidKeras2}.
 * @example hardSigmoid(tf.tensor([-4, 0, 1.5])); // [0, 0.5, 0.75]
 */
export function hardSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(tf.relu6(tf.add(x, 3)), 6));
}

/**
 * Hard sigmoid as in Keras 2 and tfjs-layers, `clip(0.2 * x + 0.5, 0, 1)` (0 below -2.5, 1
 * above 2.5, slope 0.2): what `hard_sigmoid` means in files written by Keras 2 (the recurrent
 * default before Keras 2.3). Keras 3 changed the formula; see {@link hardSigmoid}.
 * @example hardSigmoidKeras2(tf.tensor([-3, 0, 1.5])); // [0, 0.5, 0.8]
 */
export function hardSigmoidKeras2(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1));
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
