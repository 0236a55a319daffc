import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkFloatDtype, checkKeys, checkSeed } from './initializer.js';

/** Options of {@link RandomUniform}. */
export interface RandomUniformArgs {
  /** Lower bound (inclusive). @defaultValue -0.05 */
  readonly minval?: number;
  /** Upper bound (exclusive), >= `minval`. @defaultValue 0.05 */
  readonly maxval?: number;
  /** Seed; without one, each `apply` draws a seed from the global stream (`tf.setSeed`). @defaultValue undefined */
  readonly seed?: number | null;
}

/** Defaults of {@link RandomUniform} (Keras). */
export const RANDOM_UNIFORM_DEFAULTS = Object.freeze({ minval: -0.05, maxval: 0.05 });

/**
 * Draws uniformly from `[minval, maxval)`.
 * @example randomUniform({ minval: -1, maxval: 1, seed: 1 }).apply([3, 4]);
 */
export class RandomUniform extends BaseInitializer {
  static readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | undefined;

  constructor(args: RandomUniformArgs = {}) {
    super();
    const owner = RandomUniform.className;
    checkKeys(owner, args, ['minval', 'maxval', 'seed']);
    this.minval = tf.checkNumber(owner, 'minval', args.minval ?? RANDOM_UNIFORM_DEFAULTS.minval);
    this.maxval = tf.checkNumber(owner, 'maxval', args.maxval ?? RANDOM_UNIFORM_DEFAULTS.maxval, {
      min: this.minval,
    });
    this.seed = checkSeed(owner, args.seed);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(RandomUniform.className, dtype);
    return tf.randomUniform(shape, this.minval, this.maxval, 'float32', this.seed ?? tf.nextSeed());
  }

  getClassName(): string {
    return RandomUniform.className;
  }

  getConfig(): tf.ConfigDict {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }

  static fromConfig(config: tf.ConfigDict): RandomUniform {
    return new RandomUniform(config as RandomUniformArgs);
  }
}

/**
 * Creates a {@link RandomUniform} initializer.
 * @example randomUniform({ minval: -0.05, maxval: 0.05, seed: 42 });
 */
export function randomUniform(args: RandomUniformArgs = {}): RandomUniform {
  return new RandomUniform(args);
}
