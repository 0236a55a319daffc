import * as tf from '@dendrite/tensor';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { checkSeed, NoiseSource } from '../noise/random-draws.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { asImageBatch } from './image-inputs.js';

/** Which axes {@link RandomFlip} flips (Keras' `horizontal_and_vertical` is `horizontalAndVertical`). */
export type FlipMode = 'horizontal' | 'vertical' | 'horizontalAndVertical';

/** Config of {@link RandomFlip}. */
export interface RandomFlipArgs extends LayerArgs {
  /** @defaultValue 'horizontalAndVertical' */
  readonly mode?: FlipMode;
  /** Seed of the coin flips. @defaultValue from the global seed stream */
  readonly seed?: number | null;
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link RandomFlipArgs} (Keras 3). */
export const RANDOM_FLIP_DEFAULTS = Object.freeze({ mode: 'horizontalAndVertical' as FlipMode });

const owner = 'RandomFlip';

/**
 * Keras' augmentation layer that flips images at random in training — each image with
 * probability 1/2, left-right (`horizontal`), up-down (`vertical`) or, as Keras 3 does for
 * `horizontalAndVertical`, both at once on the same draw — and is the identity in inference.
 * @example randomFlip({ mode: 'horizontal', seed: 1 })
 */
export class RandomFlip extends Layer {
  static override readonly className = 'RandomFlip';
  readonly mode: FlipMode;
  readonly seed: number | undefined;
  readonly dataFormat: DataFormat;
  private readonly noise: NoiseSource;

  constructor(args: RandomFlipArgs = {}) {
    super(args);
    this.mode = tf.checkChoice(owner, 'mode', args.mode ?? RANDOM_FLIP_DEFAULTS.mode, [
      'horizontal',
      'vertical',
      'horizontalAndVertical',
    ]);
    this.seed = checkSeed(owner, args.seed);
    this.noise = new NoiseSource(this.seed);
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, this.dtype);
    if (args.training !== true) return tf.clone(x);
    return asImageBatch(this.name, x, this.dataFormat, (images) => {
      const rng = this.noise.generator();
      const draws = Array.from({ length: images.shape[0] }, () => (rng.next() <= 0.5 ? 1 : 0));
      const flips = tf.tensor4d(draws, [images.shape[0], 1, 1, 1], 'bool');
      let out: tf.Tensor4D = images;
      if (this.mode !== 'vertical') out = tf.where(flips, tf.reverse(out, 2), out);
      if (this.mode !== 'horizontal') out = tf.where(flips, tf.reverse(out, 1), out);
      return out;
    });
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      mode: this.mode,
      seed: this.seed ?? null,
      dataFormat: this.dataFormat,
    };
  }
}

/** Creates a {@link RandomFlip} layer. @example randomFlip({ mode: 'horizontal' }) */
export function randomFlip(args: RandomFlipArgs = {}): RandomFlip {
  return new RandomFlip(args);
}
