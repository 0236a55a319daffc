import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * Sums its inputs element-wise (one or more, same shape up to Keras broadcasting).
 * @example const merged = add().apply([a, b]);
 */
export class Add extends ElementwiseMerge {
  static override readonly className = 'Add';
  protected readonly combine = tf.add;
}

/** Creates an {@link Add} layer. @example add().apply([x1, x2]) */
export function add(args: ElementwiseMergeArgs = {}): Add {
  return new Add(args);
}
