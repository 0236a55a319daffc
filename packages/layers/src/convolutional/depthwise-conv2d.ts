import type * as tf from '@dendrite/tensor';
import type { LayerVariable } from '../layer-variable.js';
import { checkPositiveInteger } from '../positive-integer.js';
import type { Shape } from '../shape.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import { depthwiseConv2dOp } from './conv-ops.js';
import { channelMismatch } from './conv-utils.js';
import { type WeightArgs, WeightSettings } from './weight-config.js';

/**
 * Config of {@link DepthwiseConv2D}; the `depthwise` kernel (initializer default 'glorotUniform')
 * takes an initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface DepthwiseConv2DArgs extends BaseConvArgs, WeightArgs<'depthwise'> {
  /** Output channels per input channel; a positive integer. @defaultValue 1 */
  readonly depthMultiplier?: number;
}

/** Reads `depthMultiplier` (a positive integer, default 1) for `owner`. */
export function checkDepthMultiplier(owner: string, value: unknown): number {
  return checkPositiveInteger(owner, 'depthMultiplier', value ?? 1);
}

/**
 * Adds the `depthwise_kernel` `[kernelH, kernelW, channels, depthMultiplier]` of a depthwise or
 * separable layer.
 */
export function addDepthwiseKernel(
  layer: BaseConv & { readonly depthMultiplier: number },
  settings: WeightSettings,
  channels: number,
): LayerVariable {
  const shape = [...layer.kernelSize, channels, layer.depthMultiplier];
  return layer.addWeight('depthwise_kernel', shape, settings.addWeightOptions());
}

/** Runs the depthwise kernel of a depthwise or separable layer on a channels-last `x`. */
export function depthwiseStep(layer: BaseConv, x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
  if (x.shape[3] !== kernel.shape[2])
    throw channelMismatch(layer.name, kernel.shape[2] as number, x.shape);
  return depthwiseConv2dOp(x as tf.Tensor4D, kernel as tf.Tensor4D, {
    strides: [layer.strides[0] as number, layer.strides[1] as number],
    padding: layer.padding,
    dilations: [layer.dilationRate[0] as number, layer.dilationRate[1] as number],
  });
}

/**
 * Depthwise 2-D convolution: each input channel is convolved with its own `depthMultiplier`
 * filters (kernel `[kernelH, kernelW, inputChannels, depthMultiplier]`), giving
 * `inputChannels × depthMultiplier` output channels. Trains on every backend.
 * @example const layer = depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' });
 */
export class DepthwiseConv2D extends BaseConv {
  static override readonly className = 'DepthwiseConv2D';
  readonly depthMultiplier: number;
  protected readonly depthwiseSettings: WeightSettings;
  depthwiseKernel: LayerVariable | undefined;

  constructor(args: DepthwiseConv2DArgs) {
    super(2, args);
    this.depthMultiplier = checkDepthMultiplier(DepthwiseConv2D.className, args.depthMultiplier);
    this.depthwiseSettings = new WeightSettings(args, 'depthwise', 'glorotUniform');
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = this.inputChannels(inputShape);
    this.depthwiseKernel = addDepthwiseKernel(this, this.depthwiseSettings, channels);
    this.buildBias(channels * this.depthMultiplier);
    this.built = true;
  }

  protected outputChannels(inputChannels: number | null): number | null {
    return inputChannels === null ? null : inputChannels * this.depthMultiplier;
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    return depthwiseStep(this, x, (this.depthwiseKernel as LayerVariable).read());
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      ...this.depthwiseSettings.config(),
    };
  }
}

/** Creates a {@link DepthwiseConv2D} layer. @example depthwiseConv2d({ kernelSize: 3 }) */
export function depthwiseConv2d(args: DepthwiseConv2DArgs): DepthwiseConv2D {
  return new DepthwiseConv2D(args);
}
