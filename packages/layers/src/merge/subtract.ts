import * as tf from '@dendrite/tensor';
import { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';

/**
 * Subtracts its second input from its first, element-wise; takes exactly two inputs.
 * @example const merged = subtract().apply([a, b]);
 */
export class Subtract extends ElementwiseMerge {
  static override readonly className = 'Subtract';
  protected override readonly inputCount = 2;
  protected readonly combine = tf.sub;
}

/** Creates a {@link Subtract} layer. @example subtract().apply([x1, x2]) */
export function subtract(args: ElementwiseMergeArgs = {}): Subtract {
  return new Subtract(args);
}
