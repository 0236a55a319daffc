import * as tf from '@dendrite/tensor';
import type { Shape } from '../shape.js';
import { Conv, type ConvArgs } from './conv.js';
import { conv2dOp } from './conv-ops.js';
import { PADDING_MODES, type PaddingMode } from './conv-utils.js';

/** Padding modes of {@link Conv1D}: the 2-D ones plus `'causal'`. */
export type Conv1DPadding = PaddingMode | 'causal';

/** Valid values of Conv1D's `padding`. */
const CONV1D_PADDING_MODES: readonly Conv1DPadding[] = [...PADDING_MODES, 'causal'];

/** Config of {@link Conv1D}. */
export interface Conv1DArgs extends Omit<ConvArgs, 'padding'> {
  /**
   * `'valid'`, `'same'`, or `'causal'`: left-pads by `dilationRate * (kernelSize - 1)` zeros so
   * output step t sees only inputs up to t (van den Oord et al., 2016, WaveNet).
   * @defaultValue 'valid'
   */
  readonly padding?: Conv1DPadding;
}

// The base class knows 'valid' and 'same' only: causal is a left pad followed by 'valid'.
function baseArgs(args: Conv1DArgs): ConvArgs {
  if (args?.padding === undefined) return args as ConvArgs;
  const padding = tf.checkChoice('Conv1D', 'padding', args.padding, CONV1D_PADDING_MODES);
  return { ...args, padding: padding === 'causal' ? 'valid' : padding };
}

/**
 * 1-D convolution over sequences `[batch, steps, channels]`, kernel
 * `[kernelSize, inputChannels, filters]`; computed as a 2-D convolution of height 1.
 * @example const layer = conv1d({ filters: 8, kernelSize: 5, activation: 'relu' });
 */
export class Conv1D extends Conv {
  static override readonly className = 'Conv1D';
  /** Whether `padding` is `'causal'` (then {@link padding} reads `'valid'`, applied after the left pad). */
  readonly causal: boolean;

  constructor(args: Conv1DArgs) {
    super(1, baseArgs(args));
    this.causal = args.padding === 'causal';
  }

  /** Zeros added before the first step in causal mode. */
  private get causalPad(): number {
    return this.causal
      ? (this.dilationRate[0] as number) * ((this.kernelSize[0] as number) - 1)
      : 0;
  }

  protected convolve(x: tf.Tensor): tf.Tensor {
    const input = this.causal
      ? tf.pad(x, [
          [0, 0],
          [this.causalPad, 0],
          [0, 0],
        ])
      : x;
    return this.perGroup(input, this.kernelFor(x), (part, kernel) => {
      const [size, inC, outC] = kernel.shape as [number, number, number];
      const y = conv2dOp(
        tf.expandDims(part, 1) as tf.Tensor4D,
        tf.reshape(kernel, [1, size, inC, outC]) as tf.Tensor4D,
        {
          strides: [1, this.strides[0] as number],
          padding: this.padding,
          dilations: [1, this.dilationRate[0] as number],
        },
      );
      return tf.squeeze(y, [1]);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    if (!this.causal || inputShape.length !== 3 || Array.isArray(inputShape[0])) {
      return super.computeOutputShape(inputShape);
    }
    const stepsAxis = this.dataFormat === 'channelsFirst' ? 2 : 1;
    const padded = (inputShape as Shape).map((dim, i) =>
      i === stepsAxis && dim !== null ? dim + this.causalPad : dim,
    );
    return super.computeOutputShape(padded);
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), ...(this.causal ? { padding: 'causal' } : {}) };
  }
}

/** Creates a {@link Conv1D} layer. @example conv1d({ filters: 8, kernelSize: 3, padding: 'causal' }) */
export function conv1d(args: Conv1DArgs): Conv1D {
  return new Conv1D(args);
}
