import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import {
  checkDataFormat,
  checkRank,
  type DataFormat,
  joinShape,
  normalizeTuple,
  splitShape,
  toChannelsFirst,
  toChannelsLast,
} from './conv-utils.js';

/** Interpolations of {@link UpSampling2D}. */
export type UpSamplingInterpolation = 'nearest' | 'bilinear';

/** Config of {@link UpSampling2D}. */
export interface UpSampling2DArgs extends LayerArgs {
  /** Repeat factors for rows and columns; one integer or two. @defaultValue [2, 2] */
  readonly size?: number | readonly number[];
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
  /** `'nearest'` repeats pixels; `'bilinear'` interpolates with half-pixel centers. @defaultValue 'nearest' */
  readonly interpolation?: UpSamplingInterpolation;
}

/** Defaults of {@link UpSampling2DArgs}. */
export const UP_SAMPLING_2D_DEFAULTS = Object.freeze({
  size: 2,
  dataFormat: 'channelsLast' as DataFormat,
  interpolation: 'nearest' as UpSamplingInterpolation,
});

/**
 * Enlarges images by integer factors: rows × size[0], columns × size[1].
 * @example upSampling2d({ size: [2, 2] }) // [n, 4, 4, c] → [n, 8, 8, c]
 */
export class UpSampling2D extends Layer {
  static override readonly className = 'UpSampling2D';
  readonly size: number[];
  readonly dataFormat: DataFormat;
  readonly interpolation: UpSamplingInterpolation;

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    const owner = UpSampling2D.className;
    this.size = normalizeTuple(owner, 'size', args.size ?? UP_SAMPLING_2D_DEFAULTS.size, 2);
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
    this.interpolation = tf.checkChoice(
      owner,
      'interpolation',
      args.interpolation ?? UP_SAMPLING_2D_DEFAULTS.interpolation,
      ['nearest', 'bilinear'] as const,
    );
  }

  call(inputs: LayerIO): tf.Tensor {
    const input = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkRank(this.name, input.shape, 4, 'images of rank 4');
    const x = (this.dataFormat === 'channelsFirst' ? toChannelsLast(input) : input) as tf.Tensor4D;
    const [n, h, w, c] = x.shape;
    const [sh, sw] = this.size as [number, number];
    let y: tf.Tensor;
    if (this.interpolation === 'nearest') {
      // Repeat by multiplying with broadcast ones: exact, and its gradient is a plain sum on
      // every backend (broadcastTo's gradient goes through Tile, limited to rank 4).
      const expanded = tf.reshape(x, [n * h, 1, w, 1, c]);
      const repeated = tf.mul(expanded, tf.ones([1, sh, 1, sw, 1]));
      y = tf.reshape(repeated, [n, h * sh, w * sw, c]);
    } else {
      // Keras 3 resizes with half-pixel centers (tf.image.resize).
      y = tf.image.resizeBilinear(x, [h * sh, w * sw], false, true);
    }
    return this.dataFormat === 'channelsFirst' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, 4, 'images of rank 4');
    const { batch, spatial, channels } = splitShape(shape, this.dataFormat);
    const out = spatial.map((d, i) => (d === null ? null : d * (this.size[i] as number)));
    return joinShape(batch, out, channels, this.dataFormat);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      size: [...this.size],
      dataFormat: this.dataFormat,
      interpolation: this.interpolation,
    };
  }
}

/** Creates an {@link UpSampling2D} layer. @example upSampling2d({ size: 2, interpolation: 'bilinear' }) */
export function upSampling2d(args: UpSampling2DArgs = {}): UpSampling2D {
  return new UpSampling2D(args);
}
