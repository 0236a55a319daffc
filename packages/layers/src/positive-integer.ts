import * as tf from '@dendrite/tensor';

/**
 * Reads `value` as a positive integer for `owner`'s `argument`, else throws a ConfigError that
 * names both and the value received.
 * @example this.units = checkPositiveInteger('Dense', 'units', args.units);
 */
export function checkPositiveInteger(owner: string, argument: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw new tf.ConfigError(tf.configMessage(owner, argument, 'a positive integer', value));
  }
  return value as number;
}
