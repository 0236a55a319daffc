import * as tf from '@dendrite/tensor';
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
} from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { maxPool2d } from './max-pool-op.js';

/** Config of the windowed pooling layers. */
export interface PoolingArgs extends LayerArgs {
  /** Window size: one integer for every spatial axis, or one per axis. @defaultValue 2 */
  readonly poolSize?: number | readonly number[];
  /** Step of the window. @defaultValue poolSize */
  readonly strides?: number | readonly number[] | null;
  /** `'valid'` or `'same'` (windows over the edge see only the real values). @defaultValue 'valid' */
  readonly padding?: PaddingMode;
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link PoolingArgs}. */
export const POOLING_DEFAULTS = Object.freeze({
  poolSize: 2,
  padding: 'valid' as PaddingMode,
  dataFormat: 'channelsLast' as DataFormat,
});

/** Which reduction a pooling window applies. */
export type PoolingMode = 'max' | 'avg';

/**
 * Max or average over sliding windows of 1-D sequences or 2-D images; 1-D pooling runs as
 * 2-D pooling of height 1. Subclasses fix the rank and the reduction.
 */
export abstract class Pooling extends Layer {
  readonly rank: number;
  readonly mode: PoolingMode;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;

  constructor(rank: number, mode: PoolingMode, args: PoolingArgs = {}) {
    super(args);
    const owner = this.getClassName();
    this.rank = rank;
    this.mode = mode;
    this.poolSize = normalizeTuple(
      owner,
      'poolSize',
      args.poolSize ?? POOLING_DEFAULTS.poolSize,
      rank,
    );
    this.strides = normalizeTuple(owner, 'strides', args.strides ?? this.poolSize, rank);
    this.padding = tf.checkChoice(
      owner,
      'padding',
      args.padding ?? POOLING_DEFAULTS.padding,
      PADDING_MODES,
    );
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
  }

  call(inputs: LayerIO): tf.Tensor {
    const input = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkRank(this.name, input.shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    let x = this.dataFormat === 'channelsFirst' ? toChannelsLast(input) : input;
    if (this.rank === 1) x = tf.expandDims(x, 1);
    const size = (this.rank === 1 ? [1, this.poolSize[0]] : this.poolSize) as [number, number];
    const strides = (this.rank === 1 ? [1, this.strides[0]] : this.strides) as [number, number];
    let y: tf.Tensor =
      this.mode === 'max'
        ? maxPool2d(x as tf.Tensor4D, size, strides, this.padding)
        : tf.avgPool(x as tf.Tensor4D, size, strides, this.padding);
    if (this.rank === 1) y = tf.squeeze(y, [1]);
    return this.dataFormat === 'channelsFirst' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    const { batch, spatial, channels } = splitShape(shape, this.dataFormat);
    const out = spatial.map((length, i) =>
      convOutputLength(length, this.poolSize[i] as number, this.padding, this.strides[i] as number),
    );
    return joinShape(batch, out, channels, this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      poolSize: [...this.poolSize],
      padding: this.padding,
      strides: [...this.strides],
      dataFormat: this.dataFormat,
    };
  }
}
