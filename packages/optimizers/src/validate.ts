import * as tf from '@dendrite/tensor';

// Internal argument checks shared by optimizers and schedules.

/** A finite number > 0. */
export function checkPositive(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { min: 0, minExclusive: true });
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { min: 0 });
}

/** A decay rate in [0, 1). */
export function checkBeta(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { min: 0, max: 1, maxExclusive: true });
}

/** A fraction in [0, 1]. */
export function checkFraction(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { min: 0, max: 1 });
}
