import * as tf from '@dendrite/tensor';
import { type Shape, singleShape } from '../shape.js';
import { Conv, type ConvArgs } from './conv.js';
import { conv2dTransposeOp } from './conv-ops.js';
import {
  checkRank,
  deconvOutputLength,
  joinShape,
  normalizeTuple,
  splitShape,
} from './conv-utils.js';

/** Config of {@link Conv2DTranspose}. */
export interface Conv2DTransposeArgs extends ConvArgs {
  /**
   * Extra rows/columns added to one side of the output, each below the stride along its axis.
   * @defaultValue none (the output size is inferred as in Keras)
   */
  readonly outputPadding?: number | readonly number[] | null;
}

/**
 * Transposed 2-D convolution ("deconvolution"): the gradient of a convolution with respect to
 * its input, used to upsample. Kernel `[kernelH, kernelW, filters, inputChannels]` as in Keras;
 * dilation rates other than 1 are not supported.
 * @example const up = conv2dTranspose({ filters: 16, kernelSize: 3, strides: 2, padding: 'same' });
 */
export class Conv2DTranspose extends Conv {
  static override readonly className = 'Conv2DTranspose';
  readonly outputPadding: number[] | null;

  constructor(args: Conv2DTransposeArgs) {
    super(2, args);
    const owner = Conv2DTranspose.className;
    if (this.groups !== 1) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'groups',
          '1 (Keras has no grouped transposed convolution)',
          args.groups,
        ),
      );
    }
    if (this.dilationRate.some((d) => d !== 1)) {
      throw new tf.ConfigError(tf.configMessage(owner, 'dilationRate', '1', args.dilationRate));
    }
    const padding = args.outputPadding ?? null;
    this.outputPadding =
      padding === null
        ? null
        : normalizeTuple(owner, 'outputPadding', padding, 2, { allowZero: true });
    if (this.outputPadding?.some((p, i) => p >= (this.strides[i] as number))) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'outputPadding',
          `values below the strides [${this.strides}]`,
          args.outputPadding,
        ),
      );
    }
  }

  protected override kernelShape(inputChannels: number): number[] {
    return [...this.kernelSize, this.filters, inputChannels];
  }

  private outputSpatial(spatial: ReadonlyArray<number | null>): Array<number | null> {
    return spatial.map((length, i) =>
      deconvOutputLength(
        length,
        this.kernelSize[i] as number,
        this.padding,
        this.strides[i] as number,
        this.outputPadding?.[i] ?? null,
      ),
    );
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    const kernel = this.kernelFor(x, 3);
    const [height, width] = this.outputSpatial([x.shape[1] as number, x.shape[2] as number]) as [
      number,
      number,
    ];
    return conv2dTransposeOp(
      x as tf.Tensor4D,
      kernel as tf.Tensor4D,
      [x.shape[0] as number, height, width, this.filters],
      {
        strides: [this.strides[0] as number, this.strides[1] as number],
        padding: this.padding,
        dilations: [1, 1],
      },
    );
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, 4, 'inputs of rank 4');
    const { batch, spatial } = splitShape(shape, this.dataFormat);
    return joinShape(batch, this.outputSpatial(spatial), this.filters, this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    const { dilationRate: _, groups: __, ...config } = super.getConfig();
    return { ...config, outputPadding: this.outputPadding ? [...this.outputPadding] : null };
  }
}

/** Creates a {@link Conv2DTranspose} layer. @example conv2dTranspose({ filters: 8, kernelSize: 2, strides: 2 }) */
export function conv2dTranspose(args: Conv2DTransposeArgs): Conv2DTranspose {
  return new Conv2DTranspose(args);
}
