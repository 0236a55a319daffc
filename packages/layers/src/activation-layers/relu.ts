import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link ReLU}. */
export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output, `>= 0`; `null` for none. @defaultValue null */
  readonly maxValue?: number | null;
  /** Slope below the threshold, `>= 0`. @defaultValue 0 */
  readonly negativeSlope?: number;
  /** Inputs above it pass through, `>= 0`. @defaultValue 0 */
  readonly threshold?: number;
}

/** Defaults of {@link ReLUArgs}. */
export const RELU_DEFAULTS = Object.freeze({ maxValue: null, negativeSlope: 0, threshold: 0 });

/**
 * Rectified linear unit with Keras 3's options: `min(x, maxValue)` for `x > threshold`, else
 * `negativeSlope * (x - threshold)`.
 * @example reLU({ maxValue: 6 }) // relu6
 */
export class ReLU extends Layer {
  static override readonly className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const maxValue = args.maxValue ?? RELU_DEFAULTS.maxValue;
    this.maxValue =
      maxValue === null ? null : tf.checkNumber('ReLU', 'maxValue', maxValue, { min: 0 });
    this.negativeSlope = tf.checkNumber(
      'ReLU',
      'negativeSlope',
      args.negativeSlope ?? RELU_DEFAULTS.negativeSlope,
      { min: 0 },
    );
    this.threshold = tf.checkNumber(
      'ReLU',
      'threshold',
      args.threshold ?? RELU_DEFAULTS.threshold,
      {
        min: 0,
      },
    );
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (this.negativeSlope === 0 && this.threshold === 0) {
      const y = tf.relu(x);
      return this.maxValue === null ? y : tf.minimum(y, this.maxValue);
    }
    const above = this.maxValue === null ? x : tf.minimum(x, this.maxValue);
    const below = tf.mul(tf.sub(x, this.threshold), this.negativeSlope);
    // step(x - threshold) is 1 strictly above the threshold; unlike a comparison it has a
    // (zero) gradient, so the blend stays differentiable.
    const isAbove = tf.step(tf.sub(x, this.threshold));
    return tf.add(tf.mul(isAbove, above), tf.mul(tf.sub(1, isAbove), below));
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}

/** Creates a {@link ReLU} layer. @example reLU({ negativeSlope: 0.1 }) */
export function reLU(args: ReLUArgs = {}): ReLU {
  return new ReLU(args);
}
