import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * The element-wise mean of its inputs (one or more, same shape up to Keras broadcasting).
 * @example const merged = average().apply([a, b]);
 */
export class Average extends ElementwiseMerge {
  static override readonly className = 'Average';
  protected readonly combine = tf.add;

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return tf.div(super.mergeFunction(inputs), inputs.length);
  }
}

/** Creates an {@link Average} layer. @example average().apply([x1, x2]) */
export function average(args: ElementwiseMergeArgs = {}): Average {
  return new Average(args);
}
