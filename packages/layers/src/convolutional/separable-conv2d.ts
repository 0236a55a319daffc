import type * as tf from '@dendrite/tensor';
import type { LayerVariable } from '../layer-variable.js';
import type { Shape } from '../shape.js';
import { BaseConv, checkFilters } from './base-conv.js';
import { conv2dOp } from './conv-ops.js';
import {
  addDepthwiseKernel,
  checkDepthMultiplier,
  type DepthwiseConv2DArgs,
  depthwiseStep,
} from './depthwise-conv2d.js';
import { type WeightArgs, WeightSettings } from './weight-config.js';

/**
 * Config of {@link SeparableConv2D}; the `pointwise` kernel (initializer default 'glorotUniform')
 * takes an initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface SeparableConv2DArgs extends DepthwiseConv2DArgs, WeightArgs<'pointwise'> {
  /** Number of output channels; a positive integer. */
  readonly filters: number;
}

/**
 * Depthwise-separable 2-D convolution (Chollet 2017, "Xception"): a depthwise convolution
 * (`[kernelH, kernelW, inputChannels, depthMultiplier]`) followed by a 1×1 pointwise one
 * (`[1, 1, inputChannels × depthMultiplier, filters]`), then bias and activation.
 * @example const layer = separableConv2d({ filters: 64, kernelSize: 3, padding: 'same' });
 */
export class SeparableConv2D extends BaseConv {
  static override readonly className = 'SeparableConv2D';
  readonly filters: number;
  readonly depthMultiplier: number;
  protected readonly depthwiseSettings: WeightSettings;
  protected readonly pointwiseSettings: WeightSettings;
  depthwiseKernel: LayerVariable | undefined;
  pointwiseKernel: LayerVariable | undefined;

  constructor(args: SeparableConv2DArgs) {
    super(2, args);
    const owner = SeparableConv2D.className;
    this.filters = checkFilters(owner, args.filters);
    this.depthMultiplier = checkDepthMultiplier(owner, args.depthMultiplier);
    this.depthwiseSettings = new WeightSettings(args, 'depthwise', 'glorotUniform');
    this.pointwiseSettings = new WeightSettings(args, 'pointwise', 'glorotUniform');
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = this.inputChannels(inputShape);
    this.depthwiseKernel = addDepthwiseKernel(this, this.depthwiseSettings, channels);
    this.pointwiseKernel = this.addWeight(
      'pointwise_kernel',
      [1, 1, channels * this.depthMultiplier, this.filters],
      this.pointwiseSettings.addWeightOptions(),
    );
    this.buildBias(this.filters);
    this.built = true;
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    const depthwise = depthwiseStep(this, x, (this.depthwiseKernel as LayerVariable).read());
    return conv2dOp(
      depthwise as tf.Tensor4D,
      (this.pointwiseKernel as LayerVariable).read() as tf.Tensor4D,
      {
        strides: [1, 1],
        padding: 'valid',
        dilations: [1, 1],
      },
    );
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      depthMultiplier: this.depthMultiplier,
      ...this.depthwiseSettings.config(),
      ...this.pointwiseSettings.config(),
    };
  }
}

/** Creates a {@link SeparableConv2D} layer. @example separableConv2d({ filters: 32, kernelSize: 3 }) */
export function separableConv2d(args: SeparableConv2DArgs): SeparableConv2D {
  return new SeparableConv2D(args);
}
