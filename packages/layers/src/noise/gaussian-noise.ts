import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { checkSeed, NoiseSource, normalNoise } from './random-draws.js';

/** Config of {@link GaussianNoise}. */
export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise, in [0, 1] as Keras 3 requires. */
  readonly stddev: number;
  /** Seed of the noise; `tf.setSeed` makes it repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number;
}

/**
 * Adds zero-centered Gaussian noise of standard deviation `stddev` in training; the identity
 * otherwise. A regularizer, like a random data augmentation.
 * @example gaussianNoise({ stddev: 0.1 })
 */
export class GaussianNoise extends Layer {
  static override readonly className = 'GaussianNoise';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly stddev: number;
  readonly seed: number | undefined;
  private readonly noise: NoiseSource;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this.stddev = tf.checkNumber('GaussianNoise', 'stddev', args?.stddev, { min: 0, max: 1 });
    this.seed = checkSeed('GaussianNoise', args.seed);
    this.noise = new NoiseSource(this.seed);
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (!args.training || this.stddev === 0) return tf.clone(x);
    return tf.add(x, normalNoise(x.shape, 0, this.stddev, this.noise.generator()));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** Creates a {@link GaussianNoise} layer. @example gaussianNoise({ stddev: 0.2, seed: 1 }) */
export function gaussianNoise(args: GaussianNoiseArgs): GaussianNoise {
  return new GaussianNoise(args);
}
