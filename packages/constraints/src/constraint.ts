import type * as tf from '@dendrite/tensor';

/** Projects a weight back into an allowed set after each optimizer step. */
export interface Constraint extends tf.Serializable {
  /** The projected weight, a new tensor the caller owns. */
  apply(weight: tf.Tensor): tf.Tensor;
}

/** True for an object with the {@link Constraint} shape. */
export function isConstraint(value: unknown): value is Constraint {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Constraint).apply === 'function' &&
    typeof (value as Constraint).getClassName === 'function' &&
    typeof (value as Constraint).getConfig === 'function'
  );
}
