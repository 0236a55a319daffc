import * as tf from '@dendrite/tensor';
import { OptionlessInitializer } from './initializer.js';

/**
 * Fills with 1.
 * @example ones().apply([2, 2]);
 */
export class Ones extends OptionlessInitializer {
  static override readonly className = 'Ones';

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    return tf.ones(shape, dtype);
  }
}

/**
 * Creates a {@link Ones} initializer.
 * @example ones().apply([3]); // [1, 1, 1]
 */
export const ones = (): Ones => new Ones();
