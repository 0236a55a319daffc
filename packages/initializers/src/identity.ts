import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkKeys } from './initializer.js';

/** Options of {@link Identity}. */
export interface IdentityArgs {
  /** Multiplies the identity matrix. @defaultValue 1 */
  readonly gain?: number;
}

/** Defaults of {@link Identity} (Keras). */
export const IDENTITY_DEFAULTS = Object.freeze({ gain: 1 });

/**
 * `gain` times the identity matrix, for 2-D shapes only; as in Keras 3, non-square shapes
 * get ones on the main diagonal (tfjs-layers accepts only square ones).
 * @example identity({ gain: 2 }).apply([3, 3]);
 */
export class Identity extends BaseInitializer {
  static readonly className = 'Identity';
  readonly gain: number;

  constructor(args: IdentityArgs = {}) {
    super();
    checkKeys(Identity.className, args, ['gain']);
    this.gain = tf.checkNumber(Identity.className, 'gain', args.gain ?? IDENTITY_DEFAULTS.gain);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    if (shape.length !== 2) {
      throw new tf.ShapeError(tf.configMessage(Identity.className, 'shape', 'of rank 2', shape));
    }
    const eye = tf.mul(tf.eye(shape[0] as number, shape[1] as number), this.gain);
    return dtype === 'float32' ? eye : tf.cast(eye, dtype);
  }

  getClassName(): string {
    return Identity.className;
  }

  getConfig(): tf.ConfigDict {
    return { gain: this.gain };
  }

  static fromConfig(config: tf.ConfigDict): Identity {
    return new Identity(config as IdentityArgs);
  }
}

/**
 * Creates an {@link Identity} initializer.
 * @example identity().apply([2, 2]); // [[1, 0], [0, 1]]
 */
export function identity(args: IdentityArgs = {}): Identity {
  return new Identity(args);
}
