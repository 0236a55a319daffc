import * as tf from '@dendrite/tensor';
import { dropoutMask } from '../core/dropout.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { formatShape, type Shape, singleShape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { checkRate, checkSeed, NoiseSource } from './random-draws.js';

/** Config shared by the spatial dropouts. */
export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of feature maps (channels) to drop, in [0, 1). */
  readonly rate: number;
  /** Seed of the masks; `tf.setSeed` makes them repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number;
}

/**
 * Dropout of whole feature maps: in training, each sample's channel is zeroed with
 * probability `rate` at every position and kept ones are scaled by `1 / (1 - rate)`; the
 * identity otherwise (Tompson et al., 2015). Subclasses give the input rank and mask shape.
 */
export abstract class SpatialDropout extends Layer {
  readonly rate: number;
  readonly seed: number | undefined;
  private readonly noise: NoiseSource;

  constructor(args: SpatialDropoutArgs) {
    super(args);
    const owner = this.getClassName();
    this.rate = checkRate(owner, args?.rate);
    this.seed = checkSeed(owner, args.seed);
    this.noise = new NoiseSource(this.seed);
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

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    this.checkInputRank(x.shape);
    if (!args.training || this.rate === 0) return tf.clone(x);
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
