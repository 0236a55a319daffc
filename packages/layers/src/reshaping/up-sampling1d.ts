import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { checkInputRank } from './pairs.js';

/** Config of {@link UpSampling1D}. */
export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated; a positive integer. @defaultValue 2 */
  readonly size?: number;
}

/** Defaults of {@link UpSampling1DArgs}. */
export const UP_SAMPLING_1D_DEFAULTS = Object.freeze({ size: 2 });

/**
 * Repeats each step of sequences `[batch, steps, features]` `size` times.
 * @example upSampling1d({ size: 3 }) // [n, 4, c] → [n, 12, c]
 */
export class UpSampling1D extends Layer {
  static override readonly className = 'UpSampling1D';
  readonly size: number;

  constructor(args: UpSampling1DArgs = {}) {
    super(args);
    this.size = tf.checkNumber('UpSampling1D', 'size', args.size ?? UP_SAMPLING_1D_DEFAULTS.size, {
      integer: true,
      min: 1,
    });
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkInputRank(this.name, x.shape, 3);
    const [batch, steps, features] = x.shape as [number, number, number];
    const repeated = tf.tile(tf.expandDims(x, 2), [1, 1, this.size, 1]);
    return tf.reshape(repeated, [batch, steps * this.size, features]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkInputRank(this.name, shape, 3);
    const steps = shape[1] ?? null;
    return [shape[0] ?? null, steps === null ? null : steps * this.size, shape[2] ?? null];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), size: this.size };
  }
}

/** Creates an {@link UpSampling1D} layer. @example upSampling1d() // size 2 */
export function upSampling1d(args: UpSampling1DArgs = {}): UpSampling1D {
  return new UpSampling1D(args);
}
