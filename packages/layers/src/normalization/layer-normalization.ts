import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { type Shape, singleShape } from '../shape.js';
import { broadcastShape, checkAxisList, resolveAxes, sizesAt } from './normalize-axes.js';
import { SCALE_OFFSET_DEFAULTS, ScaleOffset, type ScaleOffsetArgs } from './scale-offset.js';

/** Config of {@link LayerNormalization}. */
export interface LayerNormalizationArgs extends LayerArgs, ScaleOffsetArgs {
  /** Axis or axes normalized over, per sample (negative counts from the end). @defaultValue -1 */
  readonly axis?: number | readonly number[];
  /** Added to the variance before the square root; > 0. @defaultValue 1e-3 */
  readonly epsilon?: number;
  /**
   * Keras 3's RMS scaling; only `false` is accepted, since Keras 3 releases disagree on its
   * formula (dividing by the variance or by the mean square). @defaultValue false
   */
  readonly rmsScaling?: boolean;
}

/** Defaults of {@link LayerNormalizationArgs} (Keras). */
export const LAYER_NORMALIZATION_DEFAULTS = Object.freeze({
  axis: -1,
  epsilon: 1e-3,
  ...SCALE_OFFSET_DEFAULTS,
});

/**
 * Layer normalization (Ba et al. 2016): each sample is normalized over `axis` with its own
 * mean and variance, then scaled by `gamma` and shifted by `beta` (shaped like those axes).
 * Same in training and inference.
 * @example const layer = layerNormalization({ epsilon: 1e-6 });
 */
export class LayerNormalization extends Layer {
  static override readonly className = 'LayerNormalization';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly axis: number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly scaleOffset: ScaleOffset;
  gamma: LayerVariable | undefined;
  beta: LayerVariable | undefined;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const owner = LayerNormalization.className;
    this.axis = checkAxisList(owner, args.axis ?? LAYER_NORMALIZATION_DEFAULTS.axis);
    this.epsilon = tf.checkNumber(
      owner,
      'epsilon',
      args.epsilon ?? LAYER_NORMALIZATION_DEFAULTS.epsilon,
      {
        min: 0,
        minExclusive: true,
      },
    );
    this.scaleOffset = new ScaleOffset(args);
    ({ center: this.center, scale: this.scale } = this.scaleOffset);
    if ((args.rmsScaling ?? false) !== false) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'rmsScaling',
          'false (RMS scaling is not supported: Keras versions compute it differently)',
          args.rmsScaling,
        ),
      );
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const axes = resolveAxes(this.name, this.axis, shape.length);
    const sizes = sizesAt(this.name, shape, axes);
    ({ gamma: this.gamma, beta: this.beta } = this.scaleOffset.addWeights(this, sizes));
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const axes = resolveAxes(this.name, this.axis, x.rank);
    const sizes = sizesAt(this.name, x.shape, axes);
    const paramShape = broadcastShape(x.rank, axes, sizes);
    const { mean, variance } = tf.moments(x, axes, true);
    let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
    if (this.gamma) y = tf.mul(y, tf.reshape(this.gamma.read(), paramShape));
    if (this.beta) y = tf.add(y, tf.reshape(this.beta.read(), paramShape));
    return y;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      axis: this.axis.length === 1 ? (this.axis[0] as number) : [...this.axis],
      epsilon: this.epsilon,
      ...this.scaleOffset.getConfig(),
      rmsScaling: false,
    };
  }
}

/** Creates a {@link LayerNormalization} layer. @example layerNormalization({ axis: [1, 2] }) */
export function layerNormalization(args: LayerNormalizationArgs = {}): LayerNormalization {
  return new LayerNormalization(args);
}
