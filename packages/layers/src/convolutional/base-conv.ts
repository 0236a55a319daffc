import * as activations from '@dendrite/activations';
import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { checkPositiveInteger } from '../positive-integer.js';
import { type Shape, singleShape } from '../shape.js';
import {
  checkDataFormat,
  checkRank,
  convOutputLength,
  type DataFormat,
  joinShape,
  normalizeTuple,
  PADDING_MODES,
  type PaddingMode,
  splitShape,
  toChannelsFirst,
  toChannelsLast,
} from './conv-utils.js';
import { type WeightArgs, WeightSettings } from './weight-config.js';

/**
 * Config shared by every convolution layer; the `bias` (initializer default 'zeros') takes an
 * initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface BaseConvArgs extends LayerArgs, WeightArgs<'bias'> {
  /** Window size: one integer for every spatial axis, or one per axis. */
  readonly kernelSize: number | readonly number[];
  /** Step of the window; one integer or one per axis. @defaultValue 1 */
  readonly strides?: number | readonly number[];
  /** `'valid'` (no padding) or `'same'` (output size = ceil(input / stride)). @defaultValue 'valid' */
  readonly padding?: PaddingMode;
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
  /** Spacing between window taps; cannot exceed 1 together with strides above 1. @defaultValue 1 */
  readonly dilationRate?: number | readonly number[];
  /** Applied to the output. @defaultValue 'linear' */
  readonly activation?: activations.ActivationIdentifier;
  /** @defaultValue true */
  readonly useBias?: boolean;
}

/** Defaults of {@link BaseConvArgs}. */
export const BASE_CONV_DEFAULTS = Object.freeze({
  strides: 1,
  padding: 'valid' as PaddingMode,
  dataFormat: 'channelsLast' as DataFormat,
  dilationRate: 1,
  activation: 'linear',
  useBias: true,
  biasInitializer: 'zeros',
});

/**
 * What every convolution shares: window geometry, data format, bias and activation. Subclasses
 * create their kernels in `build` and write {@link convolve} on channels-last tensors.
 */
export abstract class BaseConv extends Layer {
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  protected readonly biasSettings: WeightSettings;
  bias: LayerVariable | undefined;

  constructor(rank: number, args: BaseConvArgs) {
    super(args);
    const owner = this.getClassName();
    this.rank = rank;
    this.kernelSize = normalizeTuple(owner, 'kernelSize', args?.kernelSize, rank);
    this.strides = normalizeTuple(
      owner,
      'strides',
      args.strides ?? BASE_CONV_DEFAULTS.strides,
      rank,
    );
    this.padding = tf.checkChoice(
      owner,
      'padding',
      args.padding ?? BASE_CONV_DEFAULTS.padding,
      PADDING_MODES,
    );
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
    this.dilationRate = normalizeTuple(
      owner,
      'dilationRate',
      args.dilationRate ?? BASE_CONV_DEFAULTS.dilationRate,
      rank,
    );
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'dilationRate',
          `1 when strides exceed 1 (strides [${this.strides}])`,
          [...this.dilationRate],
        ),
      );
    }
    this.activation = activations.get(args.activation ?? BASE_CONV_DEFAULTS.activation);
    this.useBias = args.useBias ?? BASE_CONV_DEFAULTS.useBias;
    this.biasSettings = new WeightSettings(args, 'bias', BASE_CONV_DEFAULTS.biasInitializer);
  }

  /** Number of output channels for `inputChannels` input channels. */
  protected abstract outputChannels(inputChannels: number | null): number | null;

  /** The convolution itself on a channels-last tensor, without bias or activation. */
  protected abstract convolve(x: tf.Tensor): tf.Tensor;

  /** Input channels of `inputShape`; throws when the shape has the wrong rank or no channel count. */
  protected inputChannels(inputShape: Shape | Shape[]): number {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    const { channels } = splitShape(shape, this.dataFormat);
    if (channels === null) {
      throw new tf.ShapeError(
        `${this.name}: the channels dimension of the input must be known; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
    return channels;
  }

  protected buildBias(channels: number): void {
    if (this.useBias)
      this.bias = this.addWeight('bias', [channels], this.biasSettings.addWeightOptions());
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (x.rank !== this.rank + 2) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of rank ${this.rank + 2}; received shape [${x.shape}]`,
      );
    }
    let y = this.convolve(this.dataFormat === 'channelsFirst' ? toChannelsLast(x) : x);
    if (this.bias) y = tf.add(y, this.bias.read());
    if (this.dataFormat === 'channelsFirst') y = toChannelsFirst(y);
    return this.activation.apply(y);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    const { batch, spatial, channels } = splitShape(shape, this.dataFormat);
    const outSpatial = spatial.map((length, i) =>
      convOutputLength(
        length,
        this.kernelSize[i] as number,
        this.padding,
        this.strides[i] as number,
        this.dilationRate[i] as number,
      ),
    );
    return joinShape(batch, outSpatial, this.outputChannels(channels), this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: activations.serialize(this.activation),
      useBias: this.useBias,
      ...this.biasSettings.config(),
    };
  }
}

/** Reads `filters` (a positive integer) for `owner`. */
export function checkFilters(owner: string, filters: unknown): number {
  return checkPositiveInteger(owner, 'filters', filters);
}
