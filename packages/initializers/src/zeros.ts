import * as tf from '@dendrite/tensor';
import { OptionlessInitializer } from './initializer.js';

/**
 * Fills with 0.
 * @example zeros().apply([2, 2]);
 */
export class Zeros extends OptionlessInitializer {
  static override readonly className = 'Zeros';

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    return tf.zeros(shape, dtype);
  }
}

/**
 * Creates a {@link Zeros} initializer.
 * @example zeros().apply([3]); // [0, 0, 0]
 */
export const zeros = (): Zeros => new Zeros();
