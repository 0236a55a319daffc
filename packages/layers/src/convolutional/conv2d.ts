import type * as tf from '@dendrite/tensor';
import { isDataInput } from '../data-inputs.js';
import { Conv, type ConvArgs } from './conv.js';
import { conv2dOp } from './conv-ops.js';

/** Config of {@link Conv2D}. */
export type Conv2DArgs = ConvArgs;

/**
 * 2-D convolution over images: `activation(conv(x, kernel) + bias)`, kernel
 * `[kernelH, kernelW, inputChannels, filters]`. Trains on every backend, wasm included.
 * @example const layer = conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' });
 */
export class Conv2D extends Conv {
  static override readonly className = 'Conv2D';

  constructor(args: Conv2DArgs) {
    super(2, args);
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    // A batch of data needs no gradient: the first layer skips its transposed convolution.
    const inputGradient = !isDataInput(x);
    return this.perGroup(x, this.kernelFor(x), (part, kernel) =>
      conv2dOp(part as tf.Tensor4D, kernel as tf.Tensor4D, {
        strides: [this.strides[0] as number, this.strides[1] as number],
        padding: this.padding,
        dilations: [this.dilationRate[0] as number, this.dilationRate[1] as number],
        inputGradient,
      }),
    );
  }
}

/** Creates a {@link Conv2D} layer. @example conv2d({ filters: 16, kernelSize: [3, 3] }) */
export function conv2d(args: Conv2DArgs): Conv2D {
  return new Conv2D(args);
}
