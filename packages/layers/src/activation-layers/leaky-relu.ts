import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link LeakyReLU}; `negativeSlope` (Keras 3) and `alpha` (TF.js) are the same value. */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs, `>= 0`. @defaultValue 0.3 */
  readonly negativeSlope?: number;
  /** TF.js name of `negativeSlope`; the saved config uses it. @defaultValue 0.3 */
  readonly alpha?: number;
}

/** Defaults of {@link LeakyReLUArgs}. */
export const LEAKY_RELU_LAYER_DEFAULTS = Object.freeze({ negativeSlope: 0.3 });

/**
 * Leaky rectifier: `x` for `x >= 0`, `negativeSlope * x` below (Maas et al., 2013).
 * @example leakyReLU({ negativeSlope: 0.1 })
 */
export class LeakyReLU extends Layer {
  static override readonly className = 'LeakyReLU';
  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    if (
      args.alpha !== undefined &&
      args.negativeSlope !== undefined &&
      args.alpha !== args.negativeSlope
    ) {
      throw new tf.ConfigError(
        tf.configMessage(
          'LeakyReLU',
          'alpha',
          `equal to \`negativeSlope\` (${args.negativeSlope}) when both are given`,
          args.alpha,
        ),
      );
    }
    const slope = args.negativeSlope ?? args.alpha ?? LEAKY_RELU_LAYER_DEFAULTS.negativeSlope;
    const argument =
      args.negativeSlope === undefined && args.alpha !== undefined ? 'alpha' : 'negativeSlope';
    this.negativeSlope = tf.checkNumber('LeakyReLU', argument, slope, { min: 0 });
  }

  /** The TF.js name of {@link negativeSlope}. */
  get alpha(): number {
    return this.negativeSlope;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.leakyRelu(x, this.negativeSlope);
  }

  /** Stores the slope as `alpha`, the key TF.js Layers reads. */
  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), alpha: this.negativeSlope };
  }
}

/** Creates a {@link LeakyReLU} layer. @example leakyReLU() // slope 0.3 */
export function leakyReLU(args: LeakyReLUArgs = {}): LeakyReLU {
  return new LeakyReLU(args);
}
