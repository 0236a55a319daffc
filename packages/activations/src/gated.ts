import * as tf from '@dendrite/tensor';

/** Options of {@link gelu}. */
export interface GeluOptions {
  /** Use the tanh approximation instead of the exact erf form. @defaultValue false */
  readonly approximate?: boolean;
}

/** Defaults of {@link gelu}. */
export const GELU_DEFAULTS = Object.freeze({ approximate: false });

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Gaussian Error Linear Unit (Hendrycks & Gimpel, 2016, https://arxiv.org/abs/1606.08415):
 * `0.5 x (1 + erf(x / √2))`, or with `approximate: true`
 * `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`, as Keras 3.
 * @example gelu(tf.tensor([1])); // [0.8413]
 */
export function gelu(x: tf.Tensor, options: GeluOptions = {}): tf.Tensor {
  const approximate = tf.checkBoolean(
    'gelu',
    'approximate',
    options.approximate ?? GELU_DEFAULTS.approximate,
  );
  return tf.tidy(() => {
    // tanh has saturated to ±1 in float32 well before |x| = 20; clipping there keeps x³ from
    // overflowing, which would turn the gradient into 0 * inf = NaN for huge inputs.
    const inner = () => {
      const clipped = tf.clipByValue(x, -20, 20);
      return tf.mul(SQRT_2_OVER_PI, tf.add(clipped, tf.mul(0.044715, tf.pow(clipped, 3))));
    };
    const gate = approximate ? tf.tanh(inner()) : tf.erf(tf.mul(x, SQRT_HALF));
    return tf.mul(tf.mul(0.5, x), tf.add(1, gate));
  });
}

/**
 * Swish / SiLU, `x * sigmoid(x)` (Ramachandran et al., 2017, https://arxiv.org/abs/1710.05941).
 * @example swish(tf.tensor([1])); // [0.7311]
 */
export function swish(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

/** Alias of {@link swish} (the Keras 3 name). */
export const silu = swish;

/**
 * Mish, `x * tanh(softplus(x))` (Misra, 2019, https://arxiv.org/abs/1908.08681).
 * @example mish(tf.tensor([1])); // [0.8651]
 */
export function mish(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.tanh(tf.softplus(x))));
}
