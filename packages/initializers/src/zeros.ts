import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkKeys } from './initializer.js';

/**
 * Fills with 0.
 * @example zeros().apply([2, 2]);
 */
export class Zeros extends BaseInitializer {
  static readonly className = 'Zeros';

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    return tf.zeros(shape, dtype);
  }

  getClassName(): string {
    return Zeros.className;
  }

  getConfig(): tf.ConfigDict {
    return {};
  }

  static fromConfig(config: tf.ConfigDict): Zeros {
    checkKeys(Zeros.className, config, []);
    return new Zeros();
  }
}

/**
 * Creates a {@link Zeros} initializer.
 * @example zeros().apply([3]); // [0, 0, 0]
 */
export function zeros(): Zeros {
  return new Zeros();
}
