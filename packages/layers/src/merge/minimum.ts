import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * The element-wise minimum of its inputs (one or more, same shape up to Keras broadcasting).
 * @example const merged = minimum().apply([a, b]);
 */
export class Minimum extends ElementwiseMerge {
  static override readonly className = 'Minimum';
  protected readonly combine = tf.minimum;
}

/** Creates a {@link Minimum} layer. @example minimum().apply([x1, x2]) */
export function minimum(args: ElementwiseMergeArgs = {}): Minimum {
  return new Minimum(args);
}
