import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { normalizePairOfPairs } from '../reshaping/pairs.js';
import { type Shape, singleShape } from '../shape.js';
import {
  checkDataFormat,
  checkRank,
  type DataFormat,
  joinShape,
  splitShape,
} from './conv-utils.js';

/** Padding of {@link ZeroPadding2D}: all sides, `[rows, columns]`, or `[[top, bottom], [left, right]]`. */
export type ZeroPadding2DPadding =
  | number
  | readonly [number, number]
  | readonly [readonly [number, number], readonly [number, number]];

/** Config of {@link ZeroPadding2D}. */
export interface ZeroPadding2DArgs extends LayerArgs {
  /** @defaultValue 1 */
  readonly padding?: ZeroPadding2DPadding;
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/**
 * Adds rows and columns of zeros around images.
 * @example zeroPadding2d({ padding: [[1, 0], [2, 2]] }) // [n, 4, 4, c] → [n, 5, 8, c]
 */
export class ZeroPadding2D extends Layer {
  static override readonly className = 'ZeroPadding2D';
  readonly padding: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    this.padding = normalizePairOfPairs('ZeroPadding2D', 'padding', args.padding ?? 1);
    this.dataFormat = checkDataFormat('ZeroPadding2D', args.dataFormat);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkRank(this.name, x.shape, 4, 'images of rank 4');
    const none: [number, number] = [0, 0];
    const pads: Array<[number, number]> =
      this.dataFormat === 'channelsFirst'
        ? [none, none, this.padding[0], this.padding[1]]
        : [none, this.padding[0], this.padding[1], none];
    return tf.pad(x, pads);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, 4, 'images of rank 4');
    const { batch, spatial, channels } = splitShape(shape, this.dataFormat);
    const out = spatial.map((d, i) => {
      const [before, after] = this.padding[i] as [number, number];
      return d === null ? null : d + before + after;
    });
    return joinShape(batch, out, channels, this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      padding: this.padding.map((p) => [...p]),
      dataFormat: this.dataFormat,
    };
  }
}

/** Creates a {@link ZeroPadding2D} layer. @example zeroPadding2d({ padding: 1 }) */
export function zeroPadding2d(args: ZeroPadding2DArgs = {}): ZeroPadding2D {
  return new ZeroPadding2D(args);
}
