import * as tf from '@dendrite/tensor';
import {
  checkDataFormat,
  type DataFormat,
  joinShape,
  splitShape,
} from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { checkInputRank, croppedLength, normalizePairOfPairs, type PairOfPairs } from './pairs.js';

/** Config of {@link Cropping2D}. */
export interface Cropping2DArgs extends LayerArgs {
  /** Rows and columns cut: `n`, `[rows, columns]` or `[[top, bottom], [left, right]]`. @defaultValue [[0, 0], [0, 0]] */
  readonly cropping?: PairOfPairs;
  /** Where the channels axis of the images is. @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link Cropping2DArgs}. */
export const CROPPING_2D_DEFAULTS = Object.freeze({
  cropping: 0,
  dataFormat: 'channelsLast' as DataFormat,
});

/**
 * Cuts rows and columns off the edges of images.
 * @example cropping2d({ cropping: [[2, 2], [4, 4]] }) // [n, 28, 28, c] → [n, 24, 20, c]
 */
export class Cropping2D extends Layer {
  static override readonly className = 'Cropping2D';
  readonly cropping: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: Cropping2DArgs = {}) {
    super(args);
    this.cropping = normalizePairOfPairs(
      'Cropping2D',
      'cropping',
      args.cropping ?? CROPPING_2D_DEFAULTS.cropping,
    );
    this.dataFormat = checkDataFormat('Cropping2D', args.dataFormat);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const out = this.computeOutputShape(x.shape);
    const [[top], [left]] = this.cropping;
    const begin = this.dataFormat === 'channelsFirst' ? [0, 0, top, left] : [0, top, left, 0];
    return tf.slice(x, begin, out as number[]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkInputRank(this.name, shape, 4);
    const { batch, spatial, channels } = splitShape(shape, this.dataFormat);
    const out = spatial.map((length, i) =>
      croppedLength(this.name, shape, length, this.cropping[i] as [number, number]),
    );
    return joinShape(batch, out, channels, this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      cropping: this.cropping.map((pair) => [...pair]),
      dataFormat: this.dataFormat,
    };
  }
}

/** Creates a {@link Cropping2D} layer. @example cropping2d({ cropping: 1 }) */
export function cropping2d(args: Cropping2DArgs = {}): Cropping2D {
  return new Cropping2D(args);
}
