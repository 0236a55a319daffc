import type * as tf from '@dendrite/tensor';

/** Computes a weight penalty that is added to the training loss. */
export interface Regularizer extends tf.Serializable {
  /** The penalty for `weight`, a float32 scalar the caller owns. */
  apply(weight: tf.Tensor): tf.Scalar;
}

/** True for an object with the {@link Regularizer} shape. */
export function isRegularizer(value: unknown): value is Regularizer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Regularizer).apply === 'function' &&
    typeof (value as Regularizer).getClassName === 'function' &&
    typeof (value as Regularizer).getConfig === 'function'
  );
}
