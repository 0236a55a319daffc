import * as tf from '@dendrite/tensor';
import type { LayerVariable } from '../layer-variable.js';
import type { Shape } from '../shape.js';
import { BaseConv, type BaseConvArgs, checkFilters } from './base-conv.js';
import { channelMismatch } from './conv-utils.js';
import { type WeightArgs, WeightSettings } from './weight-config.js';

/**
 * Config of the regular convolutions ({@link Conv1D}, {@link Conv2D}, {@link Conv2DTranspose});
 * the `kernel` (initializer default 'glorotUniform') takes an initializer, a regularizer and a
 * constraint ({@link WeightArgs}; none by default).
 */
export interface ConvArgs extends BaseConvArgs, WeightArgs<'kernel'> {
  /** Number of output channels; a positive integer. */
  readonly filters: number;
  /**
   * Channel groups convolved separately (Keras' `groups`): input channels and `filters` split
   * into this many equal parts; not for {@link Conv2DTranspose}. @defaultValue 1
   */
  readonly groups?: number;
}

/**
 * A convolution with a `[...kernelSize, inputChannels, filters]` kernel and `filters` output
 * channels; {@link Conv1D} and {@link Conv2D} differ only in rank.
 */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  readonly groups: number;
  protected readonly kernelSettings: WeightSettings;
  kernel: LayerVariable | undefined;

  constructor(rank: number, args: ConvArgs) {
    super(rank, args);
    this.filters = checkFilters(this.getClassName(), args.filters);
    this.groups = tf.checkNumber(this.getClassName(), 'groups', args.groups ?? 1, {
      integer: true,
      min: 1,
    });
    if (this.filters % this.groups !== 0) {
      throw new tf.ConfigError(
        `${this.getClassName()}: \`filters\` (${this.filters}) must be divisible by \`groups\` (${this.groups})`,
      );
    }
    this.kernelSettings = new WeightSettings(args, 'kernel', 'glorotUniform');
  }

  /** Shape of the kernel for `inputChannels` input channels. */
  protected kernelShape(inputChannels: number): number[] {
    return [...this.kernelSize, inputChannels / this.groups, this.filters];
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = this.inputChannels(inputShape);
    if (channels % this.groups !== 0) {
      throw new tf.ShapeError(
        `${this.name}: the ${channels} input channels must be divisible by \`groups\` (${this.groups})`,
      );
    }
    this.kernel = this.addWeight(
      'kernel',
      this.kernelShape(channels),
      this.kernelSettings.addWeightOptions(),
    );
    this.buildBias(this.filters);
    this.built = true;
  }

  protected outputChannels(): number {
    return this.filters;
  }

  /** The kernel, after checking that `x` (channels last) has the channels it was built for. */
  protected kernelFor(x: tf.Tensor, channelsIndex = this.rank): tf.Tensor {
    const kernel = (this.kernel as LayerVariable).read();
    const expected = (kernel.shape[channelsIndex] as number) * this.groups;
    if (x.shape[x.rank - 1] !== expected) {
      throw channelMismatch(this.name, expected as number, x.shape);
    }
    return kernel;
  }

  /** Runs `convolveGroup` once per channel group and joins the outputs on the channel axis. */
  protected perGroup(
    x: tf.Tensor,
    kernel: tf.Tensor,
    convolveGroup: (x: tf.Tensor, kernel: tf.Tensor) => tf.Tensor,
  ): tf.Tensor {
    if (this.groups === 1) return convolveGroup(x, kernel);
    const inputs = tf.split(x, this.groups, x.rank - 1);
    const kernels = tf.split(kernel, this.groups, kernel.rank - 1);
    return tf.concat(
      inputs.map((part, i) => convolveGroup(part, kernels[i] as tf.Tensor)),
      -1,
    );
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      groups: this.groups,
      ...this.kernelSettings.config(),
    };
  }
}
