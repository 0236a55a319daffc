import * as tf from '@dendrite/tensor';
import { NormalInitializer, type RandomNormalArgs } from './random-normal.js';

/**
 * Draws from `N(mean, stddev²)`, re-drawing every value more than two standard deviations
 * from the mean, so all values lie in `[mean - 2 stddev, mean + 2 stddev]`. The result's
 * standard deviation is about 0.88 `stddev`.
 * @example truncatedNormal({ stddev: 0.1, seed: 1 }).apply([3, 4]);
 */
export class TruncatedNormal extends NormalInitializer {
  static override readonly className = 'TruncatedNormal';
  protected readonly draw = tf.truncatedNormal;
}

/**
 * Creates a {@link TruncatedNormal} initializer.
 * @example truncatedNormal({ mean: 0, stddev: 0.05, seed: 42 });
 */
export const truncatedNormal = (args: RandomNormalArgs = {}): TruncatedNormal =>
  new TruncatedNormal(args);
