import type * as constraints from '@dendrite/constraints';
import type * as initializers from '@dendrite/initializers';
import type * as regularizers from '@dendrite/regularizers';
import type * as tf from '@dendrite/tensor';
import type { LayerVariable } from '../layer-variable.js';
import type { Shape } from '../shape.js';
import { BaseConv, type BaseConvArgs, checkFilters } from './base-conv.js';
import { channelMismatch } from './conv-utils.js';
import {
  addWeightOptions,
  type WeightSettings,
  weightConfig,
  weightSettings,
} from './weight-config.js';

/** Config of the regular convolutions ({@link Conv1D}, {@link Conv2D}, {@link Conv2DTranspose}). */
export interface ConvArgs extends BaseConvArgs {
  /** Number of output channels; a positive integer. */
  readonly filters: number;
  /** @defaultValue 'glorotUniform' */
  readonly kernelInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue none */
  readonly kernelRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly kernelConstraint?: constraints.ConstraintIdentifier | null;
}

/**
 * A convolution with a `[...kernelSize, inputChannels, filters]` kernel and `filters` output
 * channels; {@link Conv1D} and {@link Conv2D} differ only in rank.
 */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  protected readonly kernelSettings: WeightSettings;
  kernel: LayerVariable | undefined;

  constructor(rank: number, args: ConvArgs) {
    super(rank, args);
    this.filters = checkFilters(this.getClassName(), args.filters);
    this.kernelSettings = weightSettings(
      args.kernelInitializer,
      'glorotUniform',
      args.kernelRegularizer,
      args.kernelConstraint,
    );
  }

  /** Shape of the kernel for `inputChannels` input channels. */
  protected kernelShape(inputChannels: number): number[] {
    return [...this.kernelSize, inputChannels, this.filters];
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = this.inputChannels(inputShape);
    this.kernel = this.addWeight(
      'kernel',
      this.kernelShape(channels),
      addWeightOptions(this.kernelSettings),
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
    const expected = kernel.shape[channelsIndex];
    if (x.shape[x.rank - 1] !== expected) {
      throw channelMismatch(this.name, expected as number, x.shape);
    }
    return kernel;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...weightConfig('kernel', this.kernelSettings),
    };
  }
}
