import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkKeys } from './initializer.js';

/**
 * Fills with 1.
 * @example ones().apply([2, 2]);
 */
export class Ones extends BaseInitializer {
  static readonly className = 'Ones';

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    return tf.ones(shape, dtype);
  }

  getClassName(): string {
    return Ones.className;
  }

  getConfig(): tf.ConfigDict {
    return {};
  }

  static fromConfig(config: tf.ConfigDict): Ones {
    checkKeys(Ones.className, config, []);
    return new Ones();
  }
}

/**
 * Creates a {@link Ones} initializer.
 * @example ones().apply([3]); // [1, 1, 1]
 */
export function ones(): Ones {
  return new Ones();
}
