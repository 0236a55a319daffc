import * as tf from '@dendrite/tensor';
import { NoiseLayer, type NoiseLayerArgs } from './noise-layer.js';
import { checkRate, normalNoise } from './random-draws.js';

/** Config of {@link GaussianDropout}. */
export interface GaussianDropoutArgs extends NoiseLayerArgs {
  /** Drop probability, in [0, 1): the noise has standard deviation `sqrt(rate / (1 - rate))`. */
  readonly rate: number;
}

/**
 * Multiplies inputs by 1-centered Gaussian noise of variance `rate / (1 - rate)` in training
 * (the variance of inverted dropout's scaled mask); the identity otherwise
 * (Srivastava et al., 2014).
 * @example gaussianDropout({ rate: 0.2 })
 */
export class GaussianDropout extends NoiseLayer {
  static override readonly className = 'GaussianDropout';
  readonly rate: number;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkRate('GaussianDropout', args?.rate);
  }

  protected isActive(): boolean {
    return this.rate !== 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tf.mul(x, normalNoise(x.shape, 1, stddev, this.noise.generator()));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}

/** Creates a {@link GaussianDropout} layer. @example gaussianDropout({ rate: 0.1, seed: 3 }) */
export function gaussianDropout(args: GaussianDropoutArgs): GaussianDropout {
  return new GaussianDropout(args);
}
