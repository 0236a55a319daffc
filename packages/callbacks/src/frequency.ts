import * as tf from '@dendrite/tensor';

/** How often a callback acts: at the end of each epoch, or every N training batches. */
export type Frequency = 'epoch' | number;

/**
 * Checks a Keras frequency option (`saveFreq`, `updateFreq`): `'epoch'` (the default) or a
 * positive integer number of batches.
 */
export function checkFrequency(owner: string, argument: string, value: unknown): Frequency {
  const frequency = value ?? 'epoch';
  if (
    frequency !== 'epoch' &&
    (typeof frequency !== 'number' || !Number.isInteger(frequency) || frequency < 1)
  ) {
    throw new tf.ConfigError(
      tf.configMessage(owner, argument, "'epoch' or a positive integer", frequency),
    );
  }
  return frequency as Frequency;
}
