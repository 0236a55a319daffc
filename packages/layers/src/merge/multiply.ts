import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * Multiplies its inputs element-wise (one or more, same shape up to Keras broadcasting).
 * @example const merged = multiply().apply([a, b]);
 */
export class Multiply extends ElementwiseMerge {
  static override readonly className = 'Multiply';
  protected readonly combine = tf.mul;
}

/** Creates a {@link Multiply} layer. @example multiply().apply([x1, x2]) */
export function multiply(args: ElementwiseMergeArgs = {}): Multiply {
  return new Multiply(args);
}
