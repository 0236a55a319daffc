import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { checkRate, checkSeed, NoiseSource, normalNoise } from './random-draws.js';

/** Config of {@link GaussianDropout}. */
export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1): the noise has standard deviation `sqrt(rate / (1 - rate))`. */
  readonly rate: number;
  /** Seed of the noise; `tf.setSeed` makes it repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number;
}

/**
 * Multiplies inputs by 1-centered Gaussian noise of variance `rate / (1 - rate)` in training
 * (the variance of inverted dropout's scaled mask); the identity otherwise
 * (Srivastava et al., 2014).
 * @example gaussianDropout({ rate: 0.2 })
 */
export class GaussianDropout extends Layer {
  static override readonly className = 'GaussianDropout';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly rate: number;
  readonly seed: number | undefined;
  private readonly noise: NoiseSource;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkRate('GaussianDropout', args?.rate);
    this.seed = checkSeed('GaussianDropout', args.seed);
    this.noise = new NoiseSource(this.seed);
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (!args.training || this.rate === 0) return tf.clone(x);
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
