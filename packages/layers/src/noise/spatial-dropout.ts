import * as tf from '@dendrite/tensor';
import { dropoutMask } from '../core/dropout.js';
import { formatShape, type Shape, singleShape } from '../shape.js';
import { NoiseLayer, type NoiseLayerArgs } from './noise-layer.js';
import { checkRate } from './random-draws.js';

/** Config shared by the spatial dropouts. */
export interface SpatialDropoutArgs extends NoiseLayerArgs {
  /** Fraction of feature maps (channels) to drop, in [0, 1). */
  readonly rate: number;
}

/**
 * Dropout of whole feature maps: in training, each sample's channel is zeroed with
 * probability `rate` at every position and kept ones are scaled by `1 / (1 - rate)`; the
 * identity otherwise (Tompson et al., 2015). Subclasses give the input rank and mask shape.
 */
export abstract class SpatialDropout extends NoiseLayer {
  readonly rate: number;

  constructor(args: SpatialDropoutArgs) {
    super(args);
    this.rate = checkRate(this.getClassName(), args?.rate);
  }

  /** Rank of the inputs, batch included. */
  protected abstract readonly inputRank: number;

  /** Shape of the mask for inputs of `shape`: 1 along the spatial axes. */
  protected abstract maskShape(shape: readonly number[]): number[];

  private checkInputRank(shape: Shape): void {
    if (shape.length !== this.inputRank) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of rank ${this.inputRank}; received shape ${formatShape(shape)}`,
      );
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    this.checkInputRank(singleShape(this.name, inputShape));
    this.built = true;
  }

  protected override checkInputs(x: tf.Tensor): void {
    this.checkInputRank(x.shape);
  }

  protected isActive(): boolean {
    return this.rate !== 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, dropoutMask(this.maskShape(x.shape), this.rate, this.noise.generator()));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    this.checkInputRank(shape);
    return shape;
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}
