import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * The element-wise maximum of its inputs (one or more, same shape up to Keras broadcasting).
 * @example const merged = maximum().apply([a, b]);
 */
export class Maximum extends ElementwiseMerge {
  static override readonly className = 'Maximum';
  protected readonly combine = tf.maximum;
}

/** Creates a {@link Maximum} layer. @example maximum().apply([x1, x2]) */
export function maximum(args: ElementwiseMergeArgs = {}): Maximum {
  return new Maximum(args);
}
