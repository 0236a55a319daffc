import * as tf from '@dendrite/tensor';

// Internal argument checks shared by optimizers and schedules.

const NON_NEGATIVE: tf.NumberBounds = { min: 0 };
const BETA: tf.NumberBounds = { min: 0, max: 1, maxExclusive: true };
const FRACTION: tf.NumberBounds = { min: 0, max: 1 };

/** A finite number > 0. */
export function checkPositive(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { min: 0, minExclusive: true });
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, NON_NEGATIVE);
}

/** A hyperparameter >= 0, such as an `epsilon`. */
export function nonNegativeOption(defaultValue: number): tf.OptionCheck<number> {
  return tf.numberOption(defaultValue, NON_NEGATIVE);
}

/** A decay rate in [0, 1), such as `beta1`. */
export function betaOption(defaultValue: number): tf.OptionCheck<number> {
  return tf.numberOption(defaultValue, BETA);
}

/** A fraction in [0, 1], such as `momentum`. */
export function fractionOption(defaultValue: number): tf.OptionCheck<number> {
  return tf.numberOption(defaultValue, FRACTION);
}
