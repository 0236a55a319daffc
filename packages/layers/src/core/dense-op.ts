import type { Activation } from '@dendrite/activations';
import * as tf from '@dendrite/tensor';

/**
 * `activation(x · kernel + bias)` over the last axis of `x`, for inputs of any rank ≥ 2.
 * Kept in one place so the training-speed work can swap in a faster kernel or gradient.
 */
export function denseForward(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | undefined,
  activation: Activation,
): tf.Tensor {
  const rank = x.rank;
  const flat = rank === 2 ? x : tf.reshape(x, [-1, x.shape[rank - 1] as number]);
  let out: tf.Tensor = tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D);
  if (bias) out = tf.add(out, bias);
  if (rank !== 2) out = tf.reshape(out, [...x.shape.slice(0, -1), kernel.shape[1] as number]);
  return activation.apply(out);
}
