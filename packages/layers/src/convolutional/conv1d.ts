import * as tf from '@dendrite/tensor';
import { Conv, type ConvArgs } from './conv.js';
import { conv2dOp } from './conv-ops.js';

/** Config of {@link Conv1D}. */
export type Conv1DArgs = ConvArgs;

/**
 * 1-D convolution over sequences `[batch, steps, channels]`, kernel
 * `[kernelSize, inputChannels, filters]`; computed as a 2-D convolution of height 1.
 * @example const layer = conv1d({ filters: 8, kernelSize: 5, activation: 'relu' });
 */
export class Conv1D extends Conv {
  static override readonly className = 'Conv1D';

  constructor(args: Conv1DArgs) {
    super(1, args);
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    const kernel = this.kernelFor(x);
    const [size, inC, outC] = kernel.shape as [number, number, number];
    const y = conv2dOp(
      tf.expandDims(x, 1) as tf.Tensor4D,
      tf.reshape(kernel, [1, size, inC, outC]) as tf.Tensor4D,
      {
        strides: [1, this.strides[0] as number],
        padding: this.padding,
        dilations: [1, this.dilationRate[0] as number],
      },
    );
    return tf.squeeze(y, [1]);
  }
}

/** Creates a {@link Conv1D} layer. @example conv1d({ filters: 8, kernelSize: 3 }) */
export function conv1d(args: Conv1DArgs): Conv1D {
  return new Conv1D(args);
}
