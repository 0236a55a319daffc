import * as tf from '@dendrite/tensor';
import { NoiseLayer, type NoiseLayerArgs } from './noise-layer.js';
import { checkRate, keepMask } from './random-draws.js';

/** Config of {@link AlphaDropout}. */
export interface AlphaDropoutArgs extends NoiseLayerArgs {
  /** Fraction of inputs to drop, in [0, 1). */
  readonly rate: number;
  /** Shape of the keep mask (broadcast over `null`/1 dims), e.g. `[null, 1, null]`. @defaultValue the input's shape */
  readonly noiseShape?: ReadonlyArray<number | null> | null;
}

/** SELU's negative saturation value `-scale * alpha` (Klambauer et al., 2017). */
export const ALPHA_DROPOUT_SATURATION = -1.7580993408473766;

/**
 * Dropout for self-normalizing networks: in training, sets a `rate` fraction of inputs to
 * SELU's saturation value `alpha' = -1.7581` and applies the affine map `a·x + b` with
 * `a = ((1 - rate)(1 + rate·alpha'^2))^-1/2`, `b = -a·alpha'·rate`, which keeps zero mean and
 * unit variance (Klambauer et al., 2017, "Self-Normalizing Neural Networks"). The identity
 * outside training.
 * @example alphaDropout({ rate: 0.1 })
 */
export class AlphaDropout extends NoiseLayer {
  static override readonly className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: Array<number | null> | undefined;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    this.rate = checkRate('AlphaDropout', args?.rate);
    const noiseShape = args.noiseShape ?? undefined;
    if (
      noiseShape !== undefined &&
      !(
        Array.isArray(noiseShape) &&
        noiseShape.every((d) => d === null || (Number.isInteger(d) && d > 0))
      )
    ) {
      throw new tf.ConfigError(
        tf.configMessage(
          'AlphaDropout',
          'noiseShape',
          'an array of positive integers or nulls',
          noiseShape,
        ),
      );
    }
    this.noiseShape = noiseShape ? [...noiseShape] : undefined;
  }

  protected isActive(): boolean {
    return this.rate !== 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    const maskShape = this.maskShape(x.shape);
    const kept = keepMask(maskShape, this.rate, this.noise.generator());
    const rate = this.rate;
    const alpha = ALPHA_DROPOUT_SATURATION;
    const a = ((1 - rate) * (1 + rate * alpha ** 2)) ** -0.5;
    const b = -a * alpha * rate;
    const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), alpha));
    return tf.add(tf.mul(dropped, a), b);
  }

  private maskShape(shape: readonly number[]): number[] {
    if (!this.noiseShape) return [...shape];
    const fits =
      this.noiseShape.length === shape.length &&
      this.noiseShape.every((d, i) => d === null || d === 1 || d === shape[i]);
    if (!fits) {
      throw new tf.ShapeError(
        `${this.name}: noiseShape [${this.noiseShape.map((d) => d ?? 'null')}] does not broadcast to inputs of shape [${shape}]`,
      );
    }
    return this.noiseShape.map((d, i) => d ?? (shape[i] as number));
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape ? [...this.noiseShape] : null,
      seed: this.seed ?? null,
    };
  }
}

/** Creates an {@link AlphaDropout} layer. @example alphaDropout({ rate: 0.05, seed: 7 }) */
export function alphaDropout(args: AlphaDropoutArgs): AlphaDropout {
  return new AlphaDropout(args);
}
