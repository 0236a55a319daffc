import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkKeys } from './initializer.js';

/** Options of {@link Constant}. */
export interface ConstantArgs {
  /** The fill value. */
  readonly value: number;
}

/**
 * Fills every element with `value`.
 * @example constant({ value: 0.1 }).apply([2, 3]);
 */
export class Constant extends BaseInitializer {
  static readonly className = 'Constant';
  readonly value: number;

  constructor(args: ConstantArgs) {
    super();
    if (typeof args !== 'object' || args === null) {
      throw new tf.ConfigError(tf.configMessage('Constant', 'args', 'an object {value}', args));
    }
    checkKeys('Constant', args, ['value']);
    this.value = tf.checkNumber('Constant', 'value', args.value);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    return tf.fill(shape, this.value, dtype);
  }

  getClassName(): string {
    return Constant.className;
  }

  getConfig(): tf.ConfigDict {
    return { value: this.value };
  }

  static fromConfig(config: tf.ConfigDict): Constant {
    return new Constant(config as unknown as ConstantArgs);
  }
}

/**
 * Creates a {@link Constant} initializer.
 * @example constant({ value: 0.1 }).apply([3]); // [0.1, 0.1, 0.1]
 */
export function constant(args: ConstantArgs): Constant {
  return new Constant(args);
}
