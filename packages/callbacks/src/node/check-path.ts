import * as tf from '@dendrite/tensor';

/** Throws unless `value` is a non-empty string; `expected` names it (`'a non-empty path'`). */
export function checkPath(
  owner: string,
  argument: string,
  value: unknown,
  expected: string,
): string {
  if (typeof value !== 'string' || value === '') {
    throw new tf.ConfigError(tf.configMessage(owner, argument, expected, value));
  }
  return value;
}
