import * as tf from '@dendrite/tensor';
import { commonSampleCount, isPlainObject, type Samples, takeSamples } from './samples.js';

/** Options of {@link shuffle}. */
export interface ShuffleOptions {
  /** Seed of the permutation. @defaultValue `tf.nextSeed()` */
  readonly seed?: number;
}

/**
 * Shuffles arrays with one shared permutation along the first axis, so samples stay aligned.
 * Returns new arrays (tensors owned by the caller) in the kind of each input, always as a tuple.
 * @example
 * const [xs, ys] = shuffle(x, y, { seed: 7 });
 */
export function shuffle<T extends readonly Samples[]>(...args: [...T, ShuffleOptions]): [...T];
export function shuffle<T extends readonly Samples[]>(...args: T): [...T];
export function shuffle(...args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  const options = (isPlainObject(last) ? last : {}) as ShuffleOptions;
  const arrays = (isPlainObject(last) ? args.slice(0, -1) : args) as Samples[];
  const n = commonSampleCount('shuffle', arrays);
  if (options.seed !== undefined) {
    tf.checkNumber('shuffle', 'seed', options.seed, { integer: true, min: 0 });
  }
  const order = tf.createRandom(options.seed).permutation(n);
  return arrays.map((array) => takeSamples(array, order));
}
