import * as tf from '@dendrite/tensor';

/**
 * The Rectified Linear Unit, `max(x, 0)`.
 * @example relu(tf.tensor([-1, 2])); // [0, 2]
 */
export function relu(x: tf.Tensor): tf.Tensor {
  return tf.relu(x);
}

/**
 * ReLU capped at 6, `min(max(x, 0), 6)`.
 * @example relu6(tf.tensor([-1, 7])); // [0, 6]
 */
export function relu6(x: tf.Tensor): tf.Tensor {
  return tf.relu6(x);
}

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /**
   * Slope for `x < 0` (Keras 3 `negative_slope`). Note tfjs-layers' `LeakyReLU` layer
   * defaults to 0.3; this function follows Keras 3.
   * @defaultValue 0.2
   */
  readonly alpha?: number;
}

/** Defaults of {@link leakyRelu}. */
export const LEAKY_RELU_DEFAULTS = Object.freeze({ alpha: 0.2 });

/**
 * Leaky ReLU: `x` for `x >= 0`, `alpha * x` otherwise.
 * @example leakyRelu(tf.tensor([-1, 2])); // [-0.2, 2]
 */
export function leakyRelu(x: tf.Tensor, options: LeakyReluOptions = {}): tf.Tensor {
  const alpha = tf.checkNumber('leakyRelu', 'alpha', options.alpha ?? LEAKY_RELU_DEFAULTS.alpha, {
    min: 0,
  });
  return tf.leakyRelu(x, alpha);
}

/** Options of {@link elu}. */
export interface EluOptions {
  /** Scale of the negative branch, `alpha * (exp(x) - 1)`. @defaultValue 1 */
  readonly alpha?: number;
}

/** Defaults of {@link elu}. */
export const ELU_DEFAULTS = Object.freeze({ alpha: 1 });

/**
 * Exponential Linear Unit: `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise
 * (Clevert et al., 2016, https://arxiv.org/abs/1511.07289).
 * @example elu(tf.tensor([-1, 2])); // [-0.632, 2]
 */
export function elu(x: tf.Tensor, options: EluOptions = {}): tf.Tensor {
  const alpha = tf.checkNumber('elu', 'alpha', options.alpha ?? ELU_DEFAULTS.alpha);
  if (alpha === 1) return tf.elu(x);
  // relu(x) + alpha * elu(min(x, 0)): exp never sees a positive input, so neither the value
  // nor the gradient overflows, and every op on the path has a gradient (tf.where's mask has none).
  return tf.tidy(() => tf.add(tf.relu(x), tf.mul(alpha, tf.elu(tf.minimum(x, 0)))));
}

/**
 * Scaled ELU, `scale * elu(x, alpha)` with the self-normalizing constants
 * alpha ≈ 1.6733 and scale ≈ 1.0507 (Klambauer et al., 2017, https://arxiv.org/abs/1706.02515).
 * @example selu(tf.tensor([1])); // [1.0507]
 */
export function selu(x: tf.Tensor): tf.Tensor {
  return tf.selu(x);
}
