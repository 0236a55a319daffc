import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link ThresholdedReLU}. */
export interface ThresholdedReLUArgs extends LayerArgs {
  /** Inputs above it pass through, `>= 0`. @defaultValue 1 */
  readonly theta?: number;
}

/** Defaults of {@link ThresholdedReLUArgs}. */
export const THRESHOLDED_RELU_DEFAULTS = Object.freeze({ theta: 1 });

/**
 * Thresholded rectifier: `x` for `x > theta`, else 0 (Konda et al., 2015).
 * @example thresholdedReLU({ theta: 0.5 })
 */
export class ThresholdedReLU extends Layer {
  static override readonly className = 'ThresholdedReLU';
  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    this.theta = tf.checkNumber(
      'ThresholdedReLU',
      'theta',
      args.theta ?? THRESHOLDED_RELU_DEFAULTS.theta,
      { min: 0 },
    );
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    // step (1 strictly above theta) rather than a comparison: it has a (zero) gradient.
    return tf.mul(x, tf.step(tf.sub(x, this.theta)));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), theta: this.theta };
  }
}

/** Creates a {@link ThresholdedReLU} layer. @example thresholdedReLU() // theta 1 */
export function thresholdedReLU(args: ThresholdedReLUArgs = {}): ThresholdedReLU {
  return new ThresholdedReLU(args);
}
