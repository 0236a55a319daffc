import * as tf from '@dendrite/tensor';
import type { Constraint } from './constraint.js';
import { checkKeys } from './norms.js';

/**
 * Sets negative weights to 0: `w · (w >= 0)`.
 * @example nonNeg().apply(tf.tensor([-1, 2])); // [0, 2]
 */
export class NonNeg implements Constraint {
  static readonly className = 'NonNeg';

  apply(weight: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(weight, tf.cast(tf.greaterEqual(weight, 0), weight.dtype)));
  }

  getClassName(): string {
    return NonNeg.className;
  }

  getConfig(): tf.ConfigDict {
    return {};
  }

  static fromConfig(config: tf.ConfigDict): NonNeg {
    checkKeys(NonNeg.className, config, []);
    return new NonNeg();
  }
}

/**
 * Creates a {@link NonNeg} constraint.
 * @example nonNeg();
 */
export function nonNeg(): NonNeg {
  return new NonNeg();
}
