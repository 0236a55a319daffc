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
  /** The Keras class name, e.g. `'RandomNormal'`. */
  static readonly className: string;
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | undefined;
  /** The draw, `tf.randomNormal` or `tf.truncatedNormal`. */
  protected abstract readonly draw: typeof tf.randomNormal;

  constructor(args: RandomNormalArgs = {}) {
    super();
    const owner = new.target.className;
    ({ mean: this.mean, stddev: this.stddev, seed: this.seed } = resolveNormalArgs(owner, args));
  }

  getClassName(): string {
    return (this.constructor as typeof NormalInitializer).className;
  }

  getConfig(): tf.ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(this.getClassName(), dtype);
    return this.draw(shape, this.mean, this.stddev, 'float32', this.seed ?? tf.nextSeed());
  }

  /** An instance of the class it is called on, from its `getConfig`. */
  static fromConfig(config: tf.ConfigDict): NormalInitializer {
    const cls = this as unknown as new (args: RandomNormalArgs) => NormalInitializer;
    return new cls(config as RandomNormalArgs);
  }
}

/**
 * Draws from a normal distribution `N(mean, stddev²)`.
 * @example randomNormal({ stddev: 0.1, seed: 1 }).apply([3, 4]);
 */
export class RandomNormal extends NormalInitializer {
  static override readonly className = 'RandomNormal';
  protected readonly draw = tf.randomNormal;
}

/**
 * Creates a {@link RandomNormal} initializer.
 * @example randomNormal({ mean: 0, stddev: 0.05, seed: 42 });
 */
export const randomNormal = (args: RandomNormalArgs = {}): RandomNormal => new RandomNormal(args);
