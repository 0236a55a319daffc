import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkFloatDtype, checkKeys, checkSeed } from './initializer.js';

/** Options of {@link RandomNormal} and {@link TruncatedNormal}. */
export interface RandomNormalArgs {
  /** Mean of the distribution. @defaultValue 0 */
  readonly mean?: number;
  /** Standard deviation, >= 0. @defaultValue 0.05 */
  readonly stddev?: number;
  /** Seed; without one, each `apply` draws a seed from the global stream (`tf.setSeed`). @defaultValue undefined */
  readonly seed?: number | null;
}

/** Defaults of {@link RandomNormal} and {@link TruncatedNormal} (Keras). */
export const RANDOM_NORMAL_DEFAULTS = Object.freeze({ mean: 0, stddev: 0.05 });

/** The validated `{mean, stddev, seed}` of a normal-family initializer. */
export function resolveNormalArgs(
  owner: string,
  args: RandomNormalArgs,
): { mean: number; stddev: number; seed: number | undefined } {
  checkKeys(owner, args, ['mean', 'stddev', 'seed']);
  return {
    mean: tf.checkNumber(owner, 'mean', args.mean ?? RANDOM_NORMAL_DEFAULTS.mean),
    stddev: tf.checkNumber(owner, 'stddev', args.stddev ?? RANDOM_NORMAL_DEFAULTS.stddev, {
      min: 0,
    }),
    seed: checkSeed(owner, args.seed),
  };
}

/** The `{mean, stddev, seed}` state and config shared by {@link RandomNormal} and `TruncatedNormal`. */
export abstract class NormalInitializer extends BaseInitializer {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | undefined;

  protected constructor(owner: string, args: RandomNormalArgs) {
    super();
    ({ mean: this.mean, stddev: this.stddev, seed: this.seed } = resolveNormalArgs(owner, args));
  }

  getClassName(): string {
    return (this.constructor as typeof RandomNormal).className;
  }

  getConfig(): tf.ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }

  /** An instance of the class it is called on, from its `getConfig`. */
  static fromConfig<T extends NormalInitializer>(
    this: new (
      args: RandomNormalArgs,
    ) => T,
    config: tf.ConfigDict,
  ): T {
    return new this(config as RandomNormalArgs);
  }
}

/**
 * Draws from a normal distribution `N(mean, stddev²)`.
 * @example randomNormal({ stddev: 0.1, seed: 1 }).apply([3, 4]);
 */
export class RandomNormal extends NormalInitializer {
  static readonly className = 'RandomNormal';

  constructor(args: RandomNormalArgs = {}) {
    super(RandomNormal.className, args);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(RandomNormal.className, dtype);
    return tf.randomNormal(shape, this.mean, this.stddev, 'float32', this.seed ?? tf.nextSeed());
  }
}

/**
 * Creates a {@link RandomNormal} initializer.
 * @example randomNormal({ mean: 0, stddev: 0.05, seed: 42 });
 */
export function randomNormal(args: RandomNormalArgs = {}): RandomNormal {
  return new RandomNormal(args);
}
