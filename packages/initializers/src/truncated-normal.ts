import * as tf from '@dendrite/tensor';
import { checkFloatDtype } from './initializer.js';
import { NormalInitializer, type RandomNormalArgs } from './random-normal.js';

/**
 * Draws from `N(mean, stddev²)`, re-drawing every value more than two standard deviations
 * from the mean, so all values lie in `[mean - 2 stddev, mean + 2 stddev]`. The result's
 * standard deviation is about 0.88 `stddev`.
 * @example truncatedNormal({ stddev: 0.1, seed: 1 }).apply([3, 4]);
 */
export class TruncatedNormal extends NormalInitializer {
  static readonly className = 'TruncatedNormal';
  constructor(args: RandomNormalArgs = {}) {
    super(TruncatedNormal.className, args);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(TruncatedNormal.className, dtype);
    return tf.truncatedNormal(shape, this.mean, this.stddev, 'float32', this.seed ?? tf.nextSeed());
  }
}

/**
 * Creates a {@link TruncatedNormal} initializer.
 * @example truncatedNormal({ mean: 0, stddev: 0.05, seed: 42 });
 */
export function truncatedNormal(args: RandomNormalArgs = {}): TruncatedNormal {
  return new TruncatedNormal(args);
}
