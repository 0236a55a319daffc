import * as initializers from '@dendrite/initializers';
import * as tf from '@dendrite/tensor';
import { configValue } from '../convolutional/weight-config.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { type Shape, singleShape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { broadcastShape, resolveAxes, sizesAt } from './normalize-axes.js';
import { SCALE_OFFSET_DEFAULTS, ScaleOffset, type ScaleOffsetArgs } from './scale-offset.js';

/** Config of {@link BatchNormalization}. */
export interface BatchNormalizationArgs extends LayerArgs, ScaleOffsetArgs {
  /** The features axis, normalized per entry (negative counts from the end). @defaultValue -1 */
  readonly axis?: number;
  /** Weight of the old value in the moving averages, in [0, 1]. @defaultValue 0.99 */
  readonly momentum?: number;
  /** Added to the variance before the square root; > 0. @defaultValue 1e-3 */
  readonly epsilon?: number;
  /** @defaultValue 'zeros' */
  readonly movingMeanInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue 'ones' */
  readonly movingVarianceInitializer?: initializers.InitializerIdentifier;
}

/** Defaults of {@link BatchNormalizationArgs} (Keras). */
export const BATCH_NORMALIZATION_DEFAULTS = Object.freeze({
  axis: -1,
  momentum: 0.99,
  epsilon: 1e-3,
  ...SCALE_OFFSET_DEFAULTS,
});

/**
 * Batch normalization (Ioffe & Szegedy 2015): `gamma · (x - mean) / sqrt(variance + epsilon) + beta`
 * per feature. In training (`apply(x, {training: true})` on a trainable layer) it uses the
 * batch's mean and (biased) variance and updates `moving = moving · momentum + batch · (1 - momentum)`;
 * otherwise it uses the moving statistics. Weights: gamma, beta, moving_mean, moving_variance
 * (the last two non-trainable).
 * @example const layer = batchNormalization({ momentum: 0.9 });
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly scaleOffset: ScaleOffset;
  private readonly movingMeanInitializer: initializers.Initializer;
  private readonly movingVarianceInitializer: initializers.Initializer;
  gamma: LayerVariable | undefined;
  beta: LayerVariable | undefined;
  movingMean: LayerVariable | undefined;
  movingVariance: LayerVariable | undefined;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const owner = BatchNormalization.className;
    this.axis = tf.checkNumber(owner, 'axis', args.axis ?? BATCH_NORMALIZATION_DEFAULTS.axis, {
      integer: true,
    });
    this.momentum = tf.checkNumber(
      owner,
      'momentum',
      args.momentum ?? BATCH_NORMALIZATION_DEFAULTS.momentum,
      {
        min: 0,
        max: 1,
      },
    );
    this.epsilon = tf.checkNumber(
      owner,
      'epsilon',
      args.epsilon ?? BATCH_NORMALIZATION_DEFAULTS.epsilon,
      {
        min: 0,
        minExclusive: true,
      },
    );
    this.scaleOffset = new ScaleOffset(args);
    ({ center: this.center, scale: this.scale } = this.scaleOffset);
    this.movingMeanInitializer = initializers.get(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = initializers.get(args.movingVarianceInitializer ?? 'ones');
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const [axis] = resolveAxes(this.name, [this.axis], shape.length) as [number];
    const [size] = sizesAt(this.name, shape, [axis]) as [number];
    ({ gamma: this.gamma, beta: this.beta } = this.scaleOffset.addWeights(this, [size]));
    this.movingMean = this.addWeight('moving_mean', [size], {
      initializer: this.movingMeanInitializer,
      trainable: false,
    });
    this.movingVariance = this.addWeight('moving_variance', [size], {
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.built = true;
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const [axis] = resolveAxes(this.name, [this.axis], x.rank) as [number];
    const movingMean = this.movingMean as LayerVariable;
    const movingVariance = this.movingVariance as LayerVariable;
    const size = movingMean.shape[0] as number;
    if (x.shape[axis] !== size) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs with ${size} features on axis ${axis}; received shape [${x.shape}]`,
      );
    }
    const paramShape = broadcastShape(x.rank, [axis], [size]);
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    // Keras: a frozen (non-trainable) layer always runs in inference mode.
    if (args.training === true && this.trainable) {
      const reduction = Array.from({ length: x.rank }, (_, i) => i).filter((i) => i !== axis);
      const moments = tf.moments(x, reduction, true);
      mean = moments.mean;
      variance = moments.variance;
      this.updateMoving(movingMean, tf.reshape(mean, [size]));
      this.updateMoving(movingVariance, tf.reshape(variance, [size]));
    } else {
      mean = tf.reshape(movingMean.read(), paramShape);
      variance = tf.reshape(movingVariance.read(), paramShape);
    }
    let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
    if (this.gamma) y = tf.mul(y, tf.reshape(this.gamma.read(), paramShape));
    if (this.beta) y = tf.add(y, tf.reshape(this.beta.read(), paramShape));
    return y;
  }

  private updateMoving(variable: LayerVariable, batchValue: tf.Tensor): void {
    const value = tf.add(
      tf.mul(variable.read(), this.momentum),
      tf.mul(batchValue, 1 - this.momentum),
    );
    variable.write(value);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...this.scaleOffset.getConfig(),
      movingMeanInitializer: configValue(initializers.serialize(this.movingMeanInitializer)),
      movingVarianceInitializer: configValue(
        initializers.serialize(this.movingVarianceInitializer),
      ),
    };
  }
}

/** Creates a {@link BatchNormalization} layer. @example batchNormalization({ axis: 1 }) // channels first */
export function batchNormalization(args: BatchNormalizationArgs = {}): BatchNormalization {
  return new BatchNormalization(args);
}
