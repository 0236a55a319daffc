import * as tf from '@dendrite/tensor';
import { NoiseLayer, type NoiseLayerArgs } from './noise-layer.js';
import { normalNoise } from './random-draws.js';

/** Config of {@link GaussianNoise}. */
export interface GaussianNoiseArgs extends NoiseLayerArgs {
  /** Standard deviation of the noise, in [0, 1] as Keras 3 requires. */
  readonly stddev: number;
}

/**
 * Adds zero-centered Gaussian noise of standard deviation `stddev` in training; the identity
 * otherwise. A regularizer, like a random data augmentation.
 * @example gaussianNoise({ stddev: 0.1 })
 */
export class GaussianNoise extends NoiseLayer {
  static override readonly className = 'GaussianNoise';
  readonly stddev: number;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this.stddev = tf.checkNumber('GaussianNoise', 'stddev', args?.stddev, { min: 0, max: 1 });
  }

  protected isActive(): boolean {
    return this.stddev !== 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
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
